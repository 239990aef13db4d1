"""`referral gaps`: exact against brute force, and catching gaps in deliberately gapped copies."""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from referral.analysis.gaps import (
    COVERED,
    FALLBACK,
    LONELY,
    NONE,
    OUT_OF_SCOPE,
    fallback_ids,
    find_gaps,
    heatmap,
    region_parts,
    region_text,
)
from referral.casus.reader import Casus
from referral.cli import main
from referral.content.loading import ContentDirs, load_ruleset
from referral.core.model import (
    ALWAYS,
    AllOf,
    AnyOf,
    Condition,
    Contact,
    Effect,
    Label,
    Location,
    Not,
    Offer,
    Rule,
    Ruleset,
    Signal,
    Value,
    Vocabulary,
)
from referral.core.model import Test as Unary
from referral.engine.match import match


def run(dirs: ContentDirs | None, *args: str) -> Result:
    where = ["--rules", str(dirs.rules), "--offers", str(dirs.offers)] if dirs else []
    return CliRunner().invoke(main, [*where, "gaps", *args], catch_exceptions=False)


def engine_outcome(ruleset: Ruleset, signals: dict[str, Any], threshold: int, fallbacks: frozenset[str]) -> str:
    """What `referral match` says, in the terms of gaps: covered, fallback (only) or none."""
    result = match(Casus(signals=signals), ruleset)
    good = [a for a in result.referrals if a.score >= threshold]
    if any(a.offer.id not in fallbacks for a in good):
        return COVERED
    return FALLBACK if good else NONE


# --- a tiny ruleset, checked against every casus -----------------------------------------


def _values(*ids: str) -> tuple[Value, ...]:
    return tuple(Value(i, Label(i)) for i in ids)


def _offer(offer_id: str, tags: set[str], **kwargs: Any) -> Offer:
    fields: dict[str, Any] = {
        "audiences": ("client",),
        "wijken": None,
        "age_min": None,
        "age_max": None,
        "languages": (),
        "requires": ALWAYS,
    }
    fields.update(kwargs)
    return Offer(
        id=offer_id,
        name=offer_id,
        organisation="test",
        description=Label("test"),
        modality=("group",),
        tags=frozenset(tags),
        contact=Contact(url="https://example.org"),
        reviewed="2026-11-28",
        sources=(),
        location=Location(f"{offer_id}.yaml", 1, 1),
        **fields,
    )


def _rule(
    rule_id: str,
    when: Condition,
    weight: int = 0,
    *,
    tags: frozenset[str] = frozenset(),
    offers: frozenset[str] = frozenset(),
    exclude: bool = False,
) -> Rule:
    effect = Effect(weight, exclude, offers, tags)
    return Rule(rule_id, when, effect, Label(rule_id), "", (), Location("rules.yaml", 1, 1))


def tiny_ruleset() -> Ruleset:
    """Every kind of signal and test, eligibility of every kind, negative weights, an exclusion."""
    signals = {
        "audience": Signal("audience", "enum", Label("wie"), _values("client", "helper"), default="client"),
        "age": Signal("age", "integer", Label("leeftijd"), minimum=0, maximum=9, unit=Label("jaar")),
        "wijk": Signal("wijk", "enum", Label("wijk"), _values("A", "B", "C")),
        "flag": Signal("flag", "boolean", Label("vlag")),
        "level": Signal("level", "enum", Label("ernst"), _values("none", "mild", "bad"), ordered=True),
        "events": Signal("events", "set", Label("gebeurtenissen"), _values("x", "y", "z")),
        "languages": Signal("languages", "set", Label("talen"), _values("nl", "ar", "tr")),
    }
    vocabulary = Vocabulary(signals, {t: Label(t) for t in ("information", "t1", "t2")})
    offers = (
        _offer("info", {"information"}, audiences=("client", "helper")),
        _offer("local-a", {"t1"}, wijken=("A",), age_min=3, age_max=7),
        _offer("lang-ar", {"t2"}, languages=("ar",)),
        _offer("needs-flag", {"t1", "t2"}, requires=Unary("flag", "is", (True,))),
        _offer("helper-only", {"t2"}, audiences=("helper",)),
    )
    rules = (
        _rule("always", ALWAYS, 5, offers=frozenset({"info"})),
        _rule("old-enough", Unary("age", "range", (), 5, None), 10, tags=frozenset({"t1"})),
        _rule(
            "x-or-mild",
            AnyOf(
                (
                    Unary("events", "includes", ("x",)),
                    AllOf((Unary("flag", "is", (False,)), Unary("level", "at_least", ("mild",)))),
                )
            ),
            15,
            tags=frozenset({"t2"}),
        ),
        _rule(
            "not-b",
            AllOf((Not(Unary("wijk", "in", ("B",))), Unary("languages", "known", (True,)))),
            10,
            tags=frozenset({"t2"}),
        ),
        _rule("y-or-z", Unary("events", "includes", ("y", "z")), -10, tags=frozenset({"t1"})),
        _rule("bad-excludes", Unary("level", "in", ("bad",)), offers=frozenset({"local-a"}), exclude=True),
        _rule("wijk-known", Unary("wijk", "known", (True,)), 10, offers=frozenset({"info"})),
        _rule("tr", Unary("languages", "includes", ("tr",)), 20, offers=frozenset({"lang-ar"})),
        _rule(
            "young-helper",
            AllOf((Unary("audience", "in", ("helper",)), Unary("age", "range", (), None, 4))),
            30,
            tags=frozenset({"t2"}),
        ),
    )
    return Ruleset(vocabulary, offers, rules, "sha256:tiny")


