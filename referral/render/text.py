"""Texts shared by the rich and Markdown views: the same sentences in both."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from referral import __version__
from referral.core.i18n import translate
from referral.core.model import Offer
from referral.core.phrases import describe_unmets
from referral.engine.result import PERSON, MatchResult
from referral.render.describe import capacity_source_text, capacity_text, day_text, failure_text

if TYPE_CHECKING:  # pragma: no cover - what only --explain creates
    from referral.engine.explanation import Explanation


def footer(result: MatchResult, lang: str, offers: Sequence[Offer]) -> str:
    """Version, content digest, the day of the advice and how many shown offers a person checked."""
    head, commit = footer_parts(result, lang, offers)
    return f"{head} · {commit}" if commit else head


def footer_parts(result: MatchResult, lang: str, offers: Sequence[Offer]) -> tuple[str, str]:
    """The footer and its 'commit …' part apart, so that a terminal view keeps the commit whole."""
    ruleset = result.ruleset
    commit: str | None = ruleset.commit
    changed: bool | None = False
    if commit is None:
        from referral.content.worktree import working_commit

        commit, changed = working_commit(ruleset.folders, ruleset.digest)
    suffix = f"commit {commit[:10]}" if commit else ""
    if commit and changed:
        suffix += "+" + translate("view.commit_modified", lang)
    elif commit and changed is None:
        suffix += "+?"  # git could not tell whether the content is that commit's
    return (
        translate(
            "view.footer",
            lang,
            version=__version__,
            digest=ruleset.digest[:19],
            offers=len(ruleset.offers),
            rules=len(ruleset.rules),
            day=day_text(result.day.isoformat(), lang),
            checked=sum(1 for offer in offers if offer.reviewed),
            shown=len(offers),
        ),
        suffix,
    )


def hidden_line(result: MatchResult, lang: str, shown: int, hints: bool = True) -> str:
    """What is not shown: more referrals, offers without points, offers not available."""
    parts = []
    more = len(result.referrals) - shown
    if more > 0:
        parts.append(translate("view.more", lang, count=more))
        if hints:
            parts.append(translate("view.more_hint", lang))
    parts.append(translate("view.hidden", lang, unranked=result.unranked_count, ineligible=result.ineligible_count))
    if hints:
        parts.append(translate("view.explain_hint", lang))
    return " ".join(parts)


def note_texts(result: MatchResult, lang: str) -> list[str]:
    """The advice notes (not lonely, no offer in the person's language, ...), in words."""
    vocabulary = result.ruleset.vocabulary
    texts = {note.id: note.text.get(lang) for note in vocabulary.notes}
    found = []
    for note in result.notes:
        if note == "language_unserved":
            from referral.core.phrases import describe_value

            languages = describe_value(vocabulary.signals.get("languages"), result.casus.signals.get("languages"), lang)
            found.append(translate("note.language_unserved", lang, languages=languages))
        else:
            found.append(texts.get(note, note))
    return found


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
        part = result.referrals if item.part == PERSON else result.for_asker
        headline = translate(
            "explain.referred",
            lang,
            name=name,
            rank=item.rank,
            score=item.score,
            total=len(part),
            part=translate("view.part.person" if item.part == PERSON else "view.part.asker", lang).lower(),
        )
    elif item.full and item.capacity is not None:
        headline = translate(
            "explain.full",
            lang,
            name=name,
            score=item.score,
            day=day_text(item.capacity.as_of, lang),
            rank=explanation.rank_if_open,
            part=translate("view.part.person" if item.part == PERSON else "view.part.asker", lang).lower(),
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
    if item.capacity is not None:
        lines = [capacity_text(item.capacity, lang), capacity_source_text(item.capacity, lang)]
        sections.append((translate("explain.capacity", lang), lines))
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
            unmet = "; ".join(describe_unmets(missed.unmet, casus.signals, vocabulary, lang))
            lines.append(f"{missed.rule.id} ({missed.rule.effect.weight:+d}): {unmet}")
        sections.append((translate("explain.missed", lang), lines))
    if explanation.above:
        sections.append(
            (
                translate("explain.above", lang),
                [
                    f"{a.rank}. {a.offer.name} ({a.score})"
                    + ("" if why == "score" else translate(f"explain.above.{why}", lang, id=a.offer.id))
                    for a, why in zip(explanation.above, explanation.above_because, strict=True)
                ],
            )
        )
    return headline, sections
