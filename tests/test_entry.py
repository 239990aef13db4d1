"""The program's entry: the everyday `match` without click gives exactly what the click route gives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from referral.app.support import Settings
from referral.entry import everyday_match

EXAMPLE = str(ROOT / "examples" / "weduwe-overvecht.yaml")
CLICK_ROUTE = "import sys; from referral.cli import main; sys.argv[0] = 'referral'; main()"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["match", "c.yaml"], (Settings(None, None, "nl", False), "c.yaml", "rich", 10)),
        (
            ["--lang", "en", "match", "c.yaml", "--format", "json", "--top", "3"],
            (Settings(None, None, "en", False), "c.yaml", "json", 3),
        ),
        (
            ["--rules=r", "--offers", "o", "--debug", "match", "--top=0", "c.yaml"],
            (Settings("r", "o", "nl", True), "c.yaml", "rich", 0),
        ),
        (["--rules", "match", "match", "c.yaml"], (Settings("match", None, "nl", False), "c.yaml", "rich", 10)),
    ],
)
def test_everyday_calls_are_recognised(argv: list[str], expected: tuple[object, ...]) -> None:
    assert everyday_match(argv) == expected


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["match"],  # no casus: click says what is missing
        ["--help"],
        ["match", "--help"],
        ["--version"],
        ["validate"],
        ["match", "-"],  # standard input
        ["match", "a.yaml", "b.yaml"],  # an agenda
        ["match", str(ROOT / "examples")],  # a folder: the meeting view
        ["match", "c.yaml", "--explain", "x"],
        ["match", "c.yaml", "--age", "70"],
        ["match", "c.yaml", "--format", "html"],  # click names the choices
        ["match", "c.yaml", "--top", "-1"],
        ["match", "c.yaml", "--top", "+3"],
        ["match", "c.yaml", "--top", "٣"],  # a digit, but not one click reads
        ["match", "c.yaml", "--format", "json", "--format", "rich"],
        ["--lang", "de", "match", "c.yaml"],
        ["--lang", "match", "c.yaml"],
        ["--rules", "match", "c.yaml"],  # "match" is the folder; no command follows
        ["match", "c.yaml", "--top"],
        ["match", "c.yaml", "--"],
        ["--rules", "--offers", "o", "match", "c.yaml"],
    ],
)
def test_everything_else_goes_to_click(argv: list[str]) -> None:
    assert everyday_match(argv) is None


def test_unusable_language_in_the_environment_goes_to_click(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFERRAL_LANG", "de")
    assert everyday_match(["match", "c.yaml"]) is None
    monkeypatch.setenv("REFERRAL_LANG", "en")
    assert everyday_match(["match", "c.yaml"]) == (Settings(None, None, "en", False), "c.yaml", "rich", 10)


def _run(route: list[str], args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, *route, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    return done.returncode, done.stdout, done.stderr


@pytest.fixture()
def casus_files(tmp_path: Path) -> Path:
    (tmp_path / "typo.yaml").write_text("age: 70\nwijk: Overvect\nhousehold: alleenstaand\n", encoding="utf-8")
    (tmp_path / "phone.yaml").write_text("age: 70\nnote: bel haar op 06-12345678\n", encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("age: [70\n", encoding="utf-8")
    (tmp_path / "english.json").write_text('{"age": 19, "loneliness": {"social": true}}', encoding="utf-8")
    (tmp_path / "helper.yaml").write_text(
        "title: Buurvrouw vraagt\naudience: mantelzorger\nage: 81\nwijk: West\nlife_events: [rouw]\n"
        "involved: [huisarts]\n",
        encoding="utf-8",
    )
    (tmp_path / "private-title.yaml").write_text("title: Mevrouw Jansen\nage: 80\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("args", "env_extra"),
    [
        (["match", EXAMPLE], {}),
        (["match", EXAMPLE, "--format", "json"], {}),
        (["match", EXAMPLE, "--format", "markdown", "--top", "3"], {}),
        (["--lang", "en", "match", EXAMPLE, "--top", "2"], {}),
        (["match", EXAMPLE, "--format", "json"], {"REFERRAL_LANG": "en"}),
        (["--rules", str(ROOT / "rules"), "--offers", str(ROOT / "offers"), "match", "english.json"], {}),
        (["match", "helper.yaml"], {}),  # both parts: for the person, for the one who asks
        (["match", "helper.yaml", "--format", "json"], {}),
        (["match", "helper.yaml", "--format", "markdown"], {}),
        (["match", "typo.yaml"], {}),  # exit 2 with a did-you-mean
        (["match", "private-title.yaml"], {}),  # a name in the title: refused, not echoed
        (["match", "phone.yaml", "--format", "json"], {}),  # refused, the number not echoed
        (["match", "broken.yaml"], {}),  # YAML error with line and column
        (["match", "missing.yaml"], {}),
        (["--lang", "en", "match", "typo.yaml"], {}),
        (["--rules", "nowhere", "match", "english.json"], {}),
    ],
)
def test_both_routes_give_the_same_output_and_exit_code(
    args: list[str], env_extra: dict[str, str], casus_files: Path
) -> None:
    env = {key: value for key, value in os.environ.items() if key != "REFERRAL_LANG"}
    env.update({"COLUMNS": "100", **env_extra})
    assert everyday_match(args) is not None  # this call takes the route without click
    fast = _run(["-m", "referral"], args, casus_files, env)
    click_route = _run(["-c", CLICK_ROUTE], args, casus_files, env)
    assert fast == click_route
    bad_input = any(name in " ".join(args) for name in ("typo", "phone", "broken", "missing", "nowhere", "private"))
    assert fast[0] == (2 if bad_input else 0)
    assert (fast[2] != "") == bad_input  # a message on stderr exactly when the input was bad
    assert "Traceback" not in fast[2]
    assert "06-12345678" not in fast[1] + fast[2] and "Jansen" not in fast[1] + fast[2]
    if "helper.yaml" in args:  # the title heads the views; JSON holds signals only
        assert ("Buurvrouw vraagt" in fast[1]) is ("json" not in args)


def test_the_everyday_match_does_not_import_click() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "referral", "match", EXAMPLE, "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "referral.app.matching" in imported  # the list is complete enough to mean something
    assert "click" not in imported
    assert '"referrals"' in done.stdout


def test_the_everyday_match_leaves_no_exit_handlers_to_skip() -> None:
    """`entry` ends with os._exit (no teardown): that must not skip an atexit handler."""
    script = (
        "import atexit, sys; from referral.app.matching import MatchRequest, run_match;"
        "from referral.app.support import Settings;"
        "[run_match(Settings(None, None, 'nl', False), MatchRequest(sys.argv[1], format=f)) for f in ('rich', 'json')];"
        "print(atexit._ncallbacks(), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, EXAMPLE], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stderr.strip() == "0"
    assert "Verwijsadvies" in done.stdout


@pytest.mark.parametrize(
    ("args", "redirect", "expected_code"),
    [
        # standard output closed: the advice has nowhere to go, one message and exit 74
        (["match", EXAMPLE, "--format", "json"], ">&-", 74),
        (["match", EXAMPLE, "--format", "markdown"], ">&-", 74),
        (["match", EXAMPLE], ">/dev/full", 74),  # a full disk
        (["match", EXAMPLE, "--format", "json"], ">/dev/full", 74),
        (["match", "typo.yaml"], "2>&-", 2),  # standard error closed: still exit 2
        (["match", "/dev/stdin"], "<&-", 2),  # standard input closed
    ],
)
def test_closed_streams_are_handled_alike(
    args: list[str], redirect: str, expected_code: int, casus_files: Path
) -> None:
    quoted = " ".join(f"'{arg}'" for arg in args)
    codes = []
    for route in (f"'{sys.executable}' -m referral", f"'{sys.executable}' -c \"{CLICK_ROUTE}\""):
        done = subprocess.run(
            ["sh", "-c", f"{route} {quoted} {redirect}"],
            cwd=casus_files,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert "Traceback" not in done.stderr and "interne fout" not in done.stderr
        codes.append((done.returncode, done.stderr if "2>" not in redirect else ""))
    assert codes[0] == codes[1]
    assert codes[0][0] == expected_code
    if expected_code == 74:  # one line that says what went wrong with the output
        assert len(codes[0][1].strip().splitlines()) == 1 and "uitvoer" in codes[0][1]


def test_batch_to_a_full_disk_or_a_closed_output_says_so(casus_files: Path) -> None:
    """Output errors are not internal errors: one message, exit 74 (EX_IOERR), no debug report."""
    (casus_files / "two.jsonl").write_text('{"age": 70}\n{"age": 80}\n', encoding="utf-8")
    for redirect in (">/dev/full", ">&-"):
        done = subprocess.run(
            ["sh", "-c", f"'{sys.executable}' -m referral batch two.jsonl {redirect}"],
            cwd=casus_files,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 74, (redirect, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1 and "interne fout" not in done.stderr


def test_an_ascii_only_output_gets_utf8_as_with_click(casus_files: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "REFERRAL_LANG"}
    env["PYTHONIOENCODING"] = "ascii"
    for args in (
        ["match", EXAMPLE, "--format", "json"],
        ["match", EXAMPLE, "--format", "markdown"],
        ["match", EXAMPLE],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "referral", *args], cwd=casus_files, env=env, capture_output=True, timeout=60
        )
        assert done.returncode == 0
        assert "één".encode() in done.stdout
