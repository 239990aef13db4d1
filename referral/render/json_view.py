"""JSON output of `match` (public contract: keys may be added, never renamed)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from referral import __version__

if TYPE_CHECKING:  # pragma: no cover - imported lazily: `referral.engine.compiled` uses this module on a cold start
    from datetime import datetime

    from referral.core.model import Ruleset
    from referral.engine.match import Assessment, Explanation, MatchResult


def tool_json() -> dict[str, str]:
    return {"name": "referral", "version": __version__}


def ruleset_json(ruleset: Ruleset) -> dict[str, Any]:
    """The content's identity: digest and counts, and its git commit where it lives in git."""
    return ruleset_fields(ruleset.digest, len(ruleset.offers), len(ruleset.rules), ruleset.commit, ruleset.root)


def ruleset_fields(digest: str, offers: int, rules: int, commit: str | None, root: str) -> dict[str, Any]:
    """`ruleset_json` from plain values (shared with the compiled fast route of batch and match)."""
    from referral.core.provenance import git_commit

    data: dict[str, Any] = {"digest": digest, "offers": offers, "rules": rules}
    commit = commit or (git_commit(root) if root else None)
    if commit:
        data["commit"] = commit
    return data


def offer_json(item: Assessment, audience: str | None) -> dict[str, Any]:
    offer = item.offer
    return {
        "id": offer.id,
        "name": offer.name,
        "organisation": offer.organisation,
        "audience": audience if audience in offer.audiences else offer.audiences[0],
        "audiences": list(offer.audiences),
        "wijken": list(offer.wijken) if offer.wijken is not None else "all",
        "modality": list(offer.modality),
        "contact": offer.contact.to_json(),
        "reviewed": offer.reviewed,
    }


def referral_json(item: Assessment, audience: str | None, lang: str) -> dict[str, Any]:
    return {
        "rank": item.rank,
        "score": item.score,
        "offer": offer_json(item, audience),
        "reasons": [{"rule": r.rule, "weight": r.weight, "text": r.text.get(lang)} for r in item.reasons],
    }


# referral.engine.compiled.Program.line writes this same object as one line (batch, a cold `match`);
# tests/test_batch.py checks that both stay byte-identical: change them together.
def match_json(
    result: MatchResult, lang: str = "nl", top: int | None = None, now: datetime | None = None
) -> dict[str, Any]:
    """The match contract. With `now` (an explicit --now), also "now" and each referral's
    "reachable"; without it the output stays byte-identical for the same inputs."""
    vocabulary = result.ruleset.vocabulary
    audience = result.casus.get("audience")
    shown = result.referrals if not top else result.referrals[:top]
    data: dict[str, Any] = {
        "tool": tool_json(),
        "ruleset": ruleset_json(result.ruleset),
        "lang": lang,
        "casus": result.casus.to_json(vocabulary),
        "referrals": [referral_json(item, audience, lang) for item in shown],
        "counts": {
            "referrals": len(result.referrals),
            "shown": len(shown),
            "eligible_without_score": len(result.unranked),
            "ineligible": len(result.ineligible),
        },
    }
    if result.casus.has_note:
        # The note itself is never printed back, but nothing the user gave is silently dropped.
        data["note_given"] = True
    if now is not None:
        from referral.core.schedule import local, reachability, reachability_json

        data["now"] = local(now).isoformat()
        for item, referral in zip(shown, data["referrals"], strict=True):
            referral["reachable"] = reachability_json(reachability(item.offer.contact.schedule, now), lang)
    return data


def explain_json(result: MatchResult, explanation: Explanation, lang: str = "nl") -> dict[str, Any]:
    from referral.engine.conditions import describe_unmet
    from referral.render.describe import failure_text

    item = explanation.assessment
    vocabulary = result.ruleset.vocabulary
    casus = result.casus
    status = "referred" if item.referred else ("eligible_without_score" if item.eligible else "ineligible")
    return {
        "tool": tool_json(),
        "ruleset": ruleset_json(result.ruleset),
        "lang": lang,
        "casus": casus.to_json(vocabulary),
        "explain": {
            "offer": item.offer.id,
            "status": status,
            "rank": item.rank,
            "score": item.score,
            "reasons": [{"rule": r.rule, "weight": r.weight, "text": r.text.get(lang)} for r in item.reasons],
            "failures": [
                {"kind": f.kind, "text": text}
                for f in item.failures
                for text in failure_text(f, casus, vocabulary, lang)
            ],
            "missed_rules": [
                {
                    "rule": missed.rule.id,
                    "weight": missed.rule.effect.weight,
                    "unmet": [describe_unmet(u, casus.signals, vocabulary, lang) for u in missed.unmet],
                }
                for missed in explanation.missed
            ],
            "ranked_above": [a.offer.id for a in explanation.above],
        },
    }


def dumps(data: Any) -> str:
    """Stable JSON text: same data, same bytes."""
    return json.dumps(data, ensure_ascii=False, indent=2)
