"""Conformance: the compiled engine against a naive oracle (tests/oracle.py), over one corpus.

The engine (`referral.engine.program`: closures, a rule index, masks per wijk) and the oracle (a
plain loop over the model) must give identical outcomes: the person's part and the asker's part
(offer, score and reasons, in order), the eligible set and the notes. The corpus:

- the golden casussen of tests/cases/*.yaml (their casus parts), on the day of the tests and on
  every day where an offer's period begins or ends (a past event, a seasonal window);
- edges: casussen at every integer boundary the content uses (age 64, 65, 66, ...);
- a fuzz corpus: hypothesis casussen drawn from the vocabulary, on days from 2021 to 2028;
- synthetic region-scale content (tests/synthetic_region.py) with a synthetic population.

The last tests break the engine on purpose (a closure, the order, the exclusions, the periods)
and require the corpus to notice: a conformance test that could not fail would prove nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import oracle
import pytest
import yaml
from conftest import DAY, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from kit import casus_strategy, day_strategy

from referral.app.session import Session
from referral.content.loading import ContentDirs, load_ruleset, shipped_content
from referral.core.model import AllOf, AnyOf, Condition, Named, Not, Ruleset
from referral.core.model import Test as Unary
from referral.core.problems import ReferralError
from referral.engine import program as engine

CASES = ROOT / "tests" / "cases"


def golden_casussen() -> list[dict[str, Any]]:
    """The casus part of every golden case (cases that expect an error are read too: the reader
    refuses those, and they are left out where they are used)."""
    found = []
    for path in sorted(CASES.glob("*.yaml")):
        with open(path, encoding="utf-8") as handle:
            for case in yaml.safe_load(handle).get("cases") or ():
                if isinstance(case.get("casus"), dict):
                    found.append(case["casus"])
    return found


GOLDEN = golden_casussen()
SHIPPED_SESSION = Session.of_ruleset(load_ruleset(shipped_content()))  # for hypothesis, built at import


def period_days(ruleset: Ruleset) -> list[dt.date]:
    """The days around every start and end of an offer's period: where eligibility changes."""
    days: set[dt.date] = set()
    for item in ruleset.offers:
        period = item.period
        edges = [period.valid_from, period.valid_to]
        for occurrence in period.occurrences:
            start = dt.date.fromisoformat(occurrence.start)
            edges += [(start - dt.timedelta(days=period.lead_days)).isoformat(), occurrence.end]
        for edge in edges:
            if edge:
                day = dt.date.fromisoformat(edge)
                days.update((day - dt.timedelta(days=1), day, day + dt.timedelta(days=1)))
    return sorted(days)


def _conditions(ruleset: Ruleset) -> Iterator[Condition]:
    yield from (rule.when for rule in ruleset.rules)
    yield from (item.requires for item in ruleset.offers)
    yield from (note.when for note in ruleset.vocabulary.notes)


def _tests(condition: Condition) -> Iterator[Unary]:
    if isinstance(condition, Unary):
        yield condition
    elif isinstance(condition, (AllOf, AnyOf)):
        for item in condition.items:
            yield from _tests(item)
    elif isinstance(condition, (Not, Named)):
        yield from _tests(condition.item)


def boundaries(ruleset: Ruleset) -> dict[str, list[int]]:
    """Per integer signal, every value next to a bound the content uses (rules, offers, notes)."""
    found: dict[str, set[int]] = {}
    for condition in _conditions(ruleset):
        for test in _tests(condition):
            for bound in (test.minimum, test.maximum):
                if bound is not None:
                    found.setdefault(test.signal, set()).update((bound - 1, bound, bound + 1))
    for item in ruleset.offers:
        for bound in (item.age_min, item.age_max):
            if bound is not None:
                found.setdefault("age", set()).update((bound - 1, bound, bound + 1))
    result = {}
    for signal_id, values in found.items():
        signal = ruleset.vocabulary.signals[signal_id]
        low, high = signal.minimum or 0, signal.maximum if signal.maximum is not None else 10**6
        result[signal_id] = sorted(v for v in values if low <= v <= high)
    return result


