"""Deterministic synthetic content at region scale: a province of gemeenten and their wijken.

The shape follows the real content: a fixed number of offers for the whole region (60), some
for one gemeente (15%), most for one or two wijken; each offer is one or two kinds of help of the
vocabulary (a few are volunteer recruitment, which the region never advises), some only for a group or
for people who feel lonely, some with a life in time (a dated event, a seasonal week, a project
that starts or ends). A fixed number of general rules on loneliness, age, life events and wishes
rank offers by kind of help, some narrowed by modality, place or group (80, as a city's rule
families), and many local rules ("in these wijken, for a helper / after a loss / ...") rank named
local offers. A bigger region has more wijken, not more offers per wijk: `scaled` keeps about 17
offers per wijk. Every file is schema-valid, so `referral validate` passes and the content loads
like the shipped Utrecht content. Rules are conjunctions of single-signal tests, so that the same
decision can be written as a decision table for a peer engine (benchmarks.zen_peer; there with
`RegionShape.table()`, offers without group or loneliness conditions).
"""

from __future__ import annotations

import os
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from referral.content.loading import shipped_content

SOURCE = [{"title": "Synthetische benchmarkinhoud (tests/synthetic_region.py), geen echt aanbod"}]
WEIGHTS = (-10, 5, 10, 10, 15, 15, 20, 25, 30)
MODALITIES = ("one_on_one", "group", "phone", "online", "at_home", "in_person", "information")


@dataclass(frozen=True)
class RegionShape:
    """How big the synthetic region is; `areas` wijken spread over gemeenten of `per_gemeente`."""

    offers: int = 5000
    rules: int = 10000
    areas: int = 300
    per_gemeente: int = 12
    seed: int = 7
    regional_offers: int = 60  # for the whole region; a bigger region has more wijken, not more of these
    general_rules: int = 80  # region-wide rules that rank by kind of help (as the city's rule families do)
    timed: float = 0.06  # share of offers with a period (event, seasonal, ongoing with dates)
    lonely: float = 0.08  # share of offers meant for people who feel lonely (eligibility.lonely)
    groups: float = 0.06  # share of offers only for a group (`for`, which is eligibility)
    filtered: float = 0.3  # share of general rules narrowed by modality, place or group

    def table(self) -> RegionShape:
        """The same region without conditions a decision table row cannot hold (groups, loneliness)."""
        import dataclasses

        return dataclasses.replace(self, lonely=0.0, groups=0.0)


def _dump(path: Path, data: Any) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        yaml.dump(data, handle, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=200)


