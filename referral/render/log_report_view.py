"""The network's figures from the referral log: rich tables for the terminal, HTML with charts for the meeting.

Both views show only what the report kept: suppressed cells never reach a renderer.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from referral.core.i18n import translate

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import RenderableType

    from referral.app.log_report import Figures, Report, Table

COLUMNS = (
    "report.col.referrals",
    "report.col.with_outcome",
    "report.col.started",
    "report.col.median",
    "report.col.waitlist",
    "report.col.refused",
)


def _t(lang: str, code: str, **args: Any) -> str:
    return translate(f"log.{code}", lang, **args)


def _period(report: Report, lang: str) -> str:
    start = report.start.isoformat() if report.start else _t(lang, "report.begin")
    end = report.end.isoformat() if report.end else report.today.isoformat()
    return _t(lang, "report.period", start=start, end=end)


def _cells(figures: Figures, lang: str) -> list[str]:
    share = figures.share_started
    median = figures.median_days_to_start
    return [
        str(figures.referrals),
        str(figures.with_outcome),
        f"{share:.0%}" if share is not None else "–",
        (f"{median:g}" if median is not None else "–"),
        str(figures.waitlist),
        _t(lang, "report.refused_cell", count=figures.refused, full=figures.refused_full),
    ]


def _key(table: Table, key: str, lang: str) -> str:
    return key if key else _t(lang, "report.no_wijk" if table.dimension == "wijk" else "report.no_kind")


def _other_label(table: Table, lang: str) -> str:
    return _t(lang, "report.other", count=table.hidden_rows)


def _summary(report: Report, lang: str) -> str:
    if report.suppressed:
        return _t(lang, "report.too_few", min=report.min_cell)
    return _t(lang, "report.total", count=report.total, min=report.min_cell)


def render_report(report: Report, lang: str) -> RenderableType:
    from rich.console import Group
    from rich.table import Table as RichTable
    from rich.text import Text

    parts: list[Any] = [Text(_t(lang, "report.title") + " · " + _period(report, lang), style="bold")]
    parts.append(Text(_summary(report, lang)))
    for table in report.tables:
        view = RichTable(title=_t(lang, f"report.by.{table.dimension}"), title_justify="left", show_edge=False)
        view.add_column(_t(lang, f"report.dim.{table.dimension}"), overflow="fold")
        for code in COLUMNS:
            view.add_column(_t(lang, code), justify="right")
        for row in table.rows:
            view.add_row(_key(table, row.key, lang), *_cells(row.figures, lang))
        if table.other is not None:
            view.add_row(_other_label(table, lang), *_cells(table.other, lang), style="dim")
        elif table.hidden_rows:
            view.add_row(_other_label(table, lang), *["·"] * len(COLUMNS), style="dim")
        parts.extend([Text(""), view])
    parts.extend([Text(""), Text(_t(lang, "report.follow_up", weeks=report.weeks), style="bold")])
    if report.follow_up:
        calls = RichTable(show_edge=False)
        for code in ("report.col.ref", "report.col.day", "report.col.status", "report.col.quiet"):
            calls.add_column(_t(lang, code))
        for item in report.follow_up:
            status = _t(lang, f"status.{item.status}") if item.status else _t(lang, "none")
            calls.add_row(item.ref, item.day.isoformat(), status, str(item.days_quiet))
        parts.append(calls)
    else:
        parts.append(Text(_t(lang, "report.follow_up_none")))
    parts.append(Text(_t(lang, "report.note"), style="dim"))
    return Group(*parts)


CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1a1a1a; max-width: 70rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid #ccc; padding: .25rem .6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
tr.other td { color: #666; font-style: italic; }
.note { color: #555; font-size: .9rem; }
svg text { font: 12px system-ui, sans-serif; }
"""


def _chart(table: Table, lang: str) -> str:
    """A horizontal bar per shown row: the share started (of those with an outcome)."""
    rows = [(row.key, row.figures.share_started) for row in table.rows]
    if not rows:
        return ""
    height, label_width, bar_width = 22, 260, 300
    label_text = html.escape(_t(lang, "report.chart", dimension=_t(lang, f"report.dim.{table.dimension}")))
    lines = [
        f'<svg role="img" aria-label="{label_text}" '
        f'width="{label_width + bar_width + 60}" height="{height * len(rows) + 10}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for index, (key, share) in enumerate(rows):
        y = index * height + 5
        label = html.escape(_key(table, key, lang)[:40])
        width = round((share or 0) * bar_width)
        text = f"{share:.0%}" if share is not None else "–"
        lines.append(f'<text x="0" y="{y + 14}">{label}</text>')
        lines.append(f'<rect x="{label_width}" y="{y}" width="{width}" height="{height - 6}" fill="#2b6cb0"/>')
        lines.append(f'<text x="{label_width + width + 6}" y="{y + 14}">{text}</text>')
    lines.append("</svg>")
    return "\n".join(lines)


def report_html(report: Report, lang: str) -> str:
    """A self-contained page (no scripts, no external files) for the network meeting."""
    e = html.escape
    title = _t(lang, "report.title")
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{e(lang)}"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<p>{e(_period(report, lang))}. {e(_summary(report, lang))}</p>",
    ]
    for table in report.tables:
        out.append(f"<h2>{e(_t(lang, f'report.by.{table.dimension}'))}</h2>")
        out.append(_chart(table, lang))
        header = "".join(f"<th>{e(_t(lang, code))}</th>" for code in COLUMNS)
        out.append(
            f"<table><thead><tr><th>{e(_t(lang, f'report.dim.{table.dimension}'))}</th>{header}</tr></thead><tbody>"
        )
        for row in table.rows:
            cells = "".join(f"<td>{e(cell)}</td>" for cell in _cells(row.figures, lang))
            out.append(f"<tr><td>{e(_key(table, row.key, lang))}</td>{cells}</tr>")
        if table.hidden_rows:
            cells = (
                "".join(f"<td>{e(cell)}</td>" for cell in _cells(table.other, lang))
                if table.other is not None
                else "".join("<td>·</td>" for _ in COLUMNS)
            )
            out.append(f'<tr class="other"><td>{e(_other_label(table, lang))}</td>{cells}</tr>')
        out.append("</tbody></table>")
    out.append(f"<h2>{e(_t(lang, 'report.follow_up', weeks=report.weeks))}</h2>")
    if report.follow_up:
        header = "".join(
            f"<th>{e(_t(lang, code))}</th>"
            for code in ("report.col.ref", "report.col.day", "report.col.status", "report.col.quiet")
        )
        out.append(f"<table><thead><tr>{header}</tr></thead><tbody>")
        for item in report.follow_up:
            status = _t(lang, f"status.{item.status}") if item.status else _t(lang, "none")
            out.append(
                f"<tr><td>{e(item.ref)}</td><td>{item.day.isoformat()}</td><td>{e(status)}</td>"
                f"<td>{item.days_quiet}</td></tr>"
            )
        out.append("</tbody></table>")
    else:
        out.append(f"<p>{e(_t(lang, 'report.follow_up_none'))}</p>")
    out.append(f'<p class="note">{e(_t(lang, "report.note"))}</p>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"
