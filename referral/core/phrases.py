"""Conditions and values in words: 'leeftijd is ten minste 65 jaar', 'vereist: ... (casus: 42 jaar)'."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from referral.core.i18n import translate
from referral.core.model import Signal, Test, Unmet, Vocabulary

Signals = Mapping[str, Any]


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


def describe_unmets(items: Sequence[Unmet], signals: Signals, vocabulary: Vocabulary, lang: str) -> list[str]:
    """Each unmet requirement in words, one line each: the tests of one definition by its name
    ('vereist: een signaal van eenzaamheid (casus: ...)', under a `not`: "vereist: niet ‘niet
    eenzaam’"), and the options of an any-of as one line ('vereist één van: ... of ...')."""
    lines: list[str] = []
    seen_named: set[tuple[str, bool]] = set()
    seen_alternatives: set[int] = set()
    for item in items:
        if item.named is not None:
            key = (item.named.id, item.named_negated)
            if key in seen_named:
                continue
            seen_named.add(key)
            same = [o for o in items if o.named is not None and (o.named.id, o.named_negated) == key]
            label = item.named.label.get(lang)
            test = translate("test.not_named", lang, text=label) if item.named_negated else label
            lines.append(translate("explain.unmet", lang, test=test, actual=_actuals(same, signals, vocabulary, lang)))
        elif item.alternatives:
            if item.alternatives in seen_alternatives:
                continue
            seen_alternatives.add(item.alternatives)
            options = [o for o in items if o.named is None and o.alternatives == item.alternatives]
            tests = translate("words.or", lang).join(
                describe_test(o.test, vocabulary, lang, o.negated) for o in options
            )
            actual = _actuals(options, signals, vocabulary, lang)
            lines.append(translate("explain.unmet_one_of", lang, tests=tests, actual=actual))
        else:
            lines.append(describe_unmet(item, signals, vocabulary, lang))
    return lines


def _actuals(items: Sequence[Unmet], signals: Signals, vocabulary: Vocabulary, lang: str) -> str:
    """What the casus says for the signals these tests look at: 'leeftijd: 42 jaar; wijk: West'."""
    involved: list[str] = []
    for item in items:
        if item.test.signal not in involved:
            involved.append(item.test.signal)
    parts = []
    for signal_id in involved:
        signal = vocabulary.signal(signal_id)
        name = signal.label.get(lang) if signal else signal_id
        parts.append(f"{name}: {describe_value(signal, signals.get(signal_id), lang)}")
    return "; ".join(parts)
