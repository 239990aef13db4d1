"""The De Jong Gierveld loneliness scale: item direction, both versions, cut-offs, missing answers.

The facts come from DESIGN.md ("De Jong Gierveld loneliness scale (facts to build on)"); the
cut-offs are read from rules/scales.yaml, which must agree with the published ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from referral.app.session import Session
from referral.casus.reader import Casus
from referral.content.loading import shipped_content
from referral.core import scale as djg
from referral.core.model import Ruleset
from referral.core.problems import ReferralError
from referral.core.yamlsource import parse_yaml

SOCIAL_ITEMS = (1, 4, 7, 8, 11)  # positively worded
EMOTIONAL_ITEMS = (2, 3, 5, 6, 9, 10)  # negatively worded

YES, MORE_OR_LESS, NO = "ja", "min of meer", "nee"


@pytest.fixture(scope="module")
def scales_yaml() -> dict[str, Any]:
    """rules/scales.yaml as shipped, read directly (independently of the content loader)."""
    path = Path(shipped_content().rules) / "scales.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def thresholds(ruleset: Ruleset) -> Any:
    return ruleset.thresholds


def lonely_answer(number: int) -> str:
    return NO if number in SOCIAL_ITEMS else YES


def not_lonely_answer(number: int) -> str:
    return YES if number in SOCIAL_ITEMS else NO


def answers_with_total(version: str, total: int) -> list[str]:
    """Answers in the version's own item order whose first `total` items point to loneliness."""
    numbers = djg.VERSIONS[version]
    return [lonely_answer(n) if i < total else not_lonely_answer(n) for i, n in enumerate(numbers)]


def load_casus(text: str, session: Session) -> Casus:
    return session.reader.read(parse_yaml(text, "casus.yaml"))


def refusal_codes(text: str, session: Session) -> list[str]:
    with pytest.raises(ReferralError) as info:
        load_casus(text, session)
    return [p.code for p in info.value.problems]


# --- the items -----------------------------------------------------------------------------


def test_eleven_items_numbered_in_order() -> None:
    assert [item.number for item in djg.ITEMS] == list(range(1, 12))
    assert djg.VERSIONS["djg11"] == tuple(range(1, 12))


@pytest.mark.parametrize("number", SOCIAL_ITEMS)
def test_social_items_are_on_the_social_subscale(number: int) -> None:
    assert djg.item(number).subscale == "social"


@pytest.mark.parametrize("number", EMOTIONAL_ITEMS)
def test_emotional_items_are_on_the_emotional_subscale(number: int) -> None:
    assert djg.item(number).subscale == "emotional"


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        (1, "dagelijkse probleempjes"),
        (2, "echt goede vriend"),
        (3, "leegte"),
        (4, "narigheid"),
        (5, "gezelligheid"),
        (6, "kring van kennissen"),
        (7, "volledig kan vertrouwen"),
        (8, "nauw verbonden"),
        (9, "mis mensen"),
        (10, "in de steek gelaten"),
        (11, "bij mijn vrienden terecht"),
    ],
)
def test_item_texts_match_the_published_scale(number: int, fragment: str) -> None:
    assert fragment in djg.item(number).text_nl


@pytest.mark.parametrize("number", SOCIAL_ITEMS)
@pytest.mark.parametrize(("answer", "expected"), [(NO, 1), (MORE_OR_LESS, 1), (YES, 0)])
def test_social_item_direction(number: int, answer: str, expected: int) -> None:
    """Positively worded items point to loneliness on 'nee' and 'min of meer'."""
    assert djg.item_score(number, answer) == expected


@pytest.mark.parametrize("number", EMOTIONAL_ITEMS)
@pytest.mark.parametrize(("answer", "expected"), [(YES, 1), (MORE_OR_LESS, 1), (NO, 0)])
def test_emotional_item_direction(number: int, answer: str, expected: int) -> None:
    """Negatively worded items point to loneliness on 'ja' and 'min of meer'."""
    assert djg.item_score(number, answer) == expected


