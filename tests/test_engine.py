"""The engine: eligibility, scoring, the documented tie-break, exclusions and explanations."""

from __future__ import annotations

import shutil
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest

from referral.casus.reader import Casus, casus_from_mapping
from referral.content.loading import ContentDirs, load_ruleset, shipped_content
from referral.core.model import Ruleset
from referral.engine.conditions import describe_unmet
from referral.engine.match import explain, match
from referral.render.json_view import dumps, match_json

SAMPLES: list[dict[str, Any]] = [
    {"age": 79, "wijk": "Overvecht", "loneliness": {"emotional": True, "severity": "severe"}, "life_events": ["rouw"]},
    {"age": 17, "wijk": "Zuid", "loneliness": {"social": True}},
    {"age": 45, "household": "eenoudergezin", "loneliness": {"social": True, "emotional": True}},
    {"audience": "helper", "age": 70, "migration_background": "turkish", "life_events": ["bereavement"]},
    {"mobility": "housebound", "preferences": ["phone"], "wijk": "Vleuten"},
    {},
]


def casus(ruleset: Ruleset, data: dict[str, Any]) -> Casus:
    return casus_from_mapping(data, ruleset)


@pytest.mark.parametrize("data", SAMPLES)
def test_invariants(ruleset: Ruleset, data: dict[str, Any]) -> None:
    result = match(casus(ruleset, data), ruleset)
    for position, item in enumerate(result.referrals, start=1):
        assert item.rank == position
        assert item.eligible and item.score > 0 and item.reasons
        assert item.score == sum(r.weight for r in item.reasons)
    keys = [(-a.score, not a.offer.is_local, a.offer.id) for a in result.referrals]
    assert keys == sorted(keys)
    ranked = {a.offer.id for a in result.referrals}
    assert ranked.isdisjoint(a.offer.id for a in result.ineligible)
    assert all(a.failures for a in result.ineligible)
    assert len(result.referrals) + len(result.unranked) + len(result.ineligible) == len(ruleset.offers)


@pytest.mark.parametrize("data", SAMPLES)
def test_json_is_byte_identical_across_runs(ruleset: Ruleset, data: dict[str, Any]) -> None:
    first = dumps(match_json(match(casus(ruleset, data), ruleset)))
    again = load_ruleset(shipped_content())
    second = dumps(match_json(match(casus(again, data), again)))
    assert first == second


def test_audience_is_eligibility(ruleset: Ruleset) -> None:
    client = match(casus(ruleset, {"life_events": ["bereavement"], "age": 70}), ruleset)
    assert all("client" in a.offer.audiences for a in client.referrals)
    training = client.assessment("training-rouw-en-verlies")
    assert training is not None and [f.kind for f in training.failures] == ["audience"]
    helper = match(casus(ruleset, {"audience": "helper", "life_events": ["bereavement"]}), ruleset)
    assert helper.referrals[0].offer.id == "training-rouw-en-verlies"


def test_wijk_bound_offers_need_the_casus_wijk(ruleset: Ruleset) -> None:
    result = match(casus(ruleset, {"wijk": "Vleuten", "loneliness": {"social": True}}), ruleset)
    ids = [a.offer.id for a in result.referrals]
    assert "ambassadeur-vleuten-de-meern" in ids
    other = result.assessment("ambassadeur-west")
    assert other is not None and other.failures[0].kind == "wijk"
    unknown = match(casus(ruleset, {"loneliness": {"social": True}}), ruleset)
    failure = unknown.assessment("ambassadeur-west").failures[0]  # type: ignore[union-attr]
    assert failure.kind == "wijk" and failure.arg("wijk") is None


def test_explain_why_not_lists_unmet_rule_tests(ruleset: Ruleset) -> None:
    result = match(casus(ruleset, {"age": 40, "loneliness": {"social": True}}), ruleset)
    explanation = explain(result, "maatjesprojecten")
    assert explanation is not None and not explanation.assessment.referred
    missed = {m.rule.id: m for m in explanation.missed}
    assert "emotioneel-een-op-een" in missed
    text = describe_unmet(missed["emotioneel-een-op-een"].unmet[0], result.casus.signals, ruleset.vocabulary, "nl")
    assert text == "vereist: emotioneel eenzaam (casus: onbekend)"


