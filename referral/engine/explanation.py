"""The answer to "why (not) this offer?" (`--explain`): kept apart from the match result, so that
the everyday views do not create its classes at every start of the tool."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from referral.core.model import Unmet
from referral.core.records import Record
from referral.engine.result import PERSON, Assessment, MatchResult


@dataclass(frozen=True, eq=False, repr=False)
class MissedRule(Record):
    """A rule that would have added weight to an offer, and the tests the casus did not meet."""

    rule: Any
    unmet: tuple[Unmet, ...]


@dataclass(frozen=True, eq=False, repr=False)
class Explanation(Record):
    """The answer to "why (not) this offer?" for one casus."""

    assessment: Assessment
    missed: tuple[MissedRule, ...]
    above: tuple[Assessment, ...]  # referrals ranked above it in its part (for a referred offer)
    rank_if_open: int | None = None  # a full offer: its place in its part had it not been full
    # per offer in `above`, what put it there: "score" (a higher score), "turn" (the best of
    # another kind of help takes its turn first), or the part of the tie-break that decided
    # between equal scores ("wijk", "route", "id": see referral.engine.program.place_key)
    above_because: tuple[str, ...] = ()


def explain(result: MatchResult, offer_id: str) -> Explanation | None:
    """Why the offer ranks where it does, or exactly why it is not referred."""
    assessment = result.assessment(offer_id)
    if assessment is None:
        return None
    index = result.ruleset.offer_position[assessment.offer.id]
    missed = tuple(
        MissedRule(result.ruleset.rules[rule], tuple(result.model_unmet(u) for u in unmet_tests))
        for rule, unmet_tests in result.program.missed(index, result.casus.signals, result.decision.fired)
    )
    above: tuple[Assessment, ...] = ()
    above_because: tuple[str, ...] = ()
    if assessment.rank is not None:
        part = result.referrals if assessment.part == PERSON else result.for_asker
        above = part[: assessment.rank - 1]
        above_because = _above_because(result, part, assessment.rank - 1)
    rank_if_open = None
    if assessment.full:
        ignoring = result.program.rank(result.decision, result.casus.signals.get("languages"), capacity=False)
        ranked = ignoring.person if assessment.part == PERSON else ignoring.asker
        rank_if_open = next(n for n, entry in enumerate(ranked, start=1) if entry[0] == index)
    return Explanation(assessment, missed, above, rank_if_open, above_because)


def _above_because(result: MatchResult, part: tuple[Assessment, ...], at: int) -> tuple[str, ...]:
    """Why each referral before position `at` of a ranked part stands above the one at `at`.

    Read off the ranking itself: an offer's turn is the number of offers of its kind of help
    ranked above it, among those that take turns (scoring at least a quarter of the top score,
    as Program._rounds orders them). Within one kind of help, and between equal scores and
    turns, score and then the tie-break key decide.
    """
    from referral.engine.program import PLACE_PARTS, place_key

    program = result.program
    position = result.ruleset.offer_position
    top = part[0].score if part else 0
    turns: list[int | None] = []
    seen: dict[str, int] = {}
    for item in part[: at + 1]:
        if item.score * 4 < top:
            turns.append(None)  # a weak fit: after every turn, by score
            continue
        kind = program.kinds[position[item.offer.id]]
        turns.append(seen.get(kind, 0))
        seen[kind] = seen.get(kind, 0) + 1
    me = part[at]
    my_kind = program.kinds[position[me.offer.id]]
    my_key = place_key(program.plain["offers"][position[me.offer.id]])
    because = []
    for n, item in enumerate(part[:at]):
        if item.score > me.score:
            because.append("score")
        elif (
            program.kinds[position[item.offer.id]] != my_kind
            and (turn := turns[n]) is not None
            and (mine := turns[at]) is not None
            and turn < mine
        ):
            because.append("turn")
        else:
            key = place_key(program.plain["offers"][position[item.offer.id]])
            because.append(next(name for name, a, b in zip(PLACE_PARTS, key, my_key, strict=True) if a != b))
    return tuple(because)
