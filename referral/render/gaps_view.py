"""Views of the need map (`referral gaps`): rich, JSON, CSV, Markdown and an HTML page for the network.

Colour is never the only carrier: every cell has a symbol (✓ covered, ~ weak, ✗ gap) and the
HTML picture has the same table beside it as its text alternative.
"""

from __future__ import annotations

import csv
import html
import io
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from referral.analysis.gaps import COVERED, GAP, WEAK, NeedMap, organisations
from referral.core.i18n import translate
from referral.render.describe import clean, day_text
from referral.render.json_lines import tool_json
from referral.render.json_view import dumps, ruleset_json
from referral.render.long_table import LongTable

SYMBOL = {COVERED: "✓", WEAK: "~", GAP: "✗"}
STYLE = {COVERED: "green", WEAK: "yellow", GAP: "bold red"}


def _labels(need_map: NeedMap, lang: str) -> tuple[dict[str, str], dict[str, str]]:
    vocabulary = need_map.ruleset.vocabulary
    groups = {g.id: g.label.get(lang) for g in vocabulary.map_groups}
    needs = {n.id: n.label.get(lang) for n in vocabulary.needs}
    return groups, needs


def _kinds(need_map: NeedMap, need_id: str, lang: str) -> str:
    vocabulary = need_map.ruleset.vocabulary
    need = next(n for n in vocabulary.needs if n.id == need_id)
    return translate("words.or", lang).join(vocabulary.kind_label(k, lang) for k in need.fitting)


def _cell_text(need_map: NeedMap, wijk: str, group: str, need: str) -> str:
    cell = need_map.cell(wijk, group, need)
    count = len(cell.organisations)
    return SYMBOL[cell.status] + (f" {count}" if count else "")


def summary(need_map: NeedMap, lang: str) -> str:
    return translate(
        "gaps.summary",
        lang,
        cells=len(need_map.cells),
        covered=need_map.count(COVERED),
        weak=need_map.count(WEAK),
        gaps=need_map.count(GAP),
        overlaps=len(need_map.overlaps()),
    )


def footer(need_map: NeedMap, lang: str) -> str:
    return translate(
        "gaps.footer", lang, digest=need_map.ruleset.digest[:19], day=day_text(need_map.day.isoformat(), lang)
    )


def gap_lines(need_map: NeedMap, lang: str) -> list[str]:
    groups, needs = _labels(need_map, lang)
    return [
        translate(
            "gaps.gap_line",
            lang,
            wijk=c.wijk,
            group=groups[c.group],
            need=needs[c.need],
            kinds=_kinds(need_map, c.need, lang),
        )
        for c in need_map.gaps()
    ]


def overlap_lines(need_map: NeedMap, lang: str) -> list[str]:
    """Overlaps grouped by need, group and the same organisations, with the wijken where they meet."""
    groups, needs = _labels(need_map, lang)
    seen: dict[tuple[str, str, tuple[str, ...]], list[str]] = {}
    for cell in need_map.overlaps():
        seen.setdefault((cell.need, cell.group, cell.organisations), []).append(cell.wijk)
    every = len(need_map.wijken)
    lines = []
    for (need, group, orgs), wijken in seen.items():
        where = translate("gaps.all_wijken", lang) if len(wijken) == every else ", ".join(wijken)
        lines.append(
            translate(
                "gaps.overlap_line",
                lang,
                need=needs[need],
                group=groups[group],
                organisations=" + ".join(clean(o) for o in orgs),
                wijken=where,
            )
        )
    return lines


