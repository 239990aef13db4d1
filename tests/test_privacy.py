"""The privacy guard: a casus holds signals, never identities (DESIGN.md, AVG).

Free text is scanned for BSN (11-proef), phone numbers, e-mail, postcode and address, dates of
birth and names after naam/meneer/mevrouw; plain signal text is left alone; and a refusal never
prints the value back.
"""

from __future__ import annotations

import pytest

from referral.app.session import Session
from referral.core.model import Ruleset
from referral.core.privacy import elf_proef, is_personal_field, kind_label, personal_data_kinds
from referral.core.problems import ReferralError
from referral.core.yamlsource import parse_yaml

# --- BSN: the 11-proef -------------------------------------------------------------------


@pytest.mark.parametrize("digits", ["111222333", "123456782", "999999990", "012345672"])
def test_elf_proef_accepts_valid_bsn(digits: str) -> None:
    assert elf_proef(digits)


@pytest.mark.parametrize(
    "digits",
    ["111222334", "123456789", "123456780", "000000000", "12345678", "1234567820", "12345678a", ""],
)
def test_elf_proef_refuses_invalid(digits: str) -> None:
    assert not elf_proef(digits)


def test_elf_proef_weights() -> None:
    # 9*1 + 8*2 + 7*3 + 6*4 + 5*5 + 4*6 + 3*7 + 2*8 - 1*2 = 154 = 14 * 11
    assert elf_proef("123456782")
    # changing only the check digit breaks it
    assert [d for d in "0123456789" if elf_proef("12345678" + d)] == ["2"]


@pytest.mark.parametrize(
    "text",
    [
        "111222333",
        "bsn 123456782",
        "BSN: 111 222 333",
        "nummer 123.456.782 in het dossier",
        "123-456-782",
        "(123456782)",
    ],
)
def test_valid_bsn_is_flagged(text: str) -> None:
    assert "bsn" in personal_data_kinds(text)


@pytest.mark.parametrize("text", ["111222334", "123456789", "123 456 780", "000000000"])
def test_nine_digits_failing_the_elf_proef_are_not_a_bsn(text: str) -> None:
    assert "bsn" not in personal_data_kinds(text)


def test_bsn_inside_a_longer_number_is_not_flagged() -> None:
    assert "bsn" not in personal_data_kinds("1234567820")


# --- phone numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "06-12345678",
        "0612345678",
        "06 1234 5678",
        "06 12 34 56 78",
        "030 123 4567",
        "030-1234567",
        "030-123 45 67",
        "(030) 123 4567",
        "030 - 123 45 67",
        "+31 6 1234 5678",
        "+31612345678",
        "+31 (0)6 1234 5678",
        "+31 (0)30 123 4567",
        "0031 30 123 4567",
        "bel dochter op 06-12345678 na vijven",
    ],
)
def test_dutch_phone_numbers_are_flagged(text: str) -> None:
    assert "phone" in personal_data_kinds(text)


@pytest.mark.parametrize(
    "text",
    ["06-1234567", "belt om 10.00 uur", "Join Us 12-25 jaar", "sinds 2020 - 2021", "score 9 van 11"],
)
def test_not_a_phone_number(text: str) -> None:
    assert "phone" not in personal_data_kinds(text)


# --- e-mail -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["jan@example.nl", "mail naar j.de.vries+buurt@mail.example.com graag", "INFO@NIZU.NL"],
)
def test_email_is_flagged(text: str) -> None:
    assert "email" in personal_data_kinds(text)


def test_at_sign_alone_is_not_an_email() -> None:
    assert "email" not in personal_data_kinds("komt @ 10 uur, of @home")


# --- address --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "3511 AB",
        "3511AB",
        "3511 AB 12",
        "woont op 3584 CS 101",
        "Oudegracht 12",
        "woont aan de Kerkstraat 5a",
        "Biltstraat 100",
        "Amsterdamsestraatweg 300",
        "Vleutenseweg 12",
    ],
)
def test_postcode_or_street_with_number_is_flagged(text: str) -> None:
    assert "address" in personal_data_kinds(text)


@pytest.mark.parametrize("text", ["woont in een flat met 12 verdiepingen", "1000 SS", "3511 SA", "bus 12"])
def test_not_an_address(text: str) -> None:
    assert "address" not in personal_data_kinds(text)


# --- dates of birth ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "12-03-1945",
        "12/3/1945",
        "12.03.1945",
        "1945-03-12",
        "12 maart 1945",
        "12 Maart 1945",
        "geboren 3 mrt. 1945",
        "geb. 1 januari 2001",
    ],
)
def test_dates_are_flagged(text: str) -> None:
    assert "date_of_birth" in personal_data_kinds(text)


