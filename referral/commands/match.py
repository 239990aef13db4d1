"""`referral match`: the click declaration; the work is in `referral.app.matching` (and the meeting view)."""

from __future__ import annotations

from typing import Any

import click

from referral.app.support import FORMATS, Settings
from referral.commands.options import format_option, log_db_option
from referral.core.problems import Problem, ReferralError


@click.command()
@click.argument("casus", nargs=-1, metavar="[CASUS|-|MAP]...")
@format_option(FORMATS)
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True, help="Toon de eerste N (0: alle).")
@click.option("--explain", metavar="OFFER", help="Waarom staat dit aanbod waar het staat, of waarom niet?")
@click.option(
    "--content-at",
    metavar="GITREF",
    help="Gebruik de regels en het aanbod van deze git-versie (een oud advies reproduceren).",
)
@click.option("--audience", help="client, helper of professional (wie vraagt).")
@click.option("--age", help="Leeftijd in jaren.")  # text: the casus parser checks it, never echoing it
@click.option("--wijk", help="Wijk (aliassen als 'Vleuten' mogen).")
@click.option("--household", help="single, single_parent, couple, family, shared, institution (of Nederlands).")
@click.option("--migration", "migration_background", help="Migratieachtergrond.")
@click.option("--language", "languages", multiple=True, help="Taal (ISO 639-1); herhaalbaar.")
@click.option("--social/--no-social", default=None, help="Sociaal eenzaam (of niet).")
@click.option("--emotional/--no-emotional", default=None, help="Emotioneel eenzaam (of niet).")
@click.option("--severity", help="none, moderate, severe, very_severe (of matig, ernstig, ...).")
@click.option("--event", "life_events", multiple=True, help="Levensgebeurtenis; herhaalbaar.")
@click.option("--mobility", help="ok, limited, housebound.")
@click.option("--prefer", "preferences", multiple=True, help="Voorkeur; herhaalbaar.")
@click.option(
    "--involved", "involved", multiple=True, help="Al betrokken: huisarts, buurtteam, thuiszorg; herhaalbaar."
)
@click.option(
    "--signal",
    "signals",
    multiple=True,
    metavar="NAAM=WAARDE",
    help="Elk signaal van de woordenlijst, ook een nieuw: --signal involved=huisarts (lijsten: a,b); herhaalbaar.",
)
@click.option("--title", help="Een titel voor het overleg (geen namen of persoonsgegevens).")
@click.option(
    "--now",
    "now_text",
    metavar="ISO",
    help="Klok voor 'nu bereikbaar', bijv. 2026-04-27T10:00 (standaard: nu; JSON en Markdown alleen met --now).",
)
@click.option(
    "--export",
    nargs=2,
    type=(click.Choice(("html", "svg", "md")), click.Path(dir_okay=False)),
    default=None,
    metavar="html|svg|md PATH",
    help="Schrijf het advies (of het overleg) ook naar een bestand om te delen.",
)
@click.option("--force", is_flag=True, help="Overschrijf een bestaand exportbestand.")
@click.option(
    "--log",
    "log",
    is_flag=True,
    help="Leg de getoonde verwijzingen vast in het verwijslog (alleen signalen) en geef een kenmerk.",
)
@log_db_option
@click.pass_obj
def match(
    settings: Settings,
    /,
    casus: tuple[str, ...],
    fmt: str,
    top: int,
    explain: str | None,
    content_at: str | None,
    now_text: str | None,
    export: tuple[str, str] | None,
    force: bool,
    log: bool,
    db: str | None,
    **flags: Any,
) -> None:
    """Gerangschikt aanbod voor een casus (bestand, '-' voor stdin, of opties).

    Meerdere casusbestanden of een map (de agenda van een overleg) geven per casus de top 3 en het
    aanbod dat terugkomt.
    """
    from referral.app.matching import MatchRequest, advice_day, flags_to_casus, run_match, session_for
    from referral.app.support import is_agenda

    if is_agenda(casus):
        from referral.core.schedule import parse_now_option

        now = parse_now_option(now_text)  # a bad --now is an error here too
        import referral.app.meeting  # noqa: F401 - registers the meeting's messages used below

        if explain:
            raise ReferralError(Problem.make("meeting.explain"))
        if log:
            raise ReferralError(Problem.make("log.agenda"))
        if flags_to_casus(flags):
            raise ReferralError(Problem.make("cli.casus_and_flags"))
        from referral.app.meeting import run_meeting

        source = click.get_current_context().get_parameter_source("top")
        run_meeting(
            session_for(settings, content_at),
            casus,
            lang=settings.lang,
            fmt=fmt,
            top=3 if source is click.core.ParameterSource.DEFAULT else top,
            day=advice_day(now),
            export=export,
            force=force,
        )
        return
    request = MatchRequest(
        casus_path=casus[0] if casus else None,
        format=fmt,
        top=top,
        explain=explain,
        flags=flags,
        content_at=content_at,
        now_text=now_text,
        export=export,
        force=force,
        log=log,
        db=db,
    )
    run_match(settings, request)
