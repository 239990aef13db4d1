"""The result of matching one casus: ranked, explained referrals, as the renderers read them.

A MatchResult is a view of the program's Decision and Ranking with the content's model beside
it: the referrals of both parts with their reasons, and, only when asked for, the eligible
offers without a score, the ineligible ones with exactly why, and what an offer missed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from referral.casus.reader import Casus
from referral.core.model import Capacity, Label, Named, Offer, Ruleset, Test, Unmet
from referral.core.records import Record
from referral.engine import program as engine
from referral.engine.program import Decision, Program, Ranking

PERSON, ASKER = "person", "asker"  # the parts of an advice: for the person, for the one who asks


@dataclass(frozen=True, eq=False, repr=False)
class Reason(Record):
    """A rule that fired for an offer: its id, weight and the text the user reads."""

    rule: str
    weight: int
    text: Label


@dataclass(frozen=True, eq=False, repr=False)
class Failure(Record):
    """Why an offer is not eligible.

    kind: audience | wijk | age | languages | period | requires | excluded | not_referable.
    """

    kind: str
    args: tuple[tuple[str, Any], ...] = ()
    unmet: tuple[Unmet, ...] = ()
    reason: Reason | None = None

    def arg(self, name: str) -> Any:
        return dict(self.args).get(name)


@dataclass(frozen=True, eq=False)
class Assessment:
    """Everything the engine concluded about one offer for one casus (failures: when asked)."""

    offer: Offer
    score: int
    reasons: tuple[Reason, ...]
    eligible: bool
    rank: int | None = None
    part: str = PERSON
    result: MatchResult | None = None
    full: bool = False  # declared full on the day: listed after the referrals, not referred

    @property
    def referred(self) -> bool:
        return self.rank is not None

    @property
    def capacity(self) -> Capacity | None:
        """The offer's declared capacity where it speaks for the day of the advice (from `as_of` on)."""
        capacity = self.offer.capacity
        if capacity is None or self.result is None or not capacity.applies(self.result.day.isoformat()):
            return None
        return capacity

    @property
    def unchecked(self) -> tuple[str, ...]:
        """Limits of the offer the casus could not be checked against, because the signal is
        missing: unknown is not false, so the offer stays, and the views say what to ask.
        The signals of its age range and of its groups (`for: [older_people]`) the casus lacks."""
        if self.result is None:
            return ()
        signals = self.result.casus.signals
        return tuple(s for s in self.result.ruleset.vocabulary.uncheckable(self.offer) if signals.get(s) is None)

    @property
    def unserved_languages(self) -> bool:
        """The person speaks languages this offer does not work in (none of them): it is still
        referred where nothing in their language exists, and the views say to bring a tolk."""
        if self.result is None or self.part != PERSON:
            return False
        spoken = self.result.casus.signals.get("languages")
        if not spoken:
            return False
        return not set(self.result.ruleset.vocabulary.served_in(self.offer)) & set(spoken)

    @cached_property
    def failures(self) -> tuple[Failure, ...]:
        if self.eligible or self.result is None:
            return ()
        return self.result.failures_of(self.offer)


