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
    """Each unmet test in words; the tests of one definition as one line, by its name:
    'vereist: een signaal van eenzaamheid (casus: ernst van de eenzaamheid: niet eenzaam)'."""
    lines: list[str] = []
    seen: dict[str, list[str]] = {}
    for item in items:
        if item.named is None:
            lines.append(describe_unmet(item, signals, vocabulary, lang))
            continue
        if item.named.id in seen:
            continue
        involved = []
        for other in items:
            if other.named is not None and other.named.id == item.named.id and other.test.signal not in involved:
                involved.append(other.test.signal)
        parts = []
        for signal_id in involved:
            signal = vocabulary.signal(signal_id)
            name = signal.label.get(lang) if signal else signal_id
            parts.append(f"{name}: {describe_value(signal, signals.get(signal_id), lang)}")
        seen[item.named.id] = involved
        lines.append(translate("explain.unmet", lang, test=item.named.label.get(lang), actual="; ".join(parts)))
    return lines
