"""A fast yes/no check of a document against a content schema, for documents that are valid.

jsonschema builds an error object, a path and a child validator at every keyword, also when
nothing is wrong; at national scale (30,000 offers, 60,000 rules) that was most of `referral
validate`. Nearly every document is valid, so `referral.schemas.validate` first asks this check
and lets jsonschema produce its exact messages only for a document that fails it.

The schema is compiled once into nested closures that return True or False, with the meaning
jsonschema gives each keyword (draft 2020-12, the same registry of our schema files, the same
format checker, jsonschema's own equality for enum, const and uniqueItems). The answer must be
exact, not merely cautious, because `oneOf`, `not` and `if` turn a wrong False into a wrong True.
A schema that uses a keyword not handled here is not compiled (`compile_check` returns None), and
validation then takes jsonschema's route alone.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

# Keywords that never change validity (annotations) or only hold definitions. `$id` is not among
# them: it would change how the `$ref`s below it resolve, which this module does not follow.
_IGNORED = frozenset({"$schema", "$comment", "$defs", "title", "description", "default", "examples", "deprecated"})
_HANDLED = frozenset(
    {
        "type",
        "enum",
        "const",
        "properties",
        "required",
        "additionalProperties",
        "propertyNames",
        "minProperties",
        "maxProperties",
        "items",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minLength",
        "maxLength",
        "pattern",
        "minimum",
        "maximum",
        "format",
        "$ref",
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "if",
        "then",
        "else",
    }
)


class Unsupported(Exception):
    """The schema uses something this check does not implement: jsonschema alone decides."""


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and value.is_integer()


# The draft 2020-12 type checker of jsonschema, type by type.
_TYPES: dict[str, Check] = {
    "string": lambda value: isinstance(value, str),
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
    "number": _is_number,
    "integer": _is_integer,
}


def compile_check(schema: Any, resolver: Any, format_checker: Any) -> Check | None:
    """The yes/no check of `schema` (its `$ref`s looked up with the `referencing` resolver), or
    None when the schema uses a keyword this module does not implement."""
    try:
        return _Compiler(format_checker).compile(schema, resolver)
    except Unsupported:
        return None


class _Compiler:
    def __init__(self, format_checker: Any) -> None:
        self.format_checker = format_checker
        # A schema reached through $ref, by identity: compiled once, and recursion (conditions
        # inside conditions) goes through the cell that is filled in when it is done.
        self.cells: dict[int, list[Check]] = {}

    def compile(self, schema: Any, resolver: Any) -> Check:
        if schema is True:
            return lambda value: True
        if schema is False:
            return lambda value: False
        if not isinstance(schema, dict):
            raise Unsupported(repr(schema)[:40])
        unknown = set(schema) - _HANDLED - _IGNORED
        if unknown:
            raise Unsupported(", ".join(sorted(unknown)))
        checks: list[Check] = []
        for keyword in schema:
            if keyword in _IGNORED or keyword in ("then", "else"):
                continue
            checks.append(self._keyword(keyword, schema[keyword], schema, resolver))
        if not checks:
            return lambda value: True
        if len(checks) == 1:
            return checks[0]
        if len(checks) == 2:
            first, second = checks
            return lambda value: first(value) and second(value)
        return _all_of(tuple(checks))

    def _ref(self, ref: str, resolver: Any) -> Check:
        resolved = resolver.lookup(ref)
        key = id(resolved.contents)
        cell = self.cells.get(key)
        if cell is None:
            cell = []
            self.cells[key] = cell
            cell.append(self.compile(resolved.contents, resolved.resolver))
        return lambda value: cell[0](value)

    def _keyword(self, keyword: str, arg: Any, schema: dict[str, Any], resolver: Any) -> Check:
        compile_ = self.compile
        if keyword == "type":
            kinds = [arg] if isinstance(arg, str) else list(arg)
            if any(kind not in _TYPES for kind in kinds):
                raise Unsupported(f"type {kinds}")
            if len(kinds) == 1:
                return _TYPES[kinds[0]]
            return _any_of(tuple(_TYPES[kind] for kind in kinds))
        if keyword == "enum":
            return _enum(list(arg))
        if keyword == "const":
            return _enum([arg])
        if keyword == "properties":
            return self._properties(schema, resolver)
        if keyword == "additionalProperties":
            if "properties" in schema:
                return lambda value: True  # checked together with the properties
            if "patternProperties" in schema:
                raise Unsupported("patternProperties")
            return self._properties(schema, resolver)
        if keyword == "required":
            names = tuple(arg)
            return lambda value: not isinstance(value, dict) or all(name in value for name in names)
        if keyword == "propertyNames":
            check = compile_(arg, resolver)
            return lambda value: not isinstance(value, dict) or all(check(key) for key in value)
        if keyword in ("minProperties", "minItems", "minLength"):
            kind = {"minProperties": dict, "minItems": list, "minLength": str}[keyword]
            least = arg
            return lambda value: not isinstance(value, kind) or len(value) >= least
        if keyword in ("maxProperties", "maxItems", "maxLength"):
            kind = {"maxProperties": dict, "maxItems": list, "maxLength": str}[keyword]
            most = arg
            return lambda value: not isinstance(value, kind) or len(value) <= most
        if keyword == "items":
            if "prefixItems" in schema:
                raise Unsupported("prefixItems")
            check = compile_(arg, resolver)

            def items(value: Any) -> bool:
                if isinstance(value, list):
                    for item in value:
                        if not check(item):
                            return False
                return True

            return items
        if keyword == "uniqueItems":
            if not arg:
                return lambda value: True
            from jsonschema._utils import uniq

            return lambda value: not isinstance(value, list) or bool(uniq(value))
        if keyword == "pattern":
            search = re.compile(arg).search
            return lambda value: not isinstance(value, str) or search(value) is not None
        if keyword == "minimum":
            bound = arg
            return lambda value: not _is_number(value) or not value < bound
        if keyword == "maximum":
            bound = arg
            return lambda value: not _is_number(value) or not value > bound
        if keyword == "format":
            checker = self.format_checker
            if checker is None:
                return lambda value: True
            name = arg
            return lambda value: bool(checker.conforms(value, name))
        if keyword == "$ref":
            return self._ref(arg, resolver)
        if keyword in ("allOf", "anyOf", "oneOf"):
            parts = tuple(compile_(part, resolver) for part in arg)
            if keyword == "allOf":
                return _all_of(parts)
            if keyword == "anyOf":
                return _any_of(parts)
            return _one_of(parts)
        if keyword == "not":
            negated = compile_(arg, resolver)
            return lambda value: not negated(value)
        if keyword == "if":
            condition = compile_(arg, resolver)
            then = compile_(schema["then"], resolver) if "then" in schema else None
            otherwise = compile_(schema["else"], resolver) if "else" in schema else None

            def if_then_else(value: Any) -> bool:
                if condition(value):
                    return then is None or then(value)
                return otherwise is None or otherwise(value)

            return if_then_else
        raise Unsupported(keyword)  # pragma: no cover - _HANDLED lists only the keywords above

    def _properties(self, schema: dict[str, Any], resolver: Any) -> Check:
        """`properties` and `additionalProperties` in one pass over the keys of the instance."""
        known = {name: self.compile(sub, resolver) for name, sub in schema.get("properties", {}).items()}
        extra_schema = schema.get("additionalProperties", True)
        extra: Check | None = None if extra_schema is True else self.compile(extra_schema, resolver)

        def properties(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for key, item in value.items():
                check = known.get(key)
                if check is None:
                    if extra is not None and not extra(item):
                        return False
                elif not check(item):
                    return False
            return True

        return properties


# Loops rather than all()/any() over a generator: these run for every node of 30,000 offers, and
# a generator costs more than the checks themselves. The answers are the same (checks are pure).


def _all_of(checks: tuple[Check, ...]) -> Check:
    def all_of(value: Any) -> bool:
        for check in checks:  # noqa: SIM110 - a loop, not all() over a generator: see above
            if not check(value):
                return False
        return True

    return all_of


def _any_of(checks: tuple[Check, ...]) -> Check:
    def any_of(value: Any) -> bool:
        for check in checks:  # noqa: SIM110 - a loop, not any() over a generator: see above
            if check(value):
                return True
        return False

    return any_of


def _one_of(checks: tuple[Check, ...]) -> Check:
    def one_of(value: Any) -> bool:
        found = 0
        for check in checks:
            if check(value):
                found += 1
                if found > 1:
                    return False
        return found == 1

    return one_of


def _enum(choices: list[Any]) -> Check:
    """`enum` (and `const`) with jsonschema's equality: True is not 1, 1 is 1.0."""
    if choices and all(type(choice) is str for choice in choices):
        texts = frozenset(choices)
        return lambda value: isinstance(value, str) and value in texts
    from jsonschema._utils import equal

    return lambda value: any(equal(value, choice) for choice in choices)
