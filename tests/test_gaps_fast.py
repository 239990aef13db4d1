"""The fast routes of `referral gaps` at national scale against the plain ones: the ranks of
`Program.person_order` and `need_map_ordered` are those of a full match (`rank`, `need_map`)."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from synthetic_population import PopulationShape, population
from synthetic_region import RegionShape, generate

from referral.analysis.gaps import need_map, need_map_ordered
from referral.app.session import Session
from referral.content.loading import ContentDirs, load_ruleset
from tests.conftest import DAY

DAYS = (dt.date(2026, 10, 31), DAY, dt.date(2027, 2, 1))


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Session:
    """A synthetic region with a capacity on every fifth offer (full, waiting list, open), so that
    full offers are left out of the ranks on some days."""
    folder = tmp_path_factory.mktemp("region")
    rules, offers = generate(folder, RegionShape(offers=300, rules=600, areas=16, per_gemeente=6, seed=13, timed=0.1))
    statuses = ("full", "waitlist", "open", "full")
    as_of = ("2026-11-01", "2026-12-02", "2027-02-01")
    for number, path in enumerate(sorted(offers.glob("*.yaml"))):
        if number % 5 == 0:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data["capacity"] = {"status": statuses[number % 4], "as_of": as_of[number % 3], "source": {"title": "t"}}
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return Session.of_ruleset(load_ruleset(ContentDirs(rules, offers)))


def _plain_order(session: Session, data: dict[str, object], day: dt.date) -> tuple[int, ...]:
    result = session.match(session.reader.read_mapping(data), day)
    return tuple(index for index, _, _ in result.ranking.person)


def _fast_order(session: Session, data: dict[str, object], day: dt.date) -> tuple[int, ...]:
    program = session.program
    return program.person_order(program.decide(session.reader.read_mapping(data).signals, day.toordinal()))


@pytest.mark.parametrize("which", ["region", "shipped"])
def test_person_order_is_the_person_part_of_rank(which: str, region: Session, session: Session) -> None:
    chosen = region if which == "region" else session
    assert chosen.program.any_full == (which == "region")
    corpus = list(population(chosen.ruleset, 200, seed=11, shape=PopulationShape(broken=0.0)))
    compared = 0
    for data in corpus:
        for day in DAYS:
            plain = _plain_order(chosen, data, day)
            assert _fast_order(chosen, data, day) == plain, (data, day)
            compared += bool(plain)
    assert compared > 300  # most casussen are referred somewhere


@pytest.mark.parametrize("which", ["region", "shipped"])
def test_need_map_ordered_is_need_map(which: str, region: Session, session: Session) -> None:
    chosen = region if which == "region" else session
    for day in DAYS:
        plain = need_map(chosen.ruleset, lambda data, day=day: chosen.match(chosen.reader.read_mapping(data), day), day)
        fast = need_map_ordered(chosen.ruleset, lambda data, day=day: _fast_order(chosen, data, day), day)
        assert fast == plain
        assert len({cell.status for cell in fast.cells.values()}) > 1  # not all of one kind
    wijken = chosen.ruleset.vocabulary.signals["wijk"].value_ids()[:2]
    plain = need_map(chosen.ruleset, lambda data: chosen.match(chosen.reader.read_mapping(data), DAY), DAY, wijken)
    assert need_map_ordered(chosen.ruleset, lambda data: _fast_order(chosen, data, DAY), DAY, wijken) == plain
