"""Click options that several commands share, written once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

DB_HELP = "Het logbestand (standaard: REFERRAL_DB, anders $XDG_DATA_HOME/referral/log.sqlite)."
DB_HELP_WITH_LOG = "Het logbestand bij --log (standaard: REFERRAL_DB, anders $XDG_DATA_HOME/referral/log.sqlite)."


def db_option_with(help_text: str) -> Callable[[F], F]:
    """--db FILE (or REFERRAL_DB): a team's shared referral log instead of one's own."""

    def decorate(function: F) -> F:
        return click.option("--db", "db", type=click.Path(dir_okay=False), default=None, help=help_text)(function)

    return decorate


db_option = db_option_with(DB_HELP)  # the log's own subcommands
log_db_option = db_option_with(DB_HELP_WITH_LOG)  # match and intake, beside --log


def _markdown(ctx: click.Context, param: click.Parameter, value: str) -> str:
    return "markdown" if value == "md" else value


def format_option(choices: tuple[str, ...]) -> Callable[[F], F]:
    """--format, where `md` is accepted for `markdown` (as `--export md` writes Markdown)."""

    def decorate(function: F) -> F:
        shown = (*choices, "md") if "markdown" in choices else choices
        return click.option(
            "--format", "fmt", type=click.Choice(shown), default=choices[0], show_default=True, callback=_markdown
        )(function)

    return decorate


def option_value(args: Sequence[str], name: str) -> str | None:
    """The value of `--name VALUE` or `--name=VALUE` in a command line not yet parsed."""
    for index, token in enumerate(args):
        if token == "--":
            break
        if token == name and index + 1 < len(args):
            return args[index + 1]
        if token.startswith(name + "="):
            return token.partition("=")[2]
    return None
