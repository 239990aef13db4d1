"""`referral offers`: the sociale kaart, searched and filtered."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from referral.app.support import FORMATS, Settings, load_settings_ruleset, print_output
from referral.commands.options import format_option
from referral.core.i18n import translate
from referral.core.problems import Problem, ReferralError

if TYPE_CHECKING:  # pragma: no cover
    from referral.core.model import Offer, Ruleset


@click.command()
@click.argument("query", required=False)
@click.option("--wijk", help="Alleen aanbod dat in deze wijk beschikbaar is (stedelijk en wijkgericht).")
@click.option(
    "--audience", type=click.Choice(["client", "helper", "volunteer"]), help="Alleen aanbod voor deze doelgroep."
)
@click.option("--kind", "kinds", multiple=True, help="Alleen deze soort hulp (bond, meeting, grief, ...); herhaalbaar.")
@click.option("--tag", "tags", multiple=True, help="Alleen aanbod met dit zoekwoord; herhaalbaar.")
@click.option(
    "--all", "archive", is_flag=True, help="Ook aanbod dat voorbij is (archief: afgelopen lezingen, projecten)."
)
@format_option(FORMATS)
@click.option(
    "--export",
    "export",
    type=(click.Choice(["hsds"]), click.Path(file_okay=False)),
    metavar="hsds MAP",
    help="Schrijf het gevonden aanbod als Open Referral HSDS 3.0 JSON naar MAP (services/, organizations/).",
)
@click.option(
    "--import-hsds",
    "import_hsds",
    type=click.Path(file_okay=False),
    metavar="MAP",
    help="Lees HSDS 3.0 JSON uit MAP en schrijf er YAML-aanbod van naar --out.",
)
@click.option("--out", "out", type=click.Path(file_okay=False), help="De map voor het aanbod van --import-hsds.")
@click.option("--force", is_flag=True, help="Overschrijf bestaande bestanden (--export, --import-hsds).")
@click.option(
    "--stale", is_flag=True, help="Werklijst voor beheerders: wat opnieuw te controleren is, oudste bronnen eerst."
)
@click.option(
    "--today",
    metavar="JJJJ-MM-DD",
    help="Rekenen met deze datum als vandaag: wat voorbij is (archief), en voor de werklijst van --stale.",
)
@click.pass_obj
def offers(
    settings: Settings,
    /,
    query: str | None,
    wijk: str | None,
    audience: str | None,
    kinds: tuple[str, ...],
    tags: tuple[str, ...],
    archive: bool,
    fmt: str,
    export: tuple[str, str] | None,
    import_hsds: str | None,
    out: str | None,
    force: bool,
    stale: bool,
    today: str | None,
) -> None:
    """De sociale kaart: zoek en filter het aanbod; uitwisselen als HSDS; werklijst voor beheer."""
    if sum(bool(x) for x in (export, import_hsds, stale)) > 1:
        raise ReferralError(Problem.make("hsds.cli.conflict"))
    if import_hsds is not None:
        if out is None:
            raise ReferralError(Problem.make("hsds.cli.out_required"))
        _import_hsds(settings, Path(import_hsds), Path(out), force)
        return
    if out is not None:
        raise ReferralError(Problem.make("hsds.cli.out_alone"))
    from referral.app.sociale_kaart import OfferQuery, search
    from referral.commands.lint import parse_today

    day = parse_today(today) if today is not None else None
    ruleset = load_settings_ruleset(settings)
    found = search(
        ruleset,
        OfferQuery(text=query, wijk=wijk, audience=audience, tags=tags, kinds=kinds, archive=archive, day=day),
    )
    if export is not None:
        _export_hsds(settings, ruleset, found, Path(export[1]), force, day)
        return
    if stale:
        _stale(settings, found, fmt, day)
        return
    from referral.render.offers_view import OfferList
    from referral.render.registry import render

    print_output(render("offers", fmt, OfferList(ruleset, tuple(found)), lang=settings.lang))


def _export_hsds(
    settings: Settings, ruleset: Ruleset, found: list[Offer], folder: Path, force: bool, day: dt.date | None
) -> None:
    from referral.app.hsds import export_offers

    count, orgs = export_offers(settings, ruleset, found, folder, force=force, day=day)
    click.echo(translate("hsds.cli.exported", settings.lang, count=count, orgs=orgs, folder=folder))


def _import_hsds(settings: Settings, folder: Path, out: Path, force: bool) -> None:
    from referral.app.hsds import import_services, write_import

    drafts = import_services(folder, load_settings_ruleset(settings).vocabulary)
    write_import(drafts, out, force=force)
    lang = settings.lang
    click.echo(translate("hsds.cli.imported", lang, count=len(drafts), folder=out))
    incomplete = [d.offer_id for d in drafts if d.missing]
    if incomplete:
        shown = ", ".join(incomplete[:5]) + (", …" if len(incomplete) > 5 else "")
        click.echo(translate("hsds.cli.incomplete", lang, count=len(incomplete), ids=shown, folder=out))


def _stale(settings: Settings, found: list[Offer], fmt: str, today: dt.date | None) -> None:
    from referral.app.stale import stale_work_list
    from referral.render.registry import render

    work = stale_work_list(settings, [offer.id for offer in found], today or dt.date.today())
    print_output(render("stale", fmt, work, lang=settings.lang))
