"""Words for things: a casus said back, a failure explained, opening hours in brief.

Shared by every renderer so that the rich view, Markdown and JSON say the same thing.
"""

from __future__ import annotations

from referral.casus.reader import Casus
from referral.core.i18n import translate
from referral.core.model import Contact, OpeningHours, Vocabulary
from referral.engine.conditions import describe_unmet, describe_value
from referral.engine.match import Failure

DAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")


def casus_phrases(casus: Casus, vocabulary: Vocabulary, lang: str) -> list[str]:
    """The casus in words, one phrase per known signal, in vocabulary order."""
    phrases = []
    for signal_id, signal in vocabulary.signals.items():
        value = casus.signals.get(signal_id)
        if value is None:
            continue
        if signal.kind == "boolean":
            label = signal.label.get(lang)
            phrases.append(label if value else translate("words.not", lang, text=label))
        else:
            phrases.append(f"{signal.label.get(lang)}: {describe_value(signal, value, lang)}")
    if casus.has_note:
        phrases.append(translate("casus.has_note", lang))
    return phrases


def scale_phrase(casus: Casus, lang: str) -> str | None:
    """The De Jong Gierveld scores, with the reminder that the scale is not a diagnosis."""
    result = casus.scale
    if result is None:
        return None
    items = 11 if result.version == "djg11" else 6
    half = {"djg11": (5, 6), "djg6": (3, 3)}[result.version]

    def part(value: int | None, out_of: int) -> str:
        return translate("value.unknown", lang) if value is None else f"{value}/{out_of}"

    return translate(
        "scale.summary",
        lang,
        items=items,
        total=part(result.total, items),
        social=part(result.social_score, half[0]),
        emotional=part(result.emotional_score, half[1]),
        missing=result.missing,
    )


def failure_text(failure: Failure, casus: Casus, vocabulary: Vocabulary, lang: str) -> list[str]:
    """One or more lines saying exactly why an offer is not eligible."""
    if failure.kind == "audience":
        audience = vocabulary.signals["audience"]
        allowed = translate("words.or", lang).join(audience.value_label(a, lang) for a in failure.arg("allowed"))
        return [translate("failure.audience", lang, allowed=allowed)]
    if failure.kind == "wijk":
        allowed = ", ".join(failure.arg("allowed"))
        if failure.arg("wijk") is None:
            return [translate("failure.wijk_unknown", lang, allowed=allowed)]
        return [translate("failure.wijk", lang, allowed=allowed, wijk=failure.arg("wijk"))]
    if failure.kind == "age":
        low, high = failure.arg("min"), failure.arg("max")
        bounds = f"{low if low is not None else 0}-{high if high is not None else 120}"
        return [translate("failure.age", lang, bounds=bounds, age=failure.arg("age"))]
    if failure.kind == "languages":
        signal = vocabulary.signals["languages"]
        return [
            translate(
                "failure.languages",
                lang,
                allowed=describe_value(signal, failure.arg("allowed"), lang),
                languages=describe_value(signal, failure.arg("languages"), lang),
            )
        ]
    if failure.kind == "excluded" and failure.reason is not None:
        return [translate("failure.excluded", lang, rule=failure.reason.rule, text=failure.reason.text.get(lang))]
    return [describe_unmet(item, casus.signals, vocabulary, lang) for item in failure.unmet]


def _day_span(days: tuple[str, ...], lang: str) -> str:
    ordered = sorted(days, key=DAYS.index)
    if len(ordered) == 7:
        return translate("days.daily", lang)
    names = [translate(f"day.{d}", lang) for d in ordered]
    indexes = [DAYS.index(d) for d in ordered]
    if len(indexes) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return f"{names[0]}–{names[-1]}"
    return ", ".join(names)


def hours_text(row: OpeningHours, lang: str) -> str:
    return f"{_day_span(row.days, lang)} {row.opens_at}–{row.closes_at}"


def contact_lines(contact: Contact, lang: str) -> list[str]:
    """How to reach an offer, in short lines; nothing is made up when a fact is missing."""
    lines = []
    if contact.phone:
        lines.append(f"{translate('contact.phone', lang)} {contact.phone}")
    if contact.schedule:
        lines.append("; ".join(hours_text(row, lang) for row in contact.schedule))
    if contact.email:
        lines.append(contact.email)
    if contact.url:
        lines.append(contact.url)
    if contact.address:
        lines.append(contact.address)
    return lines
