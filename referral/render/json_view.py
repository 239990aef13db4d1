"""JSON of `match` and `--explain` (public contract: keys may be added, never renamed).

The match object itself is written by `referral.render.json_lines.JsonWriter`, the one encoder of
the contract; this module gives it its indented form and adds what only an explicit `--now`
shows ("now", and per referral "reachable").
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from referral.render.json_lines import ruleset_fields, tool_json

if TYPE_CHECKING:  # pragma: no cover
    from datetime import datetime

    from referral.core.model import Ruleset
    from referral.engine.explanation import Explanation
    from referral.engine.result import MatchResult
    from referral.render.json_lines import JsonWriter


def ruleset_json(ruleset: Ruleset) -> dict[str, Any]:
    return ruleset_fields(ruleset.digest, len(ruleset.offers), len(ruleset.rules), ruleset.commit, ruleset.folders)


def dumps(data: Any) -> str:
    """Stable JSON text: same data, same bytes."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def pretty(line: bytes) -> str:
    """A one-line match object as `match --format json` prints it."""
    return dumps(json.loads(line))


def match_json(
    result: MatchResult,
    lang: str = "nl",
    top: int | None = None,
    now: datetime | None = None,
    writer: JsonWriter | None = None,
    **_: Any,
) -> dict[str, Any]:
    """The match contract. With `now` (an explicit --now), also "now" and each referral's
    "reachable"; without it the output stays byte-identical for the same inputs."""
    from referral.render.json_lines import JsonWriter

    writer = writer or JsonWriter.of(result.ruleset)
    data: dict[str, Any] = json.loads(
        writer.casus_line(result.program, result.decision, result.casus, lang, top, result.ranking)
    )
    if now is not None:
        from referral.core.schedule import local, reachability, reachability_json

        data["now"] = local(now).isoformat()
        parts = (
            (result.referrals, "referrals"),
            (result.for_asker, "for_asker"),
            (result.full, "full"),
            (result.asker_full, "for_asker_full"),
        )
        for part, key in parts:
            for item, referral in zip(part, data.get(key, ()), strict=False):
                referral["reachable"] = reachability_json(reachability(item.offer.contact.schedule, now), lang)
    return data


def match_text(result: MatchResult, **options: Any) -> str:
    return dumps(match_json(result, **options))


def explain_json(
    explanation: Explanation, lang: str = "nl", writer: JsonWriter | None = None, **_: Any
) -> dict[str, Any]:
    from referral.core.phrases import describe_unmets
    from referral.render.describe import failure_text
    from referral.render.json_lines import JsonWriter

    item = explanation.assessment
    result = item.result
    assert result is not None
    vocabulary = result.ruleset.vocabulary
    casus = result.casus
    writer = writer or JsonWriter.of(result.ruleset)
    status = "referred" if item.referred else ("eligible_without_score" if item.eligible else "ineligible")
    if item.full:
        status = "full"  # eligible and scored, but full on the day: listed, not referred
    data = {
        "tool": tool_json(),
        "ruleset": ruleset_json(result.ruleset),
        "lang": lang,
        "as_of": result.day.isoformat(),
        "casus": json.loads(writer.casus_text(casus.signals, casus.scale)),
        "explain": {
            "offer": item.offer.id,
            "status": status,
            "part": item.part,
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
                    "unmet": describe_unmets(missed.unmet, casus.signals, vocabulary, lang),
                }
                for missed in explanation.missed
            ],
            "ranked_above": [a.offer.id for a in explanation.above],
            # what put each there: score, turn (another kind of help first), or the tie-break
            # between equal scores (wijk, route, id)
            "ranked_above_because": dict(
                zip((a.offer.id for a in explanation.above), explanation.above_because, strict=True)
            ),
        },
    }
    capacity = item.capacity
    if capacity is not None:  # keys added only where a capacity speaks for the day
        shown: dict[str, Any] = {"status": capacity.status, "as_of": capacity.as_of}
        if capacity.source is not None:
            shown["source"] = capacity.source.url or capacity.source.title
        data["explain"]["capacity"] = shown
    if explanation.rank_if_open is not None:
        data["explain"]["rank_if_open"] = explanation.rank_if_open
    return data


def explain_text(explanation: Explanation, **options: Any) -> str:
    return dumps(explain_json(explanation, **options))
