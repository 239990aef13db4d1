"""The meeting view: an agenda of casussen, what recurs, a bad file among good ones, exports.

On the frozen content of tests/snapshots/content (copied out of the repository), so that what
recurs is stated here and not by the shipped aanbod.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import Result
from conftest import DAY, ROOT, Run

from referral.app.meeting import agenda_files, run_agenda
from referral.app.session import Session
from referral.app.support import is_agenda
from referral.content.loading import ContentDirs, load_ruleset
from referral.core.i18n import translate

EXAMPLE = ROOT / "examples" / "weduwe-overvecht.yaml"
WIDOW = (
    "age: 79\nwijk: Overvecht\nhousehold: alleenstaand\n"
    "loneliness: {emotional: true, social: false, severity: severe}\nlife_events: [rouw]\n"
)
WIDOWER = (
    "age: 84\nwijk: Zuid\nhousehold: single\nloneliness: {emotional: true, severity: severe}\nlife_events: [rouw]\n"
)
YOUNG = '{"age": 17, "loneliness": {"social": true, "severity": "moderate"}}\n'
NEIGHBOUR = "title: Buurvrouw belt\naudience: helper\nage: 88\nwijk: Overvecht\nloneliness: {social: true}\n"
BAD = "age: 70\nwijk: Overvecth\n"
LONG_URL = "https://example.org/trainingen/eenzaamheid-signaleren-en-bespreekbaar-maken-voor-vrijwilligers-en-naasten"


@pytest.fixture()
def content(tmp_path: Path) -> ContentDirs:
    root = tmp_path / "content"
    shutil.copytree(Path(__file__).parent / "snapshots" / "content", root)
    return ContentDirs(root / "rules", root / "offers")


@pytest.fixture()
def meeting(run: Run, content: ContentDirs) -> Run:
    """The CLI on the meeting's content, at a fixed width."""

    def invoke(*args: str, columns: int = 100) -> Result:
        options = ["--rules", str(content.rules), "--offers", str(content.offers)]
        return run(*options, *args, env={"COLUMNS": str(columns)})

    return invoke


@pytest.fixture()
def agenda(tmp_path: Path) -> Path:
    folder = tmp_path / "agenda"
    folder.mkdir()
    (folder / "01-weduwe.yaml").write_text(WIDOW, encoding="utf-8")
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


def test_recurring_offers(agenda: Path, content: ContentDirs) -> None:
    session = Session.of_ruleset(load_ruleset(content))
    meeting = run_agenda(agenda_files([str(agenda)]), session, DAY, top=3)
    assert [len(meeting.shown(item)) for item in meeting.items] == [3, 3, 2]
    recurring = {r.offer.id: [(Path(f).name, rank) for f, rank in r.places] for r in meeting.recurring()}
    # Both bereaved, emotionally lonely older people get the buddy first, then grief support.
    assert recurring == {
        "maatje": [("01-weduwe.yaml", 1), ("02-weduwnaar.yml", 1)],
        "rouwcafe": [("01-weduwe.yaml", 3), ("02-weduwnaar.yml", 2)],
        "infopunt": [("02-weduwnaar.yml", 3), ("03-jongere.json", 2)],  # 4th for the widow: not shown
    }
    # Most casussen first, then the best ranks together, then id.
    assert [r.offer.id for r in meeting.recurring()] == ["maatje", "infopunt", "rouwcafe"]
    for item in meeting.items:
        ids = [a.offer.id for a in meeting.shown(item)]
        for offer_id, places in recurring.items():
            assert (offer_id in ids) == any(name == Path(item.file).name for name, _ in places)


def test_meeting_view(agenda: Path, meeting: Run) -> None:
    result = meeting("match", str(agenda))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Casuïstiek overleg: 3 casussen" in out
    positions = [out.index(name) for name in ("01-weduwe.yaml", "02-weduwnaar.yml", "03-jongere.json")]
    assert positions == sorted(positions)
    assert "Terugkerend aanbod" in out and "Rouwcafé" in out
    assert "geen diagnose" not in out  # no scale answers in these casussen
    ranks = re.findall(r"^│ +(\d)\. ", out, re.MULTILINE)
    assert ranks == ["1", "2", "3", "1", "2", "3", "1", "2"]  # top 3 per casus
    assert ("sha256:" in out and "02-12-2026" not in out) or "advies van" in out


def test_someone_close_and_a_title_in_the_meeting(agenda: Path, meeting: Run) -> None:
    (agenda / "04-buurvrouw.yaml").write_text(NEIGHBOUR, encoding="utf-8")
    wide = meeting("match", str(agenda), columns=200).stdout
    assert "4. Buurvrouw belt (" in wide and "04-buurvrouw.yaml" in wide
    out = meeting("match", str(agenda), columns=100).stdout
    panel = out[out.index("4. Buurvrouw belt") :]
    assert panel.index("Groepje") < panel.index("Voor wie vraagt") < panel.index("Training eenzaamheid signaleren")
    # A web address inside a panel folds onto the next line: whole, never cut.
    lines = [line.strip("│ ") for line in panel.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("https://example.org/trainingen/"))
    assert len(lines[start]) < len(LONG_URL) and (lines[start] + lines[start + 1]) == LONG_URL
    markdown = meeting("match", str(agenda), "--format", "markdown").stdout
    assert "### 4\\. Buurvrouw belt (" in markdown or "### 4. Buurvrouw belt (" in markdown
    assert f"<{LONG_URL}>" in markdown


