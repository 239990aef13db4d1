"""Figures for the network from the referral log: per offer, organisation, wijk and kind of help.

Counted per shown offer (a referral that showed three offers counts once for each). A row of
fewer than `min_cell` referrals is never shown: it goes into one "other" row, and when that row
would itself be too small, the next-smallest rows join it (complementary suppression), so that
no hidden count can be worked out from the total and the rows that are shown.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from referral.app.referral_log import FINAL_STATUSES, History, ShownOffer

DIMENSIONS = ("offer", "organisation", "wijk", "kind")
DEFAULT_MIN_CELL = 5
DEFAULT_WEEKS = 4

Pair = tuple[History, ShownOffer]


@dataclass(frozen=True)
class Figures:
    """The figures of one row: how many referrals, and what became of them."""

    referrals: int  # distinct referrals (references) in which the row's offers were shown
    with_outcome: int  # shown offers with at least one outcome recorded
    started: int
    median_days_to_start: float | None
    waitlist: int
    refused: int
    refused_full: int

    @property
    def share_started(self) -> float | None:
        """Started, of the shown offers with a known outcome (a shown offer nobody tried says nothing)."""
        return self.started / self.with_outcome if self.with_outcome else None


@dataclass(frozen=True)
class Row:
    key: str  # an offer id, organisation, wijk id or kind id; "" for no wijk
    figures: Figures


@dataclass(frozen=True)
class Table:
    """One dimension: the rows large enough to show, and the rest taken together."""

    dimension: str
    rows: tuple[Row, ...]
    hidden_rows: int  # how many rows went into `other`
    other: Figures | None  # None when nothing was hidden, or when the rest is itself too small


@dataclass(frozen=True)
class FollowUp:
    """A referral to call about: no final outcome, and nothing recorded for a while."""

    ref: str
    day: dt.date
    status: str | None  # the latest outcome, if any
    days_quiet: int


@dataclass(frozen=True)
class Report:
    start: dt.date | None
    end: dt.date | None
    today: dt.date
    min_cell: int
    weeks: int
    total: int  # referrals in the period
    suppressed: bool  # the whole period has fewer than min_cell referrals: no figures at all
    tables: tuple[Table, ...]
    follow_up: tuple[FollowUp, ...]


def _keys(dimension: str) -> Callable[[Pair], Iterable[str]]:
    def offer(pair: Pair) -> Iterable[str]:
        return (pair[1].offer_id,)

    def organisation(pair: Pair) -> Iterable[str]:
        return (pair[1].organisation,)

    def wijk(pair: Pair) -> Iterable[str]:
        return (pair[0].entry.wijk or "",)

    def kind(pair: Pair) -> Iterable[str]:
        return pair[1].kinds or ("",)

    return {"offer": offer, "organisation": organisation, "wijk": wijk, "kind": kind}[dimension]


def figures(pairs: list[Pair]) -> Figures:
    """The figures of some shown offers."""
    with_outcome = started = waitlist = refused = full = 0
    days: list[int] = []
    for history, offer in pairs:
        mine = [event for event in history.events if event.offer_id == offer.offer_id]
        if not mine:
            continue
        with_outcome += 1
        start = next((event.day for event in mine if event.status == "gestart"), None)
        if start is not None:
            started += 1
            days.append((start - history.entry.day).days)
        waitlist += any(event.status == "wachtlijst" for event in mine)
        refusals = [event for event in mine if event.status == "afgewezen"]
        refused += bool(refusals)
        full += any(event.reason == "vol" for event in refusals)
    return Figures(
        referrals=len({history.ref for history, _ in pairs}),
        with_outcome=with_outcome,
        started=started,
        median_days_to_start=statistics.median(days) if days else None,
        waitlist=waitlist,
        refused=refused,
        refused_full=full,
    )


def table(dimension: str, pairs: list[Pair], min_cell: int) -> Table:
    """One dimension with small cells suppressed, and complementary suppression of the rest."""
    keys = _keys(dimension)
    groups: dict[str, list[Pair]] = {}
    for pair in pairs:
        for key in keys(pair):
            groups.setdefault(key, []).append(pair)
    rows = sorted(
        (Row(key, figures(group)) for key, group in groups.items()), key=lambda r: (r.figures.referrals, r.key)
    )
    hidden = [row for row in rows if row.figures.referrals < min_cell]
    shown = [row for row in rows if row.figures.referrals >= min_cell]

    def rest() -> list[Pair]:
        names = {row.key for row in hidden}
        return [pair for pair in pairs if names & set(keys(pair))]

    while hidden and shown and figures(rest()).referrals < min_cell:
        hidden.append(shown.pop(0))  # the smallest shown row joins the hidden ones
    other = figures(rest()) if hidden else None
    if other is not None and other.referrals < min_cell:
        other = None
    ordered = sorted(shown, key=lambda r: (-r.figures.referrals, r.key))
    return Table(dimension, tuple(ordered), len(hidden), other)


def follow_up(histories: list[History], today: dt.date, weeks: int) -> tuple[FollowUp, ...]:
    """Referrals without a final outcome and with nothing recorded for `weeks` weeks: to call about."""
    found = []
    for history in histories:
        events = history.events
        latest = events[-1].status if events else None
        if any(event.status in FINAL_STATUSES for event in events):
            continue
        last = max([history.entry.day, *(event.recorded for event in events)])
        quiet = (today - last).days
        if quiet >= weeks * 7:
            found.append(FollowUp(history.ref, history.entry.day, latest, quiet))
    return tuple(sorted(found, key=lambda f: (-f.days_quiet, f.ref)))


def build(
    histories: list[History],
    *,
    today: dt.date,
    start: dt.date | None = None,
    end: dt.date | None = None,
    min_cell: int = DEFAULT_MIN_CELL,
    weeks: int = DEFAULT_WEEKS,
) -> Report:
    """The report of the referrals of a period (by the day of the advice)."""
    chosen = [h for h in histories if (start is None or h.entry.day >= start) and (end is None or h.entry.day <= end)]
    pairs = [(history, offer) for history in chosen for offer in history.entry.offers]
    suppressed = len(chosen) < min_cell
    tables = () if suppressed else tuple(table(dimension, pairs, min_cell) for dimension in DIMENSIONS)
    return Report(
        start=start,
        end=end,
        today=today,
        min_cell=min_cell,
        weeks=weeks,
        total=len(chosen),
        suppressed=suppressed,
        tables=tables,
        follow_up=follow_up(chosen, today, weeks),
    )