@pytest.mark.parametrize("number", range(1, 12))
def test_unanswered_item_has_no_score(number: int) -> None:
    assert djg.item_score(number, None) is None


def test_short_form_order_is_the_published_one() -> None:
    assert djg.SHORT_FORM == (3, 9, 10, 4, 7, 8)
    assert djg.VERSIONS["djg6"] == (3, 9, 10, 4, 7, 8)
    assert [djg.item(n).subscale for n in djg.SHORT_FORM] == ["emotional"] * 3 + ["social"] * 3


@pytest.mark.parametrize("position", range(6))
def test_short_form_answer_is_scored_as_its_own_item(position: int, thresholds: Any) -> None:
    """The k-th djg6 answer belongs to item SHORT_FORM[k]: a lonely answer there moves that subscale."""
    number = djg.SHORT_FORM[position]
    answers = [not_lonely_answer(n) for n in djg.SHORT_FORM]
    answers[position] = lonely_answer(number)
    result = djg.score("djg6", answers, thresholds)
    assert result.total == 1
    if number in EMOTIONAL_ITEMS:
        assert (result.emotional_score, result.social_score) == (1, 0)
    else:
        assert (result.emotional_score, result.social_score) == (0, 1)


@pytest.mark.parametrize("position", range(6))
def test_short_form_direction_follows_the_item_not_the_position(position: int, thresholds: Any) -> None:
    """'ja' on the first three (emotional) items is lonely; 'ja' on the last three (social) is not."""
    answers = [NO, NO, NO, YES, YES, YES]  # all not lonely
    answers[position] = YES if answers[position] == NO else NO
    assert djg.score("djg6", answers, thresholds).total == 1


@pytest.mark.parametrize("number", range(1, 12))
def test_eleven_item_single_lonely_answer_lands_on_its_subscale(number: int, thresholds: Any) -> None:
    answers = [not_lonely_answer(n) for n in range(1, 12)]
    answers[number - 1] = lonely_answer(number)
    result = djg.score("djg11", answers, thresholds)
    assert result.total == 1
    expected = (1, 0) if number in SOCIAL_ITEMS else (0, 1)
    assert (result.social_score, result.emotional_score) == expected


# --- cut-offs: rules/scales.yaml agrees with the published ones ---------------------------


def test_scales_yaml_has_the_published_eleven_item_bands(scales_yaml: dict[str, Any]) -> None:
    bands = [(band["max"], band["severity"]) for band in scales_yaml["djg11"]["bands"]]
    assert bands == [(2, "none"), (8, "moderate"), (10, "severe"), (11, "very_severe")]


def test_scales_yaml_has_the_published_six_item_bands(scales_yaml: dict[str, Any]) -> None:
    bands = [(band["max"], band["severity"]) for band in scales_yaml["djg6"]["bands"]]
    assert bands == [(1, "none"), (4, "moderate"), (6, "severe")]


def test_scales_yaml_subscale_thresholds_and_missing_rules(scales_yaml: dict[str, Any]) -> None:
    assert scales_yaml["djg11"]["subscale_threshold"] == 2
    assert scales_yaml["djg6"]["subscale_threshold"] == 1
    assert scales_yaml["djg11"]["max_missing_total"] == 0
    assert scales_yaml["djg6"]["max_missing_total"] == 1
    for version in ("djg11", "djg6"):
        assert scales_yaml[version]["source"]["title"], "every cut-off keeps its source"
        assert scales_yaml[version]["subscale_threshold_source"]["title"]


def test_loaded_ruleset_uses_scales_yaml(scales_yaml: dict[str, Any], thresholds: Any) -> None:
    for version in ("djg11", "djg6"):
        assert thresholds[version]["bands"] == scales_yaml[version]["bands"]
        assert thresholds[version]["subscale_threshold"] == scales_yaml[version]["subscale_threshold"]
        assert thresholds[version]["max_missing_total"] == scales_yaml[version]["max_missing_total"]


