"""`referral gaps`: the coverage map of the aanbod - who, where, gets no passend aanbod."""

from __future__ import annotations

import csv
import io
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from referral.app.support import Settings, console, load_settings_ruleset, shown_id
from referral.core.i18n import register_messages, translate
from referral.core.problems import ExitCode, Problem, ReferralError

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import RenderableType

    from referral.analysis.gaps import GapRegion, GapReport, Heatmap
    from referral.core.model import Ruleset

register_messages(
    {
        "gaps.cli.title": (
            "Gaten in het aanbod: {audience}, passend vanaf {threshold} punten{scope}",
            "Gaps in the aanbod: {audience}, suitable from {threshold} points{scope}",
        ),
        "gaps.cli.scope_lonely": (", alleen eenzame casussen", ", lonely casussen only"),
        "gaps.cli.audience_all": ("iedereen", "everyone"),
        "gaps.cli.explain": (
            "Passend aanbod: beschikbaar, minstens {threshold} punten, en geen algemene doorverwijzer "
            "(aanbod met tag {tags}: {count}).",
            "Suitable offer: available, at least {threshold} points, and not a general referral point "
            "(offers tagged {tags}: {count}).",
        ),
        "gaps.cli.heat_title": (
            "Wijk x {column}: aandeel basiscasussen zonder passend aanbod",
            "District x {column}: share of basic casussen without a suitable offer",
        ),
        "gaps.cli.heat_caption": (
            "Basiscasus: alleen wijk, {column} en {profile} bekend (elk ook onbekend). "
            "* = ook gaten bij casussen met meer signalen; · = geen gat; - = buiten bereik.",
            "Basic casus: only district, {column} and {profile} known (each may be unknown). "
            "* = gaps for casussen with more signals too; · = no gap; - = out of scope.",
        ),
        "gaps.cli.wijk": ("wijk", "district"),
        "gaps.cli.regions_title": ("Gebieden zonder passend aanbod", "Regions without a suitable offer"),
        "gaps.cli.and_also": ("en {rest}", "and {rest}"),
        "gaps.cli.example": ("bijvoorbeeld: {offers}", "for example: {offers}"),
        "gaps.cli.example_nothing": ("bijvoorbeeld: geen enkele verwijzing", "for example: no referral at all"),
        "gaps.cli.more": (
            "... en nog {count} gebied(en); zie --top 0, --format json of --format csv",
            "... and {count} more region(s); see --top 0, --format json or --format csv",
        ),
        "gaps.cli.none_found": (
            "Geen gaten: elke casus krijgt passend aanbod.",
            "No gaps: every casus gets a suitable offer.",
        ),
        "gaps.cli.footer": (
            "{regions} gebied(en), {share} van alle onderscheiden casussen; "
            "{cells} combinaties van delen doorgerekend in {seconds} s.",
            "{regions} region(s), {share} of all distinguished casussen; "
            "{cells} combinations of parts covered in {seconds} s.",
        ),
        "gaps.cli.exported": ("kaart geschreven naar {path}", "map written to {path}"),
        "gaps.cli.too_many": (
            "{count} gebied(en) zonder passend aanbod, meer dan --max-gaps {limit}",
            "{count} region(s) without a suitable offer, more than --max-gaps {limit}",
        ),
        "gaps.cli.unknown_column": (
            "'{name}' is geen signaal met waarden om op in te delen",
            "'{name}' is not a signal with values to group by",
        ),
        "gaps.cli.unknown_tag": ("onbekende tag '{tag}'", "unknown tag '{tag}'"),
    }
)


def _check_options(ruleset: Ruleset, columns: str, tags: tuple[str, ...]) -> None:
    from referral.core.vocabulary import suggest

    signals = ruleset.vocabulary.signals
    if columns not in signals or signals[columns].kind == "set":
        choices = [s.id for s in signals.values() if s.kind != "set" and s.id != "wijk"]
        guess = suggest(columns, choices)
        raise ReferralError(
            Problem.make(
                "gaps.cli.unknown_column",
                name=shown_id(columns),
                suggestion=guess,
                choices=choices,
            )
        )
    for tag in tags:
        if tag not in ruleset.vocabulary.tags:
            guess = suggest(tag, ruleset.vocabulary.tags)
            raise ReferralError(
                Problem.make(
                    "gaps.cli.unknown_tag",
                    tag=shown_id(tag),
                    suggestion=guess,
                )
            )


