"""Texts shared by the rich and Markdown views: the same sentences in both."""

from __future__ import annotations

from collections.abc import Sequence

from referral import __version__
from referral.core.i18n import translate
from referral.core.model import Offer
from referral.core.provenance import git_commit
from referral.engine.conditions import describe_unmet
from referral.engine.match import Explanation, MatchResult
from referral.render.describe import failure_text


def footer(result: MatchResult, lang: str, offers: Sequence[Offer]) -> str:
    """Version, content digest and the oldest review date of the offers shown: traceable advice."""
    ruleset = result.ruleset
    dates = sorted(offer.reviewed for offer in offers if offer.reviewed)
    commit = ruleset.commit or (git_commit(ruleset.root) if ruleset.root else None)
    suffix = f" · commit {commit[:10]}" if commit else ""
    return translate(
        "view.footer",
        lang,
        version=__version__,
        digest=ruleset.digest[:19],
        offers=len(ruleset.offers),
        rules=len(ruleset.rules),
        reviewed=dates[0] if dates else translate("value.unknown", lang),
    ) + suffix


def hidden_line(result: MatchResult, lang: str, shown: int) -> str:
    parts = []
    if len(result.referrals) > shown:
        parts.append(translate("view.more", lang, count=len(result.referrals) - shown))
    parts.append(translate("view.hidden", lang, unranked=len(result.unranked), ineligible=len(result.ineligible)))
    return " ".join(parts)


def explanation_lines(
    result: MatchResult, explanation: Explanation, lang: str
) -> tuple[str, list[tuple[str, list[str]]]]:
    """A headline and titled sections of lines answering "why (not) this offer?"."""
    item = explanation.assessment
    vocabulary = result.ruleset.vocabulary
    casus = result.casus
    name = item.offer.name
    sections: list[tuple[str, list[str]]] = []
    if item.referred:
        headline = translate(
            "explain.referred", lang, name=name, rank=item.rank, score=item.score, total=len(result.referrals)
        )
    elif item.eligible:
        headline = translate("explain.unranked", lang, name=name, score=item.score)
    else:
        headline = translate("explain.ineligible", lang, name=name)
        sections.append(
            (
                translate("explain.failures", lang),
                [text for f in item.failures for text in failure_text(f, casus, vocabulary, lang)],
            )
        )
    if item.reasons:
        sections.append(
            (
                translate("explain.reasons", lang),
                [f"{r.text.get(lang)} ({r.weight:+d}, {r.rule})" for r in item.reasons],
            )
        )
    if explanation.missed:
        lines = []
        for missed in explanation.missed:
            unmet = "; ".join(describe_unmet(u, casus.signals, vocabulary, lang) for u in missed.unmet)
            lines.append(f"{missed.rule.id} ({missed.rule.effect.weight:+d}): {unmet}")
        sections.append((translate("explain.missed", lang), lines))
    if explanation.above:
        sections.append(
            (
                translate("explain.above", lang),
                [f"{a.rank}. {a.offer.name} ({a.score})" for a in explanation.above],
            )
        )
    return headline, sections