ELEVEN_ITEM_SEVERITY = {
    **{t: "none" for t in range(0, 3)},
    **{t: "moderate" for t in range(3, 9)},
    **{t: "severe" for t in (9, 10)},
    11: "very_severe",
}
SIX_ITEM_SEVERITY = {0: "none", 1: "none", 2: "moderate", 3: "moderate", 4: "moderate", 5: "severe", 6: "severe"}


@pytest.mark.parametrize(("total", "severity"), sorted(ELEVEN_ITEM_SEVERITY.items()))
def test_eleven_item_total_and_severity(total: int, severity: str, thresholds: Any) -> None:
    result = djg.score("djg11", answers_with_total("djg11", total), thresholds)
    assert result.total == total
    assert result.severity == severity
    assert result.missing == 0


@pytest.mark.parametrize(("low", "high"), [(2, 3), (8, 9), (10, 11)])
def test_eleven_item_cut_off_boundaries(low: int, high: int, thresholds: Any) -> None:
    below = djg.score("djg11", answers_with_total("djg11", low), thresholds).severity
    above = djg.score("djg11", answers_with_total("djg11", high), thresholds).severity
    assert below != above
    assert (below, above) == (ELEVEN_ITEM_SEVERITY[low], ELEVEN_ITEM_SEVERITY[high])


@pytest.mark.parametrize(("total", "severity"), sorted(SIX_ITEM_SEVERITY.items()))
def test_six_item_total_and_severity(total: int, severity: str, thresholds: Any) -> None:
    result = djg.score("djg6", answers_with_total("djg6", total), thresholds)
    assert result.total == total
    assert result.severity == severity


@pytest.mark.parametrize(("low", "high"), [(1, 2), (4, 5)])
def test_six_item_cut_off_boundaries(low: int, high: int, thresholds: Any) -> None:
    below = djg.score("djg6", answers_with_total("djg6", low), thresholds).severity
    above = djg.score("djg6", answers_with_total("djg6", high), thresholds).severity
    assert (below, above) == (SIX_ITEM_SEVERITY[low], SIX_ITEM_SEVERITY[high])


def _subscale_answers(version: str, subscale: str, lonely: int) -> list[str]:
    """All not lonely, except the first `lonely` items of `subscale`."""
    answers = []
    count = 0
    for number in djg.VERSIONS[version]:
        if djg.item(number).subscale == subscale and count < lonely:
            answers.append(lonely_answer(number))
            count += 1
        else:
            answers.append(not_lonely_answer(number))
    assert count == lonely
    return answers


@pytest.mark.parametrize("subscale", ["social", "emotional"])
@pytest.mark.parametrize("version", ["djg11", "djg6"])
def test_subscale_threshold_from_scales_yaml(
    version: str, subscale: str, scales_yaml: dict[str, Any], thresholds: Any
) -> None:
    """Lonely on a subscale exactly from the threshold in rules/scales.yaml (2 for djg11, 1 for djg6)."""
    threshold = scales_yaml[version]["subscale_threshold"]
    below = djg.score(version, _subscale_answers(version, subscale, threshold - 1), thresholds)
    at = djg.score(version, _subscale_answers(version, subscale, threshold), thresholds)
    assert getattr(below, f"{subscale}_score") == threshold - 1
    assert getattr(below, subscale) is False
    assert getattr(at, f"{subscale}_score") == threshold
    assert getattr(at, subscale) is True
    other = "emotional" if subscale == "social" else "social"
    assert getattr(at, other) is False


@pytest.mark.parametrize(
    ("version", "subscale", "maximum"),
    [("djg11", "social", 5), ("djg11", "emotional", 6), ("djg6", "social", 3), ("djg6", "emotional", 3)],
)
def test_subscale_maximum(version: str, subscale: str, maximum: int, thresholds: Any) -> None:
    result = djg.score(version, _subscale_answers(version, subscale, maximum), thresholds)
    assert getattr(result, f"{subscale}_score") == maximum
    assert result.total == maximum