def render_rich(need_map: NeedMap, lang: str = "nl", **_: Any) -> RenderableType:
    parts: list[RenderableType] = [
        Text(translate("gaps.title", lang), style="bold"),
        Text(translate("gaps.intro", lang), style="dim"),
    ]
    for need in need_map.needs:
        parts.append(need_table(need_map, need, lang))
    parts.append(Text(summary(need_map, lang), style="bold"))
    parts.append(Text(translate("gaps.gaps_title", lang), style="bold underline"))
    gaps = gap_lines(need_map, lang)
    parts.append(Text("\n".join(f"✗ {line}" for line in gaps) if gaps else translate("gaps.none", lang)))
    overlaps = overlap_lines(need_map, lang)
    if overlaps:
        parts.append(Text(translate("gaps.overlaps_title", lang), style="bold underline"))
        parts.append(Text("\n".join(f"• {line}" for line in overlaps)))
    parts.append(organisation_table(need_map, lang))
    parts.append(Text(footer(need_map, lang), style="dim"))
    return Group(*parts)


def need_table(need_map: NeedMap, need: str, lang: str) -> LongTable:
    """The table of one need: a row per wijk (1,800 at national scale), a column per group."""
    groups, needs = _labels(need_map, lang)
    title = translate("gaps.need_title", lang, need=needs[need], kinds=_kinds(need_map, need, lang))
    head = translate("gaps.col.wijk", lang)

    def make() -> Table:
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column(head, no_wrap=True)
        for group in need_map.groups:
            table.add_column(groups[group], justify="center")
        return table

    rows = []
    for wijk in need_map.wijken:
        row = [Text(wijk)]
        for group in need_map.groups:
            cell = need_map.cell(wijk, group, need)
            row.append(Text(_cell_text(need_map, wijk, group, need), style=STYLE[cell.status]))
        rows.append(row)
    return LongTable(make, rows)


def organisation_table(need_map: NeedMap, lang: str) -> Table:
    vocabulary = need_map.ruleset.vocabulary
    table = Table(title=translate("gaps.org_title", lang), title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    table.add_column(translate("gaps.col.organisation", lang), ratio=3, overflow="fold")
    table.add_column(translate("gaps.col.kinds", lang), ratio=3)
    table.add_column(translate("gaps.col.where", lang), ratio=2)
    table.add_column(translate("gaps.col.offers", lang), justify="right", no_wrap=True)
    table.add_column(translate("gaps.col.referred", lang), justify="right", no_wrap=True)
    for row in organisations(need_map):
        where = translate("gaps.citywide", lang) if row.wijken is None else ", ".join(row.wijken)
        table.add_row(
            clean(row.organisation),
            ", ".join(vocabulary.kind_label(k, lang) for k in row.kinds),
            where,
            str(len(row.offers)),
            str(row.referred_in),
        )
    return table


def render_json(need_map: NeedMap, lang: str = "nl", **_: Any) -> str:
    cells = [
        {
            "wijk": c.wijk,
            "group": c.group,
            "need": c.need,
            "status": c.status,
            "providers": [
                {"offer": p.offer.id, "organisation": p.offer.organisation, "rank": p.rank} for p in c.providers
            ],
            "overlap": c.overlap,
        }
        for c in need_map.cells.values()
    ]
    data = {
        "tool": tool_json(),
        "ruleset": ruleset_json(need_map.ruleset),
        "lang": lang,
        "as_of": need_map.day.isoformat(),
        "counts": {
            "cells": len(need_map.cells),
            "covered": need_map.count(COVERED),
            "weak": need_map.count(WEAK),
            "gaps": need_map.count(GAP),
            "overlaps": len(need_map.overlaps()),
        },
        "cells": cells,
        "organisations": [
            {
                "organisation": row.organisation,
                "kinds": list(row.kinds),
                "wijken": list(row.wijken) if row.wijken is not None else "all",
                "offers": [o.id for o in row.offers],
                "referred_in": row.referred_in,
            }
            for row in organisations(need_map)
        ],
    }
    return dumps(data)


def render_csv(need_map: NeedMap, lang: str = "nl", **_: Any) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["wijk", "group", "need", "status", "organisations", "offers"])
    for c in need_map.cells.values():
        writer.writerow(
            [c.wijk, c.group, c.need, c.status, "; ".join(c.organisations), "; ".join(p.offer.id for p in c.providers)]
        )
    return out.getvalue()


