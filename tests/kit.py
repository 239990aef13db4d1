"""Tiny synthetic content written by a test (tmp_path): a vocabulary, scales, offers and rules.

The shipped Utrecht content changes as its facts are checked; tests of the engine, the views and
the cache state their own content here, so that what they assert cannot drift with it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from referral.content.loading import ContentDirs, load_ruleset
from referral.core.model import Ruleset

VOCABULARY: dict[str, Any] = {
    "version": 1,
    "signals": {
        "audience": {
            "kind": "enum",
            "default": "client",
            "label": {"nl": "wie vraagt", "en": "who is asking"},
            "values": {
                "client": {"nl": "de inwoner zelf", "en": "the resident themselves", "aliases": ["inwoner"]},
                "helper": {"nl": "iemand uit de omgeving", "en": "someone close", "aliases": ["mantelzorger"]},
                "professional": {"nl": "een professional", "en": "a professional", "aliases": ["overleg"]},
            },
        },
        "age": {
            "kind": "integer",
            "min": 0,
            "max": 120,
            "label": {"nl": "leeftijd", "en": "age"},
            "unit": {"nl": "jaar", "en": "years"},
        },
        "wijk": {
            "kind": "enum",
            "label": {"nl": "wijk", "en": "district"},
            "values": {
                "Noord": {"nl": "Noord", "en": "North", "aliases": ["noorderwijk"]},
                "Zuid": {"nl": "Zuid", "en": "South"},
                "Oost": {"nl": "Oost", "en": "East"},
            },
        },
        "household": {
            "kind": "enum",
            "label": {"nl": "huishouden", "en": "household"},
            "values": {
                "single": {"nl": "alleenstaand", "en": "living alone", "aliases": ["alleenstaand"]},
                "couple": {"nl": "samenwonend paar", "en": "couple"},
                "institution": {"nl": "instelling", "en": "institution"},
            },
        },
        "languages": {
            "kind": "set",
            "label": {"nl": "talen", "en": "languages"},
            "values": {
                "nl": {"nl": "Nederlands", "en": "Dutch"},
                "ar": {"nl": "Arabisch", "en": "Arabic"},
                "tr": {"nl": "Turks", "en": "Turkish"},
            },
        },
        "loneliness.social": {"kind": "boolean", "label": {"nl": "sociaal eenzaam", "en": "socially lonely"}},
        "loneliness.emotional": {"kind": "boolean", "label": {"nl": "emotioneel eenzaam", "en": "emotionally lonely"}},
        "loneliness.severity": {
            "kind": "enum",
            "ordered": True,
            "label": {"nl": "ernst van de eenzaamheid", "en": "severity of loneliness"},
            "values": {
                "none": {"nl": "niet eenzaam", "en": "not lonely"},
                "moderate": {"nl": "matig eenzaam", "en": "moderately lonely", "aliases": ["matig"]},
                "severe": {"nl": "ernstig eenzaam", "en": "severely lonely", "aliases": ["ernstig"]},
                "very_severe": {"nl": "zeer ernstig eenzaam", "en": "very severely lonely"},
            },
        },
        "life_events": {
            "kind": "set",
            "label": {"nl": "levensgebeurtenissen", "en": "life events"},
            "values": {
                "bereavement": {"nl": "verlies van een dierbare", "en": "bereavement", "aliases": ["rouw"]},
                "retirement": {"nl": "met pensioen", "en": "retirement"},
            },
        },
        "involved": {
            "kind": "set",
            "label": {"nl": "al betrokken", "en": "already involved"},
            "values": {"gp": {"nl": "huisarts", "en": "GP", "aliases": ["huisarts"]}},
        },
        "mobility": {
            "kind": "enum",
            "label": {"nl": "mobiliteit", "en": "mobility"},
            "values": {
                "ok": {"nl": "mobiel", "en": "mobile"},
                "housebound": {"nl": "aan huis gebonden", "en": "housebound"},
            },
        },
        "preferences": {
            "kind": "set",
            "label": {"nl": "voorkeuren", "en": "preferences"},
            "values": {
                "one_on_one": {"nl": "één op één", "en": "one-on-one"},
                "group": {"nl": "in een groep", "en": "in a group"},
                "phone": {"nl": "telefonisch", "en": "by phone"},
            },
        },
    },
    "offer_language": "nl",
    "kinds": {
        "meeting": {"nl": "ontmoeten", "en": "meeting people", "terms": {"nl": ["samen"], "en": ["together"]}},
        "bond": {"nl": "een vaste band", "en": "a lasting bond", "terms": {"nl": ["maatje"], "en": ["buddy"]}},
        "grief": {"nl": "rouwondersteuning", "en": "grief support", "terms": {"nl": ["rouw"], "en": ["grief"]}},
        "information": {"nl": "informatie", "en": "information", "terms": {"nl": ["info"], "en": ["info"]}},
        "helper_knowledge": {
            "nl": "kennis voor wie helpt",
            "en": "knowledge for those who help",
            "terms": {"nl": ["training"], "en": ["training"]},
        },
        "recruitment": {
            "nl": "werving van vrijwilligers",
            "en": "volunteer recruitment",
            "terms": {"nl": ["werving"], "en": ["recruit"]},
            "referable": False,
        },
    },
    "groups": {
        "youth": {
            "label": {"nl": "jongeren", "en": "young people"},
            "when": {"any": [{"signal": "age", "known": False}, {"signal": "age", "max": 27}]},
        },
        "lonely": {"label": {"nl": "eenzamen", "en": "lonely people"}, "when": {"ref": "lonely"}},
    },
    "definitions": {
        "lonely": {
            "label": {"nl": "een signaal van eenzaamheid", "en": "a sign of loneliness"},
            "when": {
                "any": [
                    {"signal": "loneliness.severity", "at_least": "moderate"},
                    {
                        "all": [
                            {"signal": "loneliness.severity", "known": False},
                            {
                                "any": [
                                    {"signal": "loneliness.social", "is": True},
                                    {"signal": "loneliness.emotional", "is": True},
                                ]
                            },
                        ]
                    },
                ]
            },
        },
        "not_lonely": {
            "label": {"nl": "niet eenzaam", "en": "not lonely"},
            "when": {"signal": "loneliness.severity", "is": "none"},
        },
    },
    "notes": {
        "not_lonely": {
            "when": {"ref": "not_lonely"},
            "text": {"nl": "Geen eenzaamheid gesignaleerd.", "en": "No loneliness signalled."},
        },
    },
    "tags": {"test": {"nl": "test", "en": "test"}},
}

SCALES: dict[str, Any] = {
    "version": 1,
    "djg11": {
        "source": {"title": "van Tilburg & de Jong Gierveld (1999)"},
        "bands": [
            {"max": 2, "severity": "none"},
            {"max": 8, "severity": "moderate"},
            {"max": 10, "severity": "severe"},
            {"max": 11, "severity": "very_severe"},
        ],
        "subscale_threshold": 2,
        "subscale_threshold_source": {"title": "RIVM"},
        "max_missing_total": 0,
    },
    "djg6": {
        "source": {"title": "de Jong Gierveld & van Tilburg (2006)"},
        "bands": [{"max": 1, "severity": "none"}, {"max": 4, "severity": "moderate"}, {"max": 6, "severity": "severe"}],
        "subscale_threshold": 1,
        "subscale_threshold_source": {"title": "de Jong Gierveld & van Tilburg (2006)"},
        "max_missing_total": 1,
    },
}

SOURCE = [{"title": "test"}]


def offer(offer_id: str, kind: Sequence[str] = ("meeting",), **fields: Any) -> dict[str, Any]:
    """An offer in the content format: city-wide, for the person, a group; `fields` override."""
    data: dict[str, Any] = {
        "id": offer_id,
        "name": f"Offer {offer_id}",
        "organisation": "Org",
        "kind": list(kind),
        "audience": ["client"],
        "description": {"nl": f"Aanbod {offer_id}.", "en": f"Offer {offer_id}."},
        "eligibility": {"wijken": "all"},
        "modality": ["group"],
        "contact": {},
        "reviewed": "2026-01-01",
        "source": SOURCE,
    }
    data.update(fields)
    return data


def rule(
    rule_id: str, effect: Mapping[str, Any], when: Mapping[str, Any] | None = None, **fields: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": rule_id,
        "effect": dict(effect),
        "because": {"nl": f"Reden {rule_id}.", "en": f"Reason {rule_id}."},
        "source": SOURCE,
    }
    if when is not None:
        data["when"] = dict(when)
    data.update(fields)
    return data


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write_content(
    folder: Path,
    offers: Sequence[Mapping[str, Any]],
    rules: Sequence[Mapping[str, Any]],
    vocabulary: Mapping[str, Any] | None = None,
) -> ContentDirs:
    """rules/ (vocabulary, scales, one file of rules) and offers/ (one file per offer) below `folder`."""
    rules_dir, offers_dir = folder / "rules", folder / "offers"
    rules_dir.mkdir(parents=True)
    offers_dir.mkdir(parents=True)
    _dump(rules_dir / "vocabulary.yaml", dict(vocabulary or VOCABULARY))
    _dump(rules_dir / "scales.yaml", SCALES)
    _dump(rules_dir / "regels.yaml", {"version": 1, "rules": [dict(r) for r in rules]})
    for item in offers:
        _dump(offers_dir / f"{item['id']}.yaml", dict(item))
    return ContentDirs(rules_dir, offers_dir)


def ruleset_of(folder: Path, offers: Sequence[Mapping[str, Any]], rules: Sequence[Mapping[str, Any]]) -> Ruleset:
    return load_ruleset(write_content(folder, offers, rules))


# --- what every advice must satisfy, and casussen drawn from a vocabulary ------------------------


def order_keys(part: Sequence[Any]) -> list[tuple[int, int, bool, bool, str]]:
    """The documented order of a part of an advice (a sequence of Assessments), as sort keys:
    round by round over the kinds of help (an offer's first kind) among offers scoring at least
    a quarter of the top score, the weaker ones after all rounds; then higher score, then an offer for the
    casus's own wijk before a city-wide one, then one with a contact route of its own before one
    without, then id. Sorted keys: a sound order."""
    turns: dict[str, int] = {}
    keys: dict[str, tuple[int, int, bool, bool, str]] = {}
    top = max((a.score for a in part), default=0)
    for item in sorted(part, key=lambda a: (-a.score, not a.offer.is_local, not a.offer.own_contact_route, a.offer.id)):
        kind = item.offer.kinds[0] if item.offer.kinds else ""
        turn = len(part) if item.score * 4 < top else turns.get(kind, 0)
        keys[item.offer.id] = (
            turn,
            -item.score,
            not item.offer.is_local,
            not item.offer.own_contact_route,
            item.offer.id,
        )
        if item.score * 4 >= top:
            turns[kind] = turns.get(kind, 0) + 1
    return [keys[a.offer.id] for a in part]


def casus_strategy(ruleset: Ruleset) -> Any:
    """A hypothesis strategy of valid casus mappings over every signal of the vocabulary."""
    from hypothesis import strategies as st

    def value(signal: Any) -> Any:
        if signal.kind == "integer":
            return st.integers(signal.minimum, signal.maximum)
        if signal.kind == "boolean":
            return st.booleans()
        if signal.kind == "enum":
            return st.sampled_from(signal.value_ids())
        return st.lists(st.sampled_from(signal.value_ids()), max_size=3)

    @st.composite
    def draw_casus(draw: Any) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for signal_id, signal in ruleset.vocabulary.signals.items():
            if draw(st.booleans()):
                head, _, tail = signal_id.partition(".")
                found = draw(value(signal))
                if tail:
                    data.setdefault(head, {})[tail] = found
                else:
                    data[head] = found
        return data

    return draw_casus()


def day_strategy() -> Any:
    """Days from 2021 to 2028: before, during and after the periods of the content."""
    import datetime as dt

    from hypothesis import strategies as st

    return st.dates(dt.date(2021, 1, 1), dt.date(2028, 12, 31))


def committed_content(repo: Path) -> ContentDirs:
    """A git repository at `repo` holding one commit of the shipped content (for --content-at and
    diff --against a ref)."""
    import shutil
    import subprocess

    root = Path(__file__).resolve().parent.parent
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    for folder in ("rules", "offers"):
        shutil.copytree(root / folder, repo / folder)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "v1"], check=True)
    return ContentDirs(repo / "rules", repo / "offers")
