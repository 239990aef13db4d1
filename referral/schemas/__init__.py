"""JSON Schemas of the content and the casus (package data), and validation at YAML positions.

jsonschema is imported only when content is validated, so that a plain `match` on cached
content does not pay for it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from referral.core.problems import Problem
from referral.core.vocabulary import suggest
from referral.core.yamlsource import Document, PathKey

if TYPE_CHECKING:  # pragma: no cover
    from jsonschema.exceptions import ValidationError

SCHEMA_DIR = Path(__file__).parent
CONTENT_SCHEMAS = ("common", "vocabulary", "scales", "offer", "rules", "testcases")


@cache
def load_schema(name: str) -> dict[str, Any]:
    with open(SCHEMA_DIR / f"{name}.schema.json", encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@cache
def field_names() -> frozenset[str]:
    """Every property name the content schemas define: the keys a message may name."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict):
                found.update(properties)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for name in CONTENT_SCHEMAS:
        walk(load_schema(name))
    return frozenset(found)


def is_field_name(key: str) -> bool:
    return key in field_names()


@cache
def _registry() -> Any:
    """Our schema files by name, so that `common.schema.json#/$defs/...` resolves."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    registry: Registry[Any] = Registry().with_resources(
        (f"{other}.schema.json", Resource.from_contents(load_schema(other), default_specification=DRAFT202012))
        for other in CONTENT_SCHEMAS
    )
    return registry


@cache
def _validator(name: str) -> Any:
    import jsonschema

    cls = jsonschema.validators.validator_for(load_schema(name))
    return cls(load_schema(name), registry=_registry(), format_checker=cls.FORMAT_CHECKER)


@cache
def _fast_check(name: str) -> Callable[[Any], bool] | None:
    """The compiled yes/no check of a schema (`referral.schemas.fast`), or None if it has none."""
    from referencing import Resource
    from referencing.jsonschema import DRAFT202012

    from referral.schemas.fast import compile_check

    schema = load_schema(name)
    root = Resource.from_contents(schema, default_specification=DRAFT202012)
    return compile_check(schema, _registry().resolver_with_root(root), _validator(name).format_checker)


def validate(doc: Document, schema: str) -> list[Problem]:
    """Every schema violation of `doc`, each at the line:column of the offending node.

    A valid document is recognised by the compiled check; jsonschema, which is many times
    slower, only runs for a document that fails it, and gives the messages.
    """
    from jsonschema.exceptions import best_match

    check = _fast_check(schema)
    if check is not None and check(doc.value):
        return []
    problems = []
    for error in _validator(schema).iter_errors(doc.value):
        if error.context:
            error = best_match(error.context)
        problems.append(_problem(error, doc))
    return sorted(set(problems), key=Problem.sort_key)


_TYPE_WORDS = {
    "string": "type.text",
    "integer": "type.integer",
    "number": "type.integer",
    "boolean": "type.boolean",
    "array": "type.list",
    "object": "type.mapping",
    "null": "type.empty",
}


def _problem(error: ValidationError, doc: Document) -> Problem:
    path: PathKey = tuple(error.absolute_path)
    validator = str(error.validator)
    field = str(path[-1]) if path else ""
    schema = error.schema if isinstance(error.schema, dict) else {}
    if validator == "required":
        missing = next((name for name in error.validator_value if name not in error.instance), "?")
        return doc.problem("schema.required", path, field=missing)
    if validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list(schema.get("properties", {}))
        extra = sorted(str(k) for k in error.instance if k not in allowed)
        name = extra[0] if extra else "?"
        guess = suggest(name, allowed) if allowed else None
        return doc.problem(
            "schema.unknown_field",
            (*path, "@key", name),
            field=name,
            suggestion=guess,
            choices=allowed or None,
        )
    if validator == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        words = [_TYPE_WORDS.get(str(t), str(t)) for t in expected if t != "null"]
        mark = doc.mark(path)
        quote_hint = "string" in expected and mark is not None and mark.plain and not isinstance(error.instance, str)
        return doc.problem(
            "schema.type",
            path,
            field=field,
            expected=words[0] if words else "type.empty",
            hint="schema.quote_hint" if quote_hint else None,
            hint_args={"text": mark.text if mark else ""},
        )
    if validator in ("enum", "const"):
        choices = error.validator_value if validator == "enum" else [error.validator_value]
        guess = suggest(str(error.instance), [str(c) for c in choices]) if isinstance(error.instance, str) else None
        return doc.problem(
            "schema.enum",
            path,
            field=field,
            suggestion=guess,
            choices=choices,
        )
    if validator == "pattern":
        mark = doc.mark(path)
        return doc.problem(
            "schema.pattern",
            path,
            field=field,
            hint="schema.describe" if schema.get("description") else None,
            hint_args={"text": schema.get("description", ""), "raw": mark.text if mark else ""},
        )
    if validator in ("minItems", "minLength", "minProperties"):
        return doc.problem("schema.empty", path, field=field)
    if validator in ("minimum", "maximum"):
        return doc.problem("schema.range", path, field=field, bound=error.validator_value)
    if validator == "uniqueItems":
        return doc.problem("schema.unique", path, field=field)
    if validator == "maxProperties":
        return doc.problem("schema.one_test", path)
    if validator == "format":
        return doc.problem("schema.format", path, field=field, format=error.validator_value)
    return doc.problem("schema.other", path, field=field, detail=error.message[:200])
