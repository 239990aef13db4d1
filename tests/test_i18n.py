"""Every message exists in Dutch and English with the same placeholders."""

from __future__ import annotations

import string

import pytest

from referral.core.i18n import MESSAGES, register_messages, translate


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_both_languages_present_with_same_placeholders(code: str) -> None:
    nl, en = MESSAGES[code]
    assert nl.strip() and en.strip()
    fields_nl, fields_en = _fields(nl), _fields(en)
    # A message may use a language-specific variant of an argument (kind_nl / kind_en).
    assert {f.removesuffix("_nl") for f in fields_nl} == {f.removesuffix("_en") for f in fields_en}


def test_translate_falls_back_and_translates_nested_codes() -> None:
    assert translate("no.such.code") == "no.such.code"
    english = translate("casus.expected_type", "en", field="age", expected="type.integer")
    assert english == "'age' must be a whole number"
    dutch = translate("casus.expected_type", "nl", field="age", expected="type.integer")
    assert dutch == "'age' moet een heel getal zijn"


def test_register_refuses_duplicates() -> None:
    with pytest.raises(ValueError, match=r"view\.title"):
        register_messages({"view.title": ("x", "y")})
