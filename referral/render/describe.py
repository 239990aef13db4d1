"""Words for things: a casus said back, a failure explained, opening hours in brief.

Shared by every renderer so that the rich view, Markdown and JSON say the same thing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from referral.casus.reader import Casus
from referral.core.i18n import has_message, translate
from referral.core.model import AnyOf, Capacity, Contact, Offer, OpeningHours, Test, Vocabulary, admitted_unknown
from referral.core.phrases import describe_unmets, describe_value
from referral.engine.result import Assessment, Failure

if TYPE_CHECKING:  # pragma: no cover
    from referral.core.scale import ScaleResult

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
    if not any(s in casus.signals for s in ("loneliness.social", "loneliness.emotional", "loneliness.severity")):
        phrases.append(translate("casus.no_loneliness", lang))
    if casus.has_note:
        phrases.append(translate("casus.has_note", lang))
    return phrases


def asker_phrase(casus: Casus, lang: str) -> str:
    """Who brought the case: the resident, someone close, or a professional in an overleg."""
    audience = casus.signals.get("audience") or "client"
    code = f"view.asker.{audience}"
    return translate(code, lang) if has_message(code) else str(audience)


def casus_phrases_without_asker(casus: Casus, vocabulary: Vocabulary, lang: str) -> list[str]:
    """The casus in words, leaving out who asks (said on its own line)."""
    audience = vocabulary.signals.get("audience")
    if audience is None:
        return casus_phrases(casus, vocabulary, lang)
    prefix = f"{audience.label.get(lang)}: "
    return [p for p in casus_phrases(casus, vocabulary, lang) if not p.startswith(prefix)]


def scale_phrase(casus: Casus, lang: str) -> str | None:
    """The De Jong Gierveld scores, with the reminder that the scale is not a diagnosis."""
    return scale_scores(casus.scale, lang) if casus.scale is not None else None


def scale_scores(result: ScaleResult, lang: str) -> str:
    """A scale's total and subscales ('3/6'), what was unanswered, and that it is not a diagnosis."""
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
    if failure.kind == "period":
        return [period_text(failure.arg("period"), failure.arg("state"), lang, failure.arg("day"))]
    if failure.kind == "not_referable":
        kinds = ", ".join(vocabulary.kind_label(k, lang) for k in failure.arg("kinds") or ())
        return [translate("failure.not_referable", lang, kind=kinds)]
    return describe_unmets(failure.unmet, casus.signals, vocabulary, lang)


def day_text(text: str, lang: str) -> str:
    """'2021-11-25' as '25-11-2021' (nl) or '25 Nov 2021' (en)."""
    day = dt.date.fromisoformat(text)
    return f"{day.day:02d}-{day.month:02d}-{day.year}" if lang != "en" else day.strftime("%d %b %Y")


def capacity_text(capacity: Capacity, lang: str) -> str:
    """'wachtlijst (per 12-11-2026)': the declared capacity with the day it was true."""
    return translate(f"view.capacity.{capacity.status}", lang, day=day_text(capacity.as_of, lang))


def capacity_source_text(capacity: Capacity, lang: str) -> str:
    """Where the capacity comes from, for `--explain`: title, URL and date, or that none was given."""
    source = capacity.source
    if source is None:
        return translate("explain.capacity.no_source", lang)
    parts = [source.title, *(p for p in (source.url, source.date) if p)]
    return translate("explain.capacity.source", lang, source=", ".join(parts))


def period_text(period: object, state: str | None, lang: str, day: dt.date | None = None) -> str:
    from referral.core.model import Period

    assert isinstance(period, Period)
    if state == "not_yet" and period.valid_from:
        return translate("failure.period.not_yet", lang, when=day_text(period.valid_from, lang))
    if state == "out_of_season":
        # the next occurrence after the day of the advice (not the last one listed)
        upcoming = [o for o in period.occurrences if day is None or o.start > day.isoformat()]
        when = day_text(upcoming[0].start, lang) if upcoming else "?"
        return translate("failure.period.out_of_season", lang, lead=period.lead_days, when=when)
    last = period.valid_to or (period.occurrences[-1].end if period.occurrences else None)
    return translate("failure.period.past", lang, when=day_text(last, lang) if last else "?")


# C0 and C1 control characters (ESC among them) except tab and newline: a file name or a content
# string could otherwise set a terminal's title or rewrite the screen.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Text safe for a terminal: control sequences removed (every terminal renderer uses this)."""
    return _CONTROLS.sub("", text)


def ages_text(low: int | None, high: int | None, lang: str) -> str | None:
    """A published age range in words ("12–25 jaar", "vanaf 55 jaar"); None without a limit."""
    if low is not None and high is not None:
        return translate("view.ages_between", lang, low=low, high=high)
    if low is not None:
        return translate("view.ages_from", lang, low=low)
    if high is not None:
        return translate("view.ages_to", lang, high=high)
    return None


