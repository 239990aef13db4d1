"""The De Jong Gierveld loneliness scale (11- and 6-item versions), scored exactly.

Items and their direction are fixed by the published scale; cut-offs come from
`rules/scales.yaml` because sources differ on them. The scale is a survey instrument,
not a diagnosis: whoever shows scores says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from referral.core.records import Record

GROUP = "loneliness"  # the casus group whose fields the scale answers derive
YES, MORE_OR_LESS, NO = "ja", "min of meer", "nee"
ANSWERS = (YES, MORE_OR_LESS, NO)
_ANSWER_ALIASES = {
    "ja": YES,
    "yes": YES,
    "min of meer": MORE_OR_LESS,
    "minofmeer": MORE_OR_LESS,
    "more or less": MORE_OR_LESS,
    "nee": NO,
    "no": NO,
}


@dataclass(frozen=True, eq=False, repr=False)
class Item(Record):
    """One statement of the scale, in both languages, and the subscale its answer counts for."""

    number: int
    text_nl: str
    text_en: str
    subscale: str  # "social" (positively worded) or "emotional" (negatively worded)


ITEMS: tuple[Item, ...] = (
    Item(
        1,
        "Er is altijd wel iemand in mijn omgeving bij wie ik met mijn dagelijkse probleempjes terecht kan",
        "There is always someone I can talk to about my day-to-day problems",
        "social",
    ),
    Item(2, "Ik mis een echt goede vriend of vriendin", "I miss having a really close friend", "emotional"),
    Item(3, "Ik ervaar een leegte om me heen", "I experience a general sense of emptiness", "emotional"),
    Item(
        4,
        "Er zijn genoeg mensen op wie ik in geval van narigheid kan terugvallen",
        "There are plenty of people I can lean on when I have problems",
        "social",
    ),
    Item(5, "Ik mis gezelligheid om me heen", "I miss the pleasure of the company of others", "emotional"),
    Item(
        6,
        "Ik vind mijn kring van kennissen te beperkt",
        "I find my circle of friends and acquaintances too limited",
        "emotional",
    ),
    Item(
        7,
        "Ik heb veel mensen op wie ik volledig kan vertrouwen",
        "There are many people I can trust completely",
        "social",
    ),
    Item(
        8,
        "Er zijn voldoende mensen met wie ik me nauw verbonden voel",
        "There are enough people I feel close to",
        "social",
    ),
    Item(9, "Ik mis mensen om me heen", "I miss having people around", "emotional"),
    Item(10, "Vaak voel ik me in de steek gelaten", "I often feel rejected", "emotional"),
    Item(
        11,
        "Wanneer ik daar behoefte aan heb, kan ik altijd bij mijn vrienden terecht",
        "I can call on my friends whenever I need them",
        "social",
    ),
)

# The published 6-item order: items 3, 9, 10 (emotional), 4, 7, 8 (social) of the 11-item scale.
SHORT_FORM: tuple[int, ...] = (3, 9, 10, 4, 7, 8)

VERSIONS: dict[str, tuple[int, ...]] = {
    "djg11": tuple(item.number for item in ITEMS),
    "djg6": SHORT_FORM,
}


def item(number: int) -> Item:
    return ITEMS[number - 1]


def normalize_answer(raw: Any) -> str | None:
    """'ja' / 'min of meer' / 'nee' (any case or accents), or None for not answered.

    Raises ValueError for anything else.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        # YAML 1.1 reads unquoted ja/nee as strings but yes/no as booleans.
        return YES if raw else NO
    if not isinstance(raw, str):
        raise ValueError("not an answer")
    if raw in _ANSWER_ALIASES:  # as written most of the time: no folding (and no model imported)
        return _ANSWER_ALIASES[raw]
    from referral.core.vocabulary import fold

    key = fold(raw)
    if key == "":
        return None
    if key in _ANSWER_ALIASES:
        return _ANSWER_ALIASES[key]
    raise ValueError("not an answer")


def item_score(number: int, answer: str | None) -> int | None:
    """1 when the answer points to loneliness, 0 when not, None when not answered.

    Emotional items are worded negatively ('Ik mis ...'): ja or min of meer scores 1.
    Social items are worded positively ('Er is altijd wel iemand ...'): nee or min of meer scores 1.
    """
    if answer is None:
        return None
    if answer == MORE_OR_LESS:
        return 1
    if item(number).subscale == "emotional":
        return 1 if answer == YES else 0
    return 1 if answer == NO else 0


@dataclass(frozen=True, eq=False, repr=False)
class ScaleResult(Record):
    """The scored answers of one casus: totals per subscale and what they derive (social, emotional, severity)."""

    version: str
    answers: tuple[str | None, ...]
    total: int | None
    social_score: int | None
    emotional_score: int | None
    social: bool | None
    emotional: bool | None
    severity: str | None
    missing: int
    tempered: bool = False  # a subscale at its threshold while the total says: not lonely

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "version": self.version,
            "answers": list(self.answers),
            "total": self.total,
            "social_score": self.social_score,
            "emotional_score": self.emotional_score,
            "missing": self.missing,
        }
        if self.tempered:
            data["tempered"] = True
        return data


def score(version: str, answers: Sequence[str | None], thresholds: Mapping[str, Any]) -> ScaleResult:
    """Score normalized answers given in the version's own item order."""
    numbers = VERSIONS[version]
    if len(answers) != len(numbers):
        raise ValueError(f"{version} needs {len(numbers)} answers")
    config = thresholds[version]
    scores = {n: item_score(n, a) for n, a in zip(numbers, answers, strict=True)}
    missing = sum(1 for s in scores.values() if s is None)

    def subscale(name: str) -> int | None:
        values = [scores[n] for n in numbers if item(n).subscale == name]
        if any(v is None for v in values):
            return None
        return sum(v for v in values if v is not None)

    social_score, emotional_score = subscale("social"), subscale("emotional")
    total: int | None = None
    if missing <= int(config["max_missing_total"]):
        total = sum(s for s in scores.values() if s is not None)
    severity = None
    if total is not None:
        for band in config["bands"]:
            if total <= band["max"]:
                severity = band["severity"]
                break
    threshold = int(config["subscale_threshold"])
    social = None if social_score is None else social_score >= threshold
    emotional = None if emotional_score is None else emotional_score >= threshold
    # Not lonely by the total, yet a subscale at its threshold: both are reported, as the manual
    # scores them independently; the advice follows the total (the vocabulary's definition lonely).
    tempered = severity == config["bands"][0]["severity"] and bool(social or emotional)
    return ScaleResult(
        version=version,
        answers=tuple(answers),
        total=total,
        social_score=social_score,
        emotional_score=emotional_score,
        social=social,
        emotional=emotional,
        severity=severity,
        missing=missing,
        tempered=tempered,
    )
