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


def check_value(signal: Signal, value: Any, path: PathKey, doc: Document, problems: list[Problem]) -> str:
    """`value` as text; a problem (with a did-you-mean) when it is not a canonical id of `signal`."""
    text = str(value)
    if signal.value(text) is not None:
        return text
    found = lookup(signal, text)
    guess = found.value or found.suggestion
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
