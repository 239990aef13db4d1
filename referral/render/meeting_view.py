"""The meeting view: one compact panel per casus (top 3 with reasons) and what recurs.

Returns renderables and text; never prints. The same sentences as the single view (casus in
words, the scale note, reasons) so that the advice reads the same in both.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from referral.app.meeting import Agenda, AgendaItem
from referral.core.i18n import translate
from referral.render.describe import casus_phrases, scale_phrase
from referral.render.json_view import referral_json, ruleset_json, tool_json
from referral.render.text import footer


def _where(places: tuple[tuple[str, int], ...]) -> str:
    return ", ".join(f"{file} ({rank})" for file, rank in places)


def _footer(agenda: Agenda, lang: str) -> str | None:
    results = agenda.results
    if not results:
        return None
    offers = {a.offer.id: a.offer for item in agenda.items for a in agenda.shown(item)}
    return footer(results[0], lang, [offers[k] for k in sorted(offers)])


def casus_item_panel(agenda: Agenda, number: int, item: AgendaItem, lang: str) -> Panel:
    """One casus: the casus in words (and the scale note), then its top N with reasons."""
    title = Text(f"{number}. {item.file}")  # a Text: a file name with [brackets] is not markup
    if item.result is None:
        return Panel(Text(translate("meeting.not_read", lang), style="bold red"), title=title, title_align="left")
    result = item.result
    head = Text("; ".join(casus_phrases(result.casus, result.ruleset.vocabulary, lang)), style="dim")
    scale = scale_phrase(result.casus, lang)
    if scale:
        head.append("\n" + scale, style="italic")
    shown = agenda.shown(item)
    if not shown:
        return Panel(
            Group(head, Text(translate("view.none", lang), style="bold yellow")),
            title=title,
            title_align="left",
            box=box.ROUNDED,
        )
    # A grid gives the reasons a hanging indent under their offer.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", width=2, no_wrap=True)
    grid.add_column(ratio=1)
    for referral in shown:
        line = Text(referral.offer.name, style="bold")
        line.append(f" ({referral.offer.organisation}) · score {referral.score}")
        grid.add_row(Text(f"{referral.rank}.", style="bold"), line)
        for reason in referral.reasons:
            grid.add_row("", Text(f"• {reason.text.get(lang)} ({reason.weight:+d})"))
    return Panel(Group(head, grid), title=title, title_align="left", box=box.ROUNDED)


def render_meeting(agenda: Agenda, lang: str = "nl") -> RenderableType:
    """Panels per casus, then the offers that recur across casussen, then the footer."""
    parts: list[RenderableType] = [Text(translate("meeting.title", lang, count=len(agenda.items)), style="bold")]
    parts.extend(casus_item_panel(agenda, n, item, lang) for n, item in enumerate(agenda.items, start=1))
    parts.append(Text(translate("meeting.recurring", lang), style="bold underline"))
    recurring = agenda.recurring()
    if recurring:
        table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
        table.add_column(translate("meeting.col.offer", lang), ratio=3)
        table.add_column(translate("meeting.col.count", lang), justify="right", width=8, no_wrap=True)
        table.add_column(translate("meeting.col.where", lang), ratio=5)
        for found in recurring:
            table.add_row(found.offer.name, str(len(found.places)), _where(found.places))
        parts.append(table)
    else:
        parts.append(Text(translate("meeting.recurring.none", lang, top=agenda.top or "∞")))
    unread = [item.file for item in agenda.items if item.result is None]
    if unread:
        parts.append(
            Text(translate("meeting.unreadable", lang, count=len(unread), files=", ".join(unread)), style="bold red")
        )
    text = _footer(agenda, lang)
    if text:
        parts.append(Text(text, style="dim"))
    return Group(*parts)


def meeting_markdown(agenda: Agenda, lang: str = "nl") -> str:
    """The meeting for the minutes: a section per casus, then the recurring offers."""
    lines = [f"## {translate('meeting.title', lang, count=len(agenda.items))}", ""]
    for number, item in enumerate(agenda.items, start=1):
        lines.append(f"### {number}. {item.file}")
        lines.append("")
        if item.result is None:
            lines += [f"_{translate('meeting.not_read', lang)}_", ""]
            continue
        result = item.result
        phrases = "; ".join(casus_phrases(result.casus, result.ruleset.vocabulary, lang))
        lines.append(f"**{translate('view.casus', lang)}:** {phrases}")
        scale = scale_phrase(result.casus, lang)
        if scale:
            lines += ["", f"_{scale}_"]
        lines.append("")
        shown = agenda.shown(item)
        if not shown:
            lines.append(translate("view.none", lang))
        for referral in shown:
            offer = referral.offer
            lines.append(f"{referral.rank}. **{offer.name}** ({offer.organisation}) — score {referral.score}")
            lines.extend(f"   - {r.text.get(lang)} ({r.weight:+d})" for r in referral.reasons)
        lines.append("")
    lines += [f"### {translate('meeting.recurring', lang)}", ""]
    recurring = agenda.recurring()
    if not recurring:
        lines.append(translate("meeting.recurring.none", lang, top=agenda.top or "∞"))
    for found in recurring:
        lines.append(f"- **{found.offer.name}**: {len(found.places)} × — {_where(found.places)}")
    unread = [item.file for item in agenda.items if item.result is None]
    if unread:
        lines += ["", translate("meeting.unreadable", lang, count=len(unread), files=", ".join(unread))]
    text = _footer(agenda, lang)
    if text:
        lines += ["", f"<sub>{text}</sub>"]
    lines.append("")
    return "\n".join(lines)


def meeting_json(agenda: Agenda, lang: str = "nl") -> dict[str, Any]:
    """Every casus with its referrals (or its problems), and the recurring offers."""
    casussen: list[dict[str, Any]] = []
    for item in agenda.items:
        if item.result is None:
            casussen.append({"file": item.file, "problems": [p.to_json(lang) for p in item.problems]})
            continue
        result = item.result
        audience = result.casus.get("audience")
        casussen.append(
            {
                "file": item.file,
                "casus": result.casus.to_json(agenda.ruleset.vocabulary),
                "referrals": [referral_json(a, audience, lang) for a in agenda.shown(item)],
            }
        )
    return {
        "tool": tool_json(),
        "ruleset": ruleset_json(agenda.ruleset),
        "lang": lang,
        "top": agenda.top,
        "casussen": casussen,
        "recurring": [
            {
                "offer": found.offer.id,
                "name": found.offer.name,
                "places": [{"file": file, "rank": rank} for file, rank in found.places],
            }
            for found in agenda.recurring()
        ],
    }
