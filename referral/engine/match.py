"""The engine: (casus, ruleset) -> ranked, explained referrals. Pure: no I/O, no terminal.

Eligibility is hard and comes from the offers (audience, wijk, age, languages, further
conditions) plus rules that exclude; ranking comes from rules that add weight. An offer is
referred when it is eligible and its score is positive, so every referral has a reason.

Tie-break (documented, deterministic): higher score first; then an offer for the casus's own
wijk before a city-wide one; then offer id in alphabetical order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from referral.casus.reader import Casus
from referral.core.model import Label, Offer, Rule, Ruleset
from referral.engine.conditions import Unmet, holds, unmet


@dataclass(frozen=True)
class Reason:
    """A rule that fired for an offer: its id, weight and the text the user reads."""

    rule: str
    weight: int
    text: Label


@dataclass(frozen=True)
class Failure:
    """Why an offer is not eligible. kind: audience | wijk | age | languages | requires | excluded."""

    kind: str
    args: tuple[tuple[str, Any], ...] = ()
    unmet: tuple[Unmet, ...] = ()
    reason: Reason | None = None

    def arg(self, name: str) -> Any:
        return dict(self.args).get(name)


@dataclass(frozen=True)
class Assessment:
    """Everything the engine concluded about one offer for one casus."""

    offer: Offer
    score: int
    reasons: tuple[Reason, ...]
    failures: tuple[Failure, ...]
    rank: int | None = None

    @property
    def eligible(self) -> bool:
        return not self.failures

    @property
    def referred(self) -> bool:
        return self.rank is not None


@dataclass(frozen=True)
class MatchResult:
    casus: Casus
    ruleset: Ruleset
    referrals: tuple[Assessment, ...]  # ranked, rank 1..n
    unranked: tuple[Assessment, ...]  # eligible, but no positive score
    ineligible: tuple[Assessment, ...]
    fired: tuple[str, ...]  # ids of rules that fired, in rule order

    def assessment(self, offer_id: str) -> Assessment | None:
        for group in (self.referrals, self.unranked, self.ineligible):
            for item in group:
                if item.offer.id == offer_id:
                    return item
        return None


def sort_key(item: Assessment) -> tuple[int, int, str]:
    return (-item.score, 0 if item.offer.is_local else 1, item.offer.id)


def eligibility_failures(offer: Offer, casus: Casus, ruleset: Ruleset) -> list[Failure]:
    """The offer's own hard conditions that this casus does not meet."""
    failures: list[Failure] = []
    signals = casus.signals
    audience = signals.get("audience")
    if audience is not None and audience not in offer.audiences:
        failures.append(Failure("audience", (("audience", audience), ("allowed", offer.audiences))))
    if offer.wijken is not None:
        wijk = signals.get("wijk")
        if wijk not in offer.wijken:
            failures.append(Failure("wijk", (("wijk", wijk), ("allowed", offer.wijken))))
    age = signals.get("age")
    if age is not None and (
        (offer.age_min is not None and age < offer.age_min) or (offer.age_max is not None and age > offer.age_max)
    ):
        failures.append(Failure("age", (("age", age), ("min", offer.age_min), ("max", offer.age_max))))
    languages = signals.get("languages")
    if offer.languages and languages and not set(offer.languages) & set(languages):
        failures.append(Failure("languages", (("languages", languages), ("allowed", offer.languages))))
    if not holds(offer.requires, signals, ruleset.vocabulary):
        failures.append(Failure("requires", unmet=tuple(unmet(offer.requires, signals, ruleset.vocabulary))))
    return failures


def reason_of(rule: Rule) -> Reason:
    return Reason(rule.id, rule.effect.weight, rule.because)


def match(casus: Casus, ruleset: Ruleset) -> MatchResult:
    """Rank every offer for this casus. The same inputs always give the same result."""
    signals = casus.signals
    vocabulary = ruleset.vocabulary
    reasons: dict[str, list[Reason]] = {offer.id: [] for offer in ruleset.offers}
    exclusions: dict[str, list[Reason]] = {}
    fired: list[str] = []
    for rule, targets in zip(ruleset.rules, ruleset.targets, strict=True):
        if not holds(rule.when, signals, vocabulary):
            continue
        fired.append(rule.id)
        reason = reason_of(rule)
        bucket = exclusions if rule.effect.exclude else reasons
        for offer in targets:
            bucket.setdefault(offer.id, []).append(reason)

    eligible: list[Assessment] = []
    ineligible: list[Assessment] = []
    for offer in ruleset.offers:
        offer_reasons = sorted(reasons[offer.id], key=lambda r: (-r.weight, r.rule))
        score = sum(r.weight for r in offer_reasons)
        failures = eligibility_failures(offer, casus, ruleset)
        failures.extend(Failure("excluded", reason=r) for r in exclusions.get(offer.id, ()))
        item = Assessment(offer, score, tuple(offer_reasons), tuple(failures))
        (ineligible if failures else eligible).append(item)

    eligible.sort(key=sort_key)
    referrals = tuple(
        Assessment(a.offer, a.score, a.reasons, a.failures, rank=index)
        for index, a in enumerate((a for a in eligible if a.score > 0), start=1)
    )
    unranked = tuple(a for a in eligible if a.score <= 0)
    return MatchResult(
        casus=casus,
        ruleset=ruleset,
        referrals=referrals,
        unranked=unranked,
        ineligible=tuple(sorted(ineligible, key=lambda a: a.offer.id)),
        fired=tuple(fired),
    )


@dataclass(frozen=True)
class MissedRule:
    """A rule that would have added weight to an offer, and the tests the casus did not meet."""

    rule: Rule
    unmet: tuple[Unmet, ...]


@dataclass(frozen=True)
class Explanation:
    """The answer to "why (not) this offer?" for one casus."""

    assessment: Assessment
    missed: tuple[MissedRule, ...]
    above: tuple[Assessment, ...]  # referrals ranked above it (for a referred offer)


def explain(result: MatchResult, offer_id: str) -> Explanation | None:
    """Why the offer ranks where it does, or exactly why it is not referred."""
    assessment = result.assessment(offer_id)
    if assessment is None:
        return None
    ruleset = result.ruleset
    signals = result.casus.signals
    missed = []
    for rule, targets in zip(ruleset.rules, ruleset.targets, strict=True):
        if rule.effect.exclude or rule.effect.weight <= 0 or rule.id in result.fired:
            continue
        if any(offer.id == offer_id for offer in targets):
            missed.append(MissedRule(rule, tuple(unmet(rule.when, signals, ruleset.vocabulary))))
    above: tuple[Assessment, ...] = ()
    if assessment.rank is not None:
        above = result.referrals[: assessment.rank - 1]
    return Explanation(assessment, tuple(missed), above)
