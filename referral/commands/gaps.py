"""`referral gaps`: who does what, and where the aanbod has gaps (the network coordinator's map)."""

from __future__ import annotations

import sys

import click

from referral.app.support import Settings
from referral.commands.options import format_option
from referral.core.problems import ExitCode


@click.command()
@format_option(("rich", "json", "csv", "markdown"))
@click.option("--wijk", "wijken", multiple=True, help="Alleen deze wijk(en); herhaalbaar (standaard: alle).")
@click.option("--now", "now_text", metavar="ISO", help="De dag van de kaart, bijv. 2026-09-20 (standaard: vandaag).")
@click.option(
    "--export",
    "export_to",
    nargs=2,
    type=(click.Choice(["html", "md"]), click.Path(dir_okay=False)),
    default=None,
    metavar="html|md PAD",
    help="Schrijf de kaart ook als HTML (voor het netwerkoverleg, op de beamer) of Markdown.",
)
@click.option("--force", is_flag=True, help="Overschrijf een bestaand exportbestand.")
@click.option(
    "--max-gaps",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="Exitcode 1 bij meer dan N gaten (voor CI; 0: geen enkel gat).",
)
@click.pass_obj
def gaps(
    settings: Settings,
    /,
    fmt: str,
    wijken: tuple[str, ...],
    now_text: str | None,
    export_to: tuple[str, str] | None,
    force: bool,
    max_gaps: int | None,
) -> None:
    """Wie doet wat, en waar zijn gaten: per wijk, groep en behoefte, met passende soort hulp.

    Per cel gaat een voorbeeldcasus door hetzelfde advies als `referral match`; de behoeften en
    groepen staan onder 'gaps' in vocabulary.yaml.
    """
    from referral.analysis.gaps import need_map_ordered
    from referral.app.exports import check_export_target, write_export
    from referral.app.matching import advice_day, session_for
    from referral.app.support import print_output
    from referral.core.gc_pause import paused_for_the_command
    from referral.core.problems import Problem, ReferralError
    from referral.core.schedule import parse_now_option
    from referral.render.registry import render

    with paused_for_the_command():  # see referral.core.gc_pause
        check_export_target(export_to, force)
        session = session_for(settings)
        day = advice_day(parse_now_option(now_text))
        chosen = None
        if wijken:
            signal = session.ruleset.vocabulary.signals["wijk"]
            from referral.core.vocabulary import lookup

            chosen = []
            for text in wijken:
                found = lookup(signal, text)
                if found.value is None:
                    raise ReferralError(
                        Problem.make(
                            "casus.unknown_value",
                            field="--wijk",
                            suggestion=found.suggestion,
                            choices=signal.value_ids(),
                        )
                    )
                chosen.append(found.value)
        session.warm("fields", "program")  # both built on a first run: one cache write
        reader, program, ordinal = session.reader, session.program, day.toordinal()
        # The ranks of `session.match` without its result per cell (tests/test_gaps.py compares).
        result = need_map_ordered(
            session.ruleset,
            lambda data: program.person_order(program.decide(reader.read_mapping(data, "<gaps>").signals, ordinal)),
            day,
            chosen,
        )
        lang = settings.lang
        print_output(render("gaps", fmt, result, lang=lang))
        if export_to is not None:
            write_export(export_to, force, lambda kind: render("gaps", kind, result, lang=lang), lang)
        if max_gaps is not None and len(result.gaps()) > max_gaps:
            sys.exit(ExitCode.PROBLEMS_FOUND)