@pytest.mark.parametrize("text", ["geboren in 1945", "sinds maart 2020", "op 12 maart", "in 2021 verhuisd"])
def test_year_or_day_alone_is_not_a_date_of_birth(text: str) -> None:
    assert "date_of_birth" not in personal_data_kinds(text)


# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "naam: Jansen",
        "naam Jansen",
        "Naam: JANSEN",
        "achternaam: Bakker",
        "voornaam Piet",
        "meneer Bakker",
        "Meneer Bakker voelt zich alleen",
        "mevrouw Jansen",
        "Mevrouw Jansen",
        "mevr. de Vries",
        "mw. Jansen",
        "dhr. Van der Berg",
        "de heer Jansen",
        "mevrouw van Dijk",
        "Mevrouw El Amrani",
        "meneer Özdemir",
        "mevrouw Çelik",
        "meneer Yıldız",
        "Mevrouw İnce",
        "heet Piet",
        "genaamd Fatima",
        "naam mevrouw Jansen",
        "mevrouw voelt zich alleen; buurman meneer Bakker helpt",
    ],
)
def test_names_after_a_title_are_flagged(text: str) -> None:
    assert "name" in personal_data_kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Meneer voelt zich alleen",
        "Mevrouw is weduwe",
        "mevrouw van de buren",
        "mevrouw (82) woont alleen",
        "meneer 82 jaar",
        "de naam van de wijk is onbekend",
    ],
)
def test_title_without_a_name_is_not_flagged(text: str) -> None:
    assert "name" not in personal_data_kinds(text)


# --- plain signal text ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "sinds 2020 en weduwe",
        "woont 3 jaar in Overvecht",
        "heeft 2 kinderen",
        "is 79 jaar en slecht ter been",
        "DJG-score 9 van 11, ernstig eenzaam",
        "belt elke dag om 10.00 uur met de dochter",
        "woont sinds 1998 in de wijk",
        "Mevrouw is weduwe sinds maart 2020",
        "17% in Overvecht is ernstig eenzaam",
        "komt 2x per week bij de buurvrouw",
        "Week tegen Eenzaamheid, 30 september",
        "partner overleden in 2019; zoon woont in het buitenland",
        "gaat naar Welzijn op Recept via de huisarts",
        "",
    ],
)
def test_plain_signal_text_is_not_flagged(text: str) -> None:
    assert personal_data_kinds(text) == []


def test_kinds_come_in_a_fixed_order() -> None:
    text = "Mevrouw Jansen, 12-03-1945, Kerkstraat 5, 06-12345678, a@b.nl, bsn 111222333"
    assert personal_data_kinds(text) == ["email", "phone", "bsn", "address", "date_of_birth", "name"]


@pytest.mark.parametrize("kind", ["email", "phone", "bsn", "address", "date_of_birth", "name"])
def test_every_kind_has_a_label_in_both_languages(kind: str) -> None:
    nl, en = kind_label(kind, "nl"), kind_label(kind, "en")
    assert nl and en and nl != en


# --- personal fields -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "naam",
        "Naam",
        "NAAM",
        "name",
        "voornaam",
        "achternaam",
        "telefoon",
        "telefoonnummer",
        "phone",
        "bsn",
        "BSN",
        "geboortedatum",
        "date_of_birth",
        "date of birth",
        "adres",
        "address",
        "postcode",
        "email",
        "e-mail",
        "E-mail",
        "iban",
    ],
)
def test_personal_field_names(name: str) -> None:
    assert is_personal_field(name)


@pytest.mark.parametrize("name", ["age", "wijk", "note", "household", "leeftijd", "audience", "namen_lijst"])
def test_signal_field_names_are_not_personal(name: str) -> None:
    assert not is_personal_field(name)


# --- a refused casus never echoes the value ----------------------------------------------


def _refusal(text: str, session: Session) -> ReferralError:
    with pytest.raises(ReferralError) as info:
        session.reader.read(parse_yaml(text, "casus.yaml"))
    return info.value


def _all_text(error: ReferralError) -> str:
    parts = [str(error)]
    for problem in error.problems:
        for lang in ("nl", "en"):
            parts.append(problem.format(lang))
            parts.append(repr(problem.to_json(lang)))
    return "\n".join(parts)


