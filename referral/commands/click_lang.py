"""click's own texts (usage, help headings, its error messages) in the language of `--lang`.

click marks its texts for gettext (`_("Usage:")`); each of its modules binds `_` and `ngettext`
at import. `install("nl")` rebinds them to a small Dutch catalogue, so that `referral --help`
and a mistyped option read in Dutch like the rest of the tool; `install("en")` gives click's own
English back. Texts missing here stay English (a new click version may add some).
"""

from __future__ import annotations

import gettext
import sys
from collections.abc import Callable

DUTCH: dict[str, str] = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Positional arguments": "Argumenten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Typ '{command} {option}' voor hulp.",
    "No such option: {name}": "Onbekende optie: {name}",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "Missing command.": "Geen opdracht gegeven.",
    "Missing argument": "Argument ontbreekt",
    "Missing option": "Optie ontbreekt",
    "Missing parameter": "Parameter ontbreekt",
    "Missing parameter: {param_name}": "Parameter ontbreekt: {param_name}",
    "Missing {param_type}": "{param_type} ontbreekt",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "Argument {name!r} takes {nargs} values.": "Argument {name!r} neemt {nargs} waarden.",
    "Aborted!": "Afgebroken.",
    "default: {default}": "standaard: {default}",
    "env var: {var}": "omgevingsvariabele: {var}",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig {number_type}.",
    "{value} is not in the range {range}.": "{value} ligt niet in het bereik {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "integer": "geheel getal",
    "integer range": "bereik van gehele getallen",
    "(dynamic)": "(wisselend)",
    "deprecated": "verouderd",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
}
DUTCH_PLURAL: dict[str, tuple[str, str]] = {
    "Got unexpected extra argument ({args})": (
        "Onverwacht extra argument ({args})",
        "Onverwachte extra argumenten ({args})",
    ),
    "Option {name!r} requires an argument.": (
        "Optie {name!r} vraagt een waarde.",
        "Optie {name!r} vraagt {nargs} waarden.",
    ),
    "{value!r} is not {choice}.": ("{value!r} is niet {choice}.", "{value!r} is niet een van {choices}."),
    "Did you mean {possibility}?": ("Bedoelde u {possibility}?", "(Bedoelde u een van: {possibilities}?)"),
    "Takes {nargs} values but 1 was given.": (
        "Neemt {nargs} waarden, maar 1 is gegeven.",
        "Neemt {nargs} waarden, maar {len} zijn gegeven.",
    ),
}
_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.types",
    "click.termui",
    "click.utils",
)


def _dutch(message: str) -> str:
    return DUTCH.get(message, message)


def _dutch_plural(singular: str, plural: str, count: int) -> str:
    forms = DUTCH_PLURAL.get(singular)
    if forms is None:
        return singular if count == 1 else plural
    return forms[0] if count == 1 else forms[1]


INSTALLED = ["nl"]  # the language of the last install: --help is shown before --lang is parsed


def install(lang: str) -> None:
    """click's texts in `lang` (nl: the catalogue above; anything else: click's English)."""
    INSTALLED[0] = lang
    text: Callable[[str], str] = _dutch if lang == "nl" else gettext.gettext
    plural: Callable[[str, str, int], str] = _dutch_plural if lang == "nl" else gettext.ngettext
    for name in _MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = text  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = plural  # type: ignore[attr-defined]


def language_of(argv: list[str]) -> str:
    """The `--lang` of a command line (before click parses it), else REFERRAL_LANG, else nl."""
    import os

    from referral.commands.options import option_value

    found = option_value(argv, "--lang")
    return found if found is not None else os.environ.get("REFERRAL_LANG") or "nl"
