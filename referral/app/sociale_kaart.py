"""The sociale kaart: search and filter the aanbod (`referral offers`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from referral.app.support import shown_id
from referral.core.i18n import translate
from referral.core.model import Offer, Ruleset
from referral.core.problems import Problem, ReferralError
from referral.core.vocabulary import fold, lookup, suggest
from referral.render.describe import capacity_text, clean, contact_lines, offer_facts
from referral.render.json_lines import tool_json


@dataclass(frozen=True)
class OfferQuery:
    text: str | None = None
    wijk: str | None = None
    audience: str | None = None
    tags: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    archive: bool = False  # also offers whose time is over (past events, ended projects)
    day: Any = None  # the day that decides what is past (a date; default today)


def _haystack(offer: Offer, ruleset: Ruleset) -> str:
    kinds = [ruleset.vocabulary.kind_label(k, lang) for k in offer.kinds for lang in ("nl", "en")]
    parts = [
        offer.id,
        offer.name,
        offer.organisation,
        offer.description.nl,
        offer.description.en or "",
        *sorted(offer.tags),
        *offer.kinds,
        *kinds,
        *(offer.wijken or ()),
    ]
    return fold(" ".join(parts))


def is_past(offer: Offer, day: Any) -> bool:
    from referral.engine.compile import plain_period
    from referral.engine.program import in_period

    return in_period(plain_period(offer.period), day.toordinal()) == "past"


def search(ruleset: Ruleset, query: OfferQuery) -> list[Offer]:
    """Offers matching every given filter; the text must match every word (accent-insensitive)."""
    from referral.core.schedule import today

    day = query.day or today()
    wijk_id = None
    if query.wijk:
        signal = ruleset.vocabulary.signals["wijk"]
        found = lookup(signal, query.wijk)
        if found.value is None:
            raise ReferralError(
                Problem.make(
                    "casus.unknown_value",
                    file="--wijk",
                    field="wijk",
                    suggestion=found.suggestion,
                    choices=signal.value_ids(),
                )
            )
        wijk_id = found.value
    kinds = ruleset.vocabulary.kinds
    for kind in query.kinds:
        if kind not in kinds:
            labels = {k: k for k in kinds} | {v.label.nl: k for k, v in kinds.items()}
            labels |= {term: k for k, v in kinds.items() for term in (*v.terms_nl, *v.terms_en)}
            guess = (labels.get(fold(kind)) and fold(kind)) or suggest(kind, labels)
            raise ReferralError(
                Problem.make(
                    "content.unknown_kind",
                    file="--kind",
                    kind=shown_id(kind),
                    suggestion=labels[guess] if guess else None,
                    choices=sorted(kinds),
                )
            )
    words = fold(query.text).split() if query.text else []
    wanted_tags = [fold(tag) for tag in query.tags]
    result = []
    for offer in ruleset.offers:
        if not query.archive and is_past(offer, day):
            continue
        if wijk_id and offer.wijken is not None and wijk_id not in offer.wijken:
            continue
        if query.audience and query.audience not in offer.audiences:
            continue
        if query.kinds and not set(query.kinds) & set(offer.kinds):
            continue
        if wanted_tags and not all(tag in {fold(t) for t in offer.tags} for tag in wanted_tags):
            continue
        if words:
            haystack = _haystack(offer, ruleset)
            if not all(word in haystack for word in words):
                continue
        result.append(offer)
    return result


def _wijken_text(offer: Offer, lang: str) -> str:
    return ", ".join(offer.wijken) if offer.wijken is not None else translate("offers.citywide", lang)


def _audience_text(offer: Offer, ruleset: Ruleset, lang: str) -> str:
    signal = ruleset.vocabulary.signals["audience"]
    return ", ".join(signal.value_label(a, lang) for a in offer.audiences)


def render_offers_rich(ruleset: Ruleset, offers: list[Offer], lang: str) -> RenderableType:
    """The offers as blocks: name, organisation, kind of help and id; for whom and where; how to reach
    it, with its web address on a line of its own (never wrapped or cut); archive and review marks."""
    from referral.core.schedule import today
    from referral.render.rich_view import INDENT, _indented

    if not offers:
        return Text(translate("offers.none", lang), style="bold yellow")
    day = today()
    blocks: list[RenderableType] = [Text(translate("offers.title", lang), style="bold")]
    for offer in offers:
        blocks.append(Text(clean(offer.name), style="bold"))
        facts = [clean(offer.organisation), *offer_facts(offer, ruleset.vocabulary, lang), offer.id]
        blocks.append(_indented(" · ".join(facts), style="dim"))
        blocks.append(_indented(f"{_audience_text(offer, ruleset, lang)} · {_wijken_text(offer, lang)}"))
        blocks.append(_indented(clean(offer.description.get(lang))))
        lines = [clean(line) for line in contact_lines(offer.contact, lang, url=False)]
        if lines:
            blocks.append(_indented(" · ".join(lines), style="cyan"))
        if offer.contact.url:
            url = clean(offer.contact.url)
            blocks.append(Text(INDENT + url, style=f"cyan link {url}", no_wrap=True, overflow="ignore"))
        if not (lines or offer.contact.url):
            blocks.append(_indented(translate("offers.no_contact", lang), style="yellow"))
        if offer.capacity is not None:  # as declared, with its day: the map shows what the advice counts on
            blocks.append(_indented(capacity_text(offer.capacity, lang), style="yellow"))
        if is_past(offer, day):
            blocks.append(_indented(translate("offers.archived", lang), style="yellow"))
        if offer.review:
            blocks.append(_indented("⚠ " + clean(offer.review), style="dim yellow"))
        blocks.append(Text(""))
    blocks.append(Text(translate("offers.count", lang, count=len(offers), total=len(ruleset.offers)), style="dim"))
    return Group(*blocks)


def render_offers_json(ruleset: Ruleset, offers: list[Offer], lang: str) -> dict[str, Any]:
    return {
        "tool": tool_json(),
        "ruleset": {"digest": ruleset.digest, "offers": len(ruleset.offers), "rules": len(ruleset.rules)},
        "offers": [
            {
                "id": o.id,
                "name": o.name,
                "organisation": o.organisation,
                "audiences": list(o.audiences),
                "kind": list(o.kinds),
                "for": list(o.groups),
                "description": o.description.get(lang),
                "period": {
                    "type": o.period.type,
                    "valid_from": o.period.valid_from,
                    "valid_to": o.period.valid_to,
                    "dates": [{"from": d.start, "to": d.end} for d in o.period.occurrences],
                },
                "evidence": {"rating": o.evidence.rating, "source": o.evidence.source.url} if o.evidence else None,
                "review": o.review,
                "wijken": list(o.wijken) if o.wijken is not None else "all",
                "modality": list(o.modality),
                "tags": sorted(o.tags),
                "contact": o.contact.to_json(),
                "reviewed": o.reviewed,
                "sources": [{k: v for k, v in vars(s).items() if v} for s in o.sources],
            }
            | _capacity_json(o)
            for o in offers
        ],
    }


def _capacity_json(offer: Offer) -> dict[str, Any]:
    """{"capacity": {...}} where the offer declares one (a key added only then), else {}."""
    capacity = offer.capacity
    if capacity is None:
        return {}
    data: dict[str, Any] = {"status": capacity.status, "as_of": capacity.as_of}
    if capacity.source is not None:
        data["source"] = {k: v for k, v in vars(capacity.source).items() if v}
    return {"capacity": data}


def render_offers_markdown(ruleset: Ruleset, offers: list[Offer], lang: str) -> str:
    lines = [f"## {translate('offers.title', lang)}", ""]
    for offer in offers:
        lines.append(
            f"- **{offer.name}** ({offer.organisation}) — {_wijken_text(offer, lang)}; "
            f"{_audience_text(offer, ruleset, lang)}"
        )
        lines.append(f"  {offer.description.get(lang)}")
        contact = contact_lines(offer.contact, lang)
        if contact:
            lines.append(f"  {translate('view.contact', lang)}: " + " · ".join(contact))
    if not offers:
        lines.append(translate("offers.none", lang))
    lines.append("")
    return "\n".join(lines)
