"""The rich terminal view an ambassador reads at a meeting. Returns renderables; never prints.

Readable at 80 columns and without colour: meaning is carried by text and layout, colour only
adds emphasis. Each referral is a block: rank, name and score; organisation, kind of help and
short id; the reasons; how to reach it; and its web address on a line of its own, never wrapped
or cut (a link where the terminal supports it).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from referral.core.i18n import translate
from referral.engine.result import Assessment, MatchResult
from referral.render.describe import (
    asker_phrase,
    capacity_text,
    casus_phrases_without_asker,
    caveat_texts,
    clean,
    contact_lines,
    offer_facts,
    review_text,
    scale_phrase,
)
from referral.render.text import explanation_lines, footer_parts, hidden_line, note_texts

if TYPE_CHECKING:  # pragma: no cover - what only --explain creates
    from referral.engine.explanation import Explanation

BAR_WIDTH = 8
INDENT = "    "


def score_bar(score: int, best: int) -> Text:
    filled = round(BAR_WIDTH * score / best) if best > 0 else 0
    filled = max(1, min(BAR_WIDTH, filled)) if score > 0 else 0
    bar = Text("█" * filled, style="green")
    bar.append("░" * (BAR_WIDTH - filled), style="dim")
    bar.append(f" {score}")
    return bar


def casus_panel(result: MatchResult, lang: str) -> Panel:
    casus = result.casus
    text = Text()
    if casus.title:
        text.append(clean(casus.title) + "\n", style="bold")
    text.append(asker_phrase(casus, lang).capitalize() + "\n", style="italic")
    text.append("; ".join(casus_phrases_without_asker(casus, result.ruleset.vocabulary, lang)))
    scale = scale_phrase(casus, lang)
    if scale:
        text.append("\n" + scale, style="italic")
    return Panel(text, title=Text(translate("view.casus", lang)), title_align="left", box=box.ROUNDED)


def notes_panel(result: MatchResult, lang: str) -> Panel | None:
    texts = note_texts(result, lang)
    if not texts:
        return None
    body = Text("\n").join(Text(t) for t in texts)
    return Panel(body, title=Text(translate("view.notes", lang)), title_align="left", box=box.HEAVY, style="yellow")


def referral_block(
    item: Assessment, best: int, lang: str, now: datetime | None, vocabulary: object, boxed: bool = False
) -> RenderableType:
    """One referral: everything a professional needs to act on it the same minute.

    `boxed`: inside a panel (the meeting view), whose border would cut a long web address; there
    it folds onto the next line instead (still one link), never cut."""
    offer = item.offer
    head = Table.grid(expand=True)
    head.add_column(width=4, no_wrap=True)
    head.add_column(ratio=1)
    head.add_column(width=BAR_WIDTH + 5, no_wrap=True, justify="right")
    number = f"{item.rank:>2}." if item.rank is not None else " –"  # a full offer is listed, not ranked
    head.add_row(Text(number, style="bold"), Text(clean(offer.name), style="bold"), score_bar(item.score, best))
    facts = [clean(offer.organisation), *offer_facts(offer, vocabulary, lang)]  # type: ignore[arg-type]
    id_text = translate("view.id", lang, id=offer.id)
    lines: list[RenderableType] = [head, indented(_KeptTail(" · ".join(facts), id_text, style="dim"))]
    capacity = item.capacity
    if capacity is not None:
        full_or_waiting = capacity.status in ("full", "waitlist")
        mark, style = ("⚠ ", "bold yellow") if full_or_waiting else ("✓ ", "green")
        lines.append(marked(mark, [capacity_text(capacity, lang)], style=style))
    caveats = caveat_texts(item, lang)
    if caveats:
        lines.append(marked("⚠ ", caveats, style="yellow"))
    if item.reasons:
        lines.append(marked("• ", [f"{clean(r.text.get(lang))} ({r.weight:+d})" for r in item.reasons]))
    contact = contact_lines(offer.contact, lang, url=False)
    if now is not None and offer.contact.schedule:
        from referral.core.schedule import reachability, reachability_text

        contact.append(reachability_text(reachability(offer.contact.schedule, now), lang))
    if contact:
        lines.append(indented(" · ".join(clean(c) for c in contact), style="cyan"))
    if offer.contact.url:
        url = clean(offer.contact.url)
        # the indent stays plain: in HTML and SVG a link's underline starts at the address
        if boxed:
            lines.append(Text.assemble(INDENT, (url, f"cyan link {url}"), overflow="fold"))
        else:
            lines.append(Text.assemble(INDENT, (url, f"cyan link {url}"), no_wrap=True, overflow="ignore"))
    if not (contact or offer.contact.url or offer.contact.phone):
        lines.append(indented(translate("view.no_contact", lang), style="yellow"))
    review = review_text(offer, lang)
    if review:
        lines.append(marked("⚠ ", [review], style="dim yellow"))
    return Group(*lines)


def indented(text: str | RenderableType, style: str = "") -> Padding:
    """A paragraph that wraps under its own indent."""
    body = Text(text, style=style) if isinstance(text, str) else text
    return Padding(body, (0, 0, 0, len(INDENT)), expand=False)


def marked(mark: str, texts: list[str], style: str = "") -> Padding:
    """Indented paragraphs that each open with `mark` ('• ', '⚠ ')."""
    return Padding(_Hanging(mark, texts, style), (0, 0, 0, len(INDENT)), expand=False)


class _Hanging:
    """Paragraphs that each open with a mark and wrap under their own text, not under the mark.
    Wrapped here at the width given: a grid a paragraph made the whole view twice as slow."""

    def __init__(self, mark: str, texts: list[str], style: str = "") -> None:
        self.mark, self.texts, self.style = mark, texts, style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width - len(self.mark))
        under = Text(" " * len(self.mark))
        for text in self.texts:
            for n, line in enumerate(Text(text, style=self.style).wrap(console, width)):
                line.rstrip()
                yield Text.assemble(Text(self.mark, style=self.style) if n == 0 else under, line, no_wrap=True)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((Measurement.get(console, options, Text(t)) for t in self.texts), key=lambda m: m.maximum)
        return Measurement(widest.minimum + len(self.mark), widest.maximum + len(self.mark))


def footer_view(head: str, commit: str) -> RenderableType:
    """The footer, dim; 'commit …' is never split from its hash at the end of a line."""
    return _KeptTail(head, commit, style="dim") if commit else Text(head, style="dim")


class _KeptTail:
    """A wrapped paragraph whose last part ("id senior-en-student-utrecht") is never split from
    itself: where wrapping would break it, it starts a line of its own. Rich breaks at any space,
    a no-break space included, so the paragraph measures its own width."""

    def __init__(self, text: str, tail: str, style: str = "") -> None:
        self.text, self.tail, self.style = text, tail, style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        joined = Text(f"{self.text} · {self.tail}" if self.text else self.tail, style=self.style)
        wrapped = joined.wrap(console, options.max_width)
        if len(self.tail) <= options.max_width and not any(self.tail in line.plain for line in wrapped):
            joined = Text(f"{self.text} ·\n{self.tail}" if self.text else self.tail, style=self.style)
        yield joined

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, Text(f"{self.text} · {self.tail}"))


def part_view(items: tuple[Assessment, ...], title: str, lang: str, now: datetime | None, vocabulary: object) -> Group:
    best = max(item.score for item in items)
    blocks: list[RenderableType] = [Text(title, style="bold underline")]
    for item in items:
        blocks.append(referral_block(item, best, lang, now, vocabulary))
        blocks.append(Text(""))
    return Group(*blocks)


def render_match(
    result: MatchResult,
    lang: str = "nl",
    top: int | None = None,
    now: datetime | None = None,
    export: bool = False,
    **_: object,
) -> RenderableType:
    """The ranked view; with `now`, each offer also says whether it is reachable at that time.

    `export`: for a file to share (no command-line hints; the document carries the title)."""
    vocabulary = result.ruleset.vocabulary
    shown = result.referrals if not top else result.referrals[:top]
    asker = result.for_asker if not top else result.for_asker[:top]
    parts: list[RenderableType] = [] if export else [Text(translate("view.title", lang), style="bold")]
    parts.append(casus_panel(result, lang))
    notes = notes_panel(result, lang)
    if notes is not None:
        parts.append(notes)
    helper = result.casus.signals.get("audience") == "helper"
    full = result.full if not top else result.full[:top]
    asker_full = result.asker_full if not top else result.asker_full[:top]
    if shown:
        parts.append(part_view(shown, translate("view.part.person", lang), lang, now, vocabulary))
    else:
        parts.append(Text(translate("view.none", lang), style="bold yellow"))
    if full:  # visible, after the referrals: never where the person would be sent first
        parts.append(part_view(full, translate("view.part.full", lang), lang, now, vocabulary))
    if helper:
        if asker:
            parts.append(part_view(asker, translate("view.part.asker", lang), lang, now, vocabulary))
        else:
            parts.append(Text(translate("view.none_asker", lang), style="yellow"))
        if asker_full:
            parts.append(part_view(asker_full, translate("view.part.asker_full", lang), lang, now, vocabulary))
    parts.append(Text(hidden_line(result, lang, len(shown), hints=not export), style="dim"))
    offers = [a.offer for a in (*shown, *asker, *full, *asker_full)]
    parts.append(footer_view(*footer_parts(result, lang, offers)))
    return Group(*parts)


def render_explain(explanation: Explanation, lang: str = "nl", **_: object) -> RenderableType:
    result = explanation.assessment.result
    assert result is not None
    headline, sections = explanation_lines(result, explanation, lang)
    body: list[RenderableType] = [Text(clean(headline), style="bold")]
    for title, lines in sections:
        body.append(Text(f"\n{title}", style="underline"))
        body.append(_Hanging("• ", [clean(line) for line in lines]))  # wrapped under its own text
    title = translate("explain.title", lang, name=clean(explanation.assessment.offer.name))
    return Group(
        casus_panel(result, lang),
        Panel(Group(*body), title=Text(title), title_align="left", box=box.ROUNDED),  # names are text, not markup
        footer_view(*footer_parts(result, lang, [explanation.assessment.offer])),
    )
