"""The casus contract (DESIGN.md): every field optional, unknown fields refused with a suggestion,
aliases mapped to canonical ids, typos refused with a did-you-mean and a position, personal data
refused, and the normalized JSON nested as in the input."""

from __future__ import annotations

from typing import Any

import pytest

from referral.casus.reader import Casus, casus_from_mapping, parse_casus
from referral.core.model import Ruleset
from referral.core.problems import Problem, ReferralError
from referral.core.yamlsource import parse_json, parse_yaml


def load(text: str, ruleset: Ruleset) -> Casus:
    return parse_casus(parse_yaml(text, "casus.yaml"), ruleset)


def problems(text: str, ruleset: Ruleset) -> list[Problem]:
    with pytest.raises(ReferralError) as info:
        load(text, ruleset)
    return info.value.problems


def only_problem(text: str, ruleset: Ruleset) -> Problem:
    found = problems(text, ruleset)
    assert len(found) == 1, [p.format("en") for p in found]
    return found[0]


# --- unknown fields --------------------------------------------------------------------------


def test_unknown_field_suggests_the_closest(ruleset: Ruleset) -> None:
    problem = only_problem("age: 80\nwjik: Overvecht\n", ruleset)
    assert problem.code == "casus.unknown_field"
    assert (problem.file, problem.line, problem.column) == ("casus.yaml", 2, 1)
    assert "'wjik'" in problem.message("nl")
    assert problem.hint_code == "hint.did_you_mean"
    assert "'wijk'" in str(problem.hint("nl"))
    assert problem.format("en") == "casus.yaml:2:1: unknown field 'wjik' (did you mean 'wijk'?)"


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("leeftijd", "age"),
        ("huishouden", "household"),
        ("mobiliteit", "mobility"),
        ("migratieachtergrond", "migration_background"),
        ("talen", "languages"),
        ("levensgebeurtenissen", "life_events"),
        ("voorkeuren", "preferences"),
        ("district", "wijk"),
        ("agee", "age"),
        ("life_event", "life_events"),
    ],
)
def test_unknown_field_suggests_by_dutch_or_english_label(typed: str, suggestion: str, ruleset: Ruleset) -> None:
    problem = only_problem(f"{typed}: x\n", ruleset)
    assert problem.code == "casus.unknown_field"
    assert dict(problem.hint_args)["suggestion"] == suggestion


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [("sociaal", "social"), ("emotioneel", "emotional"), ("socail", "social"), ("djg12", "djg11")],
)
def test_unknown_field_inside_loneliness(typed: str, suggestion: str, ruleset: Ruleset) -> None:
    problem = only_problem(f"loneliness:\n  {typed}: true\n", ruleset)
    assert problem.code == "casus.unknown_field"
    assert (problem.line, problem.column) == (2, 3)
    assert dict(problem.hint_args)["suggestion"] == suggestion


def test_unknown_field_without_a_close_match_lists_the_fields(ruleset: Ruleset) -> None:
    problem = only_problem("xyz: 1\n", ruleset)
    assert problem.hint_code == "hint.choose_from"
    choices = dict(problem.hint_args)["choices"]
    for name in ("audience", "age", "wijk", "household", "loneliness", "life_events", "note"):
        assert name in choices


def test_odd_field_name_is_not_echoed(ruleset: Ruleset) -> None:
    problem = only_problem("'Jan Jansen woont alleen': ja\n", ruleset)
    assert problem.code == "casus.unknown_field"
    assert "Jansen" not in problem.format("nl")
    assert "Jansen" not in problem.format("en")


# --- values: aliases and typos ----------------------------------------------------------------


def test_typo_in_wijk_hints_the_wijk_with_position(ruleset: Ruleset) -> None:
    problem = only_problem("age: 80\nwijk: Overvecth\n", ruleset)
    assert problem.code == "casus.unknown_value"
    assert (problem.line, problem.column) == (2, 7)
    assert "'wijk'" in problem.message("en")
    assert "Overvecht" in str(problem.hint("nl"))
    assert "Overvecht" in str(problem.hint("en"))
    assert "Overvecth" not in problem.format("nl")
    assert problem.format("nl") == "casus.yaml:2:7: onbekende waarde voor 'wijk' (bedoelde u 'Overvecht'?)"


