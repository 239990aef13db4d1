"""`referral log ...`: the click declarations of the referral log; the work is in `referral.app.referral_log`."""

from __future__ import annotations

import click

from referral.app.support import Settings
from referral.commands.options import db_option


@click.group()
def log() -> None:
    """Het verwijslog: wat er van een verwijzing werd (alleen signalen, geen persoonsgegevens)."""


@log.command()
@click.argument("ref")
@click.option(
    "--status", required=True, help="aangemeld, intake-gepland, gestart, wachtlijst, afgewezen, gestopt, afgesloten."
)
@click.option("--reason", default=None, help="Bij afgewezen: vol, past-niet, geen-reactie, wil-niet.")
@click.option("--offer", default=None, metavar="ID|PLAATS", help="Welk getoond aanbod (nodig als er meer dan één was).")
@click.option("--date", "day", default=None, metavar="JJJJ-MM-DD", help="Wanneer het gebeurde (standaard: vandaag).")
@db_option
@click.pass_obj
def update(
    settings: Settings, /, ref: str, status: str, reason: str | None, offer: str | None, day: str | None, db: str | None
) -> None:
    """Leg een uitkomst vast (een nieuwe gebeurtenis; de geschiedenis blijft staan)."""
    from referral.app.log_commands import update_ref

    update_ref(settings, db, ref, status=status, reason=reason, offer=offer, day=day)


@log.command()
@click.argument("ref")
@db_option
@click.pass_obj
def show(settings: Settings, /, ref: str, db: str | None) -> None:
    """Toon een verwijzing en haar geschiedenis."""
    from referral.app.log_commands import show_ref

    show_ref(settings, db, ref)


@log.command()
@click.argument("ref")
@db_option
@click.pass_obj
def forget(settings: Settings, /, ref: str, db: str | None) -> None:
    """Verwijder een verwijzing met haar hele geschiedenis."""
    from referral.app.log_commands import forget_ref

    forget_ref(settings, db, ref)


@log.command()
@click.option("--older-than", "days", type=click.IntRange(min=1), required=True, metavar="DAGEN")
@db_option
@click.pass_obj
def purge(settings: Settings, /, days: int, db: str | None) -> None:
    """Verwijder verwijzingen zonder activiteit in de laatste DAGEN dagen."""
    from referral.app.log_commands import purge_log

    purge_log(settings, db, days)


@log.command()
@click.option("--format", "fmt", type=click.Choice(("csv", "json")), default="csv", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False), default=None, help="Schrijf naar een bestand.")
@click.option("--force", is_flag=True, help="Overschrijf een bestaand bestand.")
@db_option
@click.pass_obj
def export(settings: Settings, /, fmt: str, output: str | None, force: bool, db: str | None) -> None:
    """Het hele log als CSV (een regel per getoond aanbod) of JSON (met de geschiedenis)."""
    from referral.app.log_commands import export_log

    export_log(settings, db, fmt, output, force)


@log.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overschrijf een bestaand bestand.")
@db_option
@click.pass_obj
def backup(settings: Settings, /, file: str, force: bool, db: str | None) -> None:
    """Een consistente kopie van het log (ook terwijl anderen schrijven)."""
    from referral.app.log_commands import backup_log

    backup_log(settings, db, file, force)


@log.command()
@click.option("--from", "start", default=None, metavar="JJJJ-MM-DD", help="Verwijzingen vanaf deze dag.")
@click.option("--to", "end", default=None, metavar="JJJJ-MM-DD", help="Verwijzingen tot en met deze dag.")
@click.option(
    "--min-cell",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    envvar="REFERRAL_LOG_MIN_CELL",
    help="Rijen met minder verwijzingen worden niet getoond (of REFERRAL_LOG_MIN_CELL).",
)
@click.option("--weeks", type=click.IntRange(min=1), default=4, show_default=True, help="Nabellen na zoveel weken.")
@click.option(
    "--export",
    "export",
    nargs=2,
    type=(click.Choice(("html",)), click.Path(dir_okay=False)),
    default=None,
    metavar="html PATH",
    help="Schrijf het rapport ook als HTML met grafieken (voor het netwerkoverleg).",
)
@click.option("--force", is_flag=True, help="Overschrijf een bestaand exportbestand.")
@db_option
@click.pass_obj
def report(
    settings: Settings,
    /,
    start: str | None,
    end: str | None,
    min_cell: int,
    weeks: int,
    export: tuple[str, str] | None,
    force: bool,
    db: str | None,
) -> None:
    """Cijfers voor het netwerk: per aanbod, organisatie, wijk en soort hulp; en wie na te bellen."""
    from referral.app.log_commands import report_log

    report_log(settings, db, start=start, end=end, min_cell=min_cell, weeks=weeks, export=export, force=force)
