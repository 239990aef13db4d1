"""Compiling a Ruleset into the engine's plain program: what every route decides with.

The plain program is JSON data (the content cache keeps it as the section "program"), so that a
cold start decides without building the model. It holds, per offer, its hard eligibility
(audience, wijken, ages, languages, its life in time, further conditions, whether its kind may
be advised at all) and its declared capacity (status, and the day from which it counts); per
rule, its condition and the offers its effect selects. Conditions become nested lists;
`referral.engine.program` turns them into closures.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from referral.core.model import Condition, Offer, Period, Ruleset, Vocabulary

FORMAT = 5


def describe(ruleset: Ruleset) -> dict[str, Any]:
    """The plain program of a ruleset."""
    from referral.core.model import requires_helper

    vocabulary = ruleset.vocabulary
    index = {offer.id: i for i, offer in enumerate(ruleset.offers)}
    offers = [
        {
            "id": offer.id,
            "audiences": list(offer.audiences),
            "wijken": list(offer.wijken) if offer.wijken is not None else None,
            "routed": offer.own_contact_route,
            "age": [offer.age_min, offer.age_max],
            "languages": list(offer.languages),
            "requires": plain_condition(offer.requires, vocabulary),
            "period": plain_period(offer.period),
            "referable": ruleset.referable(offer),
            "kind": offer.kinds[0] if offer.kinds else "",
            "capacity": [offer.capacity.status, ordinal(offer.capacity.as_of)] if offer.capacity else None,
        }
        for offer in ruleset.offers
    ]
    rules = [
        {
            "id": rule.id,
            "when": plain_condition(rule.when, vocabulary),
            "weight": rule.effect.weight,
            "exclude": rule.effect.exclude,
            "for_asker": requires_helper(rule.when),
            "targets": [index[o.id] for o in targets],
        }
        for rule, targets in zip(ruleset.rules, ruleset.targets, strict=True)
    ]
    notes = [{"id": note.id, "when": plain_condition(note.when, vocabulary)} for note in vocabulary.notes]
    return {
        "format": FORMAT,
        "digest": ruleset.digest,
        "commit": ruleset.commit,
        "offers": offers,
        "rules": rules,
        "notes": notes,
        "offer_language": vocabulary.offer_language,
        # kind and number of values of each signal: what the rule index is steered by
        "signals": {
            sid: [s.kind, 2 if s.kind == "boolean" else max(len(s.values), 1)] for sid, s in vocabulary.signals.items()
        },
    }


def ordinal(text: str) -> int:
    """A YYYY-MM-DD date as a day number (date.toordinal), for comparisons without date objects."""
    return dt.date.fromisoformat(text).toordinal()


def plain_period(period: Period) -> list[Any] | None:
    """[type, valid_from, valid_to, [[start, end], ...], lead_days] as day numbers; None: always."""
    if period.type == "ongoing" and period.valid_from is None and period.valid_to is None:
        return None
    return [
        period.type,
        ordinal(period.valid_from) if period.valid_from else None,
        ordinal(period.valid_to) if period.valid_to else None,
        [[ordinal(o.start), ordinal(o.end)] for o in period.occurrences],
        period.lead_days,
    ]


def plain_condition(condition: Condition, vocabulary: Vocabulary) -> list[Any]:
    """A condition as nested lists.

    ["test", signal, op, values, min, max, [shown op, shown values]] / ["all", [...]] /
    ["any", [...]] / ["not", c] / ["ref", name, c]. Ordered tests (at_least, at_most) become
    plain sets of values; the shown pair keeps them as written, for explanations.
    """
    from referral.core.model import AllOf, AnyOf, Named, Not, Test

    if isinstance(condition, AllOf):
        return ["all", [plain_condition(c, vocabulary) for c in condition.items]]
    if isinstance(condition, AnyOf):
        return ["any", [plain_condition(c, vocabulary) for c in condition.items]]
    if isinstance(condition, Not):
        return ["not", plain_condition(condition.item, vocabulary)]
    if isinstance(condition, Named):
        return ["ref", condition.id, plain_condition(condition.item, vocabulary)]
    assert isinstance(condition, Test)
    op, values = condition.op, list(condition.values)
    shown = [op, list(values)]
    if op in ("at_least", "at_most"):
        signal = vocabulary.signals[condition.signal]
        bound = signal.order(str(values[0]))
        ids = signal.value_ids()
        values = [v for v in ids if (signal.order(v) >= bound if op == "at_least" else signal.order(v) <= bound)]
        op = "in"
    return ["test", condition.signal, op, values, condition.minimum, condition.maximum, shown]


def is_past(offer: Offer, day: dt.date) -> bool:
    """Whether an offer's time is over on `day` (a past event, an ended project): the archive."""
    from referral.engine.program import in_period

    return in_period(plain_period(offer.period), day.toordinal()) == "past"