def _subsets(values: tuple[str, ...]) -> list[tuple[str, ...] | None]:
    out: list[tuple[str, ...] | None] = [None]
    for size in range(len(values) + 1):
        out.extend(itertools.combinations(values, size))
    return out


def every_casus(audiences: tuple[str, ...], ages: list[int | None]) -> Iterator[dict[str, Any]]:
    for audience, age, wijk, flag, level, events, languages in itertools.product(
        audiences,
        ages,
        [None, "A", "B", "C"],
        [None, True, False],
        [None, "none", "mild", "bad"],
        _subsets(("x", "y", "z")),
        _subsets(("nl", "ar", "tr")),
    ):
        found = {"audience": audience, "age": age, "wijk": wijk, "flag": flag, "level": level}
        found["events"], found["languages"] = events, languages
        yield {k: v for k, v in found.items() if v is not None}


def test_partition_is_exact_against_brute_force() -> None:
    """Every casus of the tiny space: the regions say exactly what the engine says."""
    ruleset = tiny_ruleset()
    fallbacks = fallback_ids(ruleset)
    reports = {t: find_gaps(ruleset, threshold=t) for t in (1, 10, 15, 25)}
    assert all(r.regions for r in reports.values())
    seen: dict[tuple[int, str], int] = {}
    for signals in every_casus(("client",), [None, *range(10)]):
        scores = [(a.offer.id, a.score) for a in match(Casus(signals=signals), ruleset).referrals]
        for threshold, report in reports.items():
            good = [o for o, score in scores if score >= threshold]
            expected = COVERED if set(good) - fallbacks else FALLBACK if good else NONE
            assert report.outcome(signals) == expected, (threshold, signals, scores)
            seen[(threshold, expected)] = seen.get((threshold, expected), 0) + 1
    assert {kind for _, kind in seen} == {COVERED, FALLBACK, NONE}  # all three kinds occur


def test_partition_is_exact_for_any_audience_and_a_scope() -> None:
    ruleset = tiny_ruleset()
    fallbacks = fallback_ids(ruleset)
    scope = Unary("flag", "known", (True,))
    report = find_gaps(ruleset, threshold=10, audience=None, scope=scope)
    for signals in every_casus(("client", "helper"), [None, 0, 4, 5, 7, 8]):
        got = report.outcome(signals)
        if "flag" not in signals:
            assert got == OUT_OF_SCOPE
        else:
            assert got == engine_outcome(ruleset, signals, 10, fallbacks), signals


def test_region_weights_add_up() -> None:
    """The regions are disjoint: their weights never exceed the space they are in."""
    report = find_gaps(tiny_ruleset(), threshold=25)
    assert 0 < report.gap_weight <= report.total_weight
    assert report.space.weight(report.root) == report.total_weight


# --- the shipped content -------------------------------------------------------------------


def test_shipped_content_gaps_only_where_nobody_is_lonely(ruleset: Ruleset) -> None:
    report = find_gaps(ruleset)
    assert report.regions and {r.kind for r in report.regions} <= {NONE, FALLBACK}
    for region in report.regions:
        main, _ = region_parts(report.space, region.box, "nl")
        assert "niet sociaal eenzaam (of onbekend)" in main and "niet emotioneel eenzaam (of onbekend)" in main
        example = report.space.example(region.box)
        assert engine_outcome(ruleset, example, 10, fallback_ids(ruleset)) == region.kind
    assert find_gaps(ruleset, scope=LONELY).regions == ()


