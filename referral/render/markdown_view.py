"""Markdown for case notes: plain enough to paste into any dossier system.

Everything that comes from content or a file name is escaped (`md`): a name cannot start a
heading, open a link or carry HTML. Web addresses are autolinks, whole, never cut.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

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
from referral.render.text import explanation_lines, footer, hidden_line, note_texts

if TYPE_CHECKING:  # pragma: no cover - what only --explain creates
    from referral.engine.explanation import Explanation

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_URL = re.compile(r"https?://[^\s<>\"'`]+")


def md(text: str) -> str:
    """Text safe inside a Markdown line: one line, markup characters escaped, controls removed."""
    escaped = _SPECIAL.sub(r"\\\1", " ".join(clean(text).split()))
    return "\\" + escaped if escaped[:1] in ("#", "-", "+", "=") else escaped


def md_url(url: str) -> str:
    """An autolink for a plain http(s) address; anything else as escaped text."""
    return f"<{url}>" if _URL.fullmatch(url) else md(url)


def _part(
    lines: list[str], items: tuple[Assessment, ...], title: str, lang: str, now: datetime | None, vocabulary: object
) -> None:
    lines += [f"### {md(title)}", ""]
    for item in items:
        offer = item.offer
        facts = " · ".join(md(f) for f in offer_facts(offer, vocabulary, lang))  # type: ignore[arg-type]
        number = f"{item.rank}." if item.rank is not None else "-"  # a full offer is listed, not ranked
        lines.append(f"{number} **{md(offer.name)}** ({md(offer.organisation)}) — score {item.score} · `{offer.id}`")
        if facts:
            lines.append(f"   - {facts}")
        if item.capacity is not None:
            mark = "⚠ " if item.capacity.status in ("full", "waitlist") else ""
            lines.append(f"   - {mark}**{md(capacity_text(item.capacity, lang))}**")
        for caveat in caveat_texts(item, lang):
            lines.append(f"   - ⚠ {md(caveat)}")
        for reason in item.reasons:
            lines.append(f"   - {md(reason.text.get(lang))} ({reason.weight:+d})")
        contact = [md(c) for c in contact_lines(offer.contact, lang, url=False)]
        if offer.contact.url:
            contact.append(md_url(offer.contact.url))
        if contact:
            lines.append(f"   - {translate('view.contact', lang)}: " + " · ".join(contact))
        else:
            lines.append(f"   - {md(translate('view.no_contact', lang))}")
        if now is not None and offer.contact.schedule:
            from referral.core.schedule import reachability, reachability_text

            lines.append(f"   - {md(reachability_text(reachability(offer.contact.schedule, now), lang))}")
        review = review_text(offer, lang)
        if review:
            lines.append(f"   - ⚠ {md(review)}")
    lines.append("")


def match_markdown(
    result: MatchResult,
    lang: str = "nl",
    top: int | None = None,
    now: datetime | None = None,
    export: bool = False,
    **_: object,
) -> str:
    """Advice for the case notes; with `now`, reachability at that (stated) time for each offer."""
    vocabulary = result.ruleset.vocabulary
    casus = result.casus
    shown = result.referrals if not top else result.referrals[:top]
    asker = result.for_asker if not top else result.for_asker[:top]
    lines = [f"## {translate('view.title', lang)}" + (f": {md(casus.title)}" if casus.title else ""), ""]
    lines.append(f"**{translate('view.casus', lang)}:** {md(asker_phrase(casus, lang).capitalize())}. ")
    lines.append("; ".join(md(p) for p in casus_phrases_without_asker(casus, vocabulary, lang)))
    scale = scale_phrase(casus, lang)
    if scale:
        lines += ["", f"_{md(scale)}_"]
    if now is not None:
        from referral.core.schedule import local, moment_words

        lines += ["", f"_{md(translate('schedule.at', lang, when=moment_words(local(now), lang)))}_"]
    lines.append("")
    for note in note_texts(result, lang):
        lines += [f"> **{translate('view.notes', lang)}:** {md(note)}", ""]
    full = result.full if not top else result.full[:top]
    asker_full = result.asker_full if not top else result.asker_full[:top]
    if shown:
        _part(lines, shown, translate("view.part.person", lang), lang, now, vocabulary)
    else:
        lines += [md(translate("view.none", lang)), ""]
    if full:
        _part(lines, full, translate("view.part.full", lang), lang, now, vocabulary)
    if casus.signals.get("audience") == "helper":
        if asker:
            _part(lines, asker, translate("view.part.asker", lang), lang, now, vocabulary)
        else:
            lines += [md(translate("view.none_asker", lang)), ""]
        if asker_full:
            _part(lines, asker_full, translate("view.part.asker_full", lang), lang, now, vocabulary)
    offers = [a.offer for a in (*shown, *asker, *full, *asker_full)]
    lines += [
        md(hidden_line(result, lang, len(shown), hints=not export)),
        "",
        f"<sub>{md(footer(result, lang, offers))}</sub>",
        "",
    ]
    return "\n".join(lines)


def explain_markdown(explanation: Explanation, lang: str = "nl", **_: object) -> str:
    result = explanation.assessment.result
    assert result is not None
    headline, sections = explanation_lines(result, explanation, lang)
    title = translate("explain.title", lang, name=md(explanation.assessment.offer.name))
    lines = [f"## {title}", "", md(headline), ""]
    for section, items in sections:
        lines.append(f"**{md(section)}**")
        lines.extend(f"- {md(text)}" for text in items)
        lines.append("")
    lines.append(f"<sub>{md(footer(result, lang, [explanation.assessment.offer]))}</sub>")
    lines.append("")
    return "\n".join(lines)
