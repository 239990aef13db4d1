"""The benchmark code runs at a tiny size (figures are measured in benchmarks/, never asserted here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import run as bench
from benchmarks.population import jsonl, population
from benchmarks.synth import RegionShape, generate
from referral.content.cache import load_program
from referral.content.loading import ContentDirs, load_ruleset
from referral.core.model import Ruleset

TINY = RegionShape(offers=40, rules=80, areas=12, per_gemeente=4, seed=3)


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> tuple[ContentDirs, Ruleset]:
    rules, offers = generate(tmp_path_factory.mktemp("region"), TINY)
    dirs = ContentDirs(rules, offers)
    return dirs, load_ruleset(dirs)  # schema-valid and cross-checked, or this raises


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFERRAL_CACHE_DIR", str(tmp_path / "cache"))


def test_synthetic_region_is_valid_content(region: tuple[ContentDirs, Ruleset]) -> None:
    _, ruleset = region
    assert len(ruleset.offers) == TINY.offers and len(ruleset.rules) == TINY.rules
    assert len(ruleset.vocabulary.signals["wijk"].values) == TINY.areas


def test_population_is_deterministic(ruleset: Ruleset) -> None:
    assert jsonl(ruleset, 50, seed=1) == jsonl(ruleset, 50, seed=1)
    assert jsonl(ruleset, 50, seed=1) != jsonl(ruleset, 50, seed=2)
    assert all(isinstance(item, dict) for item in population(ruleset, 20))


def test_per_casus_and_gaps_run(region: tuple[ContentDirs, Ruleset]) -> None:
    dirs, ruleset = region
    report = bench.Report()
    assert bench.per_casus(load_program(dirs), ruleset, 50) > 0
    bench.gaps_time(report, "tiny", ruleset)
    assert "gaps" in report.markdown()


def test_scaling_and_batch_run(tmp_path: Path, ruleset: Ruleset) -> None:
    report = bench.Report()
    bench.scaling(report, str(tmp_path / "cache"), tmp_path, (30,), 40, 3)
    population_file = tmp_path / "p.jsonl"
    bench.write_population(population_file, ruleset, 200)
    env = bench.child_env(str(tmp_path / "cache"))
    rates = bench.batch_throughput(report, "tiny batch", [], population_file, env, (1, 2))
    assert set(rates) == {1, 2}
    assert "| output identical for every --workers | yes |" in report.markdown()


def test_peer_engine_gives_identical_rankings(region: tuple[ContentDirs, Ruleset]) -> None:
    pytest.importorskip("zen")
    from benchmarks.zen_peer import compare

    dirs, ruleset = region
    program = load_program(dirs)
    signals = [n[0] for n in (program.normalize(c) for c in population(ruleset, 150, seed=9)) if n]
    same, differ = compare(ruleset, signals, program)
    assert differ == [] and same == len(signals)


def test_report_renders_as_markdown_and_json(tmp_path: Path) -> None:
    report = bench.Report()
    report.add("section", "measure", "1 ms", 0.001)
    assert "| measure | 1 ms |" in report.markdown()
    assert json.loads(json.dumps(report.data)) == {"section": {"measure": 0.001}}