@pytest.mark.parametrize("threshold", [10, 30])
def test_shipped_content_agrees_with_the_engine_on_a_sample(ruleset: Ruleset, threshold: int) -> None:
    report = find_gaps(ruleset, threshold=threshold)
    fallbacks = fallback_ids(ruleset)
    rng = random.Random(threshold)
    signals_by_id = ruleset.vocabulary.signals
    for _ in range(300):
        signals: dict[str, Any] = {"audience": "client"}
        for signal in signals_by_id.values():
            if signal.id == "audience" or rng.random() < 0.4:
                continue
            if signal.kind == "integer":
                signals[signal.id] = rng.randint(signal.minimum or 0, signal.maximum or 120)
            elif signal.kind == "boolean":
                signals[signal.id] = rng.random() < 0.5
            elif signal.kind == "enum":
                signals[signal.id] = rng.choice(signal.value_ids())
            else:
                signals[signal.id] = tuple(v for v in signal.value_ids() if rng.random() < 0.2)
        assert report.outcome(signals) == engine_outcome(ruleset, signals, threshold, fallbacks), signals


def test_heatmap_of_the_shipped_content(ruleset: Ruleset) -> None:
    heat = heatmap(find_gaps(ruleset))
    assert heat.columns == ("0-11 jaar", "12-25 jaar", "26-74 jaar", "75+ jaar", "onbekend")
    assert heat.rows[0] == "West" and heat.rows[-1] == "(onbekend)" and len(heat.rows) == 11
    youth = [row[1] for row in heat.cells]
    assert all(cell is not None and cell.gap == 0 for cell in youth)  # Join Us and more for 12-25
    adults = [row[2] for row in heat.cells]
    assert all(cell is not None and 0 < cell.gap < 1 and cell.elsewhere for cell in adults)


# --- gapped copies -----------------------------------------------------------------------


def test_without_join_us_young_socially_lonely_clients_fall_into_a_gap(content_copy: ContentDirs) -> None:
    shipped = find_gaps(load_ruleset(content_copy), threshold=35)
    (content_copy.offers / "join-us.yaml").unlink()
    ruleset = load_ruleset(content_copy)
    gapped = find_gaps(ruleset, threshold=35)
    for age in range(12, 26):
        signals = {"audience": "client", "age": age, "wijk": "Vleuten-De Meern", "loneliness.social": True}
        assert shipped.outcome(signals) == COVERED  # Join Us: 30 for youth + 25 for social loneliness
        # without it, 16-25 still find a meaningful role (Vrijwilligerscentrale, 40); 12-15 find
        # nothing of 35 points, not even a general referral point
        assert gapped.outcome(signals) == (COVERED if age >= 16 else NONE), age
    # the region holding them is among the first shown, in words a person can read
    point = gapped.space.point({"audience": "client", "age": 13, "loneliness.social": True})
    (index,) = [i for i, r in enumerate(gapped.regions) if gapped.space.contains(r.box, point)]
    main, _ = region_parts(gapped.space, gapped.regions[index].box, "nl")
    assert index < 5 and main[:3] == ["elke wijk", "0-15 jaar (of onbekend)", "sociaal eenzaam"]
    # and the gap is new: nobody of those ages and signals was in a gap before
    assert not any(shipped.outcome({"age": a, "loneliness.social": True}) != COVERED for a in range(12, 16))


