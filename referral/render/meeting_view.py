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

from referral.core.i18n import translate
from referral.engine.agenda import Agenda, AgendaItem
from referral.render.describe import asker_phrase, casus_phrases_without_asker, clean, scale_phrase
from referral.render.json_lines import tool_json
from referral.render.json_view import dumps, match_json, ruleset_json
from referral.render.markdown_view import md
from referral.render.rich_view import footer_view, notes_panel, referral_block
from referral.render.text import footer_parts, note_texts


def _where(places: tuple[tuple[str, int], ...]) -> str:
    return ", ".join(f"{clean(file)} ({rank})" for file, rank in places)


def _footer(agenda: Agenda, lang: str) -> tuple[str, str] | None:
    """The footer's text and its 'commit …' part, of the offers the meeting showed."""
    results = agenda.results
    if not results:
        return None
    offers = {a.offer.id: a.offer for item in agenda.items for a in agenda.shown(item)}
    return footer_parts(results[0], lang, [offers[k] for k in sorted(offers)])


def _label(item: AgendaItem, number: int) -> str:
    result = item.result
    title = result.casus.title if result is not None and result.casus.title else None
    return f"{number}. {clean(title)} ({clean(item.file)})" if title else f"{number}. {clean(item.file)}"


def casus_item_panel(agenda: Agenda, number: int, item: AgendaItem, lang: str) -> Panel:
    """One casus: the casus in words (and the scale note), then its top N with reasons and contact."""
    title = Text(_label(item, number))  # a Text: a file name with [brackets] is not markup
    if item.result is None:
        return Panel(Text(translate("meeting.not_read", lang), style="bold red"), title=title, title_align="left")
    result = item.result
    head = Text(asker_phrase(result.casus, lang).capitalize() + ". ", style="italic dim")
    head.append("; ".join(casus_phrases_without_asker(result.casus, result.ruleset.vocabulary, lang)), style="dim")
    scale = scale_phrase(result.casus, lang)
    if scale:
        head.append("\n" + scale, style="italic")
    parts: list[RenderableType] = [head]
    notes = notes_panel(result, lang)
    if notes is not None:
        parts.append(notes)
    shown = agenda.shown(item)
    if not shown:
        parts.append(Text(translate("view.none", lang), style="bold yellow"))
    else:
        best = max(referral.score for referral in shown)
        for referral in shown:
            parts.append(referral_block(referral, best, lang, None, result.ruleset.vocabulary, boxed=True))
    asker = result.for_asker[: agenda.top] if agenda.top else result.for_asker
    full = result.full[: agenda.top] if agenda.top else result.full
    asker_full = result.asker_full[: agenda.top] if agenda.top else result.asker_full
    for items, code in ((full, "view.part.full"), (asker, "view.part.asker"), (asker_full, "view.part.asker_full")):
        if items:  # full offers stay visible, after the referrals of their part
            parts.append(Text(translate(code, lang), style="bold underline"))
            best = max(referral.score for referral in items)
            parts.extend(
                referral_block(referral, best, lang, None, result.ruleset.vocabulary, boxed=True) for referral in items
            )
    return Panel(Group(*parts), title=title, title_align="left", box=box.ROUNDED)


def render_meeting(agenda: Agenda, lang: str = "nl", export: bool = False, **_: Any) -> RenderableType:
    """Panels per casus, then the offers that recur across casussen, then the footer (an export's
    document carries the title itself)."""
    title = Text(translate("meeting.title", lang, count=len(agenda.items)), style="bold")
    parts: list[RenderableType] = [] if export else [title]
    parts.extend(casus_item_panel(agenda, n, item, lang) for n, item in enumerate(agenda.items, start=1))
    parts.append(Text(translate("meeting.recurring", lang), style="bold underline"))
    recurring = agenda.recurring()
    if recurring:
        table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
        table.add_column(translate("meeting.col.offer", lang), ratio=3)
        table.add_column(translate("meeting.col.count", lang), justify="right", width=8, no_wrap=True)
        table.add_column(translate("meeting.col.where", lang), ratio=5)
        for found in recurring:
            table.add_row(clean(found.offer.name), str(len(found.places)), _where(found.places))
        parts.append(table)
    else:
        parts.append(Text(translate("meeting.recurring.none", lang, top=agenda.top or "∞")))
    unread = [item.file for item in agenda.items if item.result is None]
    if unread:
        parts.append(
            Text(translate("meeting.unreadable", lang, count=len(unread), files=", ".join(unread)), style="bold red")
        )
    shown_footer = _footer(agenda, lang)
    if shown_footer:
        parts.append(footer_view(*shown_footer))
    return Group(*parts)