def render_markdown(need_map: NeedMap, lang: str = "nl", **_: Any) -> str:
    from referral.render.markdown_view import md

    groups, needs = _labels(need_map, lang)
    lines = [f"## {translate('gaps.title', lang)}", "", md(translate("gaps.intro", lang)), ""]
    for need in need_map.needs:
        lines += [
            f"### {md(translate('gaps.need_title', lang, need=needs[need], kinds=_kinds(need_map, need, lang)))}",
            "",
        ]
        lines.append(
            "| " + " | ".join([translate("gaps.col.wijk", lang), *(md(groups[g]) for g in need_map.groups)]) + " |"
        )
        lines.append("|" + "---|" * (len(need_map.groups) + 1))
        for wijk in need_map.wijken:
            cells = [_cell_text(need_map, wijk, g, need) for g in need_map.groups]
            lines.append("| " + " | ".join([wijk, *cells]) + " |")
        lines.append("")
    lines += [md(summary(need_map, lang)), "", f"### {translate('gaps.gaps_title', lang)}", ""]
    gaps = gap_lines(need_map, lang)
    lines += [f"- {md(line)}" for line in gaps] or [md(translate("gaps.none", lang))]
    overlaps = overlap_lines(need_map, lang)
    if overlaps:
        lines += ["", f"### {translate('gaps.overlaps_title', lang)}", ""]
        lines += [f"- {md(line)}" for line in overlaps]
    lines += ["", f"<sub>{md(footer(need_map, lang))}</sub>", ""]
    return "\n".join(lines)


# --- the HTML page for the network meeting ---------------------------------------------------------

COLOURS = {COVERED: ("#1b5e20", "#ffffff"), WEAK: ("#f9a825", "#000000"), GAP: ("#b71c1c", "#ffffff")}


def picture(need_map: NeedMap, lang: str) -> str:
    """An SVG grid: a row per need, a column per group, within it a square per wijk, with its symbol."""
    groups, needs = _labels(need_map, lang)
    size, gap_x, label_w = 26, 18, 330
    longest = max((len(w) for w in need_map.wijken), default=3)
    head_h = 40 + round(longest * 6.2 * 0.87)  # the wijk names stand at 60 degrees, in full
    per_group = len(need_map.wijken) * size
    width = label_w + len(need_map.groups) * (per_group + gap_x) + round(longest * 3.2)
    height = head_h + len(need_map.needs) * (size + 10) + 10
    title = html.escape(translate("gaps.picture", lang))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img"'
        f' aria-labelledby="map-title"><title id="map-title">{title}</title>'
    ]
    for g, group in enumerate(need_map.groups):
        x = label_w + g * (per_group + gap_x)
        out.append(
            f'<text x="{x}" y="20" font-size="16" font-family="sans-serif" font-weight="bold">'
            f"{html.escape(groups[group])}</text>"
        )
        for w, wijk in enumerate(need_map.wijken):
            # the whole name: abbreviations collide (Noordwest and Noordoost, Zuid and Zuidwest)
            out.append(
                f'<text transform="translate({x + w * size + size / 2 - 4} {head_h - 6}) rotate(-60)"'
                f' font-size="11" font-family="sans-serif">{html.escape(wijk)}</text>'
            )
    for n, need in enumerate(need_map.needs):
        y = head_h + n * (size + 10)
        out.append(
            f'<text x="0" y="{y + size * 0.7}" font-size="15" font-family="sans-serif">'
            f"{html.escape(needs[need])}</text>"
        )
        for g, group in enumerate(need_map.groups):
            x0 = label_w + g * (per_group + gap_x)
            for w, wijk in enumerate(need_map.wijken):
                cell = need_map.cell(wijk, group, need)
                fill, ink = COLOURS[cell.status]
                x = x0 + w * size
                label = html.escape(f"{wijk}, {groups[group]}, {needs[need]}: {cell.status}")
                out.append(
                    f'<g><title>{label}</title><rect x="{x}" y="{y}" width="{size - 2}"'
                    f' height="{size - 2}" fill="{fill}"/>'
                    f'<text x="{x + (size - 2) / 2}" y="{y + size * 0.68}" font-size="15" text-anchor="middle"'
                    f' fill="{ink}" font-family="sans-serif">{SYMBOL[cell.status]}</text></g>'
                )
    out.append("</svg>")
    return "".join(out)


