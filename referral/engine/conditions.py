"""Declarative conditions: compile from YAML, evaluate against a casus, explain a failure.

There is deliberately no expression language: sets of values, ranges and booleans combined
with all / any / not. That keeps every rule checkable (`validate`, `lint`) and explainable
("why not X?") in plain words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from referral.core.i18n import translate
from referral.core.model import ALWAYS, AllOf, AnyOf, Condition, Not, Signal, Test, Vocabulary
from referral.core.problems import Problem
from referral.core.vocabulary import lookup, suggest
from referral.core.yamlsource import Document, PathKey

Signals = Mapping[str, Any]

_OPS_BY_KIND = {
    "boolean": {"is", "known"},
    "enum": {"is", "in", "known"},
    "set": {"includes", "known"},
    "integer": {"min", "max", "known"},
}


# --- compiling ---------------------------------------------------------------------------


def compile_condition(
    data: Any, path: PathKey, doc: Document, vocabulary: Vocabulary, problems: list[Problem]
) -> Condition:
    """Build a Condition from schema-valid data, appending vocabulary problems (with positions)."""
    if data is None:
        return ALWAYS
    if "all" in data:
        return AllOf(
            tuple(
                compile_condition(item, (*path, "all", i), doc, vocabulary, problems)
                for i, item in enumerate(data["all"])
            )
        )
    if "any" in data:
        return AnyOf(
            tuple(
                compile_condition(item, (*path, "any", i), doc, vocabulary, problems)
                for i, item in enumerate(data["any"])
            )
        )
    if "not" in data:
        return Not(compile_condition(data["not"], (*path, "not"), doc, vocabulary, problems))
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


# --- evaluating --------------------------------------------------------------------------


def holds(condition: Condition, signals: Signals, vocabulary: Vocabulary) -> bool:
    """Does the casus satisfy the condition? A test on a signal the casus lacks is false."""
    if isinstance(condition, Test):
        return test_holds(condition, signals, vocabulary)
    if isinstance(condition, AllOf):
        return all(holds(item, signals, vocabulary) for item in condition.items)
    if isinstance(condition, AnyOf):
        return any(holds(item, signals, vocabulary) for item in condition.items)
    return not holds(condition.item, signals, vocabulary)


def test_holds(test: Test, signals: Signals, vocabulary: Vocabulary) -> bool:
    value = signals.get(test.signal)
    if test.op == "known":
        return (value is not None) == test.values[0]
    if value is None:
        return False
    if test.op == "is":
        return bool(value == test.values[0])
    if test.op == "in":
        return value in test.values
    if test.op == "includes":
        return any(v in value for v in test.values)
    if test.op == "range":
        return (test.minimum is None or value >= test.minimum) and (test.maximum is None or value <= test.maximum)
    signal = vocabulary.signals[test.signal]
    if test.op == "at_least":
        return signal.order(value) >= signal.order(str(test.values[0]))
    if test.op == "at_most":
        return signal.order(value) <= signal.order(str(test.values[0]))
    raise ValueError(f"unknown test operator {test.op}")  # pragma: no cover - compile prevents it


# --- explaining --------------------------------------------------------------------------


@dataclass(frozen=True)
class Unmet:
    """A test the casus did not meet (negated: the casus met a test it should not have)."""

    test: Test
    negated: bool = False


def unmet(condition: Condition, signals: Signals, vocabulary: Vocabulary, negated: bool = False) -> list[Unmet]:
    """The tests that make `condition` false for this casus (empty when it holds)."""
    if holds(condition, signals, vocabulary) != negated:
        return []
    if isinstance(condition, Test):
        return [Unmet(condition, negated)]
    if isinstance(condition, Not):
        return unmet(condition.item, signals, vocabulary, not negated)
    # all-of fails on its failing items; any-of on all of them. Under negation the roles swap.
    failing_all = isinstance(condition, AllOf) != negated
    found: list[Unmet] = []
    for item in condition.items:
        if (failing_all and holds(item, signals, vocabulary) == negated) or not failing_all:
            found.extend(unmet(item, signals, vocabulary, negated))
    return found


def describe_value(signal: Signal | None, value: Any, lang: str) -> str:
    if signal is None or value is None:
        return translate("value.unknown", lang)
    if signal.kind == "boolean":
        return translate("value.yes" if value else "value.no", lang)
    if signal.kind == "integer":
        unit = f" {signal.unit.get(lang)}" if signal.unit else ""
        return f"{value}{unit}"
    if signal.kind == "set":
        if not value:
            return translate("value.none", lang)
        return ", ".join(signal.value_label(v, lang) for v in value)
    return signal.value_label(str(value), lang)


def describe_test(test: Test, vocabulary: Vocabulary, lang: str, negated: bool = False) -> str:
    """A test in words: 'leeftijd is ten minste 65 jaar'."""
    signal = vocabulary.signal(test.signal)
    name = signal.label.get(lang) if signal else test.signal

    def labels(values: tuple[Any, ...]) -> str:
        parts = [signal.value_label(str(v), lang) if signal else str(v) for v in values]
        return translate("words.or", lang).join(parts)

    if test.op == "known":
        code = "test.known" if test.values[0] else "test.unknown"
        text = translate(code, lang, name=name)
    elif test.op == "is" and signal is not None and signal.kind == "boolean":
        text = translate("test.is_true" if test.values[0] else "test.is_false", lang, name=name)
    elif test.op in ("is", "in"):
        text = translate("test.in", lang, name=name, values=labels(test.values))
    elif test.op == "includes":
        text = translate("test.includes", lang, name=name, values=labels(test.values))
    elif test.op == "range":
        unit = f" {signal.unit.get(lang)}" if signal and signal.unit else ""
        if test.minimum is not None and test.maximum is not None:
            text = translate("test.between", lang, name=name, min=test.minimum, max=test.maximum, unit=unit)
        elif test.minimum is not None:
            text = translate("test.at_least", lang, name=name, value=f"{test.minimum}{unit}")
        else:
            text = translate("test.at_most", lang, name=name, value=f"{test.maximum}{unit}")
    elif test.op == "at_least":
        text = translate("test.at_least", lang, name=name, value=labels(test.values))
    else:
        text = translate("test.at_most", lang, name=name, value=labels(test.values))
    if negated:
        text = translate("test.not", lang, text=text)
    return text


def describe_unmet(item: Unmet, signals: Signals, vocabulary: Vocabulary, lang: str) -> str:
    """'vereist: leeftijd is ten minste 65 jaar (casus: 42 jaar)'."""
    signal = vocabulary.signal(item.test.signal)
    actual = describe_value(signal, signals.get(item.test.signal), lang)
    return translate(
        "explain.unmet", lang, test=describe_test(item.test, vocabulary, lang, item.negated), actual=actual
    )
