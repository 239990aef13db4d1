"""The engine: eligibility, the two parts of an advice, scoring, the documented order, exclusions,
periods, the loneliness gate, kinds that are never advised, and explanations."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import DAY
from kit import VOCABULARY, offer, order_keys, rule, ruleset_of, write_content

from referral.app.session import Session
from referral.casus.reader import Casus
from referral.content.loading import load_ruleset, shipped_content
from referral.core.model import Ruleset
from referral.core.phrases import describe_unmet, describe_unmets
from referral.core.problems import ReferralError
from referral.engine.explanation import explain
from referral.engine.result import Assessment, MatchResult
from referral.render.json_view import dumps, explain_text, match_json

SAMPLES: list[dict[str, Any]] = [
    {"age": 79, "wijk": "Overvecht", "loneliness": {"emotional": True, "severity": "severe"}, "life_events": ["rouw"]},
    {"age": 17, "wijk": "Zuid", "loneliness": {"social": True}},
    {"age": 45, "household": "eenoudergezin", "loneliness": {"social": True, "emotional": True}},
    {"audience": "helper", "age": 70, "migration_background": "turkish", "life_events": ["bereavement"]},
    {"audience": "professional", "age": 84, "wijk": "West", "loneliness": {"severity": "very_severe"}},
    {"mobility": "housebound", "preferences": ["phone"], "wijk": "Vleuten", "involved": ["huisarts"]},
    {},
]


def matched(session: Session, data: dict[str, Any], day: dt.date = DAY) -> MatchResult:
    return session.match(session.reader.read_mapping(data), day)


def ids(items: tuple[Assessment, ...]) -> list[str]:
    return [a.offer.id for a in items]


@pytest.mark.parametrize("data", SAMPLES)
def test_invariants(session: Session, ruleset: Ruleset, data: dict[str, Any]) -> None:
    result = matched(session, data)
    for part in (result.referrals, result.for_asker):
        for position, item in enumerate(part, start=1):
            assert item.rank == position
            assert item.eligible and item.score > 0 and item.reasons
            assert item.score == sum(r.weight for r in item.reasons)
        keys = order_keys(part)
        assert keys == sorted(keys)
    if data.get("audience") != "helper":
        assert result.for_asker == ()
    assert all(a.part == "person" for a in result.referrals)
    assert all(a.part == "asker" for a in result.for_asker)
    ranked = set(ids(result.referrals)) | set(ids(result.for_asker))
    assert ranked.isdisjoint(ids(result.ineligible)) and ranked.isdisjoint(ids(result.unranked))
    assert all(a.failures for a in result.ineligible)
    assert all(not a.failures and a.score <= 0 for a in result.unranked)
    # an offer for both the person and the one who asks may be referred in both parts
    assert len(ranked) + len(result.unranked) + len(result.ineligible) == len(ruleset.offers)
    assert result.ineligible_count == len(result.ineligible)
    assert result.unranked_count == len(result.unranked)


@pytest.fixture(scope="module")
def two_loads() -> tuple[Session, Session]:
    """The shipped content loaded twice, independently (one right after the other)."""
    return Session.of_ruleset(load_ruleset(shipped_content())), Session.of_ruleset(load_ruleset(shipped_content()))


@pytest.mark.parametrize("data", SAMPLES)
def test_json_is_byte_identical_across_runs(two_loads: tuple[Session, Session], data: dict[str, Any]) -> None:
    first, again = two_loads
    assert dumps(match_json(matched(first, data))) == dumps(match_json(matched(again, data)))


def test_audience_is_eligibility_and_a_helper_gets_two_parts(session: Session) -> None:
    client = matched(session, {"life_events": ["bereavement"], "age": 70})
    assert all("client" in a.offer.audiences for a in client.referrals)
    assert client.for_asker == ()
    training = client.assessment("training-rouw-en-verlies")
    assert training is not None and [f.kind for f in training.failures] == ["audience"]
    helper = matched(session, {"audience": "helper", "life_events": ["bereavement"]})
    # The signals describe the person; what supports the one who asks is a part of its own.
    assert "training-rouw-en-verlies" in ids(helper.for_asker)
    assert "training-rouw-en-verlies" not in ids(helper.referrals)
    assert all("helper" in a.offer.audiences for a in helper.for_asker)
    assert all("client" in a.offer.audiences for a in helper.referrals)
    # The Infopunt serves both: for the person, and for the one who makes the call, each with
    # the reasons of its own part (never the person's reasons in the asker's list).
    parts = {a.part: a for a in helper.assessments("infopunt-informele-zorg") if a.referred}
    assert set(parts) == {"person", "asker"}
    assert [r.rule for r in parts["asker"].reasons] == ["helper-infopunt"]
    assert "helper-infopunt" not in [r.rule for r in parts["person"].reasons]


def test_a_professional_asking_is_advice_for_the_person(session: Session) -> None:
    data = {"age": 80, "loneliness": {"emotional": True}, "life_events": ["rouw"]}
    professional = matched(session, {**data, "audience": "professional"})
    client = matched(session, data)
    assert professional.for_asker == ()
    assert ids(professional.referrals) == ids(client.referrals)
    training = professional.assessment("training-rouw-en-verlies")
    assert training is not None and [f.kind for f in training.failures] == ["audience"]


def test_wijk_bound_offers_need_the_casus_wijk(session: Session) -> None:
    result = matched(session, {"wijk": "Vleuten", "loneliness": {"social": True}})
    assert "ambassadeur-vleuten-de-meern" in ids(result.referrals)
    other = result.assessment("ambassadeur-west")
    assert other is not None and other.failures[0].kind == "wijk"
    assert other.failures[0].arg("wijk") == "Vleuten-De Meern"
    unknown = matched(session, {"loneliness": {"social": True}})
    failure = unknown.assessment("ambassadeur-west").failures[0]  # type: ignore[union-attr]
    assert failure.kind == "wijk" and failure.arg("wijk") is None


def test_a_past_event_is_never_advised_nor_recruitment_to_a_helper(session: Session) -> None:
    helper = matched(session, {"audience": "helper", "wijk": "West", "loneliness": {"social": True}})
    lecture = helper.assessment("lezing-rick-kwekkeboom")
    assert lecture is not None and not lecture.eligible
    assert [f.kind for f in lecture.failures] == ["period"]
    assert lecture.failures[0].arg("state") == "past"
    recruitment = helper.assessment("maatjes-gezocht")  # for someone who wants to volunteer only
    assert recruitment is not None and [f.kind for f in recruitment.failures] == ["audience"]
    for day in (dt.date(2021, 11, 1), dt.date(2021, 11, 25)):  # before and on the day, it was current
        earlier = matched(session, {"audience": "helper"}, day).assessment("lezing-rick-kwekkeboom")
        assert earlier is not None and "period" not in [f.kind for f in earlier.failures]


def test_explain_referred_lists_offers_above(session: Session) -> None:
    result = matched(session, SAMPLES[0])
    third = result.referrals[2]
    explanation = explain(result, third.offer.id)
    assert explanation is not None
    assert ids(explanation.above) == ids(result.referrals[:2])
    assert explain(result, "no-such-offer") is None


def test_rule_targets_equal_the_effect_selection(ruleset: Ruleset) -> None:
    for found, targets in zip(ruleset.rules, ruleset.targets, strict=True):
        assert targets == tuple(o for o in ruleset.offers if found.effect.selects(o))


# --- synthetic content: every rule of the engine on content the test states --------------------


def tiny(tmp_path: Path, offers: list[dict[str, Any]], rules: list[dict[str, Any]]) -> Session:
    return Session.of_ruleset(ruleset_of(tmp_path, offers, rules))


MEETING = rule("all-meeting", {"weight": 10, "kinds": ["meeting"]})


def test_tie_break_local_first_then_id(tmp_path: Path) -> None:
    session = tiny(
        tmp_path,
        [
            offer("b-city"),
            offer("a-city"),
            offer("z-local", eligibility={"wijken": ["Zuid"]}),
            offer("c-city"),
        ],
        [MEETING, rule("exclude-c", {"exclude": True, "offers": ["c-city"]}, {"signal": "age", "min": 80})],
    )
    result = matched(session, {"wijk": "Zuid"})
    assert ids(result.referrals) == ["z-local", "a-city", "b-city", "c-city"]
    assert [a.score for a in result.referrals] == [10, 10, 10, 10]
    old = matched(session, {"wijk": "Zuid", "age": 85})
    assert "c-city" not in ids(old.referrals)
    excluded = old.assessment("c-city")
    assert excluded is not None and [f.kind for f in excluded.failures] == ["excluded"]
    assert excluded.failures[0].reason is not None and excluded.failures[0].reason.rule == "exclude-c"
    assert "exclude-c" in old.fired and "exclude-c" not in result.fired


def test_tie_break_then_an_own_contact_route_before_id(tmp_path: Path) -> None:
    """Among equal scores in the same place, the offer a professional can reach the same minute
    comes first: a phone, an e-mail, a web page with a path, or a route through another offer; a
    bare home page is not a route of its own."""
    session = tiny(
        tmp_path,
        [
            offer("a-nothing"),
            offer("b-home-page", contact={"url": "https://example.org"}),
            offer("c-page", contact={"url": "https://example.org/aanmelden"}),
            offer("d-phone", contact={"phone": "030-0000000"}),
            offer("e-local-nothing", eligibility={"wijken": ["Zuid"]}),
            offer("f-local-mail", eligibility={"wijken": ["Zuid"]}, contact={"email": "info@example.org"}),
        ],
        [MEETING],
    )
    result = matched(session, {"wijk": "Zuid"})
    assert ids(result.referrals) == ["f-local-mail", "e-local-nothing", "c-page", "d-phone", "a-nothing", "b-home-page"]
    assert {a.score for a in result.referrals} == {10}


def test_explain_says_what_put_each_higher_offer_above(tmp_path: Path) -> None:
    """ "Why is this one below that one at the same score?": a higher score, another kind of help's
    turn, or the part of the tie-break that decided (own wijk, contact route, id)."""
    phone = {"phone": "030-0000000"}
    session = tiny(
        tmp_path,
        [
            offer("m-a", contact=phone),
            offer("m-b"),
            offer("m-c", eligibility={"wijken": ["Zuid"]}),
            offer("m-d", contact=phone),
            offer("b-x", kind=["bond"]),
            offer("s-top", kind=["grief"]),
            offer("w-a", kind=["information"]),
            offer("w-b", kind=["information"]),
        ],
        [
            rule("meeting", {"weight": 20, "kinds": ["meeting"]}),
            rule("bond", {"weight": 10, "kinds": ["bond"]}),
            rule("grief", {"weight": 30, "kinds": ["grief"]}),
            rule("information", {"weight": 5, "kinds": ["information"]}),  # a weak fit: 5 x 4 < 30
        ],
    )
    result = matched(session, {"wijk": "Zuid"})
    assert ids(result.referrals) == ["s-top", "m-c", "b-x", "m-a", "m-d", "m-b", "w-a", "w-b"]
    last = explain(result, "m-b")
    assert last is not None
    assert dict(zip(ids(last.above), last.above_because, strict=True)) == {
        "s-top": "score",
        "m-c": "wijk",
        "b-x": "turn",
        "m-a": "route",
        "m-d": "route",
    }
    fifth = explain(result, "m-d")
    assert fifth is not None and fifth.above_because[-1] == "id"  # m-a: both with a phone
    data = json.loads(explain_text(last, lang="nl"))
    assert data["explain"]["ranked_above_because"]["b-x"] == "turn"
    from referral.render.text import explanation_lines

    _, sections = explanation_lines(result, last, "nl")
    assert sections[-1][1] == [
        "1. Offer s-top (30)",
        "2. Offer m-c (20): even hoog, voor de eigen wijk",
        "3. Offer b-x (10): eerder aan de beurt (een andere soort hulp)",
        "4. Offer m-a (20): even hoog, noemt een contactroute",
        "5. Offer m-d (20): even hoog, noemt een contactroute",
    ]
    weakest = explain(result, "w-b")  # the weak fits follow every turn, by score, then the tie-break
    assert weakest is not None and weakest.above_because == ("score",) * 6 + ("id",)
    _, sections = explanation_lines(result, weakest, "en")
    assert sections[-1][1][-1] == "7. Offer w-a (5): equal score, id w-a first in a-z"


def test_score_first_then_round_by_round_over_the_kinds_of_strong_fits(tmp_path: Path) -> None:
    session = tiny(
        tmp_path,
        [
            offer("m1"),
            offer("m2"),
            offer("m3"),
            offer("b1", kind=["bond"]),
            offer("b2", kind=["bond", "meeting"]),  # its main kind is its first
            offer("low", kind=["grief"]),
        ],
        [
            rule("meet", {"weight": 30, "kinds": ["meeting"]}),
            rule("m1-more", {"weight": 5, "offers": ["m1"]}),
            rule("bond", {"weight": 20, "kinds": ["bond"]}),
            rule("grief", {"weight": 1, "kinds": ["grief"]}),
            rule("b2-less", {"weight": -45, "offers": ["b2"]}),  # 20 + 30 - 45 = 5
        ],
    )
    result = matched(session, {})
    scores = {a.offer.id: a.score for a in result.referrals}
    assert scores == {"m1": 35, "m2": 30, "m3": 30, "b1": 20, "b2": 5, "low": 1}
    # Round 1: the best of each kind (meeting, bond) by score; then the second of each; ...
    # Offers below a quarter of the top score (35) take no turns: b2 (5) and low (1, the best and only
    # grief offer) follow all rounds, by score, rather than rising above m2 and m3 (30).
    assert ids(result.referrals) == ["m1", "b1", "m2", "m3", "b2", "low"]
    assert [a.rank for a in result.referrals] == [1, 2, 3, 4, 5, 6]


def test_negative_score_is_eligible_but_not_referred(tmp_path: Path) -> None:
    session = tiny(
        tmp_path,
        [offer("up"), offer("down"), offer("zero")],
        [MEETING, rule("down", {"weight": -10, "offers": ["down"]}), rule("zero", {"weight": -10, "offers": ["zero"]})],
    )
    result = matched(session, {})
    assert ids(result.referrals) == ["up"]
    assert ids(result.unranked) == ["down", "zero"]
    assert [a.score for a in result.unranked] == [0, 0]


def test_offer_conditions_and_age_and_languages(tmp_path: Path) -> None:
    session = tiny(
        tmp_path,
        [
            offer("young", eligibility={"wijken": "all", "age": {"min": 12, "max": 25}}),
            offer("arabic", eligibility={"wijken": "all", "languages": ["ar"]}),
            offer("singles", eligibility={"wijken": "all", "when": {"signal": "household", "in": ["single"]}}),
        ],
        [MEETING],
    )
    result = matched(session, {"age": 30, "languages": ["nl"], "household": "couple"})
    kinds = {a.offer.id: [f.kind for f in a.failures] for a in result.ineligible}
    assert kinds == {"young": ["age"], "arabic": ["languages"], "singles": ["requires"]}
    unknown = matched(session, {})
    # Unknown age and languages do not exclude; an unmet further condition does.
    assert ids(unknown.referrals) == ["arabic", "young"]
    assert [f.kind for f in unknown.assessment("singles").failures] == ["requires"]  # type: ignore[union-attr]


def test_the_two_parts_for_someone_close(tmp_path: Path) -> None:
    session = tiny(
        tmp_path,
        [
            offer("for-person"),
            offer("for-both", kind=["information"], audience=["client", "helper"]),
            offer("training", kind=["helper_knowledge"], audience=["helper"]),
            offer("old-training", kind=["helper_knowledge"], audience=["helper"]),
        ],
        [
            MEETING,
            rule("info", {"weight": 5, "kinds": ["information"]}),
            rule("helpers", {"weight": 20, "kinds": ["helper_knowledge"]}, {"signal": "audience", "is": "helper"}),
            rule("info-for-you", {"weight": 3, "offers": ["for-both"]}, {"signal": "audience", "is": "helper"}),
            rule("no-old", {"exclude": True, "offers": ["old-training"]}, {"signal": "age", "min": 80}),
        ],
    )
    client = matched(session, {"age": 85})
    assert ids(client.referrals) == ["for-person", "for-both"]
    assert client.for_asker == ()
    assert [f.kind for f in client.assessment("training").failures] == ["audience"]  # type: ignore[union-attr]
    helper = matched(session, {"audience": "helper", "age": 85})
    # A rule about the person scores the person's part, one that needs someone close asking the
    # asker's part: an offer for both is in each part with that part's own reasons.
    assert [(a.offer.id, a.score) for a in helper.referrals] == [("for-person", 10), ("for-both", 5)]
    assert [(a.offer.id, a.score) for a in helper.for_asker] == [("training", 20), ("for-both", 3)]
    assert [r.rule for r in helper.for_asker[1].reasons] == ["info-for-you"]
    assert [a.rank for a in helper.for_asker] == [1, 2]
    assert [f.kind for f in helper.assessment("old-training").failures] == ["excluded"]  # type: ignore[union-attr]
    explanation = explain(helper, "for-both")
    assert explanation is not None and ids(explanation.above) == ["for-person"]  # its referral for the person
    data = match_json(helper)
    assert [r["offer"]["id"] for r in data["for_asker"]] == ["training", "for-both"]
    assert data["counts"]["for_asker"] == 2 and data["counts"]["for_asker_shown"] == 2
    assert data["counts"]["eligible_without_score"] == 0  # for-both is referred, counted once
    assert [r["offer"]["audience"] for r in data["for_asker"]] == ["helper", "helper"]


def test_effect_filters_narrow_a_kind(tmp_path: Path) -> None:
    session = tiny(
        tmp_path,
        [
            offer("phone-meeting", modality=["phone"]),
            offer("house-meeting", modality=["group", "in_person"]),
            offer("youth-meeting", modality=["online"], **{"for": ["youth"]}),
            offer("bond", kind=["bond"], modality=["at_home"]),
        ],
        [
            rule("phone", {"weight": 10, "kinds": ["meeting"], "modality": ["phone"]}),
            rule("outside", {"weight": 7, "kinds": ["meeting", "bond"], "outside_home": True}),
            rule("youth", {"weight": 3, "kinds": ["meeting"], "for": ["youth"]}),
            rule("named-and-kind", {"weight": 1, "kinds": ["bond"], "offers": ["phone-meeting"]}),
        ],
    )
    result = matched(session, {})
    reasons = {a.offer.id: sorted(r.rule for r in a.reasons) for a in result.referrals}
    assert reasons == {
        "phone-meeting": ["named-and-kind", "phone"],
        "house-meeting": ["outside"],
        "youth-meeting": ["youth"],
        "bond": ["named-and-kind"],
    }


def test_periods_decide_by_the_day_of_the_advice(tmp_path: Path) -> None:
    session = tiny(
        tmp_path,
        [
            offer("event", period={"type": "event", "dates": [{"from": "2026-11-25"}, {"from": "2027-03-10"}]}),
            offer("lecture", period={"type": "event", "dates": [{"from": "2025-11-25", "to": "2025-11-26"}]}),
            offer(
                "week",
                period={"type": "seasonal", "lead_days": 14, "dates": [{"from": "2026-10-01", "to": "2026-10-07"}]},
            ),
            offer("project", period={"type": "ongoing", "valid_from": "2027-01-01"}),
            offer("ended", period={"type": "ongoing", "valid_to": "2026-06-30"}),
            offer("always"),
        ],
        [MEETING],
    )

    def states(day: dt.date) -> dict[str, str | None]:
        result = matched(session, {}, day)
        found: dict[str, str | None] = {a.offer.id: None for a in result.referrals}
        for item in result.ineligible:
            assert [f.kind for f in item.failures] == ["period"]
            found[item.offer.id] = item.failures[0].arg("state")
        return found

    assert states(DAY) == {
        "event": None,  # one occurrence is still to come
        "lecture": "past",
        "week": "past",
        "project": "not_yet",
        "ended": "past",
        "always": None,
    }
    assert states(dt.date(2026, 9, 17)) == {  # 14 days before the week: its window has opened
        "event": None,
        "lecture": "past",
        "week": None,
        "project": "not_yet",
        "ended": "past",
        "always": None,
    }
    assert states(dt.date(2026, 9, 16))["week"] == "out_of_season"
    assert states(dt.date(2026, 10, 7))["week"] is None
    assert states(dt.date(2026, 10, 8))["week"] == "past"
    assert states(dt.date(2027, 3, 11))["event"] == "past"
    assert states(dt.date(2027, 1, 1))["project"] is None
    assert states(dt.date(2026, 6, 30))["ended"] is None


def test_the_loneliness_gate(tmp_path: Path) -> None:
    session = tiny(
        tmp_path,
        [offer("for-lonely", eligibility={"wijken": "all", "lonely": True}), offer("for-all")],
        [MEETING],
    )
    cases: list[tuple[dict[str, Any], bool]] = [
        ({}, False),  # unknown is not lonely
        ({"loneliness": {"social": True}}, True),
        ({"loneliness": {"emotional": True}}, True),
        ({"loneliness": {"social": False, "emotional": False}}, False),
        ({"loneliness": {"severity": "moderate"}}, True),
        ({"loneliness": {"severity": "none", "social": True}}, False),  # the total decides when known
        ({"loneliness": {"severity": "severe", "social": False}}, True),
    ]
    for data, eligible in cases:
        result = matched(session, data)
        assert ("for-lonely" in ids(result.referrals)) is eligible, data
        assert "for-all" in ids(result.referrals)
        if not eligible:
            item = result.assessment("for-lonely")
            assert item is not None and [f.kind for f in item.failures] == ["requires"]
            unmet = item.failures[0].unmet
            assert unmet and all(u.named is not None and u.named.id == "lonely" for u in unmet)
            lines = describe_unmets(unmet, result.casus.signals, result.ruleset.vocabulary, "nl")
            assert len(lines) == 1 and lines[0].startswith("vereist: een signaal van eenzaamheid (casus: ")


def test_the_lonely_gate_needs_its_definition(tmp_path: Path) -> None:
    vocabulary = {key: value for key, value in VOCABULARY.items() if key not in ("definitions", "notes")}
    vocabulary["groups"] = {"youth": VOCABULARY["groups"]["youth"]}
    dirs = write_content(
        tmp_path, [offer("for-lonely", eligibility={"wijken": "all", "lonely": True})], [MEETING], vocabulary
    )
    with pytest.raises(ReferralError) as caught:
        load_ruleset(dirs)
    assert [p.code for p in caught.value.problems] == ["content.no_lonely_definition"]


def test_recruitment_is_never_referable(tmp_path: Path) -> None:
    session = tiny(
        tmp_path,
        [
            offer("campaign", kind=["recruitment"], audience=["client", "helper"]),
            offer("campaign-and-meeting", kind=["recruitment", "meeting"]),
        ],
        [rule("name-it", {"weight": 50, "offers": ["campaign"]}), MEETING],
    )
    for audience in ("client", "helper"):
        result = matched(session, {"audience": audience})
        assert "campaign" not in ids(result.referrals) + ids(result.for_asker)
        item = result.assessment("campaign")
        assert item is not None and [f.kind for f in item.failures] == ["not_referable"]
        assert item.failures[0].arg("kinds") == ("recruitment",)
        assert item.score == 50  # it would have scored: only its kind keeps it out
        # An offer that is also another kind of help may be advised for that.
        assert "campaign-and-meeting" in ids(result.referrals)


def test_notes(tmp_path: Path) -> None:
    session = tiny(tmp_path, [offer("dutch"), offer("arabic", eligibility={"wijken": "all", "languages": ["ar"]})], [])
    assert matched(session, {"loneliness": {"severity": "none"}}).notes == ("not_lonely",)
    assert matched(session, {}).notes == ()
    # Nothing is referred without a rule: then no offer serves Arabic.
    assert matched(session, {"languages": ["ar"]}).notes == ("language_unserved",)
    scored = Session.of_ruleset(
        ruleset_of(
            tmp_path / "scored",
            [offer("dutch"), offer("arabic", eligibility={"wijken": "all", "languages": ["ar"]})],
            [MEETING],
        )
    )
    assert matched(scored, {"languages": ["ar"]}).notes == ()
    assert matched(scored, {"languages": ["tr"]}).notes == ("language_unserved",)
    assert matched(scored, {"languages": ["nl", "tr"]}).notes == ()  # an offer without languages speaks nl


def test_explain_why_not_lists_unmet_rule_tests(tmp_path: Path) -> None:
    session = tiny(
        tmp_path,
        [offer("buddy", kind=["bond"], modality=["one_on_one"])],
        [
            rule(
                "emotioneel-een-op-een",
                {"weight": 40, "kinds": ["bond"]},
                {"signal": "loneliness.emotional", "is": True},
            ),
            rule("ouderen", {"weight": 5, "offers": ["buddy"]}, {"signal": "age", "min": 65}),
            rule("nooit", {"exclude": True, "offers": ["buddy"]}, {"signal": "age", "max": 10}),
        ],
    )
    result = matched(session, {"age": 40, "loneliness": {"social": True}})
    explanation = explain(result, "buddy")
    assert explanation is not None and not explanation.assessment.referred and explanation.assessment.eligible
    missed = {m.rule.id: m for m in explanation.missed}
    assert sorted(missed) == ["emotioneel-een-op-een", "ouderen"]  # exclusions are not missed points
    vocabulary = result.ruleset.vocabulary
    signals = result.casus.signals
    text = describe_unmet(missed["emotioneel-een-op-een"].unmet[0], signals, vocabulary, "nl")
    assert text == "vereist: emotioneel eenzaam (casus: onbekend)"
    text = describe_unmet(missed["ouderen"].unmet[0], signals, vocabulary, "en")
    assert "65" in text and "40" in text


def test_explain_keeps_a_negation_and_says_one_of_for_an_any(tmp_path: Path) -> None:
    """`not: {ref: not_lonely}` reads "niet ‘niet eenzaam’", never "niet eenzaam" (its opposite);
    the options of an `any` are one requirement, "vereist één van: ... of ...", not two."""
    session = tiny(
        tmp_path,
        [offer("walk")],
        [
            rule("not-not-lonely", {"weight": 10, "offers": ["walk"]}, {"not": {"ref": "not_lonely"}}),
            rule(
                "young-or-old",
                {"weight": 10, "offers": ["walk"]},
                {"any": [{"signal": "age", "max": 25}, {"signal": "age", "min": 65}]},
            ),
        ],
    )
    result = matched(session, {"age": 40, "loneliness": {"severity": "none"}})
    explanation = explain(result, "walk")
    assert explanation is not None
    missed = {m.rule.id: m for m in explanation.missed}
    vocabulary, signals = result.ruleset.vocabulary, result.casus.signals
    [negated] = describe_unmets(missed["not-not-lonely"].unmet, signals, vocabulary, "nl")
    assert negated == "vereist: niet ‘niet eenzaam’ (casus: ernst van de eenzaamheid: niet eenzaam)"
    assert describe_unmets(missed["not-not-lonely"].unmet, signals, vocabulary, "en")[0].startswith(
        "requires: not ‘not lonely’"
    )
    [one_of] = describe_unmets(missed["young-or-old"].unmet, signals, vocabulary, "nl")
    assert one_of.startswith("vereist één van: ") and " of " in one_of and one_of.endswith("(casus: leeftijd: 40 jaar)")
    assert "25" in one_of and "65" in one_of


def test_the_same_casus_on_another_day_is_another_advice(tmp_path: Path) -> None:
    session = tiny(tmp_path, [offer("event", period={"type": "event", "dates": [{"from": "2026-12-10"}]})], [MEETING])
    casus: Casus = session.reader.read_mapping({})
    assert ids(session.match(casus, DAY).referrals) == ["event"]
    assert session.match(casus, dt.date(2026, 12, 11)).referrals == ()
    assert match_json(session.match(casus, DAY))["as_of"] == "2026-12-02"


@pytest.mark.parametrize(
    "test",
    [
        ["test", "audience", "in", ["volunteer", "helper"], None, None],
        ["test", "age", "known", [True], None, None],
        ["test", "age", "known", [False], None, None],
        ["test", "age", "range", [], 65, None],
        ["test", "loneliness.social", "is", [True], None, None],
        ["test", "life_events", "includes", ["illness", "caregiving"], None, None],
    ],
)
def test_a_negated_test_is_the_opposite_of_the_test(test: list[Any]) -> None:
    """`not` of one test is compiled to one closure for `in` and `known`: always the exact opposite."""
    from referral.engine.program import check

    casussen: list[dict[str, Any]] = [
        {},
        {"audience": "helper", "age": 70, "loneliness.social": True, "life_events": ("illness",)},
        {"audience": "client", "age": 12, "loneliness.social": False, "life_events": ("moved",)},
        {"audience": "volunteer", "age": 65, "life_events": ()},
    ]
    plain, negated = check(test), check(["not", test])
    for signals in casussen:
        assert negated(signals) is (not plain(signals)), signals
    two_way = check(["any", [test, ["test", "wijk", "in", ["Overvecht"], None, None]]])
    for signals in casussen:
        assert two_way(signals) == (plain(signals) or signals.get("wijk") == "Overvecht")