def test_typo_in_a_set_points_at_the_item(ruleset: Ruleset) -> None:
    problem = only_problem("life_events:\n  - rouw\n  - pensiun\n", ruleset)
    assert problem.code == "casus.unknown_value"
    assert (problem.line, problem.column) == (3, 5)


def test_unknown_value_without_a_close_match_lists_the_ids(ruleset: Ruleset) -> None:
    problem = only_problem("household: kasteel\n", ruleset)
    assert problem.code == "casus.unknown_value"
    assert problem.hint_code == "hint.choose_from"
    assert "single_parent" in str(problem.hint("en"))


@pytest.mark.parametrize(
    ("field", "typed", "canonical"),
    [
        ("household", "eenpersoonshuishouden", "single"),
        ("household", "alleenstaand", "single"),
        ("household", "Alleenstaand", "single"),
        ("household", "eenoudergezin", "single_parent"),
        ("household", "Eenoudergezin", "single_parent"),
        ("household", "single_parent", "single_parent"),
        ("household", "single-parent", "single_parent"),
        ("wijk", "Vleuten", "Vleuten-De Meern"),
        ("wijk", "vleuten", "Vleuten-De Meern"),
        ("wijk", "De Meern", "Vleuten-De Meern"),
        ("wijk", "DE MEERN", "Vleuten-De Meern"),
        ("wijk", "Vleuten-De Meern", "Vleuten-De Meern"),
        ("wijk", "vleuten de meern", "Vleuten-De Meern"),
        ("wijk", "VLEUTEN_DE_MEERN", "Vleuten-De Meern"),
        ("wijk", "overvecht", "Overvecht"),
        ("wijk", "Overvécht", "Overvecht"),
        ("wijk", "leidsche-rijn", "Leidsche Rijn"),
        ("wijk", "Noord-West", "Noordwest"),
        ("wijk", "Kanaleneiland", "Zuidwest"),
        ("audience", "mantelzorger", "helper"),
        ("audience", "Cliënt", "client"),
        ("audience", "client", "client"),
        ("migration_background", "Marokkaanse", "moroccan"),
        ("migration_background", "turks", "turkish"),
        ("mobility", "Aan Huis Gebonden", "housebound"),
        ("mobility", "rollator", "limited"),
    ],
)
def test_enum_aliases_map_to_canonical_ids(field: str, typed: str, canonical: str, ruleset: Ruleset) -> None:
    assert load(f"{field}: '{typed}'\n", ruleset).get(field) == canonical


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("ernstig", "severe"), ("zeer ernstig", "very_severe"), ("matig", "moderate"), ("Niet eenzaam", "none")],
)
def test_severity_aliases(typed: str, canonical: str, ruleset: Ruleset) -> None:
    assert load(f"loneliness: {{severity: '{typed}'}}\n", ruleset).get("loneliness.severity") == canonical


def test_wijk_with_en_dash(ruleset: Ruleset) -> None:
    assert load("wijk: Vleuten\u2013De Meern\n", ruleset).get("wijk") == "Vleuten-De Meern"


# --- integers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("age", [0, 1, 12, 25, 79, 119, 120])
def test_age_in_range(age: int, ruleset: Ruleset) -> None:
    assert load(f"age: {age}\n", ruleset).get("age") == age


@pytest.mark.parametrize("age", [-1, 121, 130, 1000])
def test_age_out_of_range(age: int, ruleset: Ruleset) -> None:
    problem = only_problem(f"wijk: Oost\nage: {age}\n", ruleset)
    assert problem.code == "casus.out_of_range"
    assert (problem.line, problem.column) == (2, 6)
    assert "0" in problem.message("nl") and "120" in problem.message("nl")


