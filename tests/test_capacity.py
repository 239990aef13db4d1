"""Capacity declared in the content (issue 13 item 5): open, waitlist or full, as of a day, with a source.

Without any capacity declared, the advice is byte-identical to the advice before capacity existed:
`tests/data/advice-before-capacity/` holds what main printed (commit 4a427fe, before this feature)
for the shipped examples, in every format and both languages, from the content of that commit.
"""

from __future__ import annotations

import os

import pytest
from conftest import ROOT, Run

BEFORE = ROOT / "tests" / "data" / "advice-before-capacity"
BEFORE_COMMIT = "4a427fe06de7a49a89daf443b467b6b4d07d0d5a"  # main before capacity: its content has none
EXAMPLES = {
    "weduwe": "examples/weduwe-overvecht.yaml",
    "buurman": "examples/buurman-vraagt.yaml",
    "overleg": "examples/overleg",
}


def _has_commit(commit: str) -> bool:
    from referral.core.provenance import git_commit

    return (
        git_commit(str(ROOT)) is not None
        and (ROOT / ".git").exists()
        and os.system(f"git -C {ROOT} cat-file -e {commit} 2>/dev/null") == 0
    )


@pytest.mark.skipif(not _has_commit(BEFORE_COMMIT), reason="needs the repository's git history")
@pytest.mark.parametrize("fmt", ["rich", "markdown", "json"])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_without_capacity_the_advice_is_byte_identical(
    run: Run, monkeypatch: pytest.MonkeyPatch, name: str, lang: str, fmt: str
) -> None:
    monkeypatch.chdir(ROOT)
    extra = [] if fmt == "rich" else ["--format", fmt]
    args = ["--lang", lang, "match", EXAMPLES[name], *extra, "--now", "2026-12-02T10:00", "--content-at", BEFORE_COMMIT]
    monkeypatch.setenv("COLUMNS", "100")
    result = run(*args, env={"COLUMNS": "100", "REFERRAL_NO_CACHE": "1"})
    assert result.exit_code == 0, result.output
    expected = (BEFORE / f"{name}-{lang}.{fmt}.txt").read_text(encoding="utf-8")
    assert result.output == expected