def test_gapped_copy_reads_like_a_person_would_say_it(content_copy: ContentDirs) -> None:
    """Buddies and home visits only from 18, Join Us only for socially lonely youth: an
    emotionally lonely 14-year-old gets only the wijk ambassador."""
    for name in ("maatjesprojecten", "bezoekvrijwilligers"):
        path = content_copy.offers / f"{name}.yaml"
        path.write_text(
            path.read_text(encoding="utf-8").replace("  wijken: all\n", "  wijken: all\n  age: {min: 18}\n", 1)
        )
    path = content_copy.offers / "join-us.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "  age: {min: 12, max: 25}\n", "  age: {min: 12, max: 25}\n  when: {signal: loneliness.social, is: true}\n"
        )
    )
    ruleset = load_ruleset(content_copy)
    report = find_gaps(ruleset)
    casus = {"audience": "client", "age": 14, "wijk": "Vleuten-De Meern", "loneliness.emotional": True}
    assert report.outcome({**casus, "loneliness.social": False}) == FALLBACK
    assert report.outcome({**casus, "age": 18, "loneliness.social": False}) == COVERED
    texts = [region_text(report.space, r, "nl") for r in report.regions]
    assert any(
        t.startswith("wijk bekend, 0-17 jaar, niet sociaal eenzaam, emotioneel eenzaam,")
        and t.endswith(": alleen een algemene doorverwijzing")
        for t in texts
    ), texts[:5]
    english = [region_text(report.space, r, "en") for r in report.regions]
    assert any("0-17 years, not socially lonely, emotionally lonely" in t for t in english)


# --- the command ---------------------------------------------------------------------------


def test_rich_view_shows_heatmap_and_regions() -> None:
    result = run(None)
    assert result.exit_code == 0, result.output
    assert "Gaten in het aanbod" in result.output and "Vleuten-De Meern" in result.output
    assert "Gebieden zonder passend aanbod" in result.output and "bijvoorbeeld:" in result.output


def test_json_is_stable_and_complete() -> None:
    first, second = run(None, "--format", "json"), run(None, "--format", "json")
    assert first.exit_code == 0 and first.output == second.output
    data = json.loads(first.output)
    assert data["threshold"] == 10 and data["audience"] == "client" and data["scope"] is None
    assert "infopunt-informele-zorg" in data["fallback_offers"]
    assert data["summary"]["regions"] == len(data["regions"]) > 0
    region = data["regions"][0]
    assert region["kind"] in ("none", "fallback") and region["text"] and region["example"]["audience"] == "client"
    assert data["heatmap"]["columns_signal"] == "age" and len(data["heatmap"]["rows"]) == 11


def test_csv_has_one_row_per_region(ruleset: Ruleset) -> None:
    result = CliRunner().invoke(main, ["--lang", "en", "gaps", "--format", "csv"], catch_exceptions=False)
    lines = result.output.splitlines()
    assert lines[0].startswith("kind,kind_text,share,age,wijk")
    assert len(lines) == 1 + len(find_gaps(ruleset).regions)


@pytest.mark.parametrize(("kind", "marker"), [("html", "<html"), ("svg", "<svg")])
def test_export_writes_once_and_refuses_to_overwrite(tmp_path: Path, kind: str, marker: str) -> None:
    target = tmp_path / f"kaart.{kind}"
    first = run(None, "--export", kind, str(target))
    assert first.exit_code == 0 and marker in target.read_text(encoding="utf-8")
    assert "Vleuten" in target.read_text(encoding="utf-8")
    again = run(None, "--export", kind, str(target))
    assert again.exit_code == 2 and "bestaat al" in again.output
    forced = run(None, "--export", kind, str(target), "--force", "--format", "json")
    assert forced.exit_code == 0 and json.loads(forced.stdout)["regions"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temporary files left


def test_max_gaps_sets_the_exit_code() -> None:
    assert run(None, "--max-gaps", "0").exit_code == 1
    assert run(None, "--max-gaps", "100").exit_code == 0
    assert run(None, "--lonely", "--max-gaps", "0").exit_code == 0


def test_options_are_checked() -> None:
    by = run(None, "--by", "huishouden")
    assert by.exit_code == 2 and "household" in by.output
    tag = run(None, "--fallback-tag", "informatie")
    assert tag.exit_code == 2 and "information" in tag.output
    assert run(None, "--by", "loneliness.severity", "--audience", "helper", "--threshold", "20").exit_code == 0


def test_english_view() -> None:
    result = CliRunner().invoke(main, ["--lang", "en", "gaps", "--lonely"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Gaps in the aanbod" in result.output and "No gaps" in result.output


def test_docs_options_exist() -> None:
    import re

    guide = (Path(__file__).resolve().parent.parent / "docs" / "gaps.md").read_text(encoding="utf-8")
    help_text = CliRunner().invoke(main, ["gaps", "--help"]).output
    options = set(re.findall(r"(--[a-z][a-z-]+)", guide)) - {"--lang"}
    assert {"--threshold", "--lonely", "--by", "--export", "--max-gaps"} <= options
    for option in options:
        assert option in help_text, option