def test_top_can_be_changed(agenda: Path, meeting: Run) -> None:
    out = meeting("match", str(agenda), "--top", "1").stdout
    assert re.findall(r"^│ +(\d)\. ", out, re.MULTILINE) == ["1", "1", "1"]


def test_a_bad_casus_is_reported_and_the_others_shown(agenda: Path, meeting: Run) -> None:
    (agenda / "04-fout.yaml").write_text(BAD, encoding="utf-8")
    (agenda / "05-naam.yaml").write_text("title: Mevrouw Jansen\nage: 80\n", encoding="utf-8")
    result = meeting("match", str(agenda))
    assert result.exit_code == 2
    assert re.search(r"04-fout\.yaml:2:7: .*\(bedoelde u", result.stderr)
    assert re.search(r"05-naam\.yaml:1:8: ", result.stderr) and "Jansen" not in result.output
    assert "Traceback" not in result.output
    assert "01-weduwe.yaml" in result.stdout and "Terugkerend aanbod" in result.stdout
    assert "2 casussen niet gelezen" in result.stdout


def test_english_and_markdown(agenda: Path, meeting: Run) -> None:
    english = meeting("--lang", "en", "match", str(agenda)).stdout
    assert "Case meeting: 3 casus" in english and "Recurring offers" in english
    markdown = meeting("match", str(agenda), "--format", "markdown").stdout
    assert markdown.startswith("## Casuïstiek overleg: 3 casussen\n")
    assert len(re.findall(r"^### \d\\?\. ", markdown, re.MULTILINE)) == 3  # the casussen
    assert markdown.rstrip().count("\n### " + translate("meeting.recurring", "nl")) == 1
    assert re.search(r"^- \*\*Maatje\*\*: 2 ×", markdown, re.MULTILINE)


def test_json(agenda: Path, meeting: Run) -> None:
    (agenda / "04-fout.yaml").write_text(BAD, encoding="utf-8")
    result = meeting("match", str(agenda), "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["top"] == 3 and data["ruleset"]["digest"].startswith("sha256:")
    files = [Path(c["file"]).name for c in data["casussen"]]
    assert files == ["01-weduwe.yaml", "02-weduwnaar.yml", "03-jongere.json", "04-fout.yaml"]
    assert [len(c["referrals"]) for c in data["casussen"][:3]] == [3, 3, 2]
    assert data["casussen"][3]["problems"][0]["line"] == 2
    assert "Overvecth" not in result.stdout  # a mistyped value is never echoed
    assert [r["offer"] for r in data["recurring"]] == ["maatje", "infopunt", "rouwcafe"]
    assert result.stdout == meeting("match", str(agenda), "--format", "json").stdout  # byte-identical


@pytest.mark.parametrize(("kind", "marker"), [("html", "<!DOCTYPE html>"), ("svg", "<svg"), ("md", "## Casuïstiek")])
def test_export(agenda: Path, tmp_path: Path, meeting: Run, kind: str, marker: str) -> None:
    target = tmp_path / "out" / f"overleg.{kind}"
    target.parent.mkdir()
    result = meeting("match", str(agenda), "--export", kind, str(target))
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.lstrip().startswith(marker)
    assert "Rouwcafé" in text
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary file left
    first = target.read_bytes()
    refused = meeting("match", str(agenda), "--export", kind, str(target))
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert refused.stdout == ""  # refused before any work
    assert target.read_bytes() == first
    again = meeting("match", str(agenda), "--export", kind, str(target), "--force")
    assert again.exit_code == 0 and target.read_bytes() == first  # the same agenda, the same bytes


def test_export_with_a_bad_casus_still_writes_the_others(agenda: Path, tmp_path: Path, meeting: Run) -> None:
    (agenda / "04-fout.yaml").write_text(BAD, encoding="utf-8")
    target = tmp_path / "overleg.md"
    result = meeting("match", str(agenda), "--export", "md", str(target))
    assert result.exit_code == 2 and target.exists()
    assert "01-weduwe.yaml" in target.read_text(encoding="utf-8")


def test_single_file_keeps_its_view_and_can_export(tmp_path: Path, run: Run) -> None:
    single = run("match", str(EXAMPLE))
    assert single.exit_code == 0 and "Verwijsadvies" in single.stdout and "Casuïstiek" not in single.stdout
    target = tmp_path / "advies.md"
    exported = run("match", str(EXAMPLE), "--format", "markdown", "--export", "md", str(target))
    assert exported.exit_code == 0
    # The file is the advice as printed, without the command-line hints (it is for sharing) and,
    # like the printed Markdown, without the time of day (reachability only with --now).
    written = target.read_text(encoding="utf-8").splitlines()
    printed = exported.stdout.splitlines()
    assert len(written) == len(printed)
    differ = [(a, b) for a, b in zip(written, printed, strict=True) if a != b]
    assert len(differ) == 1 and "--explain" in differ[0][1] and "--explain" not in differ[0][0]
    assert "Bereikbaarheid" not in target.read_text(encoding="utf-8")
    again = tmp_path / "again.md"
    run("match", str(EXAMPLE), "--export", "md", str(again))
    assert again.read_bytes() == target.read_bytes()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["-", "x.yaml"], "standaardinvoer"),
        (["a.yaml", "b.yaml", "--explain", "join-us"], "--explain werkt met één casus"),
        (["a.yaml", "b.yaml", "--age", "70"], "opties vullen het bestand niet aan"),
    ],
)
def test_usage_errors(args: list[str], fragment: str, run: Run) -> None:
    result = run("match", *args)
    assert result.exit_code == 2 and fragment in result.stderr and "Traceback" not in result.output


