"""Compiling declarative conditions from YAML: all / any / not, `{ref: name}`, and atomic tests.

There is deliberately no expression language: sets of values, ranges and booleans combined
with all / any / not. That keeps every rule checkable (`validate`, `lint`) and explainable
("why not X?") in plain words. Evaluation is the engine's (`referral.engine`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from referral.core.model import ALWAYS, AllOf, AnyOf, Condition, Named, Not, Signal, Test, Vocabulary
from referral.core.problems import Problem
from referral.core.vocabulary import lookup, suggest
from referral.core.yamlsource import Document, PathKey

_OPS_BY_KIND = {
    "boolean": {"is", "known"},
    "enum": {"is", "in", "known"},
    "set": {"includes", "known"},
    "integer": {"min", "max", "known"},
}


def compile_condition(
    data: Any,
    path: PathKey,
    doc: Document,
    vocabulary: Vocabulary,
    problems: list[Problem],
    definitions: Mapping[str, Named] | None = None,
) -> Condition:
    """Build a Condition from schema-valid data, appending vocabulary problems (with positions).

    `{ref: name}` takes a definition of the vocabulary (`definitions`, else `vocabulary.definitions`).
    """
    if data is None:
        return ALWAYS
    named = definitions if definitions is not None else vocabulary.definitions
    if "ref" in data:
        found = named.get(data["ref"])
        if found is None:
            problems.append(
                doc.problem(
                    "content.unknown_definition",
                    (*path, "ref"),
                    name=str(data["ref"]),
                    suggestion=suggest(str(data["ref"]), named),
                    choices=sorted(named),
                )
            )
            return ALWAYS
        return found
    if "all" in data:
        return AllOf(
            tuple(
                compile_condition(item, (*path, "all", i), doc, vocabulary, problems, named)
                for i, item in enumerate(data["all"])
            )
        )
    if "any" in data:
        return AnyOf(
            tuple(
                compile_condition(item, (*path, "any", i), doc, vocabulary, problems, named)
                for i, item in enumerate(data["any"])
            )
        )
    if "not" in data:
        return Not(compile_condition(data["not"], (*path, "not"), doc, vocabulary, problems, named))
    return _compile_test(data, path, doc, vocabulary, problems)


def _compile_test(
    data: dict[str, Any], path: PathKey, doc: Document, vocabulary: Vocabulary, problems: list[Problem]
) -> Test:
    signal_id = data["signal"]
    signal = vocabulary.signal(signal_id)
    ops = set(data) - {"signal"}
    if signal is None:
        canonical = _signal_of_alias(str(signal_id), vocabulary)
        if canonical is not None:
            # Rules keep the one fixed name so that a search, lint and diff find every rule
            # about a signal; the casus's Dutch field names are for the people who type them.
            problems.append(
                doc.problem(
                    "content.signal_alias",
                    (*path, "signal"),
                    signal=signal_id,
                    canonical=canonical,
                    hint="content.signal_alias.hint",
                    hint_args={"canonical": canonical},
                )
            )
            return Test(signal_id, "known", (True,))
        guess = suggest(signal_id, vocabulary.signals)
        problems.append(
            doc.problem(
                "content.unknown_signal",
                (*path, "signal"),
                signal=signal_id,
                suggestion=guess,
            )
        )
        return Test(signal_id, "known", (True,))
    allowed = set(_OPS_BY_KIND[signal.kind])
    if signal.ordered:
        allowed |= {"at_least", "at_most"}
    fits = ops <= allowed and (len(ops) == 1 or ops == {"min", "max"})
    if not fits:
        problems.append(
            doc.problem(
                "content.bad_test",
                path,
                test=", ".join(sorted(ops)),
                signal=signal_id,
                kind=signal.kind,
                hint="hint.choose_from",
                hint_args={"choices": ", ".join(sorted(allowed))},
            )
        )
        return Test(signal_id, "known", (True,))
    if ops == {"min"} or ops == {"max"} or ops == {"min", "max"}:
        return Test(signal_id, "range", (), data.get("min"), data.get("max"))
    (op,) = ops
    raw = data[op]
    if op == "known":
        return Test(signal_id, "known", (bool(raw),))
    if signal.kind == "boolean":
        if not isinstance(raw, bool):
            problems.append(doc.problem("content.bad_test", (*path, op), test=op, signal=signal_id, kind="boolean"))
        return Test(signal_id, "is", (bool(raw),))
    values = raw if isinstance(raw, list) else [raw]
    checked = tuple(
        check_value(signal, value, (*path, op, i) if isinstance(raw, list) else (*path, op), doc, problems)
        for i, value in enumerate(values)
    )
    if op == "is":
        op = "in"
    return Test(signal_id, op, checked)


def _signal_of_alias(name: str, vocabulary: Vocabulary) -> str | None:
    """The signal id that a casus knows as `name` ('leeftijd' -> 'age', 'eenzaamheid.sociaal')."""
    head, _, tail = name.partition(".")
    group = {alias: own for own, aliases in vocabulary.field_group_aliases.items() for alias in aliases}.get(head, head)
    for signal_id, signal in vocabulary.signals.items():
        own_head, _, own_tail = signal_id.partition(".")
        if tail:
            if own_tail and own_head == group and tail in (own_tail, *signal.field_aliases):
                return signal_id
        elif not own_tail and name in signal.field_aliases:
            return signal_id
    return None


def check_value(signal: Signal, value: Any, path: PathKey, doc: Document, problems: list[Problem]) -> str:
    """`value` as text; a problem (with a did-you-mean) when it is not a canonical id of `signal`."""
    text = str(value)
    if signal.value(text) is not None:
        return text
    found = lookup(signal, text)
    if found.value is not None:
        # An alias or label the casus accepts ('marokkaans'): rules keep the fixed value, as above.
        problems.append(
            doc.problem(
                "content.value_alias",
                path,
                signal=signal.id,
                value=text,
                canonical=found.value,
                hint="content.signal_alias.hint",
                hint_args={"canonical": found.value},
            )
        )
        return text
    guess = found.suggestion
    problems.append(
        doc.problem(
            "content.unknown_value",
            path,
            signal=signal.id,
            value=text,
            suggestion=guess,
            choices=signal.value_ids(),
        )
    )
    return text
