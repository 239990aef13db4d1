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
from referral.casus.reader import parse_casus
from referral.core.i18n import register_messages, translate
from referral.core.model import Ruleset
from referral.core.problems import ReferralError
from referral.core.yamlsource import Document, load_file
from referral.engine.match import MatchResult, match

DEFAULT_TOP = 5

register_messages(
    {
        "golden.error_other": ("error: verwacht {expected}, kwam {got}", "error: expected {expected}, got {got}"),
        "golden.error_accepted": (
            "error: verwacht {expected}, maar de casus werd geaccepteerd",
            "error: expected {expected}, but the casus was accepted",
        ),
        "golden.refused": ("casus geweigerd: {problems}", "casus refused: {problems}"),
        "golden.nothing": ("niets", "nothing"),
        "golden.unknown_offer": ("onbekend aanbod in de verwachting: {id}", "unknown offer in expectation: {id}"),
        "golden.first": ("first: verwacht {expected}, kwam {came}", "first: expected {expected}, came {came}"),
        "golden.at_rank": ("plaats {rank}", "rank {rank}"),
        "golden.not_referred": ("niet aanbevolen", "not referred"),
        "golden.includes": (
            "includes: verwacht {id} in de top {top} ({where}); kwam {came}",
            "includes: expected {id} in top {top} ({where}); came {came}",
        ),
        "golden.excludes": (
            "excludes: {id} werd aanbevolen op plaats {rank} door {reasons}",
            "excludes: {id} was referred at rank {rank} because of {reasons}",
        ),
        "golden.ineligible": (
            "ineligible: verwacht dat {id} niet beschikbaar is, maar het is beschikbaar (score {score})",
            "ineligible: expected {id} not to be eligible, but it is (score {score})",
        ),
        "golden.reasons_ineligible": (
            "reasons: {id} is niet beschikbaar, dus geen van zijn redenen telt",
            "reasons: {id} is not eligible, so it has no reasons that count",
        ),
        "golden.reasons": (
            "reasons: verwacht regel {rule} bij {id}; zijn redenen: {got}",
            "reasons: expected rule {rule} for {id}; its reasons: {got}",
        ),
    }
)


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


def run_case(case: GoldenCase, ruleset: Ruleset, lang: str = "nl") -> CaseOutcome:
    """Check one case; every unmet expectation becomes one readable line (in `lang`)."""
    expect = case.expect
    failures: list[str] = []

    def fail(code: str, **args: Any) -> None:
        failures.append(translate(code, lang, **args))

    try:
        casus = parse_casus(case.casus, ruleset)
    except ReferralError as err:
        codes = sorted({p.code for p in err.problems})
        if "error" in expect:
            if expect["error"] not in codes:
                fail("golden.error_other", expected=expect["error"], got=", ".join(codes))
        else:
            fail("golden.refused", problems="; ".join(p.format(lang) for p in err.problems))
        return CaseOutcome(case, tuple(failures), None)
    if "error" in expect:
        return CaseOutcome(case, (translate("golden.error_accepted", lang, expected=expect["error"]),), None)
    result = match(casus, ruleset)
    top = int(expect.get("top", DEFAULT_TOP))
    window = _ids(result, top)
    every = _ids(result)
    came = ", ".join(f"{item.rank}. {item.offer.id} ({item.score})" for item in result.referrals[:top])
    came = came or translate("golden.nothing", lang)
    for offer_id in (o for o in _mentioned(expect) if ruleset.offer(o) is None):
        fail("golden.unknown_offer", id=offer_id)
    if "first" in expect and (not every or every[0] != expect["first"]):
        fail("golden.first", expected=expect["first"], came=came)
    for offer_id in expect.get("includes", []):
        if offer_id not in window:
            if offer_id in every:
                where = translate("golden.at_rank", lang, rank=every.index(offer_id) + 1)
            else:
                where = translate("golden.not_referred", lang)
            fail("golden.includes", id=offer_id, top=top, where=where, came=came)
    for offer_id in expect.get("excludes", []):
        if offer_id in every:
            item = result.referrals[every.index(offer_id)]
            reasons = ", ".join(f"{r.rule} {r.weight:+d}" for r in item.reasons)
            fail("golden.excludes", id=offer_id, rank=item.rank, reasons=reasons)
    for offer_id in expect.get("ineligible", []):
        assessment = result.assessment(offer_id)
        if assessment is not None and assessment.eligible:
            fail("golden.ineligible", id=offer_id, score=assessment.score)
    for offer_id, rule_ids in (expect.get("reasons") or {}).items():
        assessment = result.assessment(offer_id)
        if assessment is not None and not assessment.eligible:
            fail("golden.reasons_ineligible", id=offer_id)
            continue
        got = [r.rule for r in assessment.reasons] if assessment else []
        for rule_id in rule_ids:
            if rule_id not in got:
                fail("golden.reasons", rule=rule_id, id=offer_id, got=", ".join(got) or translate("value.none", lang))
    return CaseOutcome(case, tuple(failures), result)


def _mentioned(expect: dict[str, Any]) -> list[str]:
    ids = list(expect.get("includes", [])) + list(expect.get("excludes", [])) + list(expect.get("ineligible", []))
    if "first" in expect:
        ids.append(expect["first"])
    ids.extend((expect.get("reasons") or {}).keys())
    return ids