@pytest.mark.parametrize("value", ["oud", "'tachtig'", "79.5", "true", "[79]", "{jaar: 79}", "'7 9'"])
def test_age_wrong_type(value: str, ruleset: Ruleset) -> None:
    problem = only_problem(f"age: {value}\n", ruleset)
    assert problem.code == "casus.expected_type"
    assert (problem.line, problem.column) == (1, 6)
    assert problem.message("nl") == "'age' moet een heel getal zijn"


def test_age_as_whole_float_or_digits_is_accepted(ruleset: Ruleset) -> None:
    assert load("age: 79.0\n", ruleset).get("age") == 79
    assert load("age: '79'\n", ruleset).get("age") == 79


# --- booleans and other types -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("true", True), ("false", False), ("ja", True), ("nee", False), ("Ja", True), ("yes", True), ("no", False)],
)
def test_loneliness_booleans(value: str, expected: bool, ruleset: Ruleset) -> None:
    assert load(f"loneliness:\n  social: {value}\n", ruleset).get("loneliness.social") is expected


@pytest.mark.parametrize("value", ["misschien", "2", "[true]", "'soms'"])
def test_loneliness_boolean_wrong_type(value: str, ruleset: Ruleset) -> None:
    problem = only_problem(f"loneliness:\n  social: {value}\n", ruleset)
    assert problem.code == "casus.expected_type"
    assert (problem.line, problem.column) == (2, 11)
    assert "loneliness.social" in problem.message("en")
    assert "misschien" not in problem.format("nl")


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("wijk: 3\n", 1, 7),
        ("wijk: [Oost]\n", 1, 7),
        ("household: true\n", 1, 12),
        ("loneliness: ja\n", 1, 13),
        ("loneliness: [social]\n", 1, 13),
        ("life_events: [rouw, 3]\n", 1, 21),
        ("note: 5\n", 1, 7),
    ],
)
def test_wrong_types(text: str, line: int, column: int, ruleset: Ruleset) -> None:
    problem = only_problem(text, ruleset)
    assert problem.code == "casus.expected_type"
    assert (problem.line, problem.column) == (line, column)


@pytest.mark.parametrize("text", ["42\n", "[age, wijk]\n", "'een casus'\n"])
def test_casus_must_be_a_mapping(text: str, ruleset: Ruleset) -> None:
    assert only_problem(text, ruleset).code == "casus.not_mapping"


# --- sets ------------------------------------------------------------------------------------


def test_set_signals_are_deduplicated_and_in_vocabulary_order(ruleset: Ruleset) -> None:
    casus = load(
        "life_events: [pensioen, rouw, bereavement, Rouw, retirement]\n"
        "preferences: [group, een op een, one_on_one]\n"
        "languages: [ar, nl, NL, Nederlands]\n",
        ruleset,
    )
    assert casus.get("life_events") == ("bereavement", "retirement")
    assert casus.get("preferences") == ("one_on_one", "group")
    assert casus.get("languages") == ("nl", "ar")


def test_single_value_for_a_set_is_a_set_of_one(ruleset: Ruleset) -> None:
    assert load("life_events: rouw\n", ruleset).get("life_events") == ("bereavement",)


def test_empty_set_means_not_given(ruleset: Ruleset) -> None:
    # An empty list says nothing: `languages: []` must not read as "does not speak Dutch".
    assert load("life_events: []\n", ruleset).get("life_events") is None
    assert "languages" not in load("languages: []\n", ruleset).signals


@pytest.mark.parametrize("text", ["071", "1:19", "0x4F", "1_0", "0o17"])
def test_yaml_11_integers_are_refused_for_age(text: str, ruleset: Ruleset) -> None:
    with pytest.raises(ReferralError) as caught:
        load(f"age: {text}\n", ruleset)
    assert caught.value.problems[0].code == "casus.expected_type"


