"""Golden casussen: YAML files of named cases (casus + expectations), as in sqlfluff's rule tests.

The same files drive the pytest suite and `referral test`, so a maintainer who changes a rule
sees exactly which expectation broke, what came instead, and the reasons behind what came.

    cases:
      - name: weduwe-overvecht
        casus: {age: 79, wijk: Overvecht, loneliness: {emotional: true}}
        expect:
          top: 3                         # window for `includes` and the kinds (default 5)
          fitting: [bond, grief]         # one of these kinds of help in the top window
          wrong: [recruitment]           # none of these kinds in the top window
          excludes: [join-us]            # never referred, at any rank
          not_in_top: [met-je-hart-utrecht]  # may be referred, but not in the top window
          ineligible: [join-us]          # not eligible at all
          reasons: {senior-en-student-utrecht: [emotioneel-vaste-band]}
          error: casus.unknown_value     # the casus must be refused with this problem code
        known_gap: "..."                 # the offers cannot meet this yet, and why

A `known_gap` case still runs every expectation as written: it is reported, not counted as a
failure, and becomes a failure once it passes, so that the marker is removed with the gap.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from referral import schemas
from referral.core.i18n import translate
from referral.core.problems import ReferralError
from referral.core.yamlsource import Document, load_file

if TYPE_CHECKING:  # pragma: no cover
    from referral.app.session import Session
    from referral.core.model import Offer, Ruleset
from referral.engine.result import MatchResult

DEFAULT_TOP = 5


@dataclass(frozen=True)
class GoldenCase:
    name: str
    file: str
    line: int | None
    casus: Document
    expect: dict[str, Any]
    today: str | None = None
    known_gap: str | None = None

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
        """Every expectation met."""
        return not self.failures

    @property
    def ok(self) -> bool:
        """Passed, or failed as a known gap says it will; a known gap that passes is not ok."""
        return self.passed != bool(self.case.known_gap)

    @property
    def status(self) -> str:
        """pass | fail | known_gap | gap_closed"""
        if self.case.known_gap:
            return "gap_closed" if self.passed else "known_gap"
        return "pass" if self.passed else "fail"


def load_cases(path: Path, display: str | None = None) -> list[GoldenCase]:
    """Cases of one file; raises ReferralError (with positions) when the file is malformed."""
    doc = load_file(path, display or str(path), schemas.is_field_name)
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
                today=data.get("today"),
                known_gap=data.get("known_gap"),
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


FITTING_TOP = 3  # a fitting kind of help must be among the first three referrals
WRONG_TOP = 5  # no wrong kind of help among the first five


def _kinds_check(items: Any, expect: dict[str, Any], prefix: str, lang: str, fail: Any, vocabulary: Any) -> None:
    """fitting / wrong / only (with `prefix` "asker_" for the asker's part): kinds of help in the ranking."""
    fitting = expect.get(prefix + "fitting")
    if fitting:
        top = items[:FITTING_TOP]
        if not any(set(fitting) & set(item.offer.kinds) for item in top):
            fail(
                "golden.fitting",
                key=prefix + "fitting",
                wanted=", ".join(fitting),
                top=FITTING_TOP,
                came=_kinds_came(top, lang),
            )
    for item in items[:WRONG_TOP]:
        bad = set(expect.get(prefix + "wrong", ())) & set(item.offer.kinds)
        if bad:
            fail(
                "golden.wrong",
                key=prefix + "wrong",
                id=item.offer.id,
                rank=item.rank,
                kinds=", ".join(sorted(bad)),
                reasons=", ".join(f"{r.rule} {r.weight:+d}" for r in item.reasons),
            )
    only = expect.get(prefix + "only")
    if only:
        for item in items:
            if not set(item.offer.kinds) <= set(only):
                fail(
                    "golden.only",
                    id=item.offer.id,
                    rank=item.rank,
                    kinds=", ".join(item.offer.kinds),
                    only=", ".join(only),
                )


def _kinds_came(items: Any, lang: str) -> str:
    return ", ".join(f"{i.rank}. {i.offer.id} [{'/'.join(i.offer.kinds)}]" for i in items) or translate(
        "golden.nothing", lang
    )


def run_case(case: GoldenCase, session: Session, lang: str = "nl", day: dt.date | None = None) -> CaseOutcome:
    """Check one case; every unmet expectation becomes one readable line (in `lang`)."""
    expect = case.expect
    failures: list[str] = []
    ruleset = session.ruleset

    def fail(code: str, **args: Any) -> None:
        failures.append(translate(code, lang, **args))

    try:
        casus = session.reader.read(case.casus)
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
    if day is None:
        from referral.core.schedule import today

        day = dt.date.fromisoformat(case.today) if case.today else today()
    result = session.match(casus, day)
    _kinds_check(result.referrals, expect, "", lang, fail, ruleset.vocabulary)
    _kinds_check(result.for_asker, expect, "asker_", lang, fail, ruleset.vocabulary)
    for note in expect.get("notes", []):
        if note not in result.notes:
            fail("golden.note", note=note, got=", ".join(result.notes) or translate("value.none", lang))
    for note in expect.get("no_notes", []):
        if note in result.notes:
            fail("golden.no_note", note=note)
    top = int(expect.get("top", DEFAULT_TOP))
    window = _ids(result, top)
    every = _ids(result)
    came = ", ".join(f"{item.rank}. {item.offer.id} ({item.score})" for item in result.referrals[:top])
    came = came or translate("golden.nothing", lang)
    known_ids: list[str] | None = None
    for offer_id in (o for o in _mentioned(expect) if ruleset.offer(o) is None):
        from referral.core.vocabulary import suggest

        known_ids = known_ids or [o.id for o in ruleset.offers]
        guess = suggest(offer_id, known_ids)
        if guess:
            fail("golden.unknown_offer_guess", id=offer_id, suggestion=guess)
        else:
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
    for offer_id in expect.get("not_in_top", []):
        if offer_id in window:
            item = result.referrals[window.index(offer_id)]
            reasons = ", ".join(f"{r.rule} {r.weight:+d}" for r in item.reasons)
            fail("golden.not_in_top", id=offer_id, top=top, rank=item.rank, reasons=reasons)
    for offer_id in expect.get("ineligible", []):
        assessment = result.assessment(offer_id)
        if assessment is not None and assessment.eligible:
            fail("golden.ineligible", id=offer_id, score=assessment.score)
    for offer_id, rule_ids in (expect.get("reasons") or {}).items():
        assessment = result.assessment(offer_id)
        if assessment is not None and not assessment.eligible:
            fail("golden.reasons_ineligible", id=offer_id)
            continue
        # in either part: an offer for both the person and the one who asks has reasons in each
        got = [r.rule for a in result.assessments(offer_id) for r in a.reasons]
        for rule_id in rule_ids:
            if rule_id not in got:
                fail("golden.reasons", rule=rule_id, id=offer_id, got=", ".join(got) or translate("value.none", lang))
    return CaseOutcome(case, tuple(failures), result)


def _mentioned(expect: dict[str, Any]) -> list[str]:
    ids = [*expect.get("includes", []), *expect.get("excludes", []), *expect.get("not_in_top", [])]
    ids.extend(expect.get("ineligible", []))
    if "first" in expect:
        ids.append(expect["first"])
    ids.extend((expect.get("reasons") or {}).keys())
    return ids


@dataclass(frozen=True)
class Coverage:
    rules_total: int
    offers_total: int
    rules_fired: frozenset[str]
    offers_referred: frozenset[str]

    @property
    def percent(self) -> float:
        """Rules that fired and offers that were recommended, over all rules and offers."""
        total = self.rules_total + self.offers_total
        hit = len(self.rules_fired) + len(self.offers_referred)
        return round(100.0 * hit / total, 1) if total else 100.0


@dataclass(frozen=True)
class GoldenRun:
    """`referral test` as a result: every case's outcome, and what the cases covered."""

    outcomes: tuple[CaseOutcome, ...]
    ruleset: Ruleset
    advisable: tuple[Offer, ...]  # offers that can be advised today: what coverage counts
    coverage: Coverage
    min_coverage: float | None

    @property
    def failed(self) -> list[CaseOutcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def gaps(self) -> list[CaseOutcome]:
        return [o for o in self.outcomes if o.status == "known_gap"]

    @property
    def passed(self) -> int:
        return len(self.outcomes) - len(self.failed) - len(self.gaps)

    @property
    def below(self) -> bool:
        return self.min_coverage is not None and self.coverage.percent < self.min_coverage


def summarize(outcomes: list[CaseOutcome], ruleset: Ruleset, min_coverage: float | None = None) -> GoldenRun:
    """The outcomes with their coverage: the rules that fired, the advisable offers referred."""
    from referral.core.schedule import today
    from referral.engine.compile import plain_period
    from referral.engine.program import in_period

    fired = frozenset(rule for o in outcomes if o.result for rule in o.result.fired)
    referred = frozenset(a.offer.id for o in outcomes if o.result for a in (*o.result.referrals, *o.result.for_asker))
    # Offers that can be advised today count: volunteer recruitment and past events never are.
    day = today().toordinal()
    advisable = tuple(
        o for o in ruleset.offers if ruleset.referable(o) and in_period(plain_period(o.period), day) is None
    )
    referred = referred & {o.id for o in advisable}
    coverage = Coverage(len(ruleset.rules), len(advisable), fired, referred)
    return GoldenRun(tuple(outcomes), ruleset, advisable, coverage, min_coverage)
