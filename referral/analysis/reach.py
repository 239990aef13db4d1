"""Which offers a casus can reach, decided over the whole signal space (used by `referral lint`).

Each offer is compiled against the partitioned space (`referral.analysis.space`): its
eligibility and the rules that score or exclude it. `split_by` cuts a box of the space into
where the offer reaches a threshold and where not, by branch and bound: in a box every
condition is TRUE, FALSE or UNKNOWN, which bounds the score from below and above, and a box is
cut only along a test that is still undecided. Lint uses it to prove that an offer can (or can
never) be referred; `referral gaps` asks the engine itself about concrete casussen instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from referral.analysis.space import FALSE, TRUE, UNKNOWN, Expr, Space, dims_of, eligibility_condition, evaluate
from referral.core.model import Condition, Ruleset


def build_space(ruleset: Ruleset, extra: Iterable[Condition] = ()) -> Space:
    """The space cut by every rule, every offer's eligibility and any extra condition."""
    vocabulary = ruleset.vocabulary
    conditions: list[Condition] = [rule.when for rule in ruleset.rules]
    conditions.extend(eligibility_condition(offer, vocabulary) for offer in ruleset.offers)
    conditions.extend(extra)
    return Space.build(vocabulary, conditions)


@dataclass(frozen=True)
class Scorer:
    """One offer, compiled: its eligibility and the rules that score or exclude it."""

    offer: str
    eligibility: Expr
    rules: tuple[tuple[Expr, int, bool], ...]  # condition, weight, exclude
    best: int  # the highest score the offer can get: the sum of its positive weights
    dims: frozenset[int]  # every dimension its eligibility and rules look at


def targets(ruleset: Ruleset) -> list[list[int]]:
    """For each rule, the indexes of the offers it selects (Ruleset.targets, through its kind index)."""
    position = ruleset.offer_position
    return [sorted(position[o.id] for o in selected) for selected in ruleset.targets]


def scorers(space: Space, ruleset: Ruleset) -> list[Scorer]:
    """Every offer of the ruleset compiled against the space (each rule compiled once)."""
    vocabulary = ruleset.vocabulary
    by_offer: list[list[tuple[Expr, int, bool]]] = [[] for _ in ruleset.offers]
    dims: list[set[int]] = [set() for _ in ruleset.offers]
    for rule, selected in zip(ruleset.rules, targets(ruleset), strict=True):
        if not selected:
            continue
        expr = space.compile(rule.when)
        looks_at = dims_of(expr)
        for o in selected:
            by_offer[o].append((expr, rule.effect.weight, rule.effect.exclude))
            dims[o] |= looks_at
    out = []
    for o, offer in enumerate(ruleset.offers):
        rules = tuple(by_offer[o])
        best = sum(weight for _, weight, exclude in rules if not exclude and weight > 0)
        eligibility = space.compile(eligibility_condition(offer, vocabulary))
        looks_at = frozenset(dims[o] | dims_of(eligibility))
        out.append(Scorer(offer.id, eligibility, rules, best, looks_at))
    return out


def split_by(
    space: Space, scorer: Scorer, box: Sequence[int], threshold: int, first_only: bool = False
) -> tuple[list[list[int]], list[list[int]]]:
    """The box cut into where the offer reaches `threshold` (eligible, not excluded) and where not.

    Branch and bound: in a box each condition is TRUE, FALSE or UNKNOWN, which bounds the
    offer's score from below and above; a box is settled as soon as the bounds decide it, and
    otherwise cut along an undecided test. With `first_only`, stop at the first box reached.
    """
    reached: list[list[int]] = []
    missed: list[list[int]] = []
    walk = _Walk(space, scorer, threshold, reached, missed, first_only)
    walk.visit(list(box), True, tuple(range(len(scorer.rules))), 0)
    return reached, missed


_MISSED, _REACHED, _MIXED, _STOP = 0, 1, 2, 3


@dataclass(frozen=True)
class _Walk:
    space: Space
    scorer: Scorer
    threshold: int
    reached: list[list[int]]
    missed: list[list[int]]
    first_only: bool

    def visit(self, box: list[int], open_eligibility: bool, open_rules: Sequence[int], base: int) -> int:
        """Settle or cut one box: _MISSED or _REACHED as a whole, _MIXED, or _STOP (first found)."""
        scorer = self.scorer
        if open_eligibility:
            eligible = evaluate(scorer.eligibility, box)
            if eligible == FALSE:
                self.missed.append(box)
                return _MISSED
            open_eligibility = eligible == UNKNOWN
        low = high = 0
        still: list[int] = []
        exclusion_open = False
        for r in open_rules:
            expr, weight, exclude = scorer.rules[r]
            value = evaluate(expr, box)
            if value == FALSE:
                continue
            if value == TRUE:
                if exclude:
                    self.missed.append(box)
                    return _MISSED
                base += weight
                continue
            still.append(r)
            if exclude:
                exclusion_open = True
            elif weight > 0:
                high += weight
            else:
                low += weight
        if base + high < self.threshold:
            self.missed.append(box)
            return _MISSED
        if not open_eligibility and not exclusion_open and base + low >= self.threshold:
            self.reached.append(box)
            return _STOP if self.first_only else _REACHED
        exprs = [scorer.eligibility] if open_eligibility else []
        exprs.extend(scorer.rules[r][0] for r in still)
        dim, blocks = self.space.split(exprs, box)
        marks = (len(self.reached), len(self.missed))
        outcomes = set()
        for block in blocks:
            child = list(box)
            child[dim] = block
            outcome = self.visit(child, open_eligibility, still, base)
            if outcome == _STOP:
                return _STOP
            outcomes.add(outcome)
        if outcomes == {_MISSED}:  # the cut was not needed after all: keep the box whole
            del self.missed[marks[1] :]
            self.missed.append(box)
            return _MISSED
        if outcomes == {_REACHED}:
            del self.reached[marks[0] :]
            self.reached.append(box)
            return _REACHED
        return _MIXED
