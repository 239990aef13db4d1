"""Deterministic synthetic casussen: a population as a monitor or a phone log might hold it.

Fields are present with realistic frequencies (not every casus has every signal), values are
written as people write them (canonical ids, Dutch aliases, different casing), a share carries
the De Jong Gierveld answers instead of the derived signals, a few carry a harmless note, and a
small share is broken (a typo, a wrong type, a personal field) so that the error route is timed
too. The same seed gives the same lines.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from referral.core.model import Ruleset, Signal

DJG_ANSWERS = ("ja", "nee", "min of meer")


@dataclass(frozen=True)
class PopulationShape:
    """How a population looks; the defaults are what the README's figures use."""

    presence: float = 0.6  # chance that an optional signal is given
    aliases: float = 0.3  # chance that a value is written as a Dutch alias or label
    djg: float = 0.15  # chance of scale answers instead of loneliness.social/emotional/severity
    notes: float = 0.02  # chance of a (harmless) note
    broken: float = 0.01  # chance of a line with a mistake


def _spelling(rng: random.Random, signal: Signal, value_id: str, aliases: float) -> str:
    value = signal.value(value_id)
    assert value is not None
    if rng.random() >= aliases:
        return value_id
    choices = [value.label.nl, *value.aliases]
    written = rng.choice(choices)
    return written.lower() if rng.random() < 0.5 else written


def casus(rng: random.Random, ruleset: Ruleset, shape: PopulationShape) -> dict[str, Any]:
    """One synthetic casus as a JSON-ready mapping (signals only, never personal data)."""
    signals = ruleset.vocabulary.signals
    data: dict[str, Any] = {}
    if rng.random() < 0.15 and "audience" in signals:
        data["audience"] = "helper"
    elif rng.random() < 0.3:
        data["audience"] = "client"
    if rng.random() < 0.9:
        data["age"] = min(120, max(0, int(rng.gauss(62, 20))))
    if rng.random() < 0.85 and "wijk" in signals:
        wijk = signals["wijk"]
        data["wijk"] = _spelling(rng, wijk, rng.choice(wijk.value_ids()), shape.aliases)
    for name in ("household", "migration_background", "mobility"):
        if name in signals and rng.random() < shape.presence:
            data[name] = _spelling(rng, signals[name], rng.choice(signals[name].value_ids()), shape.aliases)
    for name in ("languages", "life_events", "preferences", "involved"):
        if name in signals and rng.random() < shape.presence * 0.7:
            ids = rng.sample(signals[name].value_ids(), k=rng.choice((1, 1, 1, 2, 2, 3)))
            data[name] = [_spelling(rng, signals[name], v, shape.aliases) for v in ids]
    loneliness: dict[str, Any] = {}
    if rng.random() < shape.djg:
        version = rng.choice(("djg11", "djg6"))
        size = 11 if version == "djg11" else 6
        loneliness[version] = [rng.choice(DJG_ANSWERS) for _ in range(size)]
    else:
        for name in ("social", "emotional"):
            if rng.random() < shape.presence:
                loneliness[name] = rng.random() < 0.5
        if "loneliness.severity" in signals and rng.random() < shape.presence:
            severity = signals["loneliness.severity"]
            loneliness["severity"] = _spelling(rng, severity, rng.choice(severity.value_ids()), shape.aliases)
    if loneliness:
        data["loneliness"] = loneliness
    if rng.random() < shape.notes:
        data["note"] = rng.choice(("mist haar man", "weinig contact met de buren", "wil graag iets doen"))
    if rng.random() < shape.broken:
        mistake = rng.choice(("typo", "type", "personal", "range"))
        if mistake == "typo":
            data["wijk"] = "Overvecth"
        elif mistake == "type":
            data["age"] = "oud"
        elif mistake == "personal":
            data["naam"] = "X"
        else:
            data["age"] = 130
    return data


def population(
    ruleset: Ruleset, count: int, seed: int = 2026, shape: PopulationShape | None = None
) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    shape = shape or PopulationShape()
    for _ in range(count):
        yield casus(rng, ruleset, shape)


def jsonl(ruleset: Ruleset, count: int, seed: int = 2026, shape: PopulationShape | None = None) -> str:
    """The population as JSONL text (one casus per line)."""
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in population(ruleset, count, seed, shape))
