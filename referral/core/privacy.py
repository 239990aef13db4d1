"""The privacy guard: a casus holds signals, never identities (AVG).

Fields that name a person are refused outright; free text is scanned for the kinds of
personal data phone staff are most likely to paste (BSN, phone numbers, e-mail, postcode
and house number, dates of birth, names after 'naam', 'meneer', 'mevrouw'). A finding names
the field and the kind of data, never the value.
"""

from __future__ import annotations

import re

from referral.core.vocabulary import fold

# Field names (folded) that can only hold personal data.
PERSONAL_FIELDS = frozenset(
    fold(name)
    for name in (
        "naam",
        "name",
        "voornaam",
        "achternaam",
        "familienaam",
        "first_name",
        "last_name",
        "full_name",
        "adres",
        "address",
        "straat",
        "street",
        "huisnummer",
        "postcode",
        "zipcode",
        "zip",
        "woonplaats",
        "telefoon",
        "telefoonnummer",
        "tel",
        "phone",
        "mobiel",
        "mobile",
        "gsm",
        "email",
        "e-mail",
        "mail",
        "emailadres",
        "bsn",
        "burgerservicenummer",
        "sofinummer",
        "iban",
        "rekeningnummer",
        "geboortedatum",
        "geboortedag",
        "date_of_birth",
        "birth_date",
        "birthdate",
        "birthday",
        "dob",
        "initialen",
        "initials",
        "client_id",
        "clientnummer",
        "dossiernummer",
    )
)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# Written out to dodge a filter: 'jan [at] example [dot] nl', 'jan(at)example(punt)nl'.
_EMAIL_AT = re.compile(r"\s*[\[(]\s*(?:at|apenstaartje)\s*[\])]\s*", re.IGNORECASE)
_EMAIL_DOT = re.compile(r"\s*[\[(]\s*(?:dot|punt)\s*[\])]\s*", re.IGNORECASE)
# Separators between digits as people type them: space, dot, hyphen, slash ('06/12345678').
_PHONE = re.compile(r"(?<![\d])(?:\+31|0031|0)[\s./-]?(?:\(0\)[\s./-]?)?[1-9](?:[\s./-]?\d){8}(?![\d])")
# A foreign number: '+32 470 12 34 56', '0049 30 1234567' (a country code, then 6 to 12 digits).
_PHONE_ABROAD = re.compile(r"(?<![\w+])(?:\+|00)(?!31)[1-9]\d{0,2}(?:[\s./-]?\d){6,12}(?![\d])")
# An IBAN: 'NL91 ABNA 0417 1643 00' (two letters, two check digits, then 11 to 30 letters and digits).
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z]{4})(?:\s?\d){7,26}\b", re.IGNORECASE)
# Characters that hide digits from a search: zero-width spaces and joiners, a soft hyphen.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_BSN_CANDIDATE = re.compile(r"(?<![\d])\d(?:[\s.-]?\d){8}(?![\d])")
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b")
# Lower-case postcodes only with a house number, so that '2020 en 3' stays signal text.
# Two-letter Dutch words after a year ('sinds 2020 en 3 kinderen') are not postcode letters.
_NOT_POSTCODE_LETTERS = "sa|sd|ss|en|of|op|in|is|te|na|om|al|ze|we|je|de|ik|er|nu|zo|uw|jr|km|kg|cm|mg|ca"
_POSTCODE_HOUSE = re.compile(
    rf"\b[1-9]\d{{3}}\s?(?!(?:{_NOT_POSTCODE_LETTERS})\b)[a-z]{{2}}\s+\d{{1,5}}\b", re.IGNORECASE
)
_STREET = re.compile(
    r"\b[A-Z][\w'-]*(?:straat|laan|weg|plein|kade|singel|gracht|dijk|hof|dreef|park|steeg|baan|pad)\s+\d+",
)
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:(?:19|20)\d{{2}}|\d{{2}})|(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+(?:{_MONTHS})\.?\s+(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
# A date of birth as one number ('12031945': day, month, year) or a month and a year of the last
# century ('maart 1945'); 'sinds maart 2024' stays signal text.
_DATE_DIGITS = re.compile(r"(?<!\d)(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)\d{2}(?!\d)")
_MONTH_YEAR = re.compile(rf"\b(?:{_MONTHS})\.?\s+19\d{{2}}\b", re.IGNORECASE)
_NAME = re.compile(
    r"\b(?i:naam|voornaam|achternaam|roepnaam|familienaam|heet|genaamd|meneer|mevrouw|mevr|mw|dhr|de heer"
    # 'mijn naam is Piet', 'name is', and 'mevr.Jansen' without a space after the dot
    r"|mr|mrs|ms|name|called)\b(?:[.:]\s*|\s+)(?:(?i:is|was)\s+)?"
    # Dutch and Arabic name particles stand before the capitalised part: 'van den Berg', 'ter Horst',
    # "'t Hart", 'el Idrissi'. Each is a whole word followed by white space.
    r"(?:(?:van|von|de|der|den|ter|ten|te|het|'t|in\s+'t|op\s+de|el|al|la|le|da|di|du|bin|ben)\s+)*"
    r"(?P<word>[^\W\d_][\w'-]*)",
)
# Phone numbers as typed: '(030) 123 4567', '030 - 123 45 67'; searched after this clean-up too.
_PHONE_PUNCTUATION = re.compile(r"[()]|\s*-\s*")

KINDS_NL = {
    "email": "e-mailadres",
    "iban": "IBAN (rekeningnummer)",
    "phone": "telefoonnummer",
    "bsn": "BSN",
    "address": "adres of postcode met huisnummer",
    "date_of_birth": "(geboorte)datum",
    "name": "naam",
}
KINDS_EN = {
    "email": "e-mail address",
    "iban": "IBAN (bank account number)",
    "phone": "phone number",
    "bsn": "BSN (citizen service number)",
    "address": "address or postcode with house number",
    "date_of_birth": "(birth) date",
    "name": "name",
}


def is_personal_field(name: str) -> bool:
    return fold(name) in PERSONAL_FIELDS or fold(name).replace(" ", "_") in PERSONAL_FIELDS


def elf_proef(digits: str) -> bool:
    """The BSN 11-test: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11 (and not zero)."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0 and int(digits) != 0


def personal_data_kinds(text: str) -> list[str]:
    """The kinds of personal data found in `text` (empty when none), in a fixed order."""
    found: list[str] = []
    text = _INVISIBLE.sub("", text).replace("\u00a0", " ")
    if _EMAIL.search(text) or _EMAIL.search(_EMAIL_DOT.sub(".", _EMAIL_AT.sub("@", text))):
        found.append("email")
    if _IBAN.search(text):
        found.append("iban")
        text = _IBAN.sub(" ", text)  # its digits are not a phone number as well
    cleaned = _PHONE_PUNCTUATION.sub(_phone_punctuation, text)
    if _PHONE.search(text) or _PHONE.search(cleaned) or _PHONE_ABROAD.search(text) or _PHONE_ABROAD.search(cleaned):
        found.append("phone")
    for match in _BSN_CANDIDATE.finditer(text):
        if elf_proef(re.sub(r"\D", "", match.group())):
            found.append("bsn")
            break
    if _POSTCODE.search(text) or _POSTCODE_HOUSE.search(text) or _STREET.search(text):
        found.append("address")
    if _DATE.search(text) or _DATE_DIGITS.search(text) or _MONTH_YEAR.search(text):
        found.append("date_of_birth")
    if _has_name(text):
        found.append("name")
    return found


# A day of these years in a file name is a meeting's date ('overleg-2026-12-03', 'overleg
# 03-12-2026', '3 december 2026'), not a birth date.
_MEETING_DAY = re.compile(
    rf"(?<!\d)(?:20[2-3]\d-[01]\d-[0-3]\d|\d{{1,2}}[-/.]\d{{1,2}}[-/.]20[2-3]\d|\d{{1,2}}[\s._-]+(?:{_MONTHS})\.?[\s._-]+20[2-3]\d)(?!\d)",
    re.IGNORECASE,
)
# In a file name a name is often written in lower case: 'mevrouw-jansen.yaml', 'mw_de_vries'.
_TITLED_NAME = re.compile(
    r"(?<![a-z])(?:mevrouw|mevr|mw|meneer|mnr|dhr|de[\s._-]+heer|fam|familie|mr|mrs)\.?[\s._-]+[a-z]", re.IGNORECASE
)


def file_name_kinds(path: str) -> list[str]:
    """Personal data in a file or folder name that would be shown (a meeting's casus files).

    Stricter than for text in one way (a title before a lower-case word is a name) and milder in
    another (a date of this decade is the meeting's date), as file names are written."""
    import os

    stem = os.path.splitext(path)[0]  # 'dhr.yaml' is no 'dhr. Y...'
    kinds = personal_data_kinds(_MEETING_DAY.sub(" ", stem))
    if "name" not in kinds and _TITLED_NAME.search(stem):
        kinds.append("name")
    return kinds


def _has_name(text: str) -> bool:
    """A capitalised word after naam/meneer/mevrouw/...; the capital may be accented (Özdemir, Çelik, İnce)."""
    start = 0
    while (match := _NAME.search(text, start)) is not None:
        if match.group("word")[0].isupper():
            return True
        start = match.start() + 1
    return False


def _phone_punctuation(match: re.Match[str]) -> str:
    return "-" if "-" in match.group() else ""


def kind_label(kind: str, lang: str) -> str:
    return (KINDS_EN if lang == "en" else KINDS_NL).get(kind, kind)