def _percent(value: float, lang: str = "nl") -> str:
    comma = "," if lang == "nl" else "."
    if value == 0:
        return "0%"
    if value < 0.001:
        return f"<0{comma}1%"
    return f"{value * 100:.1f}%".replace(".", comma) if value < 0.1 else f"{round(value * 100)}%"


def _example_referrals(report: GapReport, region: GapRegion, ruleset: Ruleset) -> list[tuple[str, int]]:
    """What `match` gives a concrete casus of the region: (offer name, score) of the first three."""
    from referral.casus.reader import Casus
    from referral.engine.match import match

    result = match(Casus(signals=report.space.example(region.box)), ruleset)
    return [(a.offer.name, a.score) for a in result.referrals[:3]]


def render_rich(
    report: GapReport,
    heat: Heatmap,
    ruleset: Ruleset,
    lang: str,
    top: int,
    column: str,
    fallback_tags: tuple[str, ...],
    seconds: float | None,
) -> RenderableType:
    """The heatmap, then the largest regions with an example of what such a casus gets."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from referral.analysis.gaps import region_parts

    vocabulary = ruleset.vocabulary
    audience = (
        vocabulary.signals["audience"].value_label(report.audience, lang)
        if report.audience and "audience" in vocabulary.signals
        else translate("gaps.cli.audience_all", lang)
    )
    scope = translate("gaps.cli.scope_lonely", lang) if report.scope is not None else ""
    parts: list[RenderableType] = [
        Text(
            translate("gaps.cli.title", lang, audience=audience, threshold=report.threshold, scope=scope), style="bold"
        ),
        Text(
            translate(
                "gaps.cli.explain",
                lang,
                tags=translate("words.or", lang).join(
                    vocabulary.tags[t].get(lang) if t in vocabulary.tags else t for t in fallback_tags
                ),
                count=len(report.fallback_offers),
                threshold=report.threshold,
            ),
            style="dim",
        ),
        Text(""),
    ]
    column_label = vocabulary.signals[column].label.get(lang) if column in vocabulary.signals else column
    profile = ", ".join(vocabulary.signals[s].label.get(lang) for s in heat.profile)
    table = Table(
        title=translate("gaps.cli.heat_title", lang, column=column_label),
        caption=translate("gaps.cli.heat_caption", lang, column=column_label, profile=profile or "-"),
        box=box.SIMPLE_HEAD,
        title_justify="left",
        caption_justify="left",
    )
    table.add_column(translate("gaps.cli.wijk", lang))
    for label in heat.columns:
        table.add_column(label, justify="right")
    for row, cells in zip(heat.rows, heat.cells, strict=True):
        rendered: list[Text] = []
        for cell in cells:
            if cell is None:
                rendered.append(Text("-", style="dim"))
            elif cell.gap == 0:
                rendered.append(Text("·*" if cell.elsewhere else "·", style="yellow" if cell.elsewhere else "green"))
            else:
                style = "bold red" if cell.none > 0 else "yellow"
                rendered.append(Text(_percent(cell.gap, lang) + ("*" if cell.elsewhere else ""), style=style))
        table.add_row(row, *rendered)
    parts.append(table)

    parts.append(Text(translate("gaps.cli.regions_title", lang), style="bold"))
    if not report.regions:
        parts.append(Text(translate("gaps.cli.none_found", lang), style="green"))
    shown = report.regions if top == 0 else report.regions[:top]
    for number, region in enumerate(shown, start=1):
        kind = translate(f"gaps.kind.{region.kind}", lang)
        main, rest = region_parts(report.space, region.box, lang)
        line = Text(f"{number}. ")
        line.append(", ".join(main))
        line.append(": ")
        line.append(kind, style="bold red" if region.kind == "none" else "yellow")
        parts.append(line)
        if rest:
            parts.append(Text("   " + translate("gaps.cli.and_also", lang, rest="; ".join(rest)), style="dim"))
        referrals = _example_referrals(report, region, ruleset)
        offers = ", ".join(f"{name} ({score})" for name, score in referrals)
        example = (
            translate("gaps.cli.example", lang, offers=offers)
            if offers
            else translate("gaps.cli.example_nothing", lang)
        )
        parts.append(Text(f"   {example}", style="dim"))
    if len(shown) < len(report.regions):
        parts.append(Text(translate("gaps.cli.more", lang, count=len(report.regions) - len(shown)), style="dim"))
    parts.append(Text(""))
    parts.append(
        Text(
            translate(
                "gaps.cli.footer",
                lang,
                regions=len(report.regions),
                share=_percent(report.share(report.gap_weight), lang),
                cells=f"{report.cells:,}".replace(",", "." if lang == "nl" else ","),
                seconds=(f"{seconds:.2f}".replace(".", ",") if lang == "nl" else f"{seconds:.2f}")
                if seconds is not None
                else "-",
            ),
            style="dim",
        )
    )
    return Group(*parts)


def _share(value: float) -> float:
    """Shares in JSON: four significant digits, the same on every run."""
    return float(f"{value:.4g}")


def render_json(report: GapReport, heat: Heatmap, ruleset: Ruleset, lang: str, column: str) -> dict[str, Any]:
    from referral.analysis.gaps import FALLBACK, NONE, describe_dims, region_text
    from referral.render.json_view import ruleset_json, tool_json

    regions = []
    for region in report.regions:
        example = _example_json(report, region, ruleset)
        regions.append(
            {
                "kind": region.kind,
                "share": _share(report.share(region.weight)),
                "text": region_text(report.space, region, lang),
                "signals": describe_dims(report.space, region.box, lang),
                "example": example,
            }
        )
    return {
        "tool": tool_json(),
        "ruleset": ruleset_json(ruleset),
        "audience": report.audience,
        "threshold": report.threshold,
        "scope": "lonely" if report.scope is not None else None,
        "fallback_offers": list(report.fallback_offers),
        "summary": {
            "regions": len(report.regions),
            "gap_share": _share(report.share(report.gap_weight)),
            "none_share": _share(report.share(sum(r.weight for r in report.regions if r.kind == NONE))),
            "fallback_share": _share(report.share(sum(r.weight for r in report.regions if r.kind == FALLBACK))),
            "cells": report.cells,
        },
        "regions": regions,
        "heatmap": {
            "rows": list(heat.rows),
            "columns_signal": column,
            "columns": list(heat.columns),
            "profile": list(heat.profile),
            "cells": [
                [
                    None
                    if cell is None
                    else {
                        "gap": _share(cell.gap),
                        "none": _share(cell.none),
                        "fallback": _share(cell.fallback),
                        "elsewhere": cell.elsewhere,
                    }
                    for cell in cells
                ]
                for cells in heat.cells
            ],
        },
    }


def _example_json(report: GapReport, region: GapRegion, ruleset: Ruleset) -> dict[str, Any]:
    from referral.casus.reader import Casus

    return Casus(signals=report.space.example(region.box)).to_json(ruleset.vocabulary)


def render_csv(report: GapReport, ruleset: Ruleset, lang: str) -> str:
    """One row per region: kind, share, then what it says about each signal (empty: any)."""
    from referral.analysis.gaps import describe_dims, kind_text

    signal_ids = [s for s in ruleset.vocabulary.signals if s != "audience"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kind", "kind_text", "share", *signal_ids])
    for region in report.regions:
        described = describe_dims(report.space, region.box, lang)
        writer.writerow(
            [
                region.kind,
                kind_text(region.kind, lang),
                f"{_share(report.share(region.weight)):g}",
                *(described.get(s, "") for s in signal_ids),
            ]
        )
    return out.getvalue()


def export(renderable: RenderableType, kind: str, path: str, force: bool, title: str) -> None:
    """The rich view recorded and saved as HTML or SVG: written whole, never over a file unasked."""
    from rich.console import Console

    from referral.core.safe_write import write_text_atomic

    target = Path(path)
    if target.exists() and not force:
        raise ReferralError(Problem.make("write.exists", file=str(target)))
    recorder = Console(record=True, file=io.StringIO(), width=140, highlight=False, soft_wrap=False)
    recorder.print(renderable)
    text = recorder.export_svg(title=title) if kind == "svg" else recorder.export_html()
    write_text_atomic(target, text, force=force)


@click.command()
@click.option(
    "--threshold",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="Passend aanbod haalt minstens zoveel punten (10: past bij een signaal).",
)
@click.option(
    "--audience",
    type=click.Choice(["client", "helper"]),
    default="client",
    show_default=True,
    help="Wie vraagt: de eenzame persoon zelf (client) of iemand die helpt (helper).",
)
@click.option(
    "--lonely", is_flag=True, help="Alleen casussen die sociaal, emotioneel of (matig of erger) eenzaam zijn."
)
@click.option(
    "--fallback-tag",
    "fallback_tags",
    multiple=True,
    metavar="TAG",
    help="Aanbod met deze tag telt als algemene doorverwijzer (standaard: information, wijk_bridge); herhaalbaar.",
)
@click.option(
    "--by",
    "column",
    default="age",
    show_default=True,
    metavar="SIGNAAL",
    help="Doelgroep in de kolommen van de kaart (bijv. age, loneliness.severity, household).",
)
@click.option(
    "--top", type=click.IntRange(min=0), default=15, show_default=True, help="Toon de N grootste gebieden (0: alle)."
)
@click.option("--format", "fmt", type=click.Choice(["rich", "json", "csv"]), default="rich", show_default=True)
@click.option(
    "--export",
    "export_to",
    nargs=2,
    type=(click.Choice(["html", "svg"]), click.Path(dir_okay=False)),
    default=None,
    metavar="html|svg PAD",
    help="Schrijf de kaart ook als HTML of SVG (voor een netwerkoverleg).",
)
@click.option("--force", is_flag=True, help="Overschrijf een bestaand exportbestand.")
@click.option(
    "--max-gaps",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="Exitcode 1 bij meer dan N gebieden zonder passend aanbod (voor CI; 0: geen enkel gat).",
)
@click.pass_obj
def gaps(
    settings: Settings,
    /,
    threshold: int,
    audience: str,
    lonely: bool,
    fallback_tags: tuple[str, ...],
    column: str,
    top: int,
    fmt: str,
    export_to: tuple[str, str] | None,
    force: bool,
    max_gaps: int | None,
) -> None:
    """De dekkingskaart van het aanbod: waar krijgt een casus geen passend aanbod?

    Doorzoekt de hele signaalruimte (wijk, leeftijd, eenzaamheid, huishouden, ...) exact, door
    elk signaal alleen te splitsen op de grenzen die regels en aanbod gebruiken.
    """
    from referral.analysis.gaps import FALLBACK_TAGS, LONELY, find_gaps, heatmap

    fallback_tags = fallback_tags or FALLBACK_TAGS
    ruleset = load_settings_ruleset(settings)
    _check_options(ruleset, column, fallback_tags)
    lang = settings.lang
    if export_to is not None and Path(export_to[1]).exists() and not force:
        raise ReferralError(Problem.make("write.exists", file=export_to[1]))
    started = time.perf_counter()
    report = find_gaps(
        ruleset,
        threshold=threshold,
        audience=audience,
        fallback_tags=fallback_tags,
        scope=LONELY if lonely else None,
    )
    heat = heatmap(report, lang, columns=column)
    seconds = time.perf_counter() - started
    if fmt == "json":
        from referral.render.json_view import dumps

        click.echo(dumps(render_json(report, heat, ruleset, lang, column)))
    elif fmt == "csv":
        click.echo(render_csv(report, ruleset, lang), nl=False)
    if fmt == "rich" or export_to is not None:
        view = render_rich(report, heat, ruleset, lang, top, column, fallback_tags, seconds)
        if fmt == "rich":
            console().print(view)
        if export_to is not None:
            title = translate("gaps.cli.regions_title", lang)
            still = render_rich(report, heat, ruleset, lang, top, column, fallback_tags, None)
            export(still, export_to[0], export_to[1], force, title)
            click.echo(translate("gaps.cli.exported", lang, path=export_to[1]), err=True)
    if max_gaps is not None and len(report.regions) > max_gaps:
        click.echo(translate("gaps.cli.too_many", lang, count=len(report.regions), limit=max_gaps), err=True)
        sys.exit(ExitCode.PROBLEMS_FOUND)
