"""The meeting view: an agenda of casussen, what recurs, a bad file among good ones, exports."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from referral.app.meeting import agenda_files, run_agenda
from referral.app.support import is_agenda
from referral.cli import main
from referral.core.model import Ruleset

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "weduwe-overvecht.yaml"
WIDOWER = (
    "age: 84\nwijk: Zuid\nhousehold: single\nloneliness: {emotional: true, severity: severe}\nlife_events: [rouw]\n"
)
YOUNG = '{"age": 17, "loneliness": {"social": true, "severity": "moderate"}}\n'
BAD = "age: 70\nwijk: Overvecth\n"


def run(*args: str, columns: int = 100) -> Result:
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(main, list(args), catch_exceptions=False)


@pytest.fixture()
def agenda(tmp_path: Path) -> Path:
    folder = tmp_path / "agenda"
    folder.mkdir()
    (folder / "01-weduwe.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "03-jongere.json").write_text(YOUNG, encoding="utf-8")
    (folder / "02-weduwnaar.yml").write_text(WIDOWER, encoding="utf-8")
    (folder / "notities.txt").write_text("not a casus\n", encoding="utf-8")
    (folder / ".02-weduwnaar.yml.swp").write_text("editor junk\n", encoding="utf-8")
    return folder


def test_folder_files_are_sorted_and_filtered(agenda: Path) -> None:
    files = agenda_files([str(agenda)])
    assert [Path(f).name for f in files] == ["01-weduwe.yaml", "02-weduwnaar.yml", "03-jongere.json"]
    assert is_agenda([str(agenda)]) and is_agenda(["a.yaml", "b.yaml"])
    assert not is_agenda([str(EXAMPLE)]) and not is_agenda(["-"])
    given = agenda_files([str(agenda / "03-jongere.json"), str(agenda / "01-weduwe.yaml")])
    assert [Path(f).name for f in given] == ["03-jongere.json", "01-weduwe.yaml"]  # the order given


def test_recurring_offers(agenda: Path, ruleset: Ruleset) -> None:
    meeting = run_agenda(agenda_files([str(agenda)]), ruleset, top=3)
    assert [len(meeting.shown(item)) for item in meeting.items] == [3, 3, 3]
    recurring = {r.offer.id: r for r in meeting.recurring()}
    # Both bereaved, emotionally lonely older people are referred to home visits.
    assert "bezoekvrijwilligers" in recurring
    places = recurring["bezoekvrijwilligers"].places
    assert [Path(f).name for f, _ in places] == ["01-weduwe.yaml", "02-weduwnaar.yml"]
    for item in meeting.items:
        ids = [a.offer.id for a in meeting.shown(item)]
        for offer_id, found in recurring.items():
            assert (offer_id in ids) == any(f == item.file for f, _ in found.places)
    counts = [len(r.places) for r in meeting.recurring()]
    assert counts == sorted(counts, reverse=True) and min(counts) >= 2


def test_meeting_view(agenda: Path) -> None:
    result = run("match", str(agenda))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Casuïstiek overleg: 3 casus(sen)" in out
    positions = [out.index(name) for name in ("01-weduwe.yaml", "02-weduwnaar.yml", "03-jongere.json")]
    assert positions == sorted(positions)
    assert "Terugkerend aanbod" in out and "Bezoekvrijwilligers" in out
    assert "geen diagnose" not in out  # no scale answers in these casussen
    assert not re.search(r"^│ 4\. ", out, re.MULTILINE)  # top 3 per casus
    assert len(re.findall(r"^│ [123]\. ", out, re.MULTILINE)) == 9
    assert "sha256:" in out


def test_top_can_be_changed(agenda: Path) -> None:
    out = run("match", str(agenda), "--top", "1").stdout
    assert len(re.findall(r"^│ 1\. ", out, re.MULTILINE)) == 3
    assert not re.search(r"^│ 2\. ", out, re.MULTILINE)


def test_a_bad_casus_is_reported_and_the_others_shown(agenda: Path) -> None:
    (agenda / "04-fout.yaml").write_text(BAD, encoding="utf-8")
    result = run("match", str(agenda))
    assert result.exit_code == 2
    assert re.search(r"04-fout\.yaml:2:7: .*bedoelde u 'Overvecht'\?", result.stderr)
    assert "Traceback" not in result.output
    assert "01-weduwe.yaml" in result.stdout and "Terugkerend aanbod" in result.stdout
    assert "1 casus(sen) niet gelezen" in result.stdout


def test_english_and_markdown(agenda: Path) -> None:
    english = run("--lang", "en", "match", str(agenda)).stdout
    assert "Case meeting: 3 casus(es)" in english and "Recurring offers" in english
    markdown = run("match", str(agenda), "--format", "markdown").stdout
    assert markdown.startswith("## Casuïstiek overleg: 3 casus(sen)\n")
    assert markdown.count("\n### ") == 4  # three casussen and the recurring offers
    assert re.search(r"^- \*\*Bezoekvrijwilligers.*\*\*: 2 ×", markdown, re.MULTILINE)


def test_json(agenda: Path) -> None:
    (agenda / "04-fout.yaml").write_text(BAD, encoding="utf-8")
    result = run("match", str(agenda), "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["top"] == 3 and data["ruleset"]["digest"].startswith("sha256:")
    files = [Path(c["file"]).name for c in data["casussen"]]
    assert files == ["01-weduwe.yaml", "02-weduwnaar.yml", "03-jongere.json", "04-fout.yaml"]
    assert [len(c["referrals"]) for c in data["casussen"][:3]] == [3, 3, 3]
    assert data["casussen"][3]["problems"][0]["line"] == 2
    assert "Overvecth" not in result.stdout  # a mistyped value is never echoed
    assert any(r["offer"] == "bezoekvrijwilligers" for r in data["recurring"])
    assert result.stdout == run("match", str(agenda), "--format", "json").stdout  # byte-identical


@pytest.mark.parametrize(("kind", "marker"), [("html", "<!DOCTYPE html>"), ("svg", "<svg"), ("md", "## Casuïstiek")])
def test_export(agenda: Path, tmp_path: Path, kind: str, marker: str) -> None:
    target = tmp_path / "out" / f"overleg.{kind}"
    target.parent.mkdir()
    result = run("match", str(agenda), "--export", kind, str(target))
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.lstrip().startswith(marker)
    assert "Bezoekvrijwilligers" in text or "Bezoekvrijwilligers" in text.replace("&#160;", " ")
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary file left
    first = target.read_bytes()
    refused = run("match", str(agenda), "--export", kind, str(target))
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert refused.stdout == ""  # refused before any work
    assert target.read_bytes() == first
    again = run("match", str(agenda), "--export", kind, str(target), "--force")
    assert again.exit_code == 0 and target.read_bytes() == first  # the same agenda, the same bytes


def test_export_with_a_bad_casus_still_writes_the_others(agenda: Path, tmp_path: Path) -> None:
    (agenda / "04-fout.yaml").write_text(BAD, encoding="utf-8")
    target = tmp_path / "overleg.md"
    result = run("match", str(agenda), "--export", "md", str(target))
    assert result.exit_code == 2 and target.exists()
    assert "01-weduwe.yaml" in target.read_text(encoding="utf-8")


def test_single_file_keeps_its_view_and_can_export(tmp_path: Path) -> None:
    single = run("match", str(EXAMPLE))
    assert single.exit_code == 0 and "Verwijsadvies" in single.stdout and "Casuïstiek" not in single.stdout
    target = tmp_path / "advies.md"
    exported = run("match", str(EXAMPLE), "--format", "markdown", "--export", "md", str(target))
    assert exported.exit_code == 0
    assert target.read_text(encoding="utf-8") == exported.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["-", "x.yaml"], "standaardinvoer"),
        (["a.yaml", "b.yaml", "--explain", "join-us"], "--explain werkt met één casus"),
        (["a.yaml", "b.yaml", "--age", "70"], "opties vullen het bestand niet aan"),
    ],
)
def test_usage_errors(args: list[str], fragment: str) -> None:
    result = run("match", *args)
    assert result.exit_code == 2 and fragment in result.stderr and "Traceback" not in result.output


def test_empty_folder(tmp_path: Path) -> None:
    result = run("match", str(tmp_path))
    assert result.exit_code == 2 and "geen casusbestanden" in result.stderr


def test_missing_file_in_agenda_is_reported(agenda: Path) -> None:
    result = run("match", str(agenda / "01-weduwe.yaml"), str(agenda / "nope.yaml"))
    assert result.exit_code == 2 and "nope.yaml: bestand bestaat niet" in result.stderr
    assert "01-weduwe.yaml" in result.stdout


def test_meeting_messages_in_both_languages_with_the_same_placeholders() -> None:
    import string

    import referral.render.meeting_view  # noqa: F401  (registers its messages)
    from referral.core.i18n import MESSAGES

    def fields(template: str) -> set[str]:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        return {name.removesuffix("_nl").removesuffix("_en") for name in names}

    codes = [code for code in MESSAGES if code.startswith("meeting.")]
    assert len(codes) > 5
    for code in codes:
        nl, en = MESSAGES[code]
        assert nl.strip() and en.strip() and fields(nl) == fields(en), code


def test_single_explain_can_be_exported(tmp_path: Path) -> None:
    target = tmp_path / "waarom.md"
    result = run("match", str(EXAMPLE), "--explain", "join-us", "--export", "md", str(target))
    assert result.exit_code == 0
    assert "leeftijdsgrens 12-25" in target.read_text(encoding="utf-8")
