"""What every command shares: global settings, loading the ruleset, the console, failing cleanly."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, NoReturn

import click

from referral.problems import ExitCode, Problem

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

    from referral.model import Ruleset

FORMATS = ("rich", "json", "markdown")
INTERNAL_ERROR = 3


@dataclass(frozen=True)
class Settings:
    """Global options, parsed once and handed to every command."""

    rules: str | None
    offers: str | None
    lang: str
    debug: bool


def fail(problems: list[Problem], lang: str) -> NoReturn:
    """Every problem on stderr, one per line, then exit 2."""
    for problem in problems:
        click.echo(problem.format(lang), err=True)
    sys.exit(ExitCode.BAD_INPUT)


def load_settings_ruleset(settings: Settings) -> Ruleset:
    from referral.content import load_ruleset, resolve_dirs

    return load_ruleset(resolve_dirs(settings.rules, settings.offers))


def console(stream: IO[str] | None = None, **kwargs: Any) -> Console:
    from rich.console import Console

    return Console(file=stream, highlight=False, soft_wrap=False, **kwargs)