def test_thresholds_are_data_not_code(thresholds: Any) -> None:
    """A maintainer who follows the secondary source (3) changes only rules/scales.yaml."""
    stricter = {**thresholds, "djg11": {**thresholds["djg11"], "subscale_threshold": 3}}
    answers = _subscale_answers("djg11", "social", 2)
    assert djg.score("djg11", answers, thresholds).social is True
    assert djg.score("djg11", answers, stricter).social is False


def test_all_min_of_meer_is_maximally_lonely(thresholds: Any) -> None:
    """'min of meer' points to loneliness on every item, whatever its direction."""
    eleven = djg.score("djg11", [MORE_OR_LESS] * 11, thresholds)
    assert (eleven.total, eleven.social_score, eleven.emotional_score) == (11, 5, 6)
    assert eleven.severity == "very_severe"
    six = djg.score("djg6", [MORE_OR_LESS] * 6, thresholds)
    assert (six.total, six.social_score, six.emotional_score, six.severity) == (6, 3, 3, "severe")


def test_all_nee_is_only_socially_lonely(thresholds: Any) -> None:
    result = djg.score("djg11", [NO] * 11, thresholds)
    assert (result.total, result.social_score, result.emotional_score) == (5, 5, 0)
    assert (result.social, result.emotional, result.severity) == (True, False, "moderate")


def test_all_ja_is_only_emotionally_lonely(thresholds: Any) -> None:
    result = djg.score("djg11", [YES] * 11, thresholds)
    assert (result.total, result.social_score, result.emotional_score) == (6, 0, 6)
    assert (result.social, result.emotional, result.severity) == (False, True, "moderate")


# --- missing answers -------------------------------------------------------------------------


@pytest.mark.parametrize("position", range(6))
def test_djg6_one_missing_keeps_the_total(position: int, thresholds: Any) -> None:
    answers: list[str | None] = [MORE_OR_LESS] * 6
    answers[position] = None
    result = djg.score("djg6", answers, thresholds)
    assert result.missing == 1
    assert result.total == 5
    assert result.severity == "severe"
    number = djg.SHORT_FORM[position]
    missing_subscale = djg.item(number).subscale
    other = "social" if missing_subscale == "emotional" else "emotional"
    assert getattr(result, f"{missing_subscale}_score") is None
    assert getattr(result, missing_subscale) is None
    assert getattr(result, f"{other}_score") == 3
    assert getattr(result, other) is True


@pytest.mark.parametrize(("first", "second"), [(0, 1), (0, 3), (4, 5), (2, 5)])
def test_djg6_two_missing_drops_the_total(first: int, second: int, thresholds: Any) -> None:
    answers: list[str | None] = [MORE_OR_LESS] * 6
    answers[first] = answers[second] = None
    result = djg.score("djg6", answers, thresholds)
    assert result.missing == 2
    assert result.total is None
    assert result.severity is None


def test_djg6_all_missing(thresholds: Any) -> None:
    result = djg.score("djg6", [None] * 6, thresholds)
    assert (result.total, result.social_score, result.emotional_score) == (None, None, None)
    assert (result.social, result.emotional, result.severity) == (None, None, None)
    assert result.missing == 6


@pytest.mark.parametrize("number", range(1, 12))
def test_djg11_one_missing_drops_the_total_and_its_subscale(number: int, thresholds: Any) -> None:
    """rules/scales.yaml: max_missing_total 0 for the 11-item version."""
    answers: list[str | None] = [lonely_answer(n) for n in range(1, 12)]
    answers[number - 1] = None
    result = djg.score("djg11", answers, thresholds)
    assert result.missing == 1
    assert result.total is None
    assert result.severity is None
    if number in SOCIAL_ITEMS:
        assert (result.social_score, result.social) == (None, None)
        assert (result.emotional_score, result.emotional) == (6, True)
    else:
        assert (result.emotional_score, result.emotional) == (None, None)
        assert (result.social_score, result.social) == (5, True)


