"""A test oracle: the decision written as a naive loop over the model, for checking the engine.

`referral.engine.program` states each rule's meaning once, compiled (closures, an index of rules,
masks per wijk). This module states the same semantics the slow and obvious way, straight from
the model's dataclasses; the tests run one corpus (golden casussen, fuzzed casussen, synthetic
region-scale content) through both and require identical outcomes, as OPA runs its conformance
corpus through its evaluator and its compiled form. It is never used by the product.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from referral.core.model import AllOf, AnyOf, Condition, Named, Not, Offer, Ruleset, Test


def holds(condition: Condition, signals: Mapping[str, Any], ruleset: Ruleset) -> bool:
    if isinstance(condition, AllOf):
        return all(holds(c, signals, ruleset) for c in condition.items)
    if isinstance(condition, AnyOf):
        return any(holds(c, signals, ruleset) for c in condition.items)
    if isinstance(condition, Not):
        return not holds(condition.item, signals, ruleset)
    if isinstance(condition, Named):
        return holds(condition.item, signals, ruleset)
    assert isinstance(condition, Test)
    value = signals.get(condition.signal)
    if condition.op == "known":
        return (value is not None) == condition.values[0]
    if value is None:
        return False
    if condition.op == "is":
        return bool(value == condition.values[0])
    if condition.op == "in":
        return value in condition.values
    if condition.op == "includes":
        return any(v in value for v in condition.values)
    if condition.op == "range":
        low, high = condition.minimum, condition.maximum
        return (low is None or value >= low) and (high is None or value <= high)
    signal = ruleset.vocabulary.signals[condition.signal]
    if condition.op == "at_least":
        return signal.order(value) >= signal.order(str(condition.values[0]))
    if condition.op == "at_most":
        return signal.order(value) <= signal.order(str(condition.values[0]))
    raise AssertionError(condition.op)


def current(offer: Offer, day: dt.date) -> bool:
    period = offer.period
    text = day.isoformat()
    if period.valid_from and text < period.valid_from:
        return False
    if period.valid_to and text > period.valid_to:
        return False
    if period.type == "event":
        return any(text <= o.end for o in period.occurrences)
    if period.type == "seasonal":
        return any(
            (dt.date.fromisoformat(o.start) - dt.timedelta(days=period.lead_days)).isoformat() <= text <= o.end
            for o in period.occurrences
        )
    return True


@dataclass(frozen=True)
class Outcome:
    person: tuple[tuple[str, int, tuple[str, ...]], ...]  # (offer id, score, rule ids sorted)
    asker: tuple[tuple[str, int, tuple[str, ...]], ...]
    eligible: frozenset[str]
    notes: tuple[str, ...]
    person_full: tuple[tuple[str, int, tuple[str, ...]], ...] = ()  # full on the day: listed, not referred
    asker_full: tuple[tuple[str, int, tuple[str, ...]], ...] = ()


def decide(ruleset: Ruleset, signals: Mapping[str, Any], day: dt.date) -> Outcome:
    """Every offer judged on its own, every rule evaluated, as the engine's docstring states it."""
    fired = [rule for rule in ruleset.rules if holds(rule.when, signals, ruleset)]
    text = day.isoformat()
    audience = signals.get("audience")
    spoken = signals.get("languages")
    eligible: dict[str, set[str]] = {}  # offer id -> its parts
    for offer in ruleset.offers:
        if not ruleset.referable(offer) or not current(offer, day):
            continue
        if offer.wijken is not None and signals.get("wijk") not in offer.wijken:
            continue
        age = signals.get("age")
        if age is not None and (
            (offer.age_min is not None and age < offer.age_min) or (offer.age_max is not None and age > offer.age_max)
        ):
            continue
        if offer.languages and spoken and not set(offer.languages) & set(spoken):
            continue
        if not holds(offer.requires, signals, ruleset):
            continue
        if any(rule.effect.exclude and rule.effect.selects(offer) for rule in fired):
            continue
        if audience == "helper" and "helper" in offer.audiences:
            eligible.setdefault(offer.id, set()).add("asker")
        # the person's part: the client's offers, or, for someone who wants to volunteer, theirs
        if ("volunteer" if audience == "volunteer" else "client") in offer.audiences:
            eligible.setdefault(offer.id, set()).add("person")
    parts: dict[str, list[tuple[Any, ...]]] = {"person": [], "asker": []}
    for offer in ruleset.offers:
        for part in sorted(eligible.get(offer.id, ())):
            # a rule that needs someone close asking speaks to the asker; every other, about the person
            reasons = [
                r
                for r in fired
                if not r.effect.exclude and r.effect.selects(offer) and (_for_asker(r.when) == (part == "asker"))
            ]
            score = sum(r.effect.weight for r in reasons)
            if score > 0:
                key = (-score, 0 if offer.is_local else 1, 0 if offer.own_contact_route else 1, offer.id)
                parts[part].append((key, offer.id, score, tuple(sorted(r.id for r in reasons))))
    # an offer declared full on the day (from its as_of on) is not referred: each part is ordered
    # without the full ones, which are ordered the same way among themselves, as a list apart
    full = {o.id for o in ruleset.offers if o.capacity and o.capacity.status == "full" and o.capacity.as_of <= text}
    ranked = {
        part: tuple((i, s, r) for _, i, s, r in _rounds(ruleset, sorted(x for x in items if x[1] not in full)))
        for part, items in parts.items()
    }
    apart = {
        part: tuple((i, s, r) for _, i, s, r in _rounds(ruleset, sorted(x for x in items if x[1] in full)))
        for part, items in parts.items()
    }
    notes = [note.id for note in ruleset.vocabulary.notes if holds(note.when, signals, ruleset)]
    if spoken:
        default = ruleset.vocabulary.offer_language
        served = False
        for offer_id, _, _ in ranked["person"]:
            offer = ruleset.offers_by_id[offer_id]
            languages = offer.languages or ((default,) if default else ())
            served = served or bool(set(languages) & set(spoken))
        if not served:
            notes.append("language_unserved")
    return Outcome(
        ranked["person"], ranked["asker"], frozenset(eligible), tuple(notes), apart["person"], apart["asker"]
    )


