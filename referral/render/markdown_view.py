"""Markdown for case notes: plain enough to paste into any dossier system."""

from __future__ import annotations

from datetime import datetime

from referral.core.i18n import translate
from referral.engine.match import Explanation, MatchResult
from referral.render.describe import casus_phrases, contact_lines, scale_phrase
from referral.render.text import explanation_lines, footer, hidden_line


def match_markdown(result: MatchResult, lang: str = "nl", top: int | None = None, now: datetime | None = None) -> str:
    """Advice for the case notes; with `now`, reachability at that (stated) time for each offer."""
    vocabulary = result.ruleset.vocabulary
    shown = result.referrals if not top else result.referrals[:top]
    lines = [f"## {translate('view.title', lang)}", ""]
    lines.append(f"**{translate('view.casus', lang)}:** " + "; ".join(casus_phrases(result.casus, vocabulary, lang)))
    scale = scale_phrase(result.casus, lang)
    if scale:
        lines += ["", f"_{scale}_"]
    if now is not None:
        from referral.core.schedule import local, moment_words

        lines += ["", f"_{translate('schedule.at', lang, when=moment_words(local(now), lang))}_"]
    lines.append("")
    if not shown:
        lines.append(translate("view.none", lang))
    for item in shown:
        offer = item.offer
        lines.append(f"{item.rank}. **{offer.name}** ({offer.organisation}) — score {item.score}")
        for reason in item.reasons:
            lines.append(f"   - {reason.text.get(lang)} ({reason.weight:+d})")
        contact = contact_lines(offer.contact, lang)
        if contact:
            lines.append(f"   - {translate('view.contact', lang)}: " + " · ".join(contact))
        if now is not None:
            from referral.core.schedule import reachability, reachability_text

            lines.append(f"   - {reachability_text(reachability(offer.contact.schedule, now), lang)}")
    lines += [
        "",
        hidden_line(result, lang, len(shown)),
        "",
        f"<sub>{footer(result, lang, [a.offer for a in shown])}</sub>",
        "",
    ]
    return "\n".join(lines)


def explain_markdown(result: MatchResult, explanation: Explanation, lang: str = "nl") -> str:
    headline, sections = explanation_lines(result, explanation, lang)
    lines = [f"## {translate('explain.title', lang, name=explanation.assessment.offer.name)}", "", headline, ""]
    for title, items in sections:
        lines.append(f"**{title}**")
        lines.extend(f"- {text}" for text in items)
        lines.append("")
    lines.append(f"<sub>{footer(result, lang, [explanation.assessment.offer])}</sub>")
    lines.append("")
    return "\n".join(lines)
