"""Property-based and fuzz tests (hypothesis): no input gives a traceback, the engine's invariants hold.

Budget: a small one by default (CI); `HYPOTHESIS_PROFILE=deep pytest tests/test_fuzz.py` runs a
larger one on demand.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import random
import shutil
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kit import casus_strategy, day_strategy, order_keys

from referral.app.session import Session
from referral.content.loading import ContentDirs, load_content, shipped_content
from referral.core.model import Ruleset
from referral.core.problems import ReferralError
from referral.core.yamlsource import parse_json, parse_yaml
from referral.engine.explanation import explain
from referral.engine.result import MatchResult
from referral.render.json_view import dumps, match_json

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("deep", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SHIPPED = load_content(shipped_content()).ruleset
assert SHIPPED is not None
SESSION = Session.of_ruleset(SHIPPED)
FIELDS = [
    "age",
    "wijk",
    "household",
    "migration_background",
    "languages",
    "loneliness",
    "life_events",
    "mobility",
    "preferences",
    "audience",
    "involved",
    "note",
    "title",
    "social",
    "naam",
    "djg6",
]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**20), 10**20), st.floats(allow_nan=True), st.text(max_size=30)
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=6) | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=25,
)
casus_like = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=12), values, max_size=8)


@given(st.text(max_size=400))
def test_yaml_parser_never_crashes(text: str) -> None:
    try:
        parse_yaml(text, "fuzz.yaml")
    except ReferralError as err:
        assert err.problems and all(p.file == "fuzz.yaml" for p in err.problems)


@given(st.text(max_size=200))
def test_json_parser_never_crashes(text: str) -> None:
    try:
        parse_json(text, "fuzz.json")
    except ReferralError as err:
        assert err.problems


@given(casus_like)
def test_casus_parser_accepts_or_refuses_cleanly(data: dict[str, Any]) -> None:
    try:
        casus = SESSION.reader.read_mapping(data)
    except ReferralError as err:
        assert err.problems
        for problem in err.problems:
            text = problem.format("nl") + problem.format("en")
            assert "Traceback" not in text
        return
    assert set(casus.signals) <= set(SHIPPED.vocabulary.signals)


def match(session: Session, data: dict[str, Any], day: dt.date) -> MatchResult:
    return session.match(session.reader.read_mapping(data), day)


def _reordered(data: dict[str, Any], seed: int) -> dict[str, Any]:
    items = list(data.items())
    random.Random(seed).shuffle(items)
    return {k: _reordered(v, seed) if isinstance(v, dict) else v for k, v in items}


@given(casus_strategy(SHIPPED), st.integers(0, 1000), day_strategy())
def test_engine_invariants(data: dict[str, Any], seed: int, day: dt.date) -> None:
    result = match(SESSION, data, day)
    for part in (result.referrals, result.for_asker):
        keys = order_keys(part)
        assert keys == sorted(keys)
        for rank, item in enumerate(part, start=1):
            assert item.rank == rank and item.reasons and item.eligible and item.score > 0
            assert item.score == sum(r.weight for r in item.reasons)
    ranked = {a.offer.id for a in (*result.referrals, *result.for_asker)}
    assert not ranked & {a.offer.id for a in result.ineligible}
    # The person's part holds offers for the person (for a volunteer caller: for volunteers); the
    # asker's part only when someone close asks. Recruitment only ever for a volunteer caller.
    own = "volunteer" if result.casus.get("audience") == "volunteer" else "client"
    assert all(own in a.offer.audiences for a in result.referrals)
    if own == "client":
        assert not any("recruitment" in a.offer.kinds for a in (*result.referrals, *result.for_asker))
    if result.casus.get("audience") == "helper":
        assert all("helper" in a.offer.audiences for a in result.for_asker)
    else:
        assert result.for_asker == ()
    # Never a past event, never a kind that is not advised (recruitment).
    assert all(SHIPPED.referable(a.offer) for a in (*result.referrals, *result.for_asker))
    for item in result.ineligible:
        assert item.failures
    # Same output whatever the order of the casus's keys.
    again = match(SESSION, _reordered(data, seed), day)
    assert dumps(match_json(again)) == dumps(match_json(result))
    for item in (*result.referrals[:2], *result.for_asker[:1], *result.ineligible[:2]):
        assert explain(result, item.offer.id) is not None


@given(casus_strategy(SHIPPED), day_strategy())
def test_output_independent_of_rule_and_offer_order(data: dict[str, Any], day: dt.date) -> None:
    shuffled: Ruleset = dataclasses.replace(
        SHIPPED, rules=tuple(reversed(SHIPPED.rules)), offers=tuple(reversed(SHIPPED.offers))
    )
    first = match_json(match(SESSION, data, day))
    second = match_json(match(Session.of_ruleset(shuffled), data, day))
    assert dumps(first) == dumps(second)


def _mutations() -> st.SearchStrategy[list[tuple[int, str]]]:
    return st.lists(
        st.tuples(
            st.integers(0, 2000), st.sampled_from(["", ":", "\n", "  ", "- ", "[", "'", "&a", "*a", "\t", "{", "#"])
        ),
        min_size=1,
        max_size=4,
    )


@settings(max_examples=25)
@given(_mutations())
def test_content_loader_reports_broken_files(tmp_path_factory: Any, edits: list[tuple[int, str]]) -> None:
    base = Path(tmp_path_factory.mktemp("content"))
    shipped = shipped_content()
    shutil.copytree(shipped.rules, base / "rules")
    shutil.copytree(shipped.offers, base / "offers")
    target = base / "offers" / "join-us.yaml"
    text = target.read_text(encoding="utf-8")
    for position, insert in edits:
        position %= max(1, len(text))
        text = text[:position] + insert + text[position + 1 :]
    target.write_text(text, encoding="utf-8")
    try:
        loaded = load_content(ContentDirs(base / "rules", base / "offers"))
    except ReferralError as err:
        assert err.problems
        return
    assert (loaded.ruleset is None) == bool(loaded.problems)