def area_names(count: int, per_gemeente: int) -> list[tuple[str, int]]:
    """(wijk id, gemeente number) for `count` wijken: 'G03-W07' is wijk 7 of gemeente 3."""
    return [(f"G{i // per_gemeente + 1:02d}-W{i % per_gemeente + 1:02d}", i // per_gemeente) for i in range(count)]


def vocabulary(areas: Sequence[tuple[str, int]]) -> dict[str, Any]:
    """The shipped vocabulary with the Utrecht wijken replaced by the region's."""
    with open(shipped_content().rules / "vocabulary.yaml", encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    data["signals"]["wijk"]["values"] = {
        name: {"nl": f"gemeente {g + 1}, wijk {name[-2:]}", "en": f"municipality {g + 1}, district {name[-2:]}"}
        for name, g in areas
    }
    # Utrecht advises recruitment to volunteers only (by audience); the region keeps it a kind that
    # is never advised, so that the engine's `referable: false` path is measured and tested too.
    if "recruitment" in data.get("kinds", {}):
        data["kinds"]["recruitment"]["referable"] = False
    return data


def _period(rng: random.Random) -> dict[str, Any]:
    """A life in time around the days the tests and benchmarks use (2021-2028)."""
    year = rng.randrange(2021, 2029)
    start = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 28):02d}"
    shape = rng.choice(("event", "event", "seasonal", "from", "to"))
    if shape == "event":
        return {"type": "event", "dates": [{"from": start}]}
    if shape == "seasonal":
        end = f"{year}-12-{rng.randrange(28, 32):02d}" if start[5:7] == "12" else f"{year}-{int(start[5:7]) + 1:02d}-01"
        return {"type": "seasonal", "lead_days": rng.choice((0, 14, 42)), "dates": [{"from": start, "to": end}]}
    return {"type": "ongoing", ("valid_from" if shape == "from" else "valid_to"): start}


def _offer(
    number: int,
    rng: random.Random,
    areas: Sequence[tuple[str, int]],
    by_gemeente: dict[int, list[str]],
    vocab: dict[str, Any],
    shape: RegionShape,
    regional: bool,
) -> dict[str, Any]:
    spread = rng.random()
    if regional:
        wijken: Any = "all"
    elif spread < 0.15:
        wijken = list(by_gemeente[rng.randrange(len(by_gemeente))])
    else:
        start = rng.randrange(len(areas))
        wijken = [areas[start][0]] + ([areas[(start + 1) % len(areas)][0]] if rng.random() < 0.4 else [])
    audience = rng.choices((["client"], ["helper"], ["client", "helper"]), weights=(80, 15, 5))[0]
    eligibility: dict[str, Any] = {"wijken": wijken}
    if rng.random() < 0.3:
        eligibility["age"] = rng.choice(({"min": 12, "max": 25}, {"min": 55}, {"min": 65}, {"min": 18}, {"max": 30}))
    if rng.random() < 0.08:
        eligibility["languages"] = rng.sample(sorted(vocab["signals"]["languages"]["values"]), k=rng.choice((1, 2)))
    if rng.random() < 0.02:
        eligibility["when"] = {"signal": "loneliness.social", "known": True}
    if rng.random() < shape.lonely:
        eligibility["lonely"] = True
    kinds = _referable_kinds(vocab)
    if rng.random() < 0.01:
        kind = ["recruitment"] if "recruitment" in vocab["kinds"] else kinds[:1]
    else:
        kind = rng.sample(kinds, k=rng.choice((1, 1, 1, 2)))
    offer_id = f"o{number:05d}"
    data: dict[str, Any] = {
        "id": offer_id,
        "name": f"Aanbod {number}",
        "organisation": f"Organisatie {rng.randrange(1, 400)}",
        "kind": kind,
        "audience": audience,
        "description": {"nl": f"Synthetisch aanbod {number} voor de benchmark.", "en": f"Synthetic offer {number}."},
        "eligibility": eligibility,
        "modality": rng.sample(MODALITIES, k=rng.choice((1, 1, 2))),
        "tags": rng.sample(sorted(vocab["tags"]), k=min(len(vocab["tags"]), rng.choice((1, 2)))),
        "contact": {"url": f"https://example.org/aanbod/{offer_id}", "phone": None},
        "reviewed": "2026-11-28",
        "source": SOURCE,
    }
    if rng.random() < shape.groups and vocab.get("groups"):
        data["for"] = rng.sample(sorted(vocab["groups"]), k=1)
    if rng.random() < shape.timed:
        data["period"] = _period(rng)
    return data


def _referable_kinds(vocab: dict[str, Any]) -> list[str]:
    return sorted(k for k, spec in vocab["kinds"].items() if spec.get("referable", True))


def _signal_test(rng: random.Random, vocab: dict[str, Any]) -> dict[str, Any]:
    """One test on a signal other than wijk, in the shapes the real rules use."""
    signals = vocab["signals"]
    choice = rng.choice(
        (
            "social",
            "emotional",
            "severity",
            "age",
            "events",
            "household",
            "helper",
            "preferences",
            "mobility",
            "migration",
            "involved",
        )
    )
    if choice in ("social", "emotional"):
        return {"signal": f"loneliness.{choice}", "is": rng.random() < 0.8}
    if choice == "severity":
        if rng.random() < 0.3:
            return {"signal": "loneliness.severity", "at_least": rng.choice(["moderate", "severe"])}
        return {
            "signal": "loneliness.severity",
            "in": rng.sample(["moderate", "severe", "very_severe"], k=rng.choice((1, 2))),
        }
    if choice == "involved" and "involved" in signals:
        return {"signal": "involved", "includes": rng.sample(sorted(signals["involved"]["values"]), k=1)}
    if choice == "age":
        return rng.choice(
            ({"signal": "age", "min": 65}, {"signal": "age", "max": 25}, {"signal": "age", "min": 18, "max": 64})
        )
    if choice == "events":
        return {
            "signal": "life_events",
            "includes": rng.sample(list(signals["life_events"]["values"]), k=rng.choice((1, 2))),
        }
    if choice == "household":
        return {"signal": "household", "in": rng.sample(list(signals["household"]["values"]), k=rng.choice((1, 2)))}
    if choice == "helper":
        return {"signal": "audience", "is": "helper"}
    if choice == "preferences":
        return {"signal": "preferences", "includes": rng.sample(list(signals["preferences"]["values"]), k=1)}
    if choice == "mobility":
        return {"signal": "mobility", "in": rng.sample(["limited", "housebound"], k=rng.choice((1, 2)))}
    return {
        "signal": "migration_background",
        "in": rng.sample(list(signals["migration_background"]["values"])[1:], k=1),
    }


def _rule(
    number: int,
    rng: random.Random,
    vocab: dict[str, Any],
    local: dict[str, list[str]],
    areas: Sequence[tuple[str, int]],
    shape: RegionShape,
    general: bool,
) -> dict[str, Any]:
    tests: list[dict[str, Any]] = []
    effect: dict[str, Any]
    if general:  # a general rule: a signal ranks offers by kind of help everywhere
        tests = [_signal_test(rng, vocab) for _ in range(rng.choice((1, 1, 2)))]
        effect = {"weight": rng.choice(WEIGHTS), "kinds": rng.sample(_referable_kinds(vocab), k=rng.choice((1, 2)))}
        if rng.random() < shape.filtered:
            narrow = rng.choice(("modality", "outside_home", "for"))
            if narrow == "modality":
                effect["modality"] = rng.sample(MODALITIES, k=rng.choice((1, 2)))
            elif narrow == "outside_home":
                effect["outside_home"] = rng.random() < 0.5
            elif vocab.get("groups"):
                effect["for"] = rng.sample(sorted(vocab["groups"]), k=1)
    else:  # a local rule: in these wijken, for this kind of casus, these local offers
        start = rng.randrange(len(areas))
        chosen = [areas[start][0]] + ([areas[(start + 1) % len(areas)][0]] if rng.random() < 0.3 else [])
        tests = [{"signal": "wijk", "in": chosen}] + [_signal_test(rng, vocab) for _ in range(rng.choice((0, 1, 1, 2)))]
        candidates = sorted({offer for wijk in chosen for offer in local.get(wijk, ())})
        if not candidates:
            candidates = sorted(local[min(local)])
        targets = rng.sample(candidates, k=min(len(candidates), rng.choice((1, 1, 2, 3))))
        effect = {"weight": rng.choice(WEIGHTS), "offers": targets}
    if rng.random() < 0.02:
        effect = {key: value for key, value in effect.items() if key != "weight"} | {"exclude": True}
    seen: set[str] = set()
    unique = []
    for test in tests:  # one test per signal: a row of a decision table
        if test["signal"] not in seen:
            seen.add(test["signal"])
            unique.append(test)
    when = unique[0] if len(unique) == 1 else {"all": unique}
    return {
        "id": f"r{number:05d}",
        "when": when,
        "effect": effect,
        "because": {"nl": f"Synthetische regel {number}.", "en": f"Synthetic rule {number}."},
        "source": SOURCE,
    }


def scaled(offers: int, seed: int = 7) -> RegionShape:
    """A region of `offers` offers and twice as many rules, at the density of the default region."""
    return RegionShape(offers=offers, rules=2 * offers, areas=max(12, round(offers / 16.7)), seed=seed)


def generate(folder: str | os.PathLike[str], shape: RegionShape = RegionShape()) -> tuple[Path, Path]:
    """Write a region's content below `folder` (rules/ and offers/); returns the two folders."""
    rng = random.Random(shape.seed)
    root = Path(folder)
    rules_dir, offers_dir = root / "rules", root / "offers"
    rules_dir.mkdir(parents=True, exist_ok=True)
    offers_dir.mkdir(parents=True, exist_ok=True)
    areas = area_names(shape.areas, shape.per_gemeente)
    by_gemeente: dict[int, list[str]] = {}
    for name, g in areas:
        by_gemeente.setdefault(g, []).append(name)
    vocab = vocabulary(areas)
    _dump(rules_dir / "vocabulary.yaml", vocab)
    with open(shipped_content().rules / "scales.yaml", encoding="utf-8") as handle:
        (rules_dir / "scales.yaml").write_text(handle.read(), encoding="utf-8")
    local: dict[str, list[str]] = {}
    for number in range(1, shape.offers + 1):
        regional = number <= min(shape.regional_offers, shape.offers // 10 or 1)
        offer = _offer(number, rng, areas, by_gemeente, vocab, shape, regional)
        _dump(offers_dir / f"{offer['id']}.yaml", offer)
        if offer["eligibility"]["wijken"] != "all":
            for wijk in offer["eligibility"]["wijken"]:
                local.setdefault(wijk, []).append(offer["id"])
    per_file = 500
    for first in range(0, shape.rules, per_file):
        general = min(shape.general_rules, shape.rules // 10 or 1)
        numbers = range(first + 1, min(shape.rules, first + per_file) + 1)
        rules = [_rule(n, rng, vocab, local, areas, shape, n <= general) for n in numbers]
        _dump(rules_dir / f"regels-{first // per_file + 1:03d}.yaml", {"version": 1, "rules": rules})
    return rules_dir, offers_dir
