"""The work list of `referral offers --stale`: a maintainer's list of what to re-check, oldest facts first.

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

if TYPE_CHECKING:  # pragma: no cover
    from referral.analysis.lint import Finding
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


@dataclass(frozen=True)
class WorkList:
    """The offers to re-check, in the order to work in, on the day lint judged them."""

    ruleset: Ruleset
    items: tuple[WorkItem, ...]
    day: dt.date


def work_list(ruleset: Ruleset, documents: Any, offer_ids: Sequence[str], day: dt.date) -> WorkList:
    """The chosen offers that lint finds something to re-check about, oldest newest source first."""
    from referral.analysis.lint import REVIEW_CHECKS, lint, source_days

    report = lint(ruleset, documents=documents, today=day)
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
    return WorkList(ruleset, tuple(sorted(items, key=WorkItem.sort_key)), day)
