"""Who does what, and where the aanbod has gaps (`referral gaps`): the network coordinator's map.

"Inzichtelijker maken wie wat precies oppakt en hoe we kunnen zorgen dat er geen gaten vallen in
het aanbod" (NIZU, Terugkoppeling 2021, §6). For every wijk, every group of inwoners and every
need of the vocabulary (`gaps:` in vocabulary.yaml), a representative casus goes through the
engine, exactly as `referral match` advises it. A cell is

- covered: a fitting kind of help is among the first three referrals;
- weak: a fitting kind is referred, but lower than third;
- a gap: no offer of a fitting kind is referred at all.

Where two or more organisations offer the same fitting kind of help to the same group in the
same wijk, the cell is an overlap (as DMN analysers report overlapping rules): a place to agree
who does what. `organisations()` is the table per organisation: what it offers, to whom, where.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from referral.core.model import Offer, Ruleset
from referral.engine.result import MatchResult

COVERED, WEAK, GAP = "covered", "weak", "gap"
TOP = 3


@dataclass(frozen=True)
class Provider:
    """An offer of a fitting kind referred in a cell, and where it stands."""

    offer: Offer
    rank: int


@dataclass(frozen=True)
class Cell:
    wijk: str
    group: str
    need: str
    status: str  # covered | weak | gap
    providers: tuple[Provider, ...]

    @property
    def organisations(self) -> tuple[str, ...]:
        return tuple(sorted({p.offer.organisation for p in self.providers}))

    @property
    def overlap(self) -> bool:
        return len(self.organisations) > 1


@dataclass(frozen=True)
class NeedMap:
    ruleset: Ruleset
    day: dt.date
    wijken: tuple[str, ...]
    groups: tuple[str, ...]
    needs: tuple[str, ...]
    cells: Mapping[tuple[str, str, str], Cell]

    def cell(self, wijk: str, group: str, need: str) -> Cell:
        return self.cells[(wijk, group, need)]

    def gaps(self) -> list[Cell]:
        return [c for c in self.cells.values() if c.status == GAP]

    def weak(self) -> list[Cell]:
        return [c for c in self.cells.values() if c.status == WEAK]

    def overlaps(self) -> list[Cell]:
        return [c for c in self.cells.values() if c.overlap]

    def count(self, status: str) -> int:
        return sum(1 for c in self.cells.values() if c.status == status)


def merged(*parts: Mapping[str, Any]) -> dict[str, Any]:
    """Casus mappings combined; a group (loneliness) is merged field by field."""
    out: dict[str, Any] = {}
    for part in parts:
        for key, value in part.items():
            if isinstance(value, Mapping) and isinstance(out.get(key), dict):
                out[key] = {**out[key], **value}
            else:
                out[key] = dict(value) if isinstance(value, Mapping) else value
    return out


def need_map(
    ruleset: Ruleset,
    match: Callable[[Mapping[str, Any]], MatchResult],
    day: dt.date,
    wijken: Sequence[str] | None = None,
) -> NeedMap:
    """The map: every wijk x group x need matched through `match` (a casus mapping -> result)."""
    vocabulary = ruleset.vocabulary
    chosen = tuple(wijken) if wijken is not None else vocabulary.signals["wijk"].value_ids()
    cells: dict[tuple[str, str, str], Cell] = {}
    for wijk in chosen:
        for group in vocabulary.map_groups:
            for need in vocabulary.needs:
                result = match(merged(group.casus, need.casus, {"wijk": wijk}))
                fitting = frozenset(need.fitting)
                # The ranking itself, not result.referrals: those are the same offers at the same
                # ranks, but each with its reasons built, for every offer referred in every cell.
                offers = result.ruleset.offers
                providers = tuple(
                    Provider(offers[index], rank)
                    for rank, (index, _, _) in enumerate(result.ranking.person, start=1)
                    if not fitting.isdisjoint(offers[index].kinds)
                )
                cells[(wijk, group.id, need.id)] = Cell(wijk, group.id, need.id, _status(providers), providers)
    return _need_map(ruleset, day, chosen, cells)


def need_map_ordered(
    ruleset: Ruleset,
    order: Callable[[Mapping[str, Any]], Sequence[int]],
    day: dt.date,
    wijken: Sequence[str] | None = None,
) -> NeedMap:
    """The map of `need_map`, from `order` (a casus mapping -> the indexes of the offers of the
    person's part in rank order, as `Program.person_order`): no result per cell, and whether an
    offer fits a need is looked up once per need, not once per cell (43,000 at national scale)."""
    vocabulary = ruleset.vocabulary
    chosen = tuple(wijken) if wijken is not None else vocabulary.signals["wijk"].value_ids()
    offers = ruleset.offers
    fits = {
        need.id: frozenset(i for i, o in enumerate(offers) if not frozenset(need.fitting).isdisjoint(o.kinds))
        for need in vocabulary.needs
    }
    cells: dict[tuple[str, str, str], Cell] = {}
    for wijk in chosen:
        for group in vocabulary.map_groups:
            for need in vocabulary.needs:
                fitting = fits[need.id]
                ranked = order(merged(group.casus, need.casus, {"wijk": wijk}))
                providers = tuple(
                    Provider(offers[index], rank) for rank, index in enumerate(ranked, start=1) if index in fitting
                )
                cells[(wijk, group.id, need.id)] = Cell(wijk, group.id, need.id, _status(providers), providers)
    return _need_map(ruleset, day, chosen, cells)


def _status(providers: tuple[Provider, ...]) -> str:
    if not providers:
        return GAP
    if providers[0].rank <= TOP:
        return COVERED
    return WEAK


def _need_map(
    ruleset: Ruleset, day: dt.date, chosen: tuple[str, ...], cells: dict[tuple[str, str, str], Cell]
) -> NeedMap:
    vocabulary = ruleset.vocabulary
    return NeedMap(
        ruleset=ruleset,
        day=day,
        wijken=chosen,
        groups=tuple(g.id for g in vocabulary.map_groups),
        needs=tuple(n.id for n in vocabulary.needs),
        cells=cells,
    )


@dataclass(frozen=True)
class OrganisationRow:
    """What one organisation offers (kinds of help), to whom, where; and how often it is referred."""

    organisation: str
    offers: tuple[Offer, ...]
    kinds: tuple[str, ...]
    wijken: tuple[str, ...] | None  # None: the whole city
    referred_in: int  # cells of the map in which one of its offers is referred for a fitting need


def organisations(need_map_: NeedMap) -> list[OrganisationRow]:
    """The table per organisation, of the offers that can be advised now."""
    ruleset = need_map_.ruleset
    referred: dict[str, int] = {}
    for cell in need_map_.cells.values():
        for organisation in cell.organisations:
            referred[organisation] = referred.get(organisation, 0) + 1
    by_org: dict[str, list[Offer]] = {}
    for offer in ruleset.offers:
        if ruleset.referable(offer):
            by_org.setdefault(offer.organisation, []).append(offer)
    rows = []
    for organisation, offers in sorted(by_org.items()):
        kinds = sorted({k for o in offers for k in o.kinds})
        wijken: set[str] | None = set()
        for offer in offers:
            if offer.wijken is None:
                wijken = None
                break
            assert wijken is not None
            wijken.update(offer.wijken)
        rows.append(
            OrganisationRow(
                organisation,
                tuple(offers),
                tuple(kinds),
                None if wijken is None else tuple(sorted(wijken)),
                referred.get(organisation, 0),
            )
        )
    return rows