def meeting_markdown(agenda: Agenda, lang: str = "nl", **_: Any) -> str:
    """The meeting for the minutes: a section per casus, then the recurring offers."""
    from referral.render.markdown_view import _part

    lines = [f"## {translate('meeting.title', lang, count=len(agenda.items))}", ""]
    for number, item in enumerate(agenda.items, start=1):
        lines.append(f"### {md(_label(item, number))}")
        lines.append("")
        if item.result is None:
            lines += [f"_{translate('meeting.not_read', lang)}_", ""]
            continue
        result = item.result
        phrases = "; ".join(md(p) for p in casus_phrases_without_asker(result.casus, result.ruleset.vocabulary, lang))
        lines.append(
            f"**{translate('view.casus', lang)}:** {md(asker_phrase(result.casus, lang).capitalize())}. {phrases}"
        )
        scale = scale_phrase(result.casus, lang)
        if scale:
            lines += ["", f"_{md(scale)}_"]
        lines.append("")
        for note in note_texts(result, lang):
            lines += [f"> **{translate('view.notes', lang)}:** {md(note)}", ""]
        shown = agenda.shown(item)
        if not shown:
            lines += [md(translate("view.none", lang)), ""]
        else:
            _part(lines, shown, translate("view.part.person", lang), lang, None, result.ruleset.vocabulary)
        asker = result.for_asker[: agenda.top] if agenda.top else result.for_asker
        full = result.full[: agenda.top] if agenda.top else result.full
        asker_full = result.asker_full[: agenda.top] if agenda.top else result.asker_full
        for items, code in ((full, "view.part.full"), (asker, "view.part.asker"), (asker_full, "view.part.asker_full")):
            if items:
                _part(lines, items, translate(code, lang), lang, None, result.ruleset.vocabulary)
    lines += [f"### {translate('meeting.recurring', lang)}", ""]
    recurring = agenda.recurring()
    if not recurring:
        lines.append(translate("meeting.recurring.none", lang, top=agenda.top or "∞"))
    for found in recurring:
        lines.append(f"- **{md(found.offer.name)}**: {len(found.places)} × — {md(_where(found.places))}")
    unread = [item.file for item in agenda.items if item.result is None]
    if unread:
        lines += ["", md(translate("meeting.unreadable", lang, count=len(unread), files=", ".join(unread)))]
    shown_footer = _footer(agenda, lang)
    if shown_footer:
        text = " · ".join(part for part in shown_footer if part)
        lines += ["", f"<sub>{md(text)}</sub>"]
    lines.append("")
    return "\n".join(lines)


def meeting_json(agenda: Agenda, lang: str = "nl", writer: Any = None, **_: Any) -> dict[str, Any]:
    """Every casus with its match object (top N) or its problems, and the recurring offers."""
    casussen: list[dict[str, Any]] = []
    for item in agenda.items:
        if item.result is None:
            casussen.append({"file": item.file, "problems": [p.to_json(lang) for p in item.problems]})
            continue
        data = match_json(item.result, lang, agenda.top, writer=writer)
        casussen.append(
            {
                "file": item.file,
                "casus": data["casus"],
                "notes": data["notes"],
                "referrals": data["referrals"],
                "for_asker": data["for_asker"],
                # present only when an offer is full: a meeting without capacity stays as it was
                **{key: data[key] for key in ("full", "for_asker_full") if key in data},
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


def meeting_text(agenda: Agenda, **options: Any) -> str:
    return dumps(meeting_json(agenda, **options))
