"""Golden casussen: YAML files of named cases (casus + expectations), as in sqlfluff's rule tests.

The same files drive the pytest suite and `referral test`, so a maintainer who changes a rule
sees exactly which expectation broke, what came instead, and the reasons behind what came.

    cases:
      - name: weduwe-overvecht
        casus: {age: 79, wijk: Overvecht, loneliness: {emotional: true}}
        expect:
          top: 3                       # window for `includes` (default 5)
          first: bezoekvrijwilligers   # the offer ranked first
          includes: [maatjesprojecten] # referred within the top window
          excludes: [join-us]          # never referred, at any rank
          ineligible: [join-us]        # not eligible at all
          reasons: {bezoekvrijwilligers: [rouw-een-op-een]}   # rules among an offer's reasons
          error: casus.unknown_value   # the casus must be refused with this problem code
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from referral import schemas
from referral.casus import parse_casus
from referral.engine import MatchResult, match
from referral.model import Ruleset
from referral.problems import Problem, ReferralError
from referral.yamlsource import Document, load_file

DEFAULT_TOP = 5


@dataclass(frozen=True)
class GoldenCase:
    name: str
    file: str
    line: int | None
    casus: Document
    expect: dict[str, Any]

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class CaseOutcome:
    case: GoldenCase
    failures: tuple[str, ...]
    result: MatchResult | None

    @property
    def passed(self) -> bool:
        return not self.failures


def load_cases(path: Path, display: str | None = None) -> list[GoldenCase]:
    """Cases of one file; raises ReferralError (with positions) when the file is malformed."""
    doc = load_file(path, display or str(path))
    problems = schemas.validate(doc, "testcases")
    if problems:
        raise ReferralError(problems)
    cases = []
    for index, data in enumerate(doc.value["cases"]):
        mark = doc.mark(("cases", index))
        casus_path = ("cases", index, "casus")
        marks = {key[len(casus_path) :]: m for key, m in doc.marks.items() if key[: len(casus_path)] == casus_path}
        cases.append(
            GoldenCase(
                name=data["name"],
                file=doc.file,
                line=mark.line if mark else None,
                casus=Document(doc.file, data["casus"], marks),
                expect=data.get("expect", {}),
            )
        )
    return cases


def case_files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.y*ml") if p.suffix in (".yaml", ".yml")))
        else:
            found.append(path)
    return found


def _ids(result: MatchResult, top: int | None = None) -> list[str]:
    items = result.referrals if top is None else result.referrals[:top]
    return [item.offer.id for item in items]


def run_case(case: GoldenCase, ruleset: Ruleset) -> CaseOutcome:
    """Check one case; every unmet expectation becomes one readable line."""
    expect = case.expect
    failures: list[str] = []
    try:
        casus = parse_casus(case.casus, ruleset)
    except ReferralError as err:
        codes = sorted({p.code for p in err.problems})
        if "error" in expect:
            if expect["error"] not in codes:
                failures.append(f"error: expected {expect['error']}, got {', '.join(codes)}")
        else:
            failures.append("casus refused: " + "; ".join(p.format("en") for p in err.problems))
        return CaseOutcome(case, tuple(failures), None)
    if "error" in expect:
        return CaseOutcome(case, (f"error: expected {expect['error']}, but the casus was accepted",), None)
    result = match(casus, ruleset)
    top = int(expect.get("top", DEFAULT_TOP))
    window = _ids(result, top)
    every = _ids(result)
    came = ", ".join(f"{item.rank}. {item.offer.id} ({item.score})" for item in result.referrals[:top]) or "nothing"
    unknown = [o for o in _mentioned(expect) if ruleset.offer(o) is None]
    for offer_id in unknown:
        failures.append(f"unknown offer in expectation: {offer_id}")
    if "first" in expect and (not every or every[0] != expect["first"]):
        failures.append(f"first: expected {expect['first']}, came {came}")
    for offer_id in expect.get("includes", []):
        if offer_id not in window:
            where = f"rank {every.index(offer_id) + 1}" if offer_id in every else "not referred"
            failures.append(f"includes: expected {offer_id} in top {top} ({where}); came {came}")
    for offer_id in expect.get("excludes", []):
        if offer_id in every:
            item = result.referrals[every.index(offer_id)]
            reasons = ", ".join(f"{r.rule} {r.weight:+d}" for r in item.reasons)
            failures.append(f"excludes: {offer_id} was referred at rank {item.rank} because of {reasons}")
    for offer_id in expect.get("ineligible", []):
        assessment = result.assessment(offer_id)
        if assessment is not None and assessment.eligible:
            failures.append(f"ineligible: expected {offer_id} not to be eligible, but it is (score {assessment.score})")
    for offer_id, rule_ids in (expect.get("reasons") or {}).items():
        assessment = result.assessment(offer_id)
        if assessment is not None and not assessment.eligible:
            failures.append(f"reasons: {offer_id} is not eligible, so it has no reasons that count")
            continue
        got = [r.rule for r in assessment.reasons] if assessment else []
        for rule_id in rule_ids:
            if rule_id not in got:
                failures.append(
                    f"reasons: expected rule {rule_id} for {offer_id}; its reasons: {', '.join(got) or 'none'}"
                )
    return CaseOutcome(case, tuple(failures), result)


def _mentioned(expect: dict[str, Any]) -> list[str]:
    ids = list(expect.get("includes", [])) + list(expect.get("excludes", [])) + list(expect.get("ineligible", []))
    if "first" in expect:
        ids.append(expect["first"])
    ids.extend((expect.get("reasons") or {}).keys())
    return ids


def problems_of(outcome: CaseOutcome) -> list[Problem]:
    return [
        Problem.make("golden.failed", file=outcome.case.file, line=outcome.case.line, name=outcome.case.name, detail=f)
        for f in outcome.failures
    ]
