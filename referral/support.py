"""What every command shares: global settings, loading the ruleset, the console, failing cleanly."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, NoReturn

import click

from referral.problems import ExitCode, Problem

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

    from referral.model import Ruleset

FORMATS = ("rich", "json", "markdown")


@dataclass(frozen=True)
class Settings:
    """Global options, parsed once and handed to every command."""

    rules: str | None
    offers: str | None
    lang: str
    debug: bool


def is_agenda(paths: Sequence[str]) -> bool:
    """More than one casus, or a folder: the meeting view. One file keeps the single view.

    Here rather than in referral.meeting, so that a single `match` does not import the meeting code.
    """
    import os

    return len(paths) > 1 or (len(paths) == 1 and paths[0] != "-" and os.path.isdir(paths[0]))


def shown_id(text: str) -> str:
    """An id the user typed, shown back only when it looks like an id ('mevrouw Jansen' does not)."""
    import re

    return text if re.fullmatch(r"[a-z0-9][a-z0-9_.-]{0,60}", text) else "…"


def fail(problems: list[Problem], lang: str) -> NoReturn:
    """Every problem on stderr, one per line, then exit 2."""
    for problem in problems:
        click.echo(problem.format(lang), err=True)
    sys.exit(ExitCode.BAD_INPUT)


def write_debug_report(error: BaseException, command: str | None) -> str | None:
    """Write where an internal error happened to a private temp file; return its path.

    Only the exception type and the stack (files, lines, functions) are written: never the
    message or the arguments, which may hold what the user typed.
    """
    import platform
    import tempfile
    import traceback

    from referral import __version__

    frames = traceback.extract_tb(error.__traceback__)
    lines = [
        f"referral {__version__}, Python {platform.python_version()}, {platform.platform()}",
        f"command: {command or '?'}",
        f"error: {type(error).__module__}.{type(error).__qualname__}",
        "stack:",
        *(f"  {frame.filename}:{frame.lineno} in {frame.name}" for frame in frames),
    ]
    try:
        handle, path = tempfile.mkstemp(prefix="referral-debug-", suffix=".txt")
        with open(handle, "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
    except OSError:
        return None
    return path


def load_settings_ruleset(settings: Settings) -> Ruleset:
    """The content named by the settings; through the compiled-content cache (`referral.cache`)."""
    from referral.cache import load_ruleset
    from referral.content import resolve_dirs

    return load_ruleset(resolve_dirs(settings.rules, settings.offers))


def console(stream: IO[str] | None = None, **kwargs: Any) -> Console:
    from rich.console import Console

    # No emoji codes: ':' in a reason is text, and the emoji table costs start-up time.
    return Console(file=stream, highlight=False, soft_wrap=False, emoji=False, **kwargs)