def _for_asker(condition: Any) -> bool:
    """`audience: helper` required, alone or in an all-of (also through a definition)."""
    kind = type(condition).__name__
    if kind == "Test":
        return bool(condition.signal == "audience" and condition.values == ("helper",) and condition.op in ("is", "in"))
    if kind == "AllOf":
        return any(_for_asker(item) for item in condition.items)
    if kind == "Named":
        return _for_asker(condition.item)
    return False


def _rounds(ruleset: Ruleset, items: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Round by round over the kinds of help (an offer's first kind): every kind's best first,
    among offers scoring at least a quarter of the top score; the weaker ones after, by score."""
    if not items:
        return items
    top = max(item[2] for item in items)
    seen: dict[str, int] = {}
    out = []
    for item in items:
        if item[2] * 4 < top:
            out.append(((len(items), item[0]), item))
            continue
        offer = ruleset.offers_by_id[item[1]]
        kind = offer.kinds[0] if offer.kinds else ""
        out.append(((seen.get(kind, 0), item[0]), item))
        seen[kind] = seen.get(kind, 0) + 1
    return [item for _, item in sorted(out)]


def engine_outcome(result: Any) -> Outcome:
    """The same shape, from a MatchResult of the engine."""

    def part(items: Any) -> tuple[tuple[str, int, tuple[str, ...]], ...]:
        return tuple((a.offer.id, a.score, tuple(sorted(r.rule for r in a.reasons))) for a in items)

    space = result.decision.space
    eligible = frozenset(
        result.ruleset.offers[i].id for i in space.indexes(result.decision.person | result.decision.asker)
    )
    return Outcome(
        part(result.referrals),
        part(result.for_asker),
        eligible,
        result.notes,
        part(result.full),
        part(result.asker_full),
    )
