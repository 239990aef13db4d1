"""The command line through click's CliRunner: exit codes, formats, errors without tracebacks."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from referral.cli import main
from referral.content.loading import ContentDirs

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "weduwe-overvecht.yaml")


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_match_example_rich() -> None:
    result = run("match", EXAMPLE)
    assert result.exit_code == 0, result.output
    assert "Verwijsadvies" in result.output and "Bezoekvrijwilligers" in result.output
    assert "\x1b[" not in result.output  # not a terminal: no colour codes


def test_match_json_is_stable_and_complete() -> None:
    first = run("match", EXAMPLE, "--format", "json", "--top", "3")
    second = run("match", EXAMPLE, "--format", "json", "--top", "3")
    assert first.exit_code == 0 and first.output == second.output
    data = json.loads(first.output)
    assert [r["offer"]["id"] for r in data["referrals"]][:2] == ["bezoekvrijwilligers", "maatjesprojecten"]
    assert data["casus"]["life_events"] == ["bereavement"]


def test_match_from_stdin_yaml_and_json() -> None:
    yaml_result = run("match", "-", "--format", "json", input="age: 16\nloneliness: {social: true}\n")
    assert yaml_result.exit_code == 0
    assert json.loads(yaml_result.output)["referrals"][0]["offer"]["id"] == "join-us"
    json_result = run("match", "-", "--format", "json", input='{"age": 16, "loneliness": {"social": true}}')
    assert json.loads(json_result.output)["referrals"] == json.loads(yaml_result.output)["referrals"]


def test_quick_casus_flags_equal_a_file(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("age: 78\nwijk: Overvecht\nloneliness: {emotional: true, severity: severe}\n", encoding="utf-8")
    from_file = run("match", str(path), "--format", "json")
    from_flags = run(
        "match", "--age", "78", "--wijk", "overvecht", "--emotional", "--severity", "ernstig", "--format", "json"
    )
    assert from_flags.exit_code == 0
    assert json.loads(from_flags.output)["referrals"] == json.loads(from_file.output)["referrals"]


def test_explain_why_not_and_why() -> None:
    why_not = run("match", EXAMPLE, "--explain", "join-us")
    assert why_not.exit_code == 0
    assert "niet beschikbaar" in why_not.output and "leeftijdsgrens 12-25" in why_not.output
    why = run("--lang", "en", "match", EXAMPLE, "--explain", "bezoekvrijwilligers", "--format", "markdown")
    assert "ranks 1 of" in why.output


def test_explain_unknown_offer_suggests() -> None:
    result = run("match", EXAMPLE, "--explain", "join-su")
    assert result.exit_code == 2
    assert "join-us" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("wijk: Overvecth\n", "bedoelde u 'Overvecht'?"),
        ("wjik: Overvecht\n", "bedoelde u 'wijk'?"),
        ("age: 130\n", "tussen 0 en 120"),
        ("age: [1\n", "ongeldige YAML"),
        ("naam: Jan\n", "persoonsgegevens"),
        ("note: bel 06-12345678\n", "telefoonnummer"),
        ("\tage: 3\n", "tab"),
        ("", "leeg"),
    ],
)
def test_bad_casus_exit_2_with_position(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "casus.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("match", str(path))
    assert result.exit_code == 2
    assert fragment in result.output
    assert "Traceback" not in result.output
    assert "06-12345678" not in result.output and "Jan" not in result.output
    if text.strip():
        assert re.search(rf"{re.escape(str(path))}:[12]:\d+: ", result.output)


def test_non_utf8_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("wijk: Utrecht-Zuid caf\xe9\n".encode("latin-1"))
    result = run("match", str(path))
    assert result.exit_code == 2 and "UTF-8" in result.output and ":1:" in result.output
    missing = run("match", str(tmp_path / "nope.yaml"))
    assert missing.exit_code == 2 and "bestaat niet" in missing.output


def test_no_casus_is_usage_error() -> None:
    result = run("match")
    assert result.exit_code == 2 and "--age" in result.output


def test_english_messages() -> None:
    result = run("--lang", "en", "match", "--wijk", "Overvecth")
    assert result.exit_code == 2 and "did you mean 'Overvecht'?" in result.output


def test_offers_search_and_filters() -> None:
    result = run("offers", "maatje", "--format", "json")
    ids = [o["id"] for o in json.loads(result.output)["offers"]]
    assert "maatjesprojecten" in ids and "join-us" not in ids
    zuid = json.loads(run("offers", "--wijk", "zuid", "--tag", "wijk_bridge", "--format", "json").output)
    assert [o["id"] for o in zuid["offers"]] == ["ambassadeur-zuid"]
    helpers = json.loads(run("offers", "--audience", "helper", "--format", "json").output)["offers"]
    assert helpers and all("helper" in o["audiences"] for o in helpers)
    bad = run("offers", "--tag", "jongeren")
    assert bad.exit_code == 2 and "bedoelde u 'youth'?" in bad.output
    assert run("offers", "rouw").exit_code == 0


def test_validate_shipped_content_is_clean() -> None:
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "in orde" in result.output


def test_validate_reports_every_problem_with_positions(content_copy: ContentDirs) -> None:
    offer = content_copy.offers / "join-us.yaml"
    offer.write_text(offer.read_text(encoding="utf-8").replace("tags: [youth", "tags: [yuoth"), encoding="utf-8")
    rules = content_copy.rules / "basis.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace("offers: [infopunt-informele-zorg]", "offers: [infopunt]"),
        encoding="utf-8",
    )
    vocabulary_free = content_copy.rules / "extra.yaml"
    vocabulary_free.write_text(
        "rules:\n  - id: x\n    when: {signal: wjik, is: Zuid}\n"
        "    effect: {weight: 5, tags: [meeting]}\n    because: x\n    source: [{title: t}]\n",
        encoding="utf-8",
    )
    result = run(
        "--rules", str(content_copy.rules), "--offers", str(content_copy.offers), "validate", "--format", "json"
    )
    assert result.exit_code == 1
    problems = json.loads(result.output)["problems"]
    by_code = {p["code"]: p for p in problems}
    assert by_code["content.unknown_tag"]["file"].endswith("join-us.yaml")
    assert by_code["content.unknown_tag"]["hint"] == "bedoelde u 'youth'?"
    assert by_code["content.unknown_offer"]["line"] is not None
    assert by_code["content.unknown_signal"]["line"] == 3 and by_code["content.unknown_signal"]["column"] == 20


def test_validate_schema_error_at_yaml_line(content_copy: ContentDirs) -> None:
    path = content_copy.offers / "infopunt-informele-zorg.yaml"
    text = path.read_text(encoding="utf-8").replace('opens_at: "09:00"', "opens_at: 9:00")
    path.write_text(text, encoding="utf-8")
    result = run("--rules", str(content_copy.rules), "--offers", str(content_copy.offers), "validate")
    assert result.exit_code == 1
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "opens_at: 9:00" in row)
    assert f"infopunt-informele-zorg.yaml:{line}:" in result.output
    assert "aanhalingstekens" in result.output


def test_match_on_broken_content_is_exit_2(content_copy: ContentDirs) -> None:
    (content_copy.offers / "kapot.yaml").write_text("id: [\n", encoding="utf-8")
    result = run("--rules", str(content_copy.rules), "--offers", str(content_copy.offers), "match", "--age", "3")
    assert result.exit_code == 2 and "kapot.yaml:" in result.output


def test_environment_selects_content(content_copy: ContentDirs, monkeypatch: pytest.MonkeyPatch) -> None:
    (content_copy.offers / "join-us.yaml").unlink()
    monkeypatch.setenv("REFERRAL_RULES", str(content_copy.rules))
    monkeypatch.setenv("REFERRAL_OFFERS", str(content_copy.offers))
    result = run("validate")
    assert result.exit_code == 0 and "33 aanbod" in result.output


def test_an_everyday_casus_and_a_bad_one_read_as_with_the_yaml_parser(tmp_path: Path) -> None:
    # The rich route reads everyday files without PyYAML; a problem still gets its line:column.
    path = tmp_path / "c.yaml"
    path.write_text("age: 79\nwijk: Overvecth\n", encoding="utf-8")
    result = run("match", str(path))
    assert result.exit_code == 2 and f"{path}:2:7:" in result.output
    path.write_text("age: 79\nwijk: overvecht\nloneliness:\n  emotional: true\n", encoding="utf-8")
    rich_view = run("match", str(path))
    assert rich_view.exit_code == 0 and "wijk: Overvecht" in rich_view.output


@pytest.mark.parametrize("fmt", ["json", "rich"])
def test_a_fifo_as_casus_never_blocks(tmp_path: Path, fmt: str) -> None:
    fifo = tmp_path / "pijp.yaml"
    os.mkfifo(fifo)
    result = run("match", str(fifo), "--format", fmt)
    assert result.exit_code == 2 and "geen gewoon bestand" in result.output
