"""The maintainers' guide's examples work: added to a copy of the content, they validate and pass."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import Run

from referral.content.loading import ContentDirs

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "maintainers.md"
EXAMPLE = re.compile(r"<!-- example: (?P<target>\S+) -->\n```yaml\n(?P<body>.*?)```", re.DOTALL)


def examples() -> list[tuple[str, str]]:
    found = [(m["target"], m["body"]) for m in EXAMPLE.finditer(GUIDE.read_text(encoding="utf-8"))]
    assert len(found) >= 3, "the guide lost its examples"
    return found


def test_guide_examples_validate_and_pass(content_copy: ContentDirs, run: Run) -> None:
    base = content_copy.rules.parent
    shipped = len(list(content_copy.offers.glob("*.yaml")))
    case_files = []
    for target, body in examples():
        path = base / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
        if target.startswith("tests/"):
            case_files.append(str(path))
    validated = run("validate", "--strict", content=content_copy)
    assert validated.exit_code == 0, validated.output
    added = len(list(content_copy.offers.glob("*.yaml"))) - shipped
    assert added >= 1 and f"aanbod {shipped + added}," in validated.output
    tested = run("test", *case_files, content=content_copy)
    assert tested.exit_code == 0, tested.output
    linted = run("lint", "--today", "2026-12-02", "--format", "json", content=content_copy)
    errors = [f for f in json.loads(linted.output)["findings"] if f["severity"] == "error"]
    assert not errors, errors  # the guide's example is content a maintainer may ship


@pytest.mark.parametrize("command", ["validate", "test tests/cases --coverage", "diff --against main"])
def test_guide_commands_exist(command: str, run: Run) -> None:
    name = command.split()[0]
    result = run(name, "--help")
    assert result.exit_code == 0
    assert f"referral {command}" in GUIDE.read_text(encoding="utf-8")
