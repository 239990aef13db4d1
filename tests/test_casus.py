"""The casus contract (DESIGN.md): every field optional, unknown fields refused with a suggestion,
aliases mapped to canonical ids, typos refused with a did-you-mean and a position, personal data
refused, and the normalized JSON nested as in the input."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Run

from referral.app.session import Session
from referral.casus.reader import Casus
from referral.core.model import Ruleset
from referral.core.problems import Problem, ReferralError
from referral.core.yamlsource import Document, parse_json, parse_yaml


def load(text: str, session: Session) -> Casus:
    return session.reader.read(parse_yaml(text, "casus.yaml"))


def problems(text: str, session: Session) -> list[Problem]:
    with pytest.raises(ReferralError) as info:
        load(text, session)
    return info.value.problems


def only_problem(text: str, session: Session) -> Problem:
    found = problems(text, session)
    assert len(found) == 1, [p.format("en") for p in found]
    return found[0]


# --- unknown fields --------------------------------------------------------------------------


def test_unknown_field_suggests_the_closest(session: Session) -> None:
    problem = only_problem("age: 80\nwjik: Overvecht\n", session)
    assert problem.code == "casus.unknown_field"
    assert (problem.file, problem.line, problem.column) == ("casus.yaml", 2, 1)
    assert "wjik" not in problem.message("nl")  # an unknown key may be a name ('agnes' for 'age')
    assert problem.hint_code == "hint.did_you_mean"
    assert "'wijk'" in str(problem.hint("nl"))
    assert problem.format("en") == "casus.yaml:2:1: unknown field (did you mean 'wijk'?)"


def test_a_near_miss_that_is_a_first_name_is_not_echoed(session: Session) -> None:
    problem = only_problem("agnes: 5\n", session)
    assert problem.format("nl") == "casus.yaml:1:1: onbekend veld (bedoelde u 'age'?)"


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("leeftjid", "leeftijd"),  # a Dutch typo gets the Dutch name, which is accepted too
        ("Leeftijd", "leeftijd"),
        ("huishoudens", "huishouden"),
        ("mobiliteitt", "mobiliteit"),
        ("district", "wijk"),
        ("agee", "age"),
        ("life_event", "life_events"),
    ],
)
def test_unknown_field_suggests_by_dutch_or_english_label(typed: str, suggestion: str, session: Session) -> None:
    problem = only_problem(f"{typed}: x\n", session)
    assert problem.code == "casus.unknown_field"
    assert dict(problem.hint_args)["suggestion"] == suggestion


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [("socail", "social"), ("emotionaal", "emotional"), ("djg12", "djg11")],
)
def test_unknown_field_inside_loneliness(typed: str, suggestion: str, session: Session) -> None:
    problem = only_problem(f"loneliness:\n  {typed}: true\n", session)
    assert problem.code == "casus.unknown_field"
    assert (problem.line, problem.column) == (2, 3)
    assert dict(problem.hint_args)["suggestion"] == suggestion


def test_unknown_field_without_a_close_match_lists_the_fields(session: Session) -> None:
    problem = only_problem("xyz: 1\n", session)
    assert problem.hint_code == "hint.choose_from"
    choices = dict(problem.hint_args)["choices"]
    for name in ("audience", "age", "wijk", "household", "loneliness", "life_events", "note"):
        assert name in choices


def test_odd_field_name_is_not_echoed(session: Session) -> None:
    problem = only_problem("'Jan Jansen woont alleen': ja\n", session)
    assert problem.code == "casus.unknown_field"
    assert "Jansen" not in problem.format("nl")
    assert "Jansen" not in problem.format("en")


# --- values: aliases and typos ----------------------------------------------------------------


def test_typo_in_wijk_hints_the_wijk_with_position(session: Session) -> None:
    problem = only_problem("age: 80\nwijk: Overvecth\n", session)
    assert problem.code == "casus.unknown_value"
    assert (problem.line, problem.column) == (2, 7)
    assert "'wijk'" in problem.message("en")
    assert "Overvecht" in str(problem.hint("nl"))
    assert "Overvecht" in str(problem.hint("en"))
    assert "Overvecth" not in problem.format("nl")
    assert problem.format("nl") == "casus.yaml:2:7: onbekende waarde voor 'wijk' (bedoelde u 'Overvecht'?)"


def test_typo_in_a_set_points_at_the_item(session: Session) -> None:
    problem = only_problem("life_events:\n  - rouw\n  - pensiun\n", session)
    assert problem.code == "casus.unknown_value"
    assert (problem.line, problem.column) == (3, 5)


def test_unknown_value_without_a_close_match_lists_the_labels(session: Session) -> None:
    problem = only_problem("household: kasteel\n", session)
    assert problem.code == "casus.unknown_value"
    assert problem.hint_code == "hint.choose_from_labels"
    assert "single-parent family" in str(problem.hint("en")) and "eenoudergezin" in str(problem.hint("nl"))


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (
            ("--severity", "xx"),
            "--severity: onbekende waarde voor ernst van de eenzaamheid (kies uit: niet eenzaam, matig eenzaam, "
            "ernstig eenzaam, zeer ernstig eenzaam)",
        ),
        (("--signal", "mobility=vliegen"), "--signal: onbekende waarde voor mobiliteit (kies uit: mobiel,"),
        (("--event", "qq"), "--event: onbekende waarde voor levensgebeurtenissen (kies uit: verlies van een dierbare,"),
        (("--now", "gisteren", "--age", "80"), "--now: verwacht een datum en tijd als 2026-04-27T10:00"),
        (("--age", "300"), "--age: moet tussen 0 en 120 liggen"),
        (("--age", "tachtig"), "--age: moet een heel getal zijn"),
        (("--signal", "age=300"), "--signal: 'age' moet tussen 0 en 120 liggen"),
    ],
)
def test_an_option_problem_names_the_option_and_the_dutch_words(args: tuple[str, ...], shown: str, run: Run) -> None:
    result = run("match", *args)
    assert result.exit_code == 2
    assert result.output.startswith(shown), result.output
    assert "loneliness.severity" not in result.output and "very_severe" not in result.output


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
def test_enum_aliases_map_to_canonical_ids(field: str, typed: str, canonical: str, session: Session) -> None:
    assert load(f"{field}: '{typed}'\n", session).get(field) == canonical


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("ernstig", "severe"), ("zeer ernstig", "very_severe"), ("matig", "moderate"), ("Niet eenzaam", "none")],
)
def test_severity_aliases(typed: str, canonical: str, session: Session) -> None:
    assert load(f"loneliness: {{severity: '{typed}'}}\n", session).get("loneliness.severity") == canonical


def test_wijk_with_en_dash(session: Session) -> None:
    assert load("wijk: Vleuten\u2013De Meern\n", session).get("wijk") == "Vleuten-De Meern"


# --- integers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("age", [0, 1, 12, 25, 79, 119, 120])
def test_age_in_range(age: int, session: Session) -> None:
    assert load(f"age: {age}\n", session).get("age") == age


@pytest.mark.parametrize("age", [-1, 121, 130, 1000])
def test_age_out_of_range(age: int, session: Session) -> None:
    problem = only_problem(f"wijk: Oost\nage: {age}\n", session)
    assert problem.code == "casus.out_of_range"
    assert (problem.line, problem.column) == (2, 6)
    assert "0" in problem.message("nl") and "120" in problem.message("nl")


@pytest.mark.parametrize("value", ["oud", "'tachtig'", "79.5", "true", "[79]", "{jaar: 79}", "'7 9'"])
def test_age_wrong_type(value: str, session: Session) -> None:
    problem = only_problem(f"age: {value}\n", session)
    assert problem.code == "casus.expected_type"
    assert (problem.line, problem.column) == (1, 6)
    assert problem.message("nl") == "'age' moet een heel getal zijn"


def test_age_as_whole_float_or_digits_is_accepted(session: Session) -> None:
    assert load("age: 79.0\n", session).get("age") == 79
    assert load("age: '79'\n", session).get("age") == 79


# --- booleans and other types -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("true", True), ("false", False), ("ja", True), ("nee", False), ("Ja", True), ("yes", True), ("no", False)],
)
def test_loneliness_booleans(value: str, expected: bool, session: Session) -> None:
    assert load(f"loneliness:\n  social: {value}\n", session).get("loneliness.social") is expected


@pytest.mark.parametrize("value", ["misschien", "2", "[true]", "'soms'"])
def test_loneliness_boolean_wrong_type(value: str, session: Session) -> None:
    problem = only_problem(f"loneliness:\n  social: {value}\n", session)
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
def test_wrong_types(text: str, line: int, column: int, session: Session) -> None:
    problem = only_problem(text, session)
    assert problem.code == "casus.expected_type"
    assert (problem.line, problem.column) == (line, column)


@pytest.mark.parametrize("text", ["42\n", "[age, wijk]\n", "'een casus'\n"])
def test_casus_must_be_a_mapping(text: str, session: Session) -> None:
    assert only_problem(text, session).code == "casus.not_mapping"


# --- sets ------------------------------------------------------------------------------------


def test_set_signals_are_deduplicated_and_in_vocabulary_order(session: Session) -> None:
    casus = load(
        "life_events: [pensioen, rouw, bereavement, Rouw, retirement]\n"
        "preferences: [group, een op een, one_on_one]\n"
        "languages: [ar, nl, NL, Nederlands]\n",
        session,
    )
    assert casus.get("life_events") == ("bereavement", "retirement")
    assert casus.get("preferences") == ("one_on_one", "group")
    assert casus.get("languages") == ("nl", "ar")


def test_single_value_for_a_set_is_a_set_of_one(session: Session) -> None:
    assert load("life_events: rouw\n", session).get("life_events") == ("bereavement",)


def test_empty_set_means_not_given(session: Session) -> None:
    # An empty list says nothing: `languages: []` must not read as "does not speak Dutch".
    assert load("life_events: []\n", session).get("life_events") is None
    assert "languages" not in load("languages: []\n", session).signals


@pytest.mark.parametrize("text", ["071", "1:19", "0x4F", "1_0", "0o17"])
def test_yaml_11_integers_are_refused_for_age(text: str, session: Session) -> None:
    with pytest.raises(ReferralError) as caught:
        load(f"age: {text}\n", session)
    assert caught.value.problems[0].code == "casus.expected_type"


def test_an_unknown_field_is_never_shown_only_its_suggestion(session: Session) -> None:
    with pytest.raises(ReferralError) as caught:
        load("mevrouw_de_vries: 1\nwjik: Zuid\n", session)
    texts = [p.format("nl") for p in caught.value.problems]
    assert not any("vries" in t or "wjik" in t for t in texts)
    assert any(t.startswith("casus.yaml:2:1: onbekend veld") and "bedoelde u 'wijk'?" in t for t in texts)


def test_a_hopeless_casus_stops_early(session: Session) -> None:
    text = "".join(f"veld_{i}: 1\n" for i in range(5000))
    with pytest.raises(ReferralError) as caught:
        load(text, session)
    assert len(caught.value.problems) == 26
    assert caught.value.problems[-1].code == "casus.too_many_problems"


# --- nulls, defaults -----------------------------------------------------------------------


def test_nulls_mean_unknown(session: Session) -> None:
    casus = load(
        "age: null\nwijk: ~\nhousehold:\nlife_events: null\nnote: null\n"
        "loneliness:\n  social: null\n  severity: null\n",
        session,
    )
    assert dict(casus.signals) == {"audience": "client"}
    assert casus.has_note is False


def test_null_group_means_unknown(session: Session) -> None:
    casus = load("age: 70\nloneliness: null\n", session)
    assert dict(casus.signals) == {"age": 70, "audience": "client"}
    assert casus.scale is None


def test_empty_casus_is_a_client_with_nothing_known(session: Session) -> None:
    casus = load("{}\n", session)
    assert dict(casus.signals) == {"audience": "client"}
    assert casus.defaulted == frozenset({"audience"})


def test_audience_defaults_to_client(session: Session) -> None:
    casus = load("age: 80\n", session)
    assert casus.get("audience") == "client"
    assert "audience" in casus.defaulted


def test_explicit_audience_is_not_defaulted(session: Session) -> None:
    assert load("audience: client\n", session).defaulted == frozenset()
    helper = load("audience: helper\n", session)
    assert helper.get("audience") == "helper"
    assert "audience" not in helper.defaulted


def test_null_audience_falls_back_to_the_default(session: Session) -> None:
    casus = load("audience: null\n", session)
    assert casus.get("audience") == "client"
    assert "audience" in casus.defaulted


# --- note ---------------------------------------------------------------------------------------


def test_note_is_remembered_only_as_present(session: Session) -> None:
    casus = load("note: 'komt weinig buiten sinds de winter'\n", session)
    assert casus.has_note is True
    assert "weinig" not in repr(casus)


def test_blank_note_is_no_note(session: Session) -> None:
    assert load("note: '   '\n", session).has_note is False


def test_note_too_long(session: Session) -> None:
    problem = only_problem("note: '" + "eenzaam " * 300 + "'\n", session)
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
def test_personal_fields_are_refused_without_echo(field: str, value: str, session: Session) -> None:
    problem = only_problem(f"age: 80\n{field}: '{value}'\n", session)
    assert problem.code == "casus.personal_field"
    assert (problem.line, problem.column) == (2, 1)
    for lang in ("nl", "en"):
        assert value not in problem.format(lang)
        assert value not in repr(problem.to_json(lang))


def test_all_problems_are_reported_in_line_order(session: Session) -> None:
    found = problems(
        "age: 130\nwjik: Oost\nnaam: Jansen\nhousehold: kasteel\nloneliness:\n  social: misschien\n",
        session,
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


def test_to_json_nests_loneliness_and_uses_canonical_ids(session: Session, ruleset: Ruleset) -> None:
    casus = load(
        "life_events: [rouw]\n"
        "loneliness: {severity: ernstig, emotional: ja, social: false}\n"
        "household: alleenstaand\n"
        "wijk: Vleuten\n"
        "age: 79\n"
        "audience: mantelzorger\n"
        "note: 'komt weinig buiten'\n",
        session,
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


def test_to_json_includes_the_default_audience(session: Session, ruleset: Ruleset) -> None:
    assert load("age: 40\n", session).to_json(ruleset.vocabulary) == {"audience": "client", "age": 40}


def test_same_casus_different_spelling_same_json(session: Session, ruleset: Ruleset) -> None:
    a = load("wijk: De Meern\nhousehold: eenpersoonshuishouden\nlife_events: [rouw, pensioen]\n", session)
    b = load("life_events: [retirement, bereavement]\nhousehold: single\nwijk: Vleuten-De Meern\n", session)
    assert a.to_json(ruleset.vocabulary) == b.to_json(ruleset.vocabulary)


# --- other entry points ---------------------------------------------------------------------


def test_json_casus(session: Session) -> None:
    doc = parse_json('{"age": 79, "wijk": "vleuten", "loneliness": {"emotional": true}}', "casus.json")
    casus = session.reader.read(doc)
    assert casus.get("wijk") == "Vleuten-De Meern"
    assert casus.get("loneliness.emotional") is True


def test_casus_from_mapping_has_no_positions(session: Session) -> None:
    data: dict[str, Any] = {"age": 200, "wijk": "Vleuten"}
    with pytest.raises(ReferralError) as info:
        session.reader.read_mapping(data)
    (problem,) = info.value.problems
    assert problem.code == "casus.out_of_range"
    assert (problem.file, problem.line, problem.column) == ("<opties>", None, None)
    assert session.reader.read_mapping({"wijk": "Vleuten"}).get("wijk") == "Vleuten-De Meern"


def test_parsing_does_not_change_the_input(session: Session) -> None:
    data: dict[str, Any] = {"household": "alleenstaand", "life_events": ["rouw"]}
    session.reader.read_mapping(data)
    assert data == {"household": "alleenstaand", "life_events": ["rouw"]}


@pytest.mark.parametrize(("typed", "suggested"), [("ernst", "loneliness.severity"), ("sociaal", "loneliness.social")])
def test_top_level_label_suggests_the_full_field(typed: str, suggested: str, session: Session) -> None:
    with pytest.raises(ReferralError) as caught:
        load(f"{typed}: x\n", session)
    assert caught.value.problems[0].hint("nl") == f"bedoelde u '{suggested}'?"


def test_dutch_field_names_read_as_the_fixed_ones(session: Session) -> None:
    dutch = load(
        "leeftijd: 79\nwoonsituatie: alleenstaand\nmigratieachtergrond: Turks\ntalen: [turks]\n"
        "eenzaamheid: {sociaal: ja, emotioneel: nee, ernst: ernstig}\nlevensgebeurtenissen: [rouw]\n"
        "betrokken: [huisarts]\nmobiliteit: beperkt\nvoorkeuren: [een op een]\nwie_vraagt: naaste\n"
        "notitie: belt vaak op\n",
        session,
    )
    fixed = load(
        "age: 79\nhousehold: single\nmigration_background: turkish\nlanguages: [tr]\n"
        "loneliness: {social: true, emotional: false, severity: severe}\nlife_events: [bereavement]\n"
        "involved: [gp]\nmobility: limited\npreferences: [one_on_one]\naudience: helper\nnote: belt vaak op\n",
        session,
    )
    assert dutch == fixed
    assert dutch.signals["age"] == 79 and dutch.has_note


def test_dutch_scale_group_and_the_quick_answer_clash(session: Session) -> None:
    answers = "[ja, ja, ja, nee, nee, nee]"
    assert load(f"eenzaamheid:\n  djg6: {answers}\n", session) == load(f"loneliness:\n  djg6: {answers}\n", session)
    problem = only_problem(f"eenzaamheid:\n  djg6: {answers}\n  sociaal: ja\n", session)
    assert problem.code == "casus.scale_and_quick"
    assert problem.format("nl").startswith("casus.yaml:3:12: geef 'eenzaamheid.sociaal' óf als schaal-antwoorden")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("leeftijd: 80\nage: 81\n", "casus.yaml:2:1: 'age' is hetzelfde veld als 'leeftijd': geef het één keer op"),
        ("eenzaamheid: {sociaal: ja}\nloneliness: {social: true}\n", "casus.yaml:2:1: 'loneliness' is hetzelfde veld"),
        ("loneliness: {social: true, sociaal: ja}\n", "casus.yaml:1:28: 'loneliness.sociaal' is hetzelfde veld als"),
    ],
)
def test_one_field_under_two_names_is_refused(text: str, shown: str, session: Session) -> None:
    problem = only_problem(text, session)
    assert problem.code == "casus.same_field"
    assert problem.format("nl").startswith(shown)


def test_a_document_and_a_mapping_read_alike(session: Session) -> None:
    """The file route (positions) and the batch route (a plain mapping) are the one reader."""
    data = {"age": 79, "wijk": "West", "life_events": ["rouw"], "loneliness": {"djg6": ["ja"] * 6}}
    assert session.reader.read(Document("x", data, {})) == session.reader.read_mapping(data)
    text = "age: 79\nwijk: West\nlife_events: [rouw]\nloneliness:\n  djg6: [ja, ja, ja, ja, ja, ja]\n"
    assert load(text, session).signals == session.reader.read_mapping(data).signals


# --- the title and the set of who is involved (added to the contract) ----------------------------


def test_title_is_a_label_checked_like_the_note(session: Session, ruleset: Ruleset) -> None:
    casus = load("title: '  Casus 3:   rouw na\n  verhuizing '\nage: 80\n", session)
    assert casus.title == "Casus 3: rouw na verhuizing"
    assert "title" not in casus.to_json(ruleset.vocabulary)
    assert load("title: '   '\n", session).title is None
    assert load("age: 80\n", session).title is None


@pytest.mark.parametrize("title", ["Mevrouw Jansen", "bel 06-12345678", "jan@example.nl"])
def test_title_with_personal_data_is_refused_without_echo(session: Session, title: str) -> None:
    problem = only_problem(f"age: 80\ntitle: '{title}'\n", session)
    assert problem.code == "casus.personal_text"
    assert (problem.line, problem.column) == (2, 8)
    for lang in ("nl", "en"):
        assert title not in problem.format(lang)


def test_title_has_a_length_and_a_type(session: Session) -> None:
    assert only_problem("title: '" + "x" * 121 + "'\n", session).code == "casus.note_too_long"
    assert only_problem("title: 5\n", session).code == "casus.expected_type"


def test_involved_is_a_set_with_aliases(session: Session, ruleset: Ruleset) -> None:
    casus = load("involved: [thuiszorg, huisarts, gp]\nage: 70\n", session)
    assert casus.get("involved") == ("gp", "home_care")
    assert casus.to_json(ruleset.vocabulary)["involved"] == ["gp", "home_care"]
    problem = only_problem("involved: [huisarst]\n", session)
    assert problem.code == "casus.unknown_value"
    gp = ruleset.vocabulary.signals["involved"].value("gp")
    assert gp is not None and dict(problem.hint_args)["suggestion"] == gp.label.nl


def test_new_fields_are_offered_as_choices(session: Session) -> None:
    choices = dict(only_problem("xyz: 1\n", session).hint_args)["choices"]
    assert "title" in choices and "involved" in choices


def test_a_free_text_problem_names_the_field_as_typed(session: Session) -> None:
    problem = only_problem("notitie: bel haar op 0612345678\n", session)
    assert problem.code == "casus.personal_text"
    assert problem.format("nl").startswith("casus.yaml:1:10: veld 'notitie' lijkt persoonsgegevens te bevatten")
