"""Every golden casus in tests/cases/ as its own test (sqlfluff-style YAML fixtures)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import DAY

from referral.analysis.goldens import GoldenCase, case_files, load_cases, run_case
from referral.app.session import Session

CASES_DIR = Path(__file__).parent / "cases"


def _all_cases() -> list[GoldenCase]:
    return [case for path in case_files([CASES_DIR]) for case in load_cases(path)]


ALL_CASES = _all_cases()


def test_there_are_golden_cases() -> None:
    assert len(ALL_CASES) >= 10
    names = [case.name for case in ALL_CASES]
    assert len(names) == len(set(names)), "golden case names must be unique"


def _param(case: GoldenCase) -> object:
    """A known gap in the offers is a strict xfail: it turns red once the content meets it."""
    marks = [pytest.mark.xfail(reason=case.known_gap, strict=True)] if case.known_gap else []
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", [_param(case) for case in ALL_CASES])
def test_golden_case(case: GoldenCase, session: Session) -> None:
    """On the case's own day (`today:`), else on the fixed day of the tests, never the clock's."""
    day = dt.date.fromisoformat(case.today) if case.today else DAY
    outcome = run_case(case, session, day=day)
    assert outcome.passed, f"{case.where} {case.name}:\n  " + "\n  ".join(outcome.failures)


def test_known_gaps_are_few_and_explained() -> None:
    gaps = [case for case in ALL_CASES if case.known_gap]
    assert len(gaps) <= 2, [case.name for case in gaps]  # a gap is content work to do, not a way out
