"""The views of `referral test`: each case that needs a look (every case with `verbose`), what
came instead and why, the summary and the coverage; or JSON."""

from __future__ import annotations

from typing import Any

from referral.analysis.goldens import GoldenRun
from referral.core.i18n import translate
from referral.render.json_lines import tool_json
from referral.render.json_view import dumps

STATUS = {"pass": "test.pass", "fail": "test.fail", "known_gap": "test.known_gap", "gap_closed": "test.gap_closed"}


def render_text(run: GoldenRun, lang: str = "nl", verbose: bool = False, show_coverage: bool = False, **_: Any) -> str:
    lines: list[str] = []
    for outcome in run.outcomes:
        if not verbose and outcome.status == "pass":
            continue  # the summary counts them; --verbose lists them
        status = translate(STATUS[outcome.status], lang)
        lines.append(f"{outcome.case.where}: {outcome.case.name}: {status}")
        if outcome.case.known_gap:
            lines.append(f"    {translate('test.gap_reason', lang, reason=outcome.case.known_gap)}")
        lines.extend(f"    - {failure}" for failure in outcome.failures)
        if outcome.failures and outcome.result is not None:
            for item in outcome.result.referrals[:5]:
                reasons = ", ".join(f"{r.rule} {r.weight:+d}" for r in item.reasons)
                lines.append(
                    f"      {translate('test.came', lang)} {item.rank}. {item.offer.id} ({item.score}): {reasons}"
                )
    passed, failed, gaps = run.passed, len(run.failed), len(run.gaps)
    if gaps:
        lines.append(translate("test.summary_gaps", lang, passed=passed, failed=failed, gaps=gaps))
    else:
        lines.append(translate("test.summary", lang, passed=passed, failed=failed))
    coverage, ruleset = run.coverage, run.ruleset
    if show_coverage or run.min_coverage is not None:
        lines.append(
            translate(
                "test.coverage",
                lang,
                rules_hit=len(coverage.rules_fired),
                rules=len(ruleset.rules),
                offers_hit=len(coverage.offers_referred),
                offers=coverage.offers_total,
                percent=coverage.percent,
            )
        )
    if show_coverage:
        never = translate("test.never_fired", lang)
        lines.extend(f"{r.location}: {r.id}: {never}" for r in ruleset.rules if r.id not in coverage.rules_fired)
        unreferred = translate("test.never_referred", lang)
        lines.extend(
            f"{o.location}: {o.id}: {unreferred}" for o in run.advisable if o.id not in coverage.offers_referred
        )
    return "".join(line + "\n" for line in lines)


def render_json(run: GoldenRun, lang: str = "nl", **_: Any) -> str:
    coverage, ruleset = run.coverage, run.ruleset
    return dumps(
        {
            "tool": tool_json(),
            "ruleset": {"digest": ruleset.digest},
            "passed": run.passed,
            "failed": len(run.failed),
            "known_gaps": len(run.gaps),
            "cases": [
                {
                    "name": o.case.name,
                    "file": o.case.file,
                    "line": o.case.line,
                    "passed": o.passed,
                    "status": o.status,
                    "known_gap": o.case.known_gap,
                    "failures": list(o.failures),
                }
                for o in run.outcomes
            ],
            "coverage": {
                "percent": coverage.percent,
                "rules_never_fired": sorted(r.id for r in ruleset.rules if r.id not in coverage.rules_fired),
                "offers_never_referred": sorted(o.id for o in run.advisable if o.id not in coverage.offers_referred),
            },
        }
    )
