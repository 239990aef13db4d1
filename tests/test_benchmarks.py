"""The benchmark code runs at a tiny size (figures are measured in benchmarks/, never asserted here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DAY
from synthetic_population import jsonl, population
from synthetic_region import RegionShape, generate

from benchmarks import run as bench
from referral.app.session import Session
from referral.content.loading import ContentDirs, load_ruleset
from referral.core.model import Ruleset

TINY = RegionShape(offers=40, rules=80, areas=12, per_gemeente=4, seed=3, timed=0.2, lonely=0.2, groups=0.2)


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Session:
    rules, offers = generate(tmp_path_factory.mktemp("region"), TINY)
    return Session.of_ruleset(load_ruleset(ContentDirs(rules, offers)))  # schema-valid and cross-checked


def test_synthetic_region_is_valid_content_in_the_new_format(region: Session) -> None:
    ruleset = region.ruleset
    assert len(ruleset.offers) == TINY.offers and len(ruleset.rules) == TINY.rules
    assert len(ruleset.vocabulary.signals["wijk"].values) == TINY.areas
    assert all(offer.kinds and set(offer.kinds) <= set(ruleset.vocabulary.kinds) for offer in ruleset.offers)
    assert all(rule.effect.kinds or rule.effect.offers for rule in ruleset.rules)
    assert any(rule.effect.kinds for rule in ruleset.rules) and any(rule.effect.offers for rule in ruleset.rules)
    assert any(offer.period.type != "ongoing" or offer.period.valid_from for offer in ruleset.offers)
    assert any(offer.for_lonely for offer in ruleset.offers) and any(offer.groups for offer in ruleset.offers)


def test_the_region_for_a_decision_table_has_no_groups_or_gate(tmp_path: Path) -> None:
    shape = TINY.table()
    assert shape.lonely == shape.groups == 0 and shape.offers == TINY.offers
    rules, offers = generate(tmp_path, shape)
    ruleset = load_ruleset(ContentDirs(rules, offers))
    assert not any(o.for_lonely or o.groups for o in ruleset.offers)


def test_synthetic_content_is_deterministic(tmp_path: Path) -> None:
    first, second = generate(tmp_path / "a", TINY), generate(tmp_path / "b", TINY)
    for one, other in zip(first, second, strict=True):
        names = sorted(p.name for p in one.iterdir())
        assert names == sorted(p.name for p in other.iterdir())
        assert all((one / n).read_bytes() == (other / n).read_bytes() for n in names)


def test_population_is_deterministic(ruleset: Ruleset) -> None:
    assert jsonl(ruleset, 50, seed=1) == jsonl(ruleset, 50, seed=1)
    assert jsonl(ruleset, 50, seed=1) != jsonl(ruleset, 50, seed=2)
    assert all(isinstance(item, dict) for item in population(ruleset, 20))


def test_per_casus_and_gaps_run(region: Session) -> None:
    report = bench.Report()
    assert bench.per_casus(region, 50) > 0
    bench.gaps_time(report, "tiny", region)
    assert "gaps" in report.markdown()


def test_scaling_and_batch_run(tmp_path: Path, ruleset: Ruleset) -> None:
    report = bench.Report()
    bench.scaling(report, str(tmp_path / "cache"), tmp_path, (30,), 40, 3)
    assert "30 offers" in report.markdown()
    population_file = tmp_path / "p.jsonl"
    bench.write_population(population_file, ruleset, 200)
    env = bench.child_env(str(tmp_path / "cache"))
    rates = bench.batch_throughput(report, "tiny batch", [], population_file, env, (1, 2))
    assert set(rates) == {1, 2}
    assert "| output identical for every --workers | yes |" in report.markdown()


def test_peer_engine_gives_identical_rankings(tmp_path: Path) -> None:
    pytest.importorskip("zen")
    from benchmarks.zen_peer import compare

    rules, offers = generate(tmp_path, TINY.table())
    session = Session.of_ruleset(load_ruleset(ContentDirs(rules, offers)))
    signals = [casus.signals for casus in bench.signals_of(session, 150, seed=9)]
    same, differ = compare(session.ruleset, signals, session.program, DAY)
    assert differ == [] and same == len(signals)


def test_our_side_of_the_peer_comparison_is_the_engine(region: Session) -> None:
    """Without ZEN installed, at least our side of the comparison is checked against the engine."""
    from benchmarks.zen_peer import advisable, our_ranking

    for casus in bench.signals_of(region, 60, seed=4):
        result = region.match(casus, DAY)
        ours = our_ranking(region.ruleset, casus.signals, region.program, DAY)
        assert ours == {
            "person": [(a.offer.id, a.score) for a in result.referrals],
            "asker": [(a.offer.id, a.score) for a in result.for_asker],
        }
    current = {o.id for o in advisable(region.ruleset, DAY)}
    assert current < {o.id for o in region.ruleset.offers}  # some are over, or never advised


def test_report_renders_as_markdown_and_json(tmp_path: Path) -> None:
    report = bench.Report()
    report.add("section", "measure", "1 ms", 0.001)
    assert "| measure | 1 ms |" in report.markdown()
    assert json.loads(json.dumps(report.data)) == {"section": {"measure": 0.001}}


def test_the_wide_any_benchmark_runs_at_a_tiny_size(tmp_path: Path) -> None:
    from benchmarks import wide_any

    table = wide_any.report([20, 40], tmp_path)
    assert table.splitlines()[2].startswith("| 20 |") and table.splitlines()[3].startswith("| 40 |")


def test_national_curve_runs(tmp_path: Path) -> None:
    report = bench.Report()
    seconds = bench.national(report, str(tmp_path / "cache"), tmp_path, (30, 60))
    text = report.markdown()
    assert "60 offers: validate, now" in text and "x 30 offers)" in text
    assert set(seconds) == {
        "validate, now",
        "lint, now",
        "gaps (cold cache), now",
        "gaps (warm cache), now",
        "match --format json (cached), now",
    }
    assert all(set(by_size) == {30, 60} for by_size in seconds.values())