def test_score_refuses_the_wrong_number_of_answers(thresholds: Any) -> None:
    with pytest.raises(ValueError):
        djg.score("djg6", [YES] * 11, thresholds)
    with pytest.raises(ValueError):
        djg.score("djg11", [YES] * 6, thresholds)


def test_scale_result_json(thresholds: Any) -> None:
    result = djg.score("djg6", [YES, YES, None, NO, YES, YES], thresholds)
    assert result.to_json() == {
        "version": "djg6",
        "answers": ["ja", "ja", None, "nee", "ja", "ja"],
        "total": 3,
        "social_score": 1,
        "emotional_score": None,
        "missing": 1,
    }


# --- answer normalisation ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ja", YES),
        ("Ja", YES),
        ("JA", YES),
        (" ja ", YES),
        ("yes", YES),
        ("nee", NO),
        ("Nee", NO),
        ("no", NO),
        ("min of meer", MORE_OR_LESS),
        ("Min Of Meer", MORE_OR_LESS),
        ("MIN OF MEER", MORE_OR_LESS),
        ("min-of-meer", MORE_OR_LESS),
        ("minofmeer", MORE_OR_LESS),
        ("more or less", MORE_OR_LESS),
        (True, YES),  # YAML 1.1 reads unquoted yes as a boolean
        (False, NO),
        (None, None),
        ("", None),
        ("   ", None),
    ],
)
def test_normalize_answer(raw: Any, expected: str | None) -> None:
    assert djg.normalize_answer(raw) == expected


@pytest.mark.parametrize("raw", ["soms", "jaa", "misschien", "1", 1, 0, 2.5, ["ja"], {"ja": 1}, "ja nee"])
def test_normalize_answer_refuses_anything_else(raw: Any) -> None:
    with pytest.raises(ValueError):
        djg.normalize_answer(raw)


# --- the scale inside a casus --------------------------------------------------------------


def test_casus_djg11_derives_social_emotional_severity(session: Session) -> None:
    # social items (1, 4, 7, 8, 11) 'nee' = 5; emotional items: 2 and 3 'ja', the rest 'nee' = 2
    casus = load_casus(
        "loneliness:\n  djg11: [nee, ja, ja, nee, nee, nee, nee, nee, nee, nee, nee]\n",
        session,
    )
    assert casus.get("loneliness.social") is True
    assert casus.get("loneliness.emotional") is True
    assert casus.get("loneliness.severity") == "moderate"
    assert casus.scale is not None
    assert (casus.scale.total, casus.scale.social_score, casus.scale.emotional_score) == (7, 5, 2)


def test_casus_djg11_emotional_below_threshold(session: Session) -> None:
    casus = load_casus("loneliness:\n  djg11: [ja, ja, nee, ja, nee, nee, ja, ja, nee, nee, ja]\n", session)
    assert casus.get("loneliness.emotional") is False  # 1 < 2
    assert casus.get("loneliness.social") is False
    assert casus.get("loneliness.severity") == "none"


def test_casus_djg6_emotional_item_one_is_enough(session: Session) -> None:
    casus = load_casus("loneliness:\n  djg6: [ja, nee, nee, ja, ja, ja]\n", session)
    assert casus.get("loneliness.emotional") is True  # 1 >= 1
    assert casus.get("loneliness.social") is False
    assert casus.get("loneliness.severity") == "none"  # total 1


