"""`referral offers`: the sociale kaart, searched and filtered."""

from __future__ import annotations

import click

from referral.app.support import FORMATS, Settings, console, load_settings_ruleset


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
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="rich", show_default=True)
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
) -> None:
    """De sociale kaart: zoek en filter het aanbod."""
    from referral.app.sociale_kaart import (
        OfferQuery,
        render_offers_json,
        render_offers_markdown,
        render_offers_rich,
        search,
    )

    ruleset = load_settings_ruleset(settings)
    found = search(
        ruleset, OfferQuery(text=query, wijk=wijk, audience=audience, tags=tags, kinds=kinds, archive=archive)
    )
    if fmt == "json":
        from referral.render.json_view import dumps

        click.echo(dumps(render_offers_json(ruleset, found, settings.lang)))
    elif fmt == "markdown":
        click.echo(render_offers_markdown(ruleset, found, settings.lang), nl=False)
    else:
        console().print(render_offers_rich(ruleset, found, settings.lang))