def test_unknown_field_is_shown_only_when_it_is_a_near_miss(ruleset: Ruleset) -> None:
    with pytest.raises(ReferralError) as caught:
        load("mevrouw_de_vries: 1\nwjik: Zuid\n", ruleset)
    texts = [p.format("nl") for p in caught.value.problems]
    assert not any("vries" in t for t in texts)
    assert any("'wjik'" in t and "bedoelde u 'wijk'?" in t for t in texts)


def test_a_hopeless_casus_stops_early(ruleset: Ruleset) -> None:
    text = "".join(f"veld_{i}: 1\n" for i in range(5000))
    with pytest.raises(ReferralError) as caught:
        load(text, ruleset)
    assert len(caught.value.problems) == 26
    assert caught.value.problems[-1].code == "casus.too_many_problems"


# --- nulls, defaults -----------------------------------------------------------------------


def test_nulls_mean_unknown(ruleset: Ruleset) -> None:
    casus = load(
        "age: null\nwijk: ~\nhousehold:\nlife_events: null\nnote: null\n"
        "loneliness:\n  social: null\n  severity: null\n",
        ruleset,
    )
    assert dict(casus.signals) == {"audience": "client"}
    assert casus.has_note is False


def test_null_group_means_unknown(ruleset: Ruleset) -> None:
    casus = load("age: 70\nloneliness: null\n", ruleset)
    assert dict(casus.signals) == {"age": 70, "audience": "client"}
    assert casus.scale is None


def test_empty_casus_is_a_client_with_nothing_known(ruleset: Ruleset) -> None:
    casus = load("{}\n", ruleset)
    assert dict(casus.signals) == {"audience": "client"}
    assert casus.defaulted == frozenset({"audience"})


def test_audience_defaults_to_client(ruleset: Ruleset) -> None:
    casus = load("age: 80\n", ruleset)
    assert casus.get("audience") == "client"
    assert "audience" in casus.defaulted


def test_explicit_audience_is_not_defaulted(ruleset: Ruleset) -> None:
    assert load("audience: client\n", ruleset).defaulted == frozenset()
    helper = load("audience: helper\n", ruleset)
    assert helper.get("audience") == "helper"
    assert "audience" not in helper.defaulted


def test_null_audience_falls_back_to_the_default(ruleset: Ruleset) -> None:
    casus = load("audience: null\n", ruleset)
    assert casus.get("audience") == "client"
    assert "audience" in casus.defaulted


# --- note ---------------------------------------------------------------------------------------


def test_note_is_remembered_only_as_present(ruleset: Ruleset) -> None:
    casus = load("note: 'komt weinig buiten sinds de winter'\n", ruleset)
    assert casus.has_note is True
    assert "weinig" not in repr(casus)


def test_blank_note_is_no_note(ruleset: Ruleset) -> None:
    assert load("note: '   '\n", ruleset).has_note is False


def test_note_too_long(ruleset: Ruleset) -> None:
    problem = only_problem("note: '" + "eenzaam " * 300 + "'\n", ruleset)
    assert problem.code == "casus.note_too_long"
    assert "2000" in problem.message("nl")


# --- personal data ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("naam", "Jan Jansen"),
        ("Naam", "Jansen"),
        ("telefoon", "06-12345678"),
        ("bsn", "111222333"),
        ("geboortedatum", "12-03-1945"),
        ("adres", "Kerkstraat 5"),
        ("email", "jan@example.nl"),
        ("e-mail", "jan@example.nl"),
        ("postcode", "3511 AB"),
    ],
)
def test_personal_fields_are_refused_without_echo(field: str, value: str, ruleset: Ruleset) -> None:
    problem = only_problem(f"age: 80\n{field}: '{value}'\n", ruleset)
    assert problem.code == "casus.personal_field"
    assert (problem.line, problem.column) == (2, 1)
    for lang in ("nl", "en"):
        assert value not in problem.format(lang)
        assert value not in repr(problem.to_json(lang))


