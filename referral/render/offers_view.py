"""The views of `referral offers`, the sociale kaart: the offers a search found."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from referral.core.i18n import translate
from referral.core.model import Offer, Ruleset
from referral.engine.compile import is_past
from referral.render.describe import capacity_text, clean, contact_lines, offer_facts
from referral.render.json_lines import tool_json
from referral.render.json_view import dumps
from referral.render.rich_view import INDENT, indented, marked


@dataclass(frozen=True)
class OfferList:
    """The offers a search of the sociale kaart found, with the content they are from."""

    ruleset: Ruleset
    offers: tuple[Offer, ...]


def _wijken_text(offer: Offer, lang: str) -> str:
    return ", ".join(offer.wijken) if offer.wijken is not None else translate("offers.citywide", lang)


def _audience_text(offer: Offer, ruleset: Ruleset, lang: str) -> str:
    signal = ruleset.vocabulary.signals["audience"]
    return ", ".join(signal.value_label(a, lang) for a in offer.audiences)


def render_rich(found: OfferList, lang: str = "nl", **_: Any) -> RenderableType:
    """The offers as blocks: name, organisation, kind of help and id; for whom and where; how to reach
    it, with its web address on a line of its own (never wrapped or cut); archive and review marks."""
    from referral.core.schedule import today

    ruleset, offers = found.ruleset, found.offers
    if not offers:
        return Text(translate("offers.none", lang), style="bold yellow")
    day = today()
    blocks: list[RenderableType] = [Text(translate("offers.title", lang), style="bold")]
    for offer in offers:
        blocks.append(Text(clean(offer.name), style="bold"))
        facts = [clean(offer.organisation), *offer_facts(offer, ruleset.vocabulary, lang), offer.id]
        blocks.append(indented(" · ".join(facts), style="dim"))
        blocks.append(indented(f"{_audience_text(offer, ruleset, lang)} · {_wijken_text(offer, lang)}"))
        blocks.append(indented(clean(offer.description.get(lang))))
        lines = [clean(line) for line in contact_lines(offer.contact, lang, url=False)]
        if lines:
            blocks.append(indented(" · ".join(lines), style="cyan"))
        if offer.contact.url:
            url = clean(offer.contact.url)
            blocks.append(Text(INDENT + url, style=f"cyan link {url}", no_wrap=True, overflow="ignore"))
        if not (lines or offer.contact.url):
            blocks.append(indented(translate("offers.no_contact", lang), style="yellow"))
        if offer.capacity is not None:  # as declared, with its day: the map shows what the advice counts on
            blocks.append(indented(capacity_text(offer.capacity, lang), style="yellow"))
        if is_past(offer, day):
            blocks.append(indented(translate("offers.archived", lang), style="yellow"))
        if offer.review:
            blocks.append(marked("⚠ ", [clean(offer.review)], style="dim yellow"))
        blocks.append(Text(""))
    blocks.append(Text(translate("offers.count", lang, count=len(offers), total=len(ruleset.offers)), style="dim"))
    return Group(*blocks)


def render_json(found: OfferList, lang: str = "nl", **_: Any) -> str:
    ruleset, offers = found.ruleset, found.offers
    return dumps(
        {
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
    )


def _capacity_json(offer: Offer) -> dict[str, Any]:
    """{"capacity": {...}} where the offer declares one (a key added only then), else {}."""
    capacity = offer.capacity
    if capacity is None:
        return {}
    data: dict[str, Any] = {"status": capacity.status, "as_of": capacity.as_of}
    if capacity.source is not None:
        data["source"] = {k: v for k, v in vars(capacity.source).items() if v}
    return {"capacity": data}


def render_markdown(found: OfferList, lang: str = "nl", **_: Any) -> str:
    ruleset, offers = found.ruleset, found.offers
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