def render_html(need_map: NeedMap, lang: str = "nl", **_: Any) -> str:
    groups, needs = _labels(need_map, lang)
    vocabulary = need_map.ruleset.vocabulary
    e = html.escape
    title = e(translate("gaps.title", lang))
    body = [
        f"<h1>{title}</h1>",
        f"<p>{e(translate('gaps.intro', lang))}</p>",
        f"<p><strong>{e(summary(need_map, lang))}</strong></p>",
    ]
    body.append(
        f"<figure>{picture(need_map, lang)}<figcaption>{e(translate('gaps.picture', lang))}</figcaption></figure>"
    )
    body.append(f"<h2>{e(translate('gaps.gaps_title', lang))}</h2>")
    gaps = gap_lines(need_map, lang)
    body.append(
        "<ul>" + "".join(f"<li>✗ {e(line)}</li>" for line in gaps) + "</ul>"
        if gaps
        else f"<p>{e(translate('gaps.none', lang))}</p>"
    )
    overlaps = overlap_lines(need_map, lang)
    if overlaps:
        body.append(f"<h2>{e(translate('gaps.overlaps_title', lang))}</h2>")
        body.append("<ul>" + "".join(f"<li>{e(line)}</li>" for line in overlaps) + "</ul>")
    for need in need_map.needs:
        caption = e(translate("gaps.need_title", lang, need=needs[need], kinds=_kinds(need_map, need, lang)))
        head = "".join(f'<th scope="col">{e(groups[g])}</th>' for g in need_map.groups)
        rows = []
        for wijk in need_map.wijken:
            cells = []
            for group in need_map.groups:
                cell = need_map.cell(wijk, group, need)
                orgs = e(", ".join(cell.organisations)) or "—"
                cells.append(f'<td class="{cell.status}">{SYMBOL[cell.status]} {orgs}</td>')
            rows.append(f'<tr><th scope="row">{e(wijk)}</th>{"".join(cells)}</tr>')
        body.append(
            f'<table><caption>{caption}</caption><thead><tr><th scope="col">'
            f"{e(translate('gaps.col.wijk', lang))}</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    body.append(f"<h2>{e(translate('gaps.org_title', lang))}</h2>")
    org_rows = []
    for row in organisations(need_map):
        where = translate("gaps.citywide", lang) if row.wijken is None else ", ".join(row.wijken)
        kinds = ", ".join(vocabulary.kind_label(k, lang) for k in row.kinds)
        org_rows.append(
            f"<tr><th scope='row'>{e(row.organisation)}</th><td>{e(kinds)}</td><td>{e(where)}</td>"
            f"<td>{len(row.offers)}</td><td>{row.referred_in}</td></tr>"
        )
    cols = "".join(
        f'<th scope="col">{e(translate(c, lang))}</th>'
        for c in ("gaps.col.organisation", "gaps.col.kinds", "gaps.col.where", "gaps.col.offers", "gaps.col.referred")
    )
    body.append(f"<table><thead><tr>{cols}</tr></thead><tbody>{''.join(org_rows)}</tbody></table>")
    body.append(f"<footer><p>{e(footer(need_map, lang))}</p></footer>")
    style = (
        "body{font-family:system-ui,sans-serif;font-size:1.15rem;line-height:1.45;color:#111;background:#fff;"
        "margin:2rem;max-width:110rem}h1{font-size:2rem}table{border-collapse:collapse;margin:1.5rem 0;width:100%}"
        "caption{text-align:left;font-weight:bold;font-size:1.2rem;padding:.4rem 0}th,td{border:1px solid #666;"
        "padding:.35rem .6rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}"
        ".gap{background:#fde0e0}.weak{background:#fff4cc}.covered{background:#e3f2e1}figure{margin:1rem 0}"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="UTF-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
        f"<style>{style}</style>\n</head>\n<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )
