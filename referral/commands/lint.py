"""`referral lint`: what the content means, checked for every casus; findings with a fix."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from referral.app.support import Settings
from referral.core.problems import ExitCode, Problem, ReferralError


def parse_today(value: str | None) -> dt.date:
    """--today, or the real date; a bad date is a usage error (exit 2)."""
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ReferralError(
            Problem.make("lint.cli.bad_today", value=value[:20], hint="lint.cli.bad_today.hint")
        ) from None


F = TypeVar("F", bound=Callable[..., Any])


def _months(name: str, default: int, help_text: str) -> Callable[[F], F]:
    """An age limit in months (1 to 100 years) for one of lint's staleness checks."""
    option: Callable[[F], F] = click.option(
        name, type=click.IntRange(min=1, max=1200), default=default, show_default=True, help=help_text
    )
    return option


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_months("--max-age-months", 12, "Aanbod dat langer geleden is gecontroleerd ('reviewed') is verouderd.")
@_months("--max-source-age-months", 24, "Aanbod waarvan de nieuwste bron ouder is, is mogelijk achterhaald.")
@_months(
    "--max-capacity-age-months",
    3,
    "Een opgegeven capaciteit (vol, wachtlijst, plek vrij) die ouder is, is mogelijk achterhaald.",
)
@click.option("--today", metavar="JJJJ-MM-DD", help="Rekenen met deze datum als vandaag (voor tests en CI).")
@click.option("--strict", is_flag=True, help="Ook bij waarschuwingen exitcode 1.")
@click.option("--show-silenced", is_flag=True, help="Toon ook de onderdrukte bevindingen, met hun reden.")
@click.option(
    "--show",
    "show",
    type=click.Choice(["info"]),
    help="Toon ook elke info-bevinding (standaard: per soort met een aantal).",
)
@click.pass_obj
def lint(
    settings: Settings,
    /,
    fmt: str,
    max_age_months: int,
    max_source_age_months: int,
    max_capacity_age_months: int,
    today: str | None,
    strict: bool,
    show_silenced: bool,
    show: str | None,
) -> None:
    """Vind regels die nooit vuren of elkaar overlappen, onbereikbaar of verouderd aanbod, en meer.

    Exitcode 1 bij fouten (met --strict ook bij waarschuwingen). Een bevinding is te onderdrukken
    in de YAML van de regel of het aanbod: lint: {offer-stale: "reden"}.
    """
    from referral.analysis.lint import lint as run_lint
    from referral.content.loading import load_content, resolve_dirs
    from referral.core.gc_pause import paused_for_the_command

    with paused_for_the_command():  # see referral.core.gc_pause
        day = parse_today(today)
        loaded = load_content(resolve_dirs(settings.rules, settings.offers))
        if loaded.ruleset is None:
            raise ReferralError(list(loaded.problems))
        report = run_lint(
            loaded.ruleset,
            documents=loaded.documents,
            today=day,
            max_age_months=max_age_months,
            max_source_age_months=max_source_age_months,
            max_capacity_age_months=max_capacity_age_months,
        )
        from referral.app.support import print_output
        from referral.render.registry import render

        shown = {"ruleset": loaded.ruleset, "show_silenced": show_silenced, "show_info": show == "info"}
        print_output(render("lint", fmt, report, lang=settings.lang, **shown))
        sys.exit(ExitCode.PROBLEMS_FOUND if report.failed(strict) else ExitCode.OK)