def caveat_texts(item: Assessment, lang: str) -> list[str]:
    """What to check or arrange before referring: a limit the casus could not be checked against
    ("leeftijd niet bekend"), an offer that does not work in the person's languages."""
    if item.result is None:
        return []
    vocabulary = item.result.ruleset.vocabulary
    offer = item.offer
    found = []
    # where nothing serves the person's languages, the advice's note says it once for all
    if item.unserved_languages and not item.result.ranking.language_unserved:
        signal = vocabulary.signals.get("languages")
        found.append(
            translate(
                "view.language_unserved",
                lang,
                offer_languages=describe_value(signal, vocabulary.served_in(offer), lang),
                languages=describe_value(signal, item.result.casus.signals.get("languages"), lang),
            )
        )
    unchecked = item.unchecked
    for signal_id in unchecked:
        if signal_id == "age" and (offer.age_min is not None or offer.age_max is not None):
            ages = ages_text(offer.age_min, offer.age_max, lang)
            found.append(translate("view.unchecked_age", lang, ages=ages))
            continue
        groups = [
            _group_text(g, signal_id, vocabulary, lang)
            for g in offer.groups
            if g in vocabulary.groups and signal_id in admitted_unknown(vocabulary.group_conditions.get(g))
        ]
        signal = vocabulary.signal(signal_id)
        label = signal.label.get(lang) if signal else signal_id
        found.append(
            translate("view.unchecked_group", lang, signal=label[:1].upper() + label[1:], groups=", ".join(groups))
        )
    return found


def _group_text(group: str, signal_id: str, vocabulary: Vocabulary, lang: str) -> str:
    """A group's label, with its age bounds where its condition has them ("ouderen (vanaf 65 jaar)")."""
    label = vocabulary.groups[group].get(lang)
    named = vocabulary.group_conditions.get(group)
    condition = named.item if named is not None else None
    if signal_id == "age" and isinstance(condition, AnyOf):
        for test in condition.items:
            if isinstance(test, Test) and test.signal == "age" and test.op == "range":
                ages = ages_text(test.minimum, test.maximum, lang)
                if ages:
                    return f"{label} ({ages})"
    return label


def review_text(offer: Offer, lang: str) -> str | None:
    """The caveat of an offer whose facts a person must still check, with the year of its newest
    source, so that "nieuwste bron uit 2020" warns before the phone call, not after."""
    if not offer.review:
        return None
    years = [source.date[:4] for source in offer.sources if source.date and source.date[:4].isdigit()]
    if not years:
        return translate("view.review_short", lang)
    return translate("view.review_dated", lang, year=max(years))


def offer_facts(offer: Offer, vocabulary: Vocabulary, lang: str) -> list[str]:
    """Kind of help, ages, language, evidence rating: short lines under an offer's name."""
    lines = [" · ".join(vocabulary.kind_label(k, lang) for k in offer.kinds)] if offer.kinds else []
    ages = ages_text(offer.age_min, offer.age_max, lang)
    if ages is not None:
        lines.append(ages)
    if offer.languages:
        signal = vocabulary.signals.get("languages")
        lines.append(translate("view.languages", lang, languages=describe_value(signal, offer.languages, lang)))
    if offer.evidence is not None:
        rating = translate(f"evidence.{offer.evidence.rating}", lang)
        lines.append(translate("view.evidence", lang, rating=rating))
    return lines


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
    days = _day_span(row.days, lang)
    if row.nth_of_month:
        which = translate("words.or", lang).join(
            translate(f"ordinal.{n}", lang) for n in sorted(row.nth_of_month, key=lambda n: n % 6)
        )
        days = translate("days.nth_of_month", lang, nth=which, days=days)
    return f"{days} {row.opens_at}–{row.closes_at}"


def contact_lines(contact: Contact, lang: str, url: bool = True) -> list[str]:
    """How to reach an offer, in short lines; nothing is made up when a fact is missing.

    The URL comes last, so that a view can give it a line of its own (`url=False` leaves it out)."""
    lines = []
    if contact.phone:
        lines.append(f"{translate('contact.phone', lang)} {contact.phone}")
    if contact.schedule:
        lines.append("; ".join(hours_text(row, lang) for row in contact.schedule))
    if contact.email:
        lines.append(contact.email)
    if contact.address:
        lines.append(contact.address)
    if contact.via is not None:
        via = contact.via
        route = ", ".join(
            part
            for part in (
                f"{translate('contact.phone', lang)} {via.phone}" if via.phone else None,
                via.email,
                via.url,
            )
            if part
        )
        lines.append(translate("contact.via", lang, name=via.name, route=route))
    if url and contact.url:
        lines.append(contact.url)
    return lines