def test_casus_djg_answers_are_normalized(session: Session) -> None:
    casus = load_casus(
        'loneliness:\n  djg6: ["JA", "Min Of Meer", null, "nee", "Nee", "min of meer"]\n',
        session,
    )
    assert casus.scale is not None
    assert casus.scale.answers == ("ja", "min of meer", None, "nee", "nee", "min of meer")
    # items 3 ja, 9 min of meer, 10 missing, 4 nee, 7 nee, 8 min of meer: five lonely answers
    assert casus.scale.total == 5
    assert casus.get("loneliness.severity") == "severe"
    assert "loneliness.emotional" not in casus.signals  # item 10 missing: subscale missing
    assert casus.get("loneliness.social") is True


def test_casus_missing_answers_derive_nothing(session: Session) -> None:
    casus = load_casus("loneliness:\n  djg6: [null, null, ja, nee, nee, nee]\n", session)
    assert "loneliness.severity" not in casus.signals
    assert "loneliness.emotional" not in casus.signals
    assert casus.get("loneliness.social") is True


def test_casus_json_keeps_derived_fields_beside_the_scores(session: Session, ruleset: Ruleset) -> None:
    casus = load_casus(
        "age: 70\nloneliness:\n  djg11: [nee, nee, nee, nee, nee, nee, nee, nee, nee, nee, nee]\n", session
    )
    loneliness = casus.to_json(ruleset.vocabulary)["loneliness"]
    assert loneliness["social"] is True
    assert loneliness["emotional"] is False
    assert loneliness["severity"] == "moderate"
    assert loneliness["scale"]["version"] == "djg11"
    assert loneliness["scale"]["total"] == 5
    assert loneliness["scale"]["social_score"] == 5
    assert loneliness["scale"]["emotional_score"] == 0


@pytest.mark.parametrize("quick", ["social: true", "emotional: false", "severity: severe"])
@pytest.mark.parametrize("version", ["djg11", "djg6"])
def test_casus_refuses_scale_and_quick_fields_together(version: str, quick: str, session: Session) -> None:
    answers = ", ".join(["nee"] * len(djg.VERSIONS[version]))
    text = f"loneliness:\n  {version}: [{answers}]\n  {quick}\n"
    with pytest.raises(ReferralError) as info:
        load_casus(text, session)
    problem = next(p for p in info.value.problems if p.code == "casus.scale_and_quick")
    field, _, _ = quick.partition(":")
    assert (problem.line, problem.column) == (3, len(f"  {field}: ") + 1)
    assert f"loneliness.{field}" in problem.message("en")


def test_casus_refuses_both_scales(session: Session) -> None:
    text = "loneliness:\n  djg11: [" + ", ".join(["nee"] * 11) + "]\n  djg6: [ja, ja, ja, ja, ja, ja]\n"
    assert refusal_codes(text, session) == ["casus.two_scales"]


@pytest.mark.parametrize(("version", "count"), [("djg11", 10), ("djg11", 12), ("djg6", 5), ("djg6", 11)])
def test_casus_refuses_the_wrong_number_of_answers(version: str, count: int, session: Session) -> None:
    text = f"loneliness:\n  {version}: [" + ", ".join(["ja"] * count) + "]\n"
    with pytest.raises(ReferralError) as info:
        load_casus(text, session)
    (problem,) = info.value.problems
    assert problem.code == "casus.scale_length"
    assert str(len(djg.VERSIONS[version])) in problem.message("en")
    assert str(count) in problem.message("en")


def test_casus_refuses_an_invalid_answer_with_its_position(session: Session) -> None:
    text = "loneliness:\n  djg6:\n    - ja\n    - nee\n    - soms\n    - ja\n    - ja\n    - ja\n"
    with pytest.raises(ReferralError) as info:
        load_casus(text, session)
    (problem,) = info.value.problems
    assert problem.code == "casus.scale_answer"
    assert (problem.line, problem.column) == (5, 7)
    assert "3" in problem.message("nl")  # the third answer
    assert "soms" not in problem.format("nl")


def test_casus_refuses_answers_that_are_not_a_list(session: Session) -> None:
    assert refusal_codes("loneliness:\n  djg11: ja\n", session) == ["casus.expected_type"]
