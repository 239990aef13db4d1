"""The sociale kaart: search and filter the aanbod (`referral offers`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from referral.app.support import shown_id
from referral.core.model import Offer, Ruleset
from referral.core.problems import Problem, ReferralError
from referral.core.vocabulary import fold, lookup, suggest
from referral.engine.compile import is_past


@dataclass(frozen=True)
class OfferQuery:
    text: str | None = None
    wijk: str | None = None
    audience: str | None = None
    tags: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    archive: bool = False  # also offers whose time is over (past events, ended projects)
    day: Any = None  # the day that decides what is past (a date; default today)


def _haystack(offer: Offer, ruleset: Ruleset) -> str:
    kinds = [ruleset.vocabulary.kind_label(k, lang) for k in offer.kinds for lang in ("nl", "en")]
    parts = [
        offer.id,
        offer.name,
        offer.organisation,
        offer.description.nl,
        offer.description.en or "",
        *sorted(offer.tags),
        *offer.kinds,
        *kinds,
        *(offer.wijken or ()),
    ]
    return fold(" ".join(parts))


def search(ruleset: Ruleset, query: OfferQuery) -> list[Offer]:
    """Offers matching every given filter; the text must match every word (accent-insensitive)."""
    from referral.core.schedule import today

    day = query.day or today()
    wijk_id = None
    if query.wijk:
        signal = ruleset.vocabulary.signals["wijk"]
        found = lookup(signal, query.wijk)
        if found.value is None:
            raise ReferralError(
                Problem.make(
                    "casus.unknown_value",
                    file="--wijk",
                    field="wijk",
                    suggestion=found.suggestion,
                    choices=signal.value_ids(),
                )
            )
        wijk_id = found.value
    kinds = ruleset.vocabulary.kinds
    for kind in query.kinds:
        if kind not in kinds:
            labels = {k: k for k in kinds} | {v.label.nl: k for k, v in kinds.items()}
            labels |= {term: k for k, v in kinds.items() for term in (*v.terms_nl, *v.terms_en)}
            guess = (labels.get(fold(kind)) and fold(kind)) or suggest(kind, labels)
            raise ReferralError(
                Problem.make(
                    "content.unknown_kind",
                    file="--kind",
                    kind=shown_id(kind),
                    suggestion=labels[guess] if guess else None,
                    choices=sorted(kinds),
                )
            )
    words = fold(query.text).split() if query.text else []
    wanted_tags = [fold(tag) for tag in query.tags]
    result = []
    for offer in ruleset.offers:
        if not query.archive and is_past(offer, day):
            continue
        if wijk_id and offer.wijken is not None and wijk_id not in offer.wijken:
            continue
        if query.audience and query.audience not in offer.audiences:
            continue
        if query.kinds and not set(query.kinds) & set(offer.kinds):
            continue
        if wanted_tags and not all(tag in {fold(t) for t in offer.tags} for tag in wanted_tags):
            continue
        if words:
            haystack = _haystack(offer, ruleset)
            if not all(word in haystack for word in words):
                continue
        result.append(offer)
    return result
