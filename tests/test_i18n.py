"""Every message exists in Dutch and English with the same placeholders, in the catalogue of its
prefix; plurals are chosen by count; an unknown code is an error under the test suite."""

from __future__ import annotations

import os
import string
import subprocess
import sys
from typing import Any

import pytest
from conftest import Run

from referral.core import i18n
from referral.core.i18n import CATALOGUES, UnknownMessage, all_codes, catalogue, translate

CODES = all_codes()


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(CODES))
def test_both_languages_present_with_same_placeholders(code: str) -> None:
    nl, en = CODES[code]
    assert nl.strip() and en.strip()
    fields_nl, fields_en = _fields(nl), _fields(en)
    # A message may use a language-specific variant of an argument (kind_nl / kind_en).
    assert {f.removesuffix("_nl") for f in fields_nl} == {f.removesuffix("_en") for f in fields_en}


def test_every_code_is_in_the_catalogue_of_its_prefix() -> None:
    seen: dict[str, str] = {}
    for name in ("base", *CATALOGUES):
        for code in catalogue(name):
            prefix = code.partition(".")[0]
            assert (prefix if prefix in CATALOGUES else "base") == name, (code, name)
            assert code not in seen, f"{code} in {name} and {seen[code]}"
            seen[code] = name
    assert len(seen) == len(CODES) > 300


def test_translate_fills_in_and_translates_nested_codes() -> None:
    english = translate("casus.expected_type", "en", field="age", expected="type.integer")
    assert english == "'age' must be a whole number"
    dutch = translate("casus.expected_type", "nl", field="age", expected="type.integer")
    assert dutch == "'age' moet een heel getal zijn"


def test_plurals_follow_the_count() -> None:
    assert translate("view.more", "nl", count=1).startswith("Nog 1 verwijzing ")
    assert translate("view.more", "nl", count=2).startswith("Nog 2 verwijzingen ")
    assert translate("view.more", "en", count=1) == "1 more referral not shown."
    assert translate("view.more", "en", count=0) == "0 more referrals not shown."


def test_an_unknown_code_is_an_error_in_the_tests_and_shown_as_is_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    assert os.environ.get("REFERRAL_STRICT_MESSAGES") == "1"  # set for every test (conftest)
    with pytest.raises(UnknownMessage):
        translate("no.such.code")
    monkeypatch.delenv("REFERRAL_STRICT_MESSAGES")
    assert translate("no.such.code") == "no.such.code"


def test_catalogues_load_only_when_a_code_is_used() -> None:
    script = (
        "import sys; import referral.core.i18n as i18n;"
        "before = [m for m in sys.modules if m.startswith('referral.core.catalog.')];"
        "i18n.translate('casus.expected_type', field='x', expected='type.integer');"
        "after = sorted(m for m in sys.modules if m.startswith('referral.core.catalog.'));"
        "print(before, after)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[] ['referral.core.catalog.base']"
    assert i18n.LANGUAGES == ("nl", "en")


def _commands() -> list[Any]:
    """Every command of the command line, the groups' own included."""
    import click

    from referral.cli import main

    context = click.Context(main)
    found: list[Any] = []

    def walk(command: Any) -> None:
        found.append(command)
        if isinstance(command, click.Group):
            for name in command.list_commands(context):
                walk(command.get_command(context, name))

    walk(main)
    return found


def test_every_help_text_of_the_command_line_has_its_english() -> None:
    """`--lang en --help` reads in English: a new option's Dutch help must get its English, and
    no English is kept for a text that is gone."""
    import inspect

    import click

    from referral.commands.help_en import ENGLISH

    texts = set()
    for command in _commands():
        if command.help:
            texts.add(inspect.cleandoc(command.help))
        texts.update(p.help for p in command.params if isinstance(p, click.Option) and p.help)
    texts -= {"Show the version and exit."}  # click's own, translated by click_lang
    assert sorted(texts - set(ENGLISH)) == []
    assert sorted(set(ENGLISH) - texts) == []


def test_help_follows_lang(run: Run) -> None:
    english = run("--lang", "en", "lint", "--help").output
    assert "Take this date as today (for tests and CI)." in english and "YYYY-MM-DD" in english
    assert "Rekenen met" not in english
    assert "Rekenen met deze datum als vandaag" in run("lint", "--help").output
    top = run("--lang", "en", "--help").output
    assert "Referral advice on loneliness" in top and "Ranked offers for a casus" in top
    assert "Gerangschikt aanbod" in run("--help").output  # and the commands themselves stay Dutch
