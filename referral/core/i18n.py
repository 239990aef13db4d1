"""User-facing text in Dutch (default) and English.

Every string a user reads lives under a stable code in a catalogue (`referral.core.catalog`):
one module per code prefix (`lint.*` in catalog/lint.py, ...) and `base` for the rest. A
catalogue is imported when one of its codes is first translated, never as a side effect of
importing the code that uses it, so a cold start loads only what it shows.

Plurals are written in the template: "{count} {count:verwijzing|verwijzingen}" takes the first
form when count is 1, the second otherwise. An unknown code is shown as itself; with
REFERRAL_STRICT_MESSAGES=1 (the test suite sets it) it is an error, so no code can go missing.
"""

from __future__ import annotations

import importlib
import os
import re
from typing import Any

LANGUAGES = ("nl", "en")

# Prefixes with a catalogue of their own; every other code is in catalog/base.py.
CATALOGUES = (
    "batch",
    "diff",
    "gaps",
    "golden",
    "hsds",
    "intake",
    "lint",
    "log",
    "meeting",
    "schedule",
    "schema",
    "stale",
    "test",
    "write",
)

_LOADED: dict[str, dict[str, tuple[str, str]]] = {}


class UnknownMessage(KeyError):
    """A code no catalogue defines (raised only with REFERRAL_STRICT_MESSAGES=1)."""


def catalogue(name: str) -> dict[str, tuple[str, str]]:
    """The messages of one catalogue, imported on first use."""
    found = _LOADED.get(name)
    if found is None:
        module = importlib.import_module(f"referral.core.catalog.{name}")
        found = _LOADED[name] = module.MESSAGES
    return found


def lookup(code: str) -> tuple[str, str] | None:
    """(Dutch, English) of a code, or None."""
    prefix = code.partition(".")[0]
    return catalogue(prefix if prefix in CATALOGUES else "base").get(code)


def is_message(code: str) -> bool:
    return "." in code and " " not in code and lookup(code) is not None


def translate(code: str, lang: str = "nl", **args: Any) -> str:
    """The text for `code` in `lang`, with `args` filled in; an unknown code is shown as-is."""
    pair = lookup(code)
    if pair is None:
        if os.environ.get("REFERRAL_STRICT_MESSAGES"):
            raise UnknownMessage(code)
        return code
    template = pair[1] if lang == "en" else pair[0]
    # An argument that is itself a message code (e.g. 'type.integer') is translated too.
    args = {k: translate(v, lang) if isinstance(v, str) and is_message(v) else v for k, v in args.items()}
    if "{" in template and "|" in template:
        template = _PLURAL.sub(lambda m: _plural(m, args), template)
    try:
        return template.format(**args)
    except (KeyError, IndexError):
        return template


def has_message(code: str) -> bool:
    """Whether a code is defined (for callers that fall back to something else)."""
    return lookup(code) is not None


def all_codes() -> dict[str, tuple[str, str]]:
    """Every code of every catalogue (for the tests that check both languages)."""
    found: dict[str, tuple[str, str]] = {}
    for name in ("base", *CATALOGUES):
        found.update(catalogue(name))
    return found


# "{count:verwijzing|verwijzingen}": the first form when count is 1, else the second.
_PLURAL = re.compile(r"\{(\w+):([^{}|]*)\|([^{}|]*)\}")


def _plural(found: re.Match[str], args: dict[str, Any]) -> str:
    value = args.get(found.group(1))
    text = found.group(2) if value == 1 else found.group(3)
    return text.replace("{", "{{").replace("}", "}}")
