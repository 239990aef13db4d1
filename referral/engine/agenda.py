"""Several casussen matched for one casuïstiek overleg, and the offers that recur among them."""

from __future__ import annotations

from dataclasses import dataclass

from referral.core.model import Offer, Ruleset
from referral.core.problems import Problem
from referral.engine.result import Assessment, MatchResult


@dataclass(frozen=True)
class AgendaItem:
    """One casus of the meeting: its result, or the problems that kept it from being read."""

    file: str  # as shown: the path given, or a neutral 'casus 3' when the name holds personal data
    result: MatchResult | None
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Recurring:
    """An offer that is in the top N of more than one casus, with where it stands in each."""

    offer: Offer
    places: tuple[tuple[str, int], ...]  # (file, rank)


@dataclass(frozen=True)
class Agenda:
    """The meeting: every casus in agenda order, the N shown per casus, and the content used."""

    items: tuple[AgendaItem, ...]
    top: int
    ruleset: Ruleset

    @property
    def results(self) -> tuple[MatchResult, ...]:
        return tuple(item.result for item in self.items if item.result is not None)

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(problem for item in self.items for problem in item.problems)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(warning for item in self.items for warning in item.warnings)

    def shown(self, item: AgendaItem) -> tuple[Assessment, ...]:
        if item.result is None:
            return ()
        return item.result.referrals if not self.top else item.result.referrals[: self.top]

    def recurring(self) -> tuple[Recurring, ...]:
        """Offers in the top N of two or more casussen: most casussen first, then best ranks, then id."""
        places: dict[str, list[tuple[str, int]]] = {}
        offers: dict[str, Offer] = {}
        for item in self.items:
            for referral in self.shown(item):
                assert referral.rank is not None
                places.setdefault(referral.offer.id, []).append((item.file, referral.rank))
                offers[referral.offer.id] = referral.offer
        found = [Recurring(offers[i], tuple(p)) for i, p in places.items() if len(p) > 1]
        found.sort(key=lambda r: (-len(r.places), sum(rank for _, rank in r.places), r.offer.id))
        return tuple(found)