@dataclass(frozen=True, eq=False)
class MatchResult:
    """One casus matched on one day."""

    casus: Casus
    ruleset: Ruleset
    program: Program
    decision: Decision
    ranking: Ranking
    day: dt.date

    def _assessment(self, entry: tuple[int, int, tuple[int, ...]], rank: int | None, part: str) -> Assessment:
        offer_index, score, rules = entry
        offer = self.ruleset.offers[offer_index]
        return Assessment(offer, score, self.reasons(rules), True, rank, part, self, full=rank is None)

    def reasons(self, rules: tuple[int, ...]) -> tuple[Reason, ...]:
        """Reasons in the order the user reads them: heaviest first, then rule id."""
        found = [_reason(self.ruleset.rules[r]) for r in rules]
        return tuple(sorted(found, key=lambda r: (-r.weight, r.rule)))

    @cached_property
    def referrals(self) -> tuple[Assessment, ...]:
        """For the person the signals describe, ranked 1..n."""
        return tuple(self._assessment(e, i, PERSON) for i, e in enumerate(self.ranking.person, start=1))

    @cached_property
    def for_asker(self) -> tuple[Assessment, ...]:
        """What supports the one who asks (someone close), ranked 1..n; empty otherwise."""
        return tuple(self._assessment(e, i, ASKER) for i, e in enumerate(self.ranking.asker, start=1))

    @cached_property
    def full(self) -> tuple[Assessment, ...]:
        """The person's part's offers that are full on the day: eligible and scored, not referred,
        in the same order among themselves (the views list them after the referrals)."""
        return tuple(self._assessment(e, None, PERSON) for e in self.ranking.person_full)

    @cached_property
    def asker_full(self) -> tuple[Assessment, ...]:
        """The same for the part of the one who asks."""
        return tuple(self._assessment(e, None, ASKER) for e in self.ranking.asker_full)

    def _listed(self) -> set[int]:
        """Offer indexes in either part, referred or listed as full (an offer may be in both parts)."""
        ranking = self.ranking
        return {e[0] for e in (*ranking.person, *ranking.asker, *ranking.person_full, *ranking.asker_full)}

    @property
    def eligible_count(self) -> int:
        return (self.decision.person | self.decision.asker).bit_count()

    @property
    def unranked_count(self) -> int:
        """Eligible offers referred in neither part (an offer for both may be in both)."""
        return self.eligible_count - len(self._listed())

    @property
    def ineligible_count(self) -> int:
        return len(self.ruleset.offers) - self.eligible_count

    @cached_property
    def unranked(self) -> tuple[Assessment, ...]:
        """Eligible, but without a positive score (in offer id order)."""
        referred = self._listed()
        space = self.decision.space
        found = []
        for part, mask in ((PERSON, self.decision.person), (ASKER, self.decision.asker & ~self.decision.person)):
            for index in space.indexes(mask):
                if index not in referred:
                    score = self._score(index)
                    found.append(Assessment(self.ruleset.offers[index], score[0], score[1], True, None, part, self))
        return tuple(sorted(found, key=lambda a: a.offer.id))

    @cached_property
    def ineligible(self) -> tuple[Assessment, ...]:
        """Not eligible (in offer id order); each says why through `failures`."""
        space = self.decision.space
        eligible = set(space.indexes(self.decision.person | self.decision.asker))
        found = []
        for index, offer in enumerate(self.ruleset.offers):
            if index not in eligible:
                score, reasons = self._score(index)
                found.append(Assessment(offer, score, reasons, False, None, PERSON, self))
        return tuple(found)  # the ruleset's offers are in id order

    def _score(self, index: int) -> tuple[int, tuple[Reason, ...]]:
        """The weight rules that fired and select this offer, as if it were eligible."""
        rules = tuple(r for r in self.decision.fired if self.program.target_masks[r] >> index & 1)
        return sum(self.program.weights[r] for r in rules), self.reasons(rules)

    @cached_property
    def fired(self) -> tuple[str, ...]:
        """Ids of the rules that fired (weight and exclusion), in rule order."""
        signals = self.casus.signals
        return tuple(
            rule.id
            for number, rule in enumerate(self.ruleset.rules)
            if number in self.decision.fired
            or (self.program.excludes[number] and self.program.full_whens[number](signals))
        )

    @cached_property
    def notes(self) -> tuple[str, ...]:
        """The advice notes that hold (vocabulary notes, then language_unserved), as ids."""
        found = [self.program.notes[i][0] for i in self.decision.notes]
        if self.ranking.language_unserved:
            found.append("language_unserved")
        return tuple(found)

    def assessment(self, offer_id: str) -> Assessment | None:
        """The offer as judged for this casus: its referral for the person first, else for the
        one who asks, else why it was not referred."""
        found = self.assessments(offer_id)
        return found[0] if found else None

    def assessments(self, offer_id: str) -> tuple[Assessment, ...]:
        """Every judgement of the offer: an offer for both may be referred in both parts."""
        found = [
            item
            for group in (self.referrals, self.for_asker, self.full, self.asker_full, self.unranked, self.ineligible)
            for item in group
            if item.offer.id == offer_id
        ]
        return tuple(found)

    def failures_of(self, offer: Offer) -> tuple[Failure, ...]:
        index = self.ruleset.offer_position[offer.id]
        signals = self.casus.signals
        found = []
        for kind, detail in self.program.failures(index, signals, self.day.toordinal()):
            if kind == "audience":
                found.append(Failure(kind, (("audience", signals.get("audience")), ("allowed", detail))))
            elif kind == "wijk":
                found.append(Failure(kind, (("wijk", signals.get("wijk")), ("allowed", detail))))
            elif kind == "age":
                found.append(Failure(kind, (("age", signals.get("age")), ("min", detail[0]), ("max", detail[1]))))
            elif kind == "languages":
                found.append(Failure(kind, (("languages", signals.get("languages")), ("allowed", detail))))
            elif kind == "period":
                found.append(Failure(kind, (("state", detail), ("period", offer.period), ("day", self.day))))
            elif kind == "requires":
                found.append(Failure(kind, unmet=tuple(self.model_unmet(u) for u in detail)))
            elif kind == "excluded":
                found.append(Failure(kind, reason=_reason(self.ruleset.rules[detail])))
            else:
                found.append(Failure(kind, (("kinds", offer.kinds),)))
        return tuple(found)

    def model_unmet(self, item: engine.Unmet) -> Unmet:
        """A program's unmet test in the model's terms, for the words of an explanation."""
        _, signal, _, _, low, high, shown = item.test
        named: Named | None = self.ruleset.vocabulary.definitions.get(item.ref) if item.ref else None
        test = Test(signal, shown[0], tuple(shown[1]), low, high)
        return Unmet(test, item.negated, named, item.ref_negated, item.alternatives)


def _reason(rule: Any) -> Reason:
    return Reason(rule.id, rule.effect.weight, rule.because)


def run(program: Program, ruleset: Ruleset, casus: Casus, day: dt.date) -> MatchResult:
    """Match one casus on one day. The same inputs always give the same result."""
    decision = program.decide(casus.signals, day.toordinal())
    ranking = program.rank(decision, casus.signals.get("languages"))
    return MatchResult(casus, ruleset, program, decision, ranking, day)
