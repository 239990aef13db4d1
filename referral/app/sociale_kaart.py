"""The sociale kaart: search and filter the aanbod (`referral offers`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from referral.app.support import shown_id
from referral.core.i18n import translate
from referral.core.model import Offer, Ruleset
from referral.core.problems import Problem, ReferralError
from referral.core.vocabulary import fold, lookup, suggest
from referral.render.describe import contact_lines
from referral.render.json_view import tool_json


@dataclass(frozen=True)
class OfferQuery:
    text: str | None = None
    wijk: str | None = None
    audience: str | None = None
    tags: tuple[str, ...] = ()


def suggest_tag(ruleset: Ruleset, text: str) -> str | None:
    """A tag id for a mistyped id or a Dutch/English label ('jongeren' -> youth)."""
    names = {tag: tag for tag in ruleset.vocabulary.tags}
    for tag, label in ruleset.vocabulary.tags.items():
        names[label.nl] = tag
        names[label.get("en")] = tag
    hit = suggest(text, names)
    return names[hit] if hit else None


def _haystack(offer: Offer, ruleset: Ruleset) -> str:
    tag_labels = [ruleset.vocabulary.tags[t].get(lang) for t in sorted(offer.tags) for lang in ("nl", "en")]
    parts = [
        offer.id,
        offer.name,
        offer.organisation,
        offer.description.nl,
        offer.description.en or "",
        *sorted(offer.tags),
        *tag_labels,
        *(offer.wijken or ()),
    ]
    return fold(" ".join(parts))


def search(ruleset: Ruleset, query: OfferQuery) -> list[Offer]:
    """Offers matching every given filter; the text must match every word (accent-insensitive)."""
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
    for tag in query.tags:
        if tag not in ruleset.vocabulary.tags:
            guess = suggest_tag(ruleset, tag)
            raise ReferralError(
                Problem.make(
                    "content.unknown_tag",
                    file="--tag",
                    tag=shown_id(tag),
                    suggestion=guess,
                    choices=ruleset.vocabulary.tags,
                )
            )
    words = fold(query.text).split() if query.text else []
    result = []
    for offer in ruleset.offers:
        if wijk_id and offer.wijken is not None and wijk_id not in offer.wijken:
            continue
        if query.audience and query.audience not in offer.audiences:
            continue
        if query.tags and not set(query.tags) <= offer.tags:
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
    if not offers:
        return Text(translate("offers.none", lang), style="bold yellow")
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=True, pad_edge=False)
    table.add_column(translate("view.col.offer", lang), ratio=5)
    table.add_column(translate("offers.col.for", lang), ratio=3)
    table.add_column(translate("view.contact", lang).capitalize(), ratio=4)
    for offer in offers:
        name = Text(offer.name, style="bold")
        name.append(f"\n{offer.organisation}", style="dim")
        name.append(f"\n{offer.id}", style="cyan")
        who = Text(_audience_text(offer, ruleset, lang))
        who.append(f"\n{_wijken_text(offer, lang)}", style="dim")
        contact = Text("\n".join(contact_lines(offer.contact, lang)) or translate("offers.no_contact", lang))
        table.add_row(name, who, contact)
    return Group(
        table, Text(translate("offers.count", lang, count=len(offers), total=len(ruleset.offers)), style="dim")
    )


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
                "description": o.description.get(lang),
                "wijken": list(o.wijken) if o.wijken is not None else "all",
                "modality": list(o.modality),
                "tags": sorted(o.tags),
                "contact": o.contact.to_json(),
                "reviewed": o.reviewed,
                "sources": [{k: v for k, v in vars(s).items() if v} for s in o.sources],
            }
            for o in offers
        ],
    }


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