def edge_casussen(ruleset: Ruleset, bases: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each base casus once with every boundary value of each integer signal (top-level signals)."""
    found = []
    for base in bases:
        for signal_id, values in boundaries(ruleset).items():
            if "." in signal_id:
                continue
            found.extend({**base, signal_id: value} for value in values)
    return found


Mismatch = tuple[dict[str, Any], dt.date, oracle.Outcome, oracle.Outcome]


def disagreements(
    session: Session, ruleset: Ruleset, corpus: Iterable[dict[str, Any]], days: Iterable[dt.date], first: bool = False
) -> tuple[int, list[Mismatch]]:
    """How many (casus, day) pairs were compared, and those where engine and oracle differ."""
    days = list(days)
    compared = 0
    found: list[Mismatch] = []
    for data in corpus:
        try:
            casus = session.reader.read_mapping(data)
        except ReferralError:
            continue
        for day in days:
            compared += 1
            ours = oracle.engine_outcome(session.match(casus, day))
            theirs = oracle.decide(ruleset, casus.signals, day)
            if ours != theirs:
                found.append((data, day, ours, theirs))
                if first:
                    return compared, found
    return compared, found


def explained(found: list[Mismatch]) -> str:
    if not found:
        return ""
    data, day, ours, theirs = found[0]
    return f"{len(found)} disagreements; first: {data} on {day}:\n engine {ours}\n oracle {theirs}"


@pytest.fixture(scope="module")
def shipped_days(ruleset: Ruleset) -> list[dt.date]:
    days = period_days(ruleset)
    assert days, "the shipped content has offers with a period (a past event, a seasonal week)"
    return [DAY, *days]


# --- the corpus agrees -------------------------------------------------------------------------


def test_golden_casussen_on_every_period_boundary(
    session: Session, ruleset: Ruleset, shipped_days: list[dt.date]
) -> None:
    compared, found = disagreements(session, ruleset, GOLDEN, shipped_days)
    assert compared >= 100 * len(shipped_days)
    assert not found, explained(found)


def test_periods_matter_on_those_days(session: Session, ruleset: Ruleset, shipped_days: list[dt.date]) -> None:
    """The days are not idle: on some of them other offers are eligible than on the day of the tests."""
    casus = session.reader.read_mapping({"audience": "helper", "loneliness": {"social": True}})
    eligible = {day: oracle.decide(ruleset, casus.signals, day).eligible for day in shipped_days}
    assert len(set(eligible.values())) > 1
    lecture = ruleset.offer("lezing-rick-kwekkeboom")
    assert lecture is not None and lecture.period.type == "event"
    on_the_day = dt.date.fromisoformat(lecture.period.occurrences[-1].end)
    assert "lezing-rick-kwekkeboom" in oracle.decide(ruleset, casus.signals, on_the_day).eligible
    assert "lezing-rick-kwekkeboom" not in eligible[DAY]


def test_edges_of_every_integer_bound(session: Session, ruleset: Ruleset) -> None:
    corpus = edge_casussen(ruleset, GOLDEN[::4])
    assert len(corpus) > 200
    compared, found = disagreements(session, ruleset, corpus, [DAY])
    assert compared > 200
    assert not found, explained(found)


@settings(max_examples=150, deadline=None)
@given(casus_strategy(SHIPPED_SESSION.ruleset), day_strategy())
def test_fuzzed_casussen(data: dict[str, Any], day: dt.date) -> None:
    compared, found = disagreements(SHIPPED_SESSION, SHIPPED_SESSION.ruleset, [data], [day])
    assert compared == 1
    assert not found, explained(found)


# --- region-scale synthetic content ----------------------------------------------------------


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Session:
    from synthetic_region import RegionShape, generate

    shape = RegionShape(offers=400, rules=800, areas=24, per_gemeente=6, seed=11, timed=0.15)
    rules, offers = generate(tmp_path_factory.mktemp("region"), shape)
    return Session.of_ruleset(load_ruleset(ContentDirs(rules, offers)))


def test_synthetic_region(region: Session) -> None:
    from synthetic_population import PopulationShape, population

    ruleset = region.ruleset
    assert any(o.period.type == "event" for o in ruleset.offers) and any(o.for_lonely for o in ruleset.offers)
    assert any(not ruleset.referable(o) for o in ruleset.offers) and any(o.groups for o in ruleset.offers)
    assert any(r.effect.kinds and (r.effect.modality or r.effect.outside_home is not None) for r in ruleset.rules)
    days = [DAY, *period_days(ruleset)[::7]]
    corpus = list(population(ruleset, 200, seed=5, shape=PopulationShape(djg=0.2, broken=0.0)))
    compared, found = disagreements(region, ruleset, corpus, days[:6])
    assert compared > 1000
    assert not found, explained(found)
    referred = sum(1 for data in corpus[:50] if region.match(region.reader.read_mapping(data), DAY).referrals)
    assert referred > 25  # the corpus is not empty advice


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_fuzzed_casussen_on_the_region(region: Session, data: st.DataObject) -> None:
    casus = data.draw(casus_strategy(region.ruleset))
    day = data.draw(st.sampled_from([DAY, *period_days(region.ruleset)]))
    _, found = disagreements(region, region.ruleset, [casus], [day])
    assert not found, explained(found)


# --- a broken engine is caught ------------------------------------------------------------------


def _off_by_one_range(original: Callable[..., engine.Check]) -> Callable[..., engine.Check]:
    def broken(signal: str, op: str, values: list[Any], low: int | None, high: int | None) -> engine.Check:
        if op == "range" and low is not None:  # `min: 65` read as "more than 65"
            return lambda s: (v := s.get(signal)) is not None and v > low and (high is None or v <= high)
        return original(signal, op, values, low, high)

    return broken


def _includes_all(original: Callable[..., engine.Check]) -> Callable[..., engine.Check]:
    def broken(signal: str, op: str, values: list[Any], low: int | None, high: int | None) -> engine.Check:
        if op == "includes" and len(values) > 1:  # "any of" read as "all of"
            wanted = frozenset(values)
            return lambda s: (v := s.get(signal)) is not None and wanted <= set(v)
        return original(signal, op, values, low, high)

    return broken


def _no_lead_days(original: Callable[..., str | None]) -> Callable[..., str | None]:
    def broken(period: list[Any] | None, day: int) -> str | None:
        if period is not None and period[0] == "seasonal":
            period = [*period[:4], 0]
        return original(period, day)

    return broken


def _not_ignored(original: Callable[..., engine.Check]) -> Callable[..., engine.Check]:
    def broken(plain: list[Any]) -> engine.Check:
        if plain[0] == "not":  # a `not` that forgets to negate
            return original(plain[1])
        return original(plain)

    return broken


def _break(monkeypatch: pytest.MonkeyPatch, mutation: str) -> None:
    if mutation == "range closure":
        monkeypatch.setattr(engine, "_test_check", _off_by_one_range(engine._test_check))
    elif mutation == "includes closure":
        monkeypatch.setattr(engine, "_test_check", _includes_all(engine._test_check))
    elif mutation == "not closure":
        monkeypatch.setattr(engine, "check", _not_ignored(engine.check))
    elif mutation == "seasonal lead":
        monkeypatch.setattr(engine, "in_period", _no_lead_days(engine.in_period))
    elif mutation == "order":
        monkeypatch.setattr(engine.Program, "_rounds", lambda self, items: sorted(items))
    elif mutation == "exclusions":
        from referral.engine import compile as compiler

        describe = compiler.describe

        def without_exclusions(ruleset: Ruleset) -> dict[str, Any]:
            plain = describe(ruleset)
            plain["rules"] = [dict(rule, targets=[]) if rule["exclude"] else rule for rule in plain["rules"]]
            return plain

        monkeypatch.setattr(compiler, "describe", without_exclusions)
    else:  # pragma: no cover
        raise AssertionError(mutation)


@pytest.mark.parametrize(
    "mutation", ["range closure", "includes closure", "not closure", "seasonal lead", "order", "exclusions"]
)
def test_a_broken_engine_is_caught(
    ruleset: Ruleset, shipped_days: list[dt.date], monkeypatch: pytest.MonkeyPatch, mutation: str
) -> None:
    sound = Session.of_ruleset(ruleset)
    corpus = [*GOLDEN, *edge_casussen(ruleset, GOLDEN[::4])]
    _, found = disagreements(sound, ruleset, corpus[:40], shipped_days[:3])
    assert not found  # the same corpus passes with the sound engine
    _break(monkeypatch, mutation)
    broken = Session.of_ruleset(ruleset)  # compiled anew, with the broken part
    _, found = disagreements(broken, ruleset, corpus, shipped_days, first=True)
    assert found, f"the corpus did not notice a broken engine ({mutation})"


def test_the_oracle_is_not_the_engine(monkeypatch: pytest.MonkeyPatch, ruleset: Ruleset) -> None:
    """Breaking the engine leaves the oracle as it was: it shares none of the engine's code."""
    casus = SHIPPED_SESSION.reader.read_mapping({"age": 65, "life_events": ["rouw"], "loneliness": {"social": True}})
    before = oracle.decide(ruleset, casus.signals, DAY)
    for mutation in ("range closure", "not closure", "seasonal lead", "order"):
        _break(monkeypatch, mutation)
    assert oracle.decide(ruleset, casus.signals, DAY) == before


def test_oracle_and_engine_on_tiny_content(tmp_path: Path) -> None:
    """Both on content where each rule of the semantics is visible (see tests/test_engine.py)."""
    from kit import offer, rule, ruleset_of

    tiny = ruleset_of(
        tmp_path,
        [
            offer("local", eligibility={"wijken": ["Noord"]}),
            offer("both", kind=["information"], audience=["client", "helper"]),
            offer("training", kind=["helper_knowledge"], audience=["helper"]),
            offer("lonely", kind=["bond"], eligibility={"wijken": "all", "lonely": True}),
            offer("youth", **{"for": ["youth"]}),
            offer("campaign", kind=["recruitment"]),
            offer("week", period={"type": "seasonal", "dates": [{"from": "2026-10-01", "to": "2026-10-07"}]}),
            offer("arabic", eligibility={"wijken": "all", "languages": ["ar"]}),
        ],
        [
            rule("meet", {"weight": 10, "kinds": ["meeting"]}),
            rule("bond", {"weight": 20, "kinds": ["bond"]}, {"signal": "loneliness.emotional", "is": True}),
            rule("info", {"weight": 5, "kinds": ["information", "helper_knowledge", "recruitment"]}),
            rule("old", {"exclude": True, "kinds": ["meeting"], "for": ["youth"]}, {"signal": "age", "min": 80}),
            rule("named", {"weight": -12, "offers": ["local"]}, {"signal": "household", "in": ["single"]}),
        ],
    )
    session = Session.of_ruleset(tiny)
    corpus = [
        {},
        {"wijk": "Noord", "household": "single"},
        {"audience": "helper", "age": 85, "loneliness": {"emotional": True}},
        {"audience": "professional", "age": 30, "languages": ["tr"]},
        {"age": 20, "loneliness": {"severity": "none", "emotional": True}, "languages": ["ar"]},
    ]
    days = [DAY, dt.date(2026, 8, 19), dt.date(2026, 8, 20), dt.date(2026, 10, 7), dt.date(2026, 10, 8)]
    compared, found = disagreements(session, tiny, corpus, days)
    assert compared == len(corpus) * len(days)
    assert not found, explained(found)


def test_requirement_parts_and_notes_agree_with_their_whole_conditions(ruleset: Ruleset) -> None:
    """The engine decides the parts of the offers' requirements once per casus and remembers the
    offers that fail per value of the signals a part reads; each offer's whole requirement,
    evaluated directly, must say the same, with the memos cold and warm; so must the advice
    notes, remembered per value of the signals they read."""
    from synthetic_population import population

    fresh = Session.of_ruleset(ruleset).program
    casussen = []
    for data in population(ruleset, 600, seed=17):
        try:
            casussen.append(SHIPPED_SESSION.reader.read_mapping(data))
        except ReferralError:
            continue
    assert any(space_requires for space_requires in (fresh.space(c.signals.get("wijk")).requires for c in casussen))
    for _ in range(2):  # first the parts are evaluated, then looked up
        for casus in casussen:
            space = fresh.space(casus.signals.get("wijk"))
            expected = 0
            for bit, offer in enumerate(space.offers):
                requirement = fresh.facts[offer][4]
                if requirement is not None and not requirement(casus.signals):
                    expected |= 1 << bit
            assert space.unmet_requirements(casus.signals, space.all) == expected
            holding = tuple(i for i, (_, note) in enumerate(fresh.notes) if note(casus.signals))
            assert fresh.decide(casus.signals, DAY.toordinal()).notes == holding  # remembered per value
