"""`referral offers --stale`: a maintainer's work list of what to re-check, oldest facts first.

Why: lint reports findings in file order, which is no order to work in. This list takes lint's own
offer findings about ageing and missing facts (`REVIEW_CHECKS`, silenced ones left out, so nothing is
judged twice) and orders the offers by the date of their newest source: undated first, then the
oldest. Contradictions between sources are recorded by the content model only in an offer's
`review` text ("where sources disagree, model the newest, cite both, and say so here"); the list
shows that text with the offer (lint's `offer-to-review`) and does not guess at others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.text import Text

from referral.core.i18n import translate

if TYPE_CHECKING:  # pragma: no cover
    from referral.analysis.lint import Finding
    from referral.app.support import Settings
    from referral.core.model import Offer, Ruleset


@dataclass(frozen=True)
class WorkItem:
    """One offer to re-check: where it is, how old its facts are, and what lint says about it."""

    offer: Offer
    where: str  # file:line:column
    newest_source: dt.date | None  # None: no source has a date
    oldest_source: dt.date | None
    findings: tuple[Finding, ...]

    @property
    def marked(self) -> bool:
        """Marked for review by a person (`review:`): sources disagree or a fact is missing."""
        return self.offer.review is not None

    def sort_key(self) -> tuple[int, str, int, str]:
        newest = self.newest_source.isoformat() if self.newest_source else ""
        return (0 if self.newest_source is None else 1, newest, 0 if self.marked else 1, self.offer.id)


def work_list(settings: Settings, offer_ids: Sequence[str], day: dt.date) -> tuple[list[WorkItem], Ruleset]:
    """The chosen offers that lint finds something to re-check about, oldest newest source first."""
    from referral.analysis.lint import REVIEW_CHECKS, lint, source_days
    from referral.content.loading import load_content, resolve_dirs
    from referral.core.problems import ReferralError

    loaded = load_content(resolve_dirs(settings.rules, settings.offers))
    if loaded.ruleset is None:
        raise ReferralError(list(loaded.problems))
    ruleset = loaded.ruleset
    report = lint(ruleset, documents=loaded.documents, today=day)
    by_offer: dict[str, list[Finding]] = {}
    for finding in report.findings:
        if finding.check in REVIEW_CHECKS:
            by_offer.setdefault(finding.item, []).append(finding)
    items = []
    for offer_id in offer_ids:
        findings = by_offer.get(offer_id)
        if not findings:
            continue
        offer = ruleset.offers_by_id[offer_id]
        days = source_days(offer)
        items.append(
            WorkItem(
                offer=offer,
                where=str(offer.location),
                newest_source=days[-1] if days else None,
                oldest_source=days[0] if days else None,
                findings=tuple(sorted(findings, key=lambda f: REVIEW_CHECKS.index(f.check))),
            )
        )
    return sorted(items, key=WorkItem.sort_key), ruleset


def _age_text(item: WorkItem, lang: str) -> str:
    if item.newest_source is None:
        return translate("stale.undated", lang)
    return translate(
        "stale.sources",
        lang,
        newest=item.newest_source.isoformat(),
        oldest=(item.oldest_source or item.newest_source).isoformat(),
        count=len(item.offer.sources),
    )


def render_stale_rich(items: Sequence[WorkItem], day: dt.date, lang: str) -> RenderableType:
    from referral.render.describe import clean
    from referral.render.rich_view import _indented

    if not items:
        return Text(translate("stale.none", lang, today=day.isoformat()), style="bold green")
    blocks: list[RenderableType] = [Text(translate("stale.title", lang, today=day.isoformat()), style="bold")]
    for number, item in enumerate(items, 1):
        mark = " ⚠" if item.marked else ""
        blocks.append(Text(f"{number}. {clean(item.offer.name)}{mark}", style="bold"))
        blocks.append(_indented(f"{item.offer.id} · {item.where}", style="dim"))
        blocks.append(_indented(_age_text(item, lang)))
        for finding in item.findings:
            style = "yellow" if finding.check == "offer-to-review" else ""
            blocks.append(_indented(f"• [{finding.check}] {clean(finding.message(lang))}", style=style))
        blocks.append(Text(""))
    marked = sum(1 for item in items if item.marked)
    blocks.append(Text(translate("stale.count", lang, count=len(items), marked=marked), style="dim"))
    return Group(*blocks)


def render_stale_markdown(items: Sequence[WorkItem], day: dt.date, lang: str) -> str:
    lines = [f"## {translate('stale.title', lang, today=day.isoformat())}", ""]
    if not items:
        lines.append(translate("stale.none", lang, today=day.isoformat()))
    for number, item in enumerate(items, 1):
        mark = " ⚠" if item.marked else ""
        lines.append(
            f"{number}. **{item.offer.name}**{mark} (`{item.offer.id}`, `{item.where}`) — {_age_text(item, lang)}"
        )
        lines.extend(f"   - `{finding.check}`: {finding.message(lang)}" for finding in item.findings)
    if items:
        marked = sum(1 for item in items if item.marked)
        lines += ["", translate("stale.count", lang, count=len(items), marked=marked)]
    lines.append("")
    return "\n".join(lines)


def render_stale_json(ruleset: Ruleset, items: Sequence[WorkItem], day: dt.date, lang: str) -> dict[str, Any]:
    from referral.render.json_lines import tool_json
    from referral.render.json_view import ruleset_json

    return {
        "tool": tool_json(),
        "ruleset": ruleset_json(ruleset),
        "today": day.isoformat(),
        "items": [
            {
                "id": item.offer.id,
                "name": item.offer.name,
                "file": item.offer.location.file,
                "line": item.offer.location.line,
                "newest_source": item.newest_source.isoformat() if item.newest_source else None,
                "oldest_source": item.oldest_source.isoformat() if item.oldest_source else None,
                "sources": len(item.offer.sources),
                "marked_for_review": item.marked,
                "review": item.offer.review,
                "reviewed": item.offer.reviewed,
                "findings": [finding.to_json(lang) for finding in item.findings],
            }
            for item in items
        ],
    }
