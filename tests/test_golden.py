"""Every golden casus in tests/cases/ as its own test (sqlfluff-style YAML fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from referral.analysis.goldens import GoldenCase, case_files, load_cases, run_case
from referral.core.model import Ruleset

CASES_DIR = Path(__file__).parent / "cases"


def _all_cases() -> list[GoldenCase]:
    return [case for path in case_files([CASES_DIR]) for case in load_cases(path)]


ALL_CASES = _all_cases()


def test_there_are_golden_cases() -> None:
    assert len(ALL_CASES) >= 10
    names = [case.name for case in ALL_CASES]
    assert len(names) == len(set(names)), "golden case names must be unique"


@pytest.mark.parametrize("case", ALL_CASES, ids=[case.name for case in ALL_CASES])
def test_golden_case(case: GoldenCase, ruleset: Ruleset) -> None:
    outcome = run_case(case, ruleset)
    assert outcome.passed, f"{case.where} {case.name}:\n  " + "\n  ".join(outcome.failures)
