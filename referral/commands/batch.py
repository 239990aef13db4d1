"""`referral batch FILE|-`: many casussen (JSONL or CSV) to JSONL, one output line per input line."""

from __future__ import annotations

import sys

import click

from referral.app.support import Settings
from referral.core.problems import ExitCode


@click.command()
@click.argument("source", metavar="FILE|-")
@click.option(
    "--input",
    "input_format",
    type=click.Choice(["auto", "jsonl", "csv"]),
    default="auto",
    show_default=True,
    help="Invoerformaat; auto: .csv is CSV, .jsonl/.ndjson/.json is JSONL, anders naar de eerste regel.",
)
@click.option(
    "--top",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="Per casus de eerste N verwijzingen, als bij match (0: alle).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Aantal processen; de uitvoer is gelijk bij elk aantal.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Voortgangsbalk op stderr (standaard: alleen als stderr een terminal is).",
)
@click.option(
    "--delimiter",
    type=click.Choice(["auto", ",", ";", "tab"]),
    default="auto",
    show_default=True,
    help="CSV: scheidingsteken tussen cellen (auto: uit de kopregel; ';' zoals Excel in het Nederlands).",
)
@click.option("--now", "now_text", metavar="ISO", help="De dag van het advies, bijv. 2026-04-27 (standaard: vandaag).")
@click.pass_obj
def batch(
    settings: Settings,
    /,
    source: str,
    input_format: str,
    top: int,
    workers: int,
    progress: bool | None,
    delimiter: str,
    now_text: str | None,
) -> None:
    """Veel casussen (JSONL of CSV) naar JSONL: per invoerregel één uitvoerregel, in volgorde.

    Elke regel is het object van `match --format json` voor die casus, op één regel. Een regel
    die niet te lezen is geeft {"line": N, "problems": [...]} en de batch gaat door (exit 1 aan
    het eind); een lege regel geeft {"line": N, "skipped": "blank"}. CSV: een kopregel met
    casusvelden (loneliness.social voor een groep), lijsten gescheiden door ';'.
    """
    from referral.app.batch import BatchOptions, run_batch
    from referral.app.matching import advice_day
    from referral.core.i18n import translate
    from referral.core.schedule import parse_now_option

    options = BatchOptions(
        source=source,
        input_format=input_format,
        lang=settings.lang,
        top=top,
        workers=workers,
        progress=sys.stderr.isatty() if progress is None else progress,
        day=advice_day(parse_now_option(now_text)).toordinal(),
        rules=settings.rules,
        offers=settings.offers,
        delimiter=delimiter,
    )
    from referral.app.batch import WorkerLost

    out = sys.stdout.buffer
    try:
        report = run_batch(options, out)
    except WorkerLost as lost:
        out.flush()
        for problem in lost.problems:
            click.echo(problem.format(settings.lang), err=True)
        sys.exit(ExitCode.PROBLEMS_FOUND)
    out.flush()
    if report.failed:
        click.echo(translate("batch.summary", settings.lang, failed=report.failed, total=report.total), err=True)
        sys.exit(ExitCode.PROBLEMS_FOUND)