@pytest.mark.parametrize(("field", "column"), [("note", 7), ("title", 8)])
@pytest.mark.parametrize(
    ("note", "secret", "kind_nl"),
    [
        ("dochter belt terug op 06-12345678", "12345678", "telefoonnummer"),
        ("Mevrouw Jansen voelt zich alleen", "Jansen", "naam"),
        ("mail via zoon.bakker@example.nl", "bakker", "e-mailadres"),
        ("bsn 123456782 staat in het dossier", "123456782", "BSN"),
        ("woont op 3511 AB 12", "3511", "adres"),
        ("geboren 12 maart 1945", "1945", "(geboorte)datum"),
        ("meneer Özdemir woont alleen", "Özdemir", "naam"),
    ],
)
def test_note_with_personal_data_is_refused_without_echo(
    note: str, secret: str, kind_nl: str, field: str, column: int, session: Session
) -> None:
    """The note and the title (a label for the meeting) are guarded alike."""
    error = _refusal(f"age: 80\n{field}: '{note}'\n", session)
    (problem,) = error.problems
    assert problem.code == "casus.personal_text"
    assert (problem.line, problem.column) == (2, column)
    assert field in problem.message("nl")
    assert kind_nl in problem.message("nl")
    text = _all_text(error)
    assert secret.lower() not in text.lower()
    assert note not in text


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("naam", "Jan Jansen"),
        ("telefoon", "06-12345678"),
        ("bsn", "111222333"),
        ("geboortedatum", "12-03-1945"),
        ("adres", "Kerkstraat 5"),
        ("email", "jan@example.nl"),
    ],
)
def test_personal_field_is_refused_without_echo(field: str, value: str, session: Session) -> None:
    error = _refusal(f"age: 80\n{field}: '{value}'\n", session)
    (problem,) = error.problems
    assert problem.code == "casus.personal_field"
    assert (problem.line, problem.column) == (2, 1)
    assert field in problem.message("nl")
    assert value not in _all_text(error)


def test_personal_field_inside_a_group_is_refused(session: Session) -> None:
    error = _refusal("loneliness:\n  naam: Jansen\n", session)
    (problem,) = error.problems
    assert problem.code == "casus.personal_field"
    assert (problem.line, problem.column) == (2, 3)
    assert "Jansen" not in _all_text(error)


def test_personal_value_in_a_signal_field_is_not_echoed(session: Session) -> None:
    """A phone number typed into the wijk field is an unknown wijk, and is not printed back."""
    error = _refusal("wijk: '06-12345678'\n", session)
    assert [p.code for p in error.problems] == ["casus.unknown_value"]
    assert "12345678" not in _all_text(error)


def test_field_name_that_looks_personal_is_not_echoed(session: Session) -> None:
    error = _refusal("'06-12345678': ja\n", session)
    assert [p.code for p in error.problems] == ["casus.unknown_field"]
    assert "12345678" not in _all_text(error)


def test_note_without_personal_data_is_accepted_and_not_kept(session: Session, ruleset: Ruleset) -> None:
    casus = session.reader.read(parse_yaml("note: 'sinds 2020 weduwe, woont 3 jaar in Overvecht'\n", "c.yaml"))
    assert casus.has_note is True
    assert "weduwe" not in repr(casus.to_json(ruleset.vocabulary))
    assert "note" not in casus.signals


@pytest.mark.parametrize(
    "text",
    [
        "meneer van den Berg belt",
        "mevrouw van der Meer",
        "mevrouw ter Horst",
        "dhr. 't Hart",
        "mevrouw el Idrissi",
    ],
)
def test_names_after_particles(text: str) -> None:
    assert "name" in personal_data_kinds(text)


def test_lower_case_postcode_with_house_number_and_short_dates() -> None:
    assert "address" in personal_data_kinds("woont op 3512 ab 12")
    assert "date_of_birth" in personal_data_kinds("geboren 12/3/50")
    assert personal_data_kinds("sinds 2020 en 3 kinderen") == []


# --- what the note check used to miss (issue 14 item 6) -------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("mijn naam is Piet", "name"),
        ("Name is Fatima", "name"),
        ("mevr.Jansen belt morgen", "name"),
        ("06/12345678", "phone"),
        ("+32 470 12 34 56", "phone"),
        ("bel 0049 30 1234567", "phone"),
        ("06\u200b1234\u200b5678", "phone"),  # zero-width spaces between the digits
        ("geboren 12031945", "date_of_birth"),
        ("geboren in maart 1945", "date_of_birth"),
        ("jan [at] example [dot] nl", "email"),
        ("piet(at)voorbeeld(punt)nl", "email"),
        ("IBAN NL91ABNA0417164300", "iban"),
        ("NL91 ABNA 0417 1643 00", "iban"),
    ],
)
def test_the_note_check_finds_what_it_used_to_miss(text: str, kind: str) -> None:
    assert kind in personal_data_kinds(text)


def test_an_iban_is_named_as_an_iban_not_a_phone_number() -> None:
    assert personal_data_kinds("rekening NL91ABNA0417164300") == ["iban"]
    assert kind_label("iban", "nl") == "IBAN (rekeningnummer)"


@pytest.mark.parametrize(
    "text",
    ["sinds maart 2024 verhuisd", "naam is onbekend", "+ 2 punten", "weduwe sinds 2020", "3 kleinkinderen", "score 11"],
)
def test_signal_text_stays_allowed(text: str) -> None:
    assert personal_data_kinds(text) == []