def test_empty_folder(tmp_path: Path, run: Run) -> None:
    result = run("match", str(tmp_path))
    assert result.exit_code == 2 and "geen casusbestanden" in result.stderr


def test_missing_file_in_agenda_is_reported(agenda: Path, meeting: Run) -> None:
    result = meeting("match", str(agenda / "01-weduwe.yaml"), str(agenda / "nope.yaml"))
    assert result.exit_code == 2 and "nope.yaml: bestand bestaat niet" in result.stderr
    assert "01-weduwe.yaml" in result.stdout


def test_meeting_messages_in_both_languages_with_the_same_placeholders() -> None:
    import string

    from referral.core.i18n import catalogue

    def fields(template: str) -> set[str]:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        return {name.removesuffix("_nl").removesuffix("_en") for name in names}

    messages = catalogue("meeting")
    assert len(messages) > 5 and all(code.startswith("meeting.") for code in messages)
    for code, (nl, en) in messages.items():
        assert nl.strip() and en.strip() and fields(nl) == fields(en), code


def test_single_explain_can_be_exported(tmp_path: Path, run: Run) -> None:
    target = tmp_path / "waarom.md"
    result = run("match", str(EXAMPLE), "--explain", "join-us", "--export", "md", str(target))
    assert result.exit_code == 0
    assert "leeftijdsgrens 12-25" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "neutral"),
    [
        ("mevrouw-jansen.yaml", True),
        ("mw_de_vries.yaml", True),
        ("overleg 03-12-2026/01-weduwe.yaml", False),
        ("3 december 2026/01-weduwe.yaml", False),
        ("jansen-12-03-1945.yaml", True),
        ("dhr.yaml", False),
    ],
)
def test_file_names_as_people_write_them(name: str, neutral: bool) -> None:
    from referral.app.meeting import shown_file_name

    shown, warnings = shown_file_name(name, 4)
    assert (shown == "casus 4") is neutral and bool(warnings) is neutral


def test_a_file_name_with_personal_data_is_shown_as_a_neutral_label(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    agenda = Path("overleg")
    agenda.mkdir()
    (agenda / "01-weduwe.yaml").write_text(WIDOW, encoding="utf-8")
    (agenda / "mevrouw Jansen BSN 111222333.yaml").write_text(NEIGHBOUR, encoding="utf-8")
    (agenda / "dhr. de Vries.yaml").write_text(BAD, encoding="utf-8")
    (agenda / "overleg-2026-12-03.yaml").write_text(YOUNG.replace("17", "18"), encoding="utf-8")
    outputs = {fmt: run("match", str(agenda), "--format", fmt) for fmt in ("rich", "markdown", "json")}
    for kind in ("html", "svg", "md"):
        target = tmp_path / f"overleg.{kind}"
        assert run("match", str(agenda), "--export", kind, str(target)).exit_code == 2  # the bad casus
        outputs[kind] = type("Shown", (), {"stdout": target.read_text(encoding="utf-8"), "stderr": ""})()
    for fmt, result in outputs.items():
        shown = result.stdout + result.stderr
        assert "Jansen" not in shown and "111222333" not in shown and "Vries" not in shown, fmt
    assert "casus 2" in outputs["rich"].stdout and "casus 3" in outputs["rich"].stdout
    assert "overleg-2026-12-03.yaml" in outputs["rich"].stdout  # a meeting's date is no birth date
    data = json.loads(outputs["json"].stdout)
    assert [c["file"].rsplit("/", 1)[-1] for c in data["casussen"]] == [
        "01-weduwe.yaml",
        "casus 2",
        "casus 3",
        "overleg-2026-12-03.yaml",
    ]
    err = outputs["rich"].stderr
    lead = "waarschuwing: de naam van het bestand of de map lijkt persoonsgegevens te bevatten"
    assert f"casus 2: {lead}: naam; getoond als 'casus 2'" in err
    assert f"casus 3: {lead}: BSN, naam; getoond als 'casus 3'" in err
    assert "casus 2:2:7: onbekende waarde voor 'wijk'" in err  # its problem is under the label too