def test_explain_referred_lists_offers_above(ruleset: Ruleset) -> None:
    result = match(casus(ruleset, SAMPLES[0]), ruleset)
    third = result.referrals[2]
    explanation = explain(result, third.offer.id)
    assert explanation is not None
    assert [a.offer.id for a in explanation.above] == [a.offer.id for a in result.referrals[:2]]
    assert explain(result, "no-such-offer") is None


def _tiny_content(tmp_path: Path, rules: str, offers: dict[str, str]) -> ContentDirs:
    shipped = shipped_content()
    (tmp_path / "rules").mkdir()
    (tmp_path / "offers").mkdir()
    for name in ("vocabulary.yaml", "scales.yaml"):
        shutil.copy(shipped.rules / name, tmp_path / "rules" / name)
    (tmp_path / "rules" / "r.yaml").write_text(dedent(rules), encoding="utf-8")
    for offer_id, extra in offers.items():
        (tmp_path / "offers" / f"{offer_id}.yaml").write_text(
            dedent(
                f"""\
                id: {offer_id}
                name: Offer {offer_id}
                organisation: Org
                audience: [client]
                description: test
                modality: [group]
                contact: {{}}
                reviewed: "2026-01-01"
                source: [{{title: test}}]
                """
            )
            + dedent(extra),
            encoding="utf-8",
        )
    return ContentDirs(tmp_path / "rules", tmp_path / "offers")


SAME_WEIGHT_RULES = """\
    rules:
      - id: all-meeting
        effect: {weight: 10, tags: [meeting]}
        because: samen
        source: [{title: test}]
      - id: exclude-c
        when: {signal: age, min: 80}
        effect: {exclude: true, offers: [c-city]}
        because: te oud voor c
        source: [{title: test}]
"""


def test_tie_break_local_first_then_id(tmp_path: Path) -> None:
    dirs = _tiny_content(
        tmp_path,
        SAME_WEIGHT_RULES,
        {
            "b-city": "eligibility: {wijken: all}\ntags: [meeting]\n",
            "a-city": "eligibility: {wijken: all}\ntags: [meeting]\n",
            "z-local": "eligibility: {wijken: [Zuid]}\ntags: [meeting]\n",
            "c-city": "eligibility: {wijken: all}\ntags: [meeting]\n",
        },
    )
    tiny = load_ruleset(dirs)
    result = match(casus_from_mapping({"wijk": "Zuid"}, tiny), tiny)
    assert [a.offer.id for a in result.referrals] == ["z-local", "a-city", "b-city", "c-city"]
    old = match(casus_from_mapping({"wijk": "Zuid", "age": 85}, tiny), tiny)
    assert "c-city" not in [a.offer.id for a in old.referrals]
    excluded = old.assessment("c-city")
    assert excluded is not None and excluded.failures[0].kind == "excluded"
    assert excluded.failures[0].reason is not None and excluded.failures[0].reason.rule == "exclude-c"


def test_offer_conditions_and_age_and_languages(tmp_path: Path) -> None:
    dirs = _tiny_content(
        tmp_path,
        SAME_WEIGHT_RULES.split("      - id: exclude-c")[0],
        {
            "young": "eligibility: {wijken: all, age: {min: 12, max: 25}}\ntags: [meeting]\n",
            "arabic": "eligibility: {wijken: all, languages: [ar]}\ntags: [meeting]\n",
            "singles": "eligibility:\n  wijken: all\n  when: {signal: household, in: [single]}\ntags: [meeting]\n",
        },
    )
    tiny = load_ruleset(dirs)
    result = match(casus_from_mapping({"age": 30, "languages": ["nl"], "household": "couple"}, tiny), tiny)
    kinds = {a.offer.id: [f.kind for f in a.failures] for a in result.ineligible}
    assert kinds == {"young": ["age"], "arabic": ["languages"], "singles": ["requires"]}
    unknown = match(casus_from_mapping({}, tiny), tiny)
    # Unknown age and languages do not exclude; an unmet further condition does.
    assert [a.offer.id for a in unknown.referrals] == ["arabic", "young"]


def test_rule_targets_equal_the_effect_selection(ruleset: Ruleset) -> None:
    for rule, targets in zip(ruleset.rules, ruleset.targets, strict=True):
        assert targets == tuple(o for o in ruleset.offers if rule.effect.selects(o))