def test_all_problems_are_reported_in_line_order(ruleset: Ruleset) -> None:
    found = problems(
        "age: 130\nwjik: Oost\nnaam: Jansen\nhousehold: kasteel\nloneliness:\n  social: misschien\n",
        ruleset,
    )
    assert [(p.line, p.code) for p in found] == [
        (1, "casus.out_of_range"),
        (2, "casus.unknown_field"),
        (3, "casus.personal_field"),
        (4, "casus.unknown_value"),
        (6, "casus.expected_type"),
    ]
    assert not any("Jansen" in p.format(lang) for p in found for lang in ("nl", "en"))


# --- normalized JSON -----------------------------------------------------------------------


def test_to_json_nests_loneliness_and_uses_canonical_ids(ruleset: Ruleset) -> None:
    casus = load(
        "life_events: [rouw]\n"
        "loneliness: {severity: ernstig, emotional: ja, social: false}\n"
        "household: alleenstaand\n"
        "wijk: Vleuten\n"
        "age: 79\n"
        "audience: mantelzorger\n"
        "note: 'komt weinig buiten'\n",
        ruleset,
    )
    out = casus.to_json(ruleset.vocabulary)
    assert out == {
        "audience": "helper",
        "age": 79,
        "wijk": "Vleuten-De Meern",
        "household": "single",
        "loneliness": {"social": False, "emotional": True, "severity": "severe"},
        "life_events": ["bereavement"],
    }
    # vocabulary order, not input order
    assert list(out) == ["audience", "age", "wijk", "household", "loneliness", "life_events"]
    assert list(out["loneliness"]) == ["social", "emotional", "severity"]
    assert "note" not in out


def test_to_json_includes_the_default_audience(ruleset: Ruleset) -> None:
    assert load("age: 40\n", ruleset).to_json(ruleset.vocabulary) == {"audience": "client", "age": 40}


def test_same_casus_different_spelling_same_json(ruleset: Ruleset) -> None:
    a = load("wijk: De Meern\nhousehold: eenpersoonshuishouden\nlife_events: [rouw, pensioen]\n", ruleset)
    b = load("life_events: [retirement, bereavement]\nhousehold: single\nwijk: Vleuten-De Meern\n", ruleset)
    assert a.to_json(ruleset.vocabulary) == b.to_json(ruleset.vocabulary)


# --- other entry points ---------------------------------------------------------------------


def test_json_casus(ruleset: Ruleset) -> None:
    doc = parse_json('{"age": 79, "wijk": "vleuten", "loneliness": {"emotional": true}}', "casus.json")
    casus = parse_casus(doc, ruleset)
    assert casus.get("wijk") == "Vleuten-De Meern"
    assert casus.get("loneliness.emotional") is True


def test_casus_from_mapping_has_no_positions(ruleset: Ruleset) -> None:
    data: dict[str, Any] = {"age": 200, "wijk": "Vleuten"}
    with pytest.raises(ReferralError) as info:
        casus_from_mapping(data, ruleset)
    (problem,) = info.value.problems
    assert problem.code == "casus.out_of_range"
    assert (problem.file, problem.line, problem.column) == ("<opties>", None, None)
    assert casus_from_mapping({"wijk": "Vleuten"}, ruleset).get("wijk") == "Vleuten-De Meern"


def test_parsing_does_not_change_the_input(ruleset: Ruleset) -> None:
    data: dict[str, Any] = {"household": "alleenstaand", "life_events": ["rouw"]}
    casus_from_mapping(data, ruleset)
    assert data == {"household": "alleenstaand", "life_events": ["rouw"]}


@pytest.mark.parametrize(("typed", "suggested"), [("ernst", "loneliness.severity"), ("leeftijd", "age")])
def test_top_level_label_suggests_the_full_field(typed: str, suggested: str, ruleset: Ruleset) -> None:
    with pytest.raises(ReferralError) as caught:
        load(f"{typed}: x\n", ruleset)
    assert caught.value.problems[0].hint("nl") == f"bedoelde u '{suggested}'?"
