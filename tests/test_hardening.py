"""Hostile and broken input, internal errors, traceable advice: clear messages, exit 2, no traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, Run

from referral.content.loading import ContentDirs
from referral.core.limits import MAX_FILE_BYTES
from referral.core.problems import Problem
from referral.core.provenance import git_commit

EXAMPLE = str(ROOT / "examples" / "weduwe-overvecht.yaml")
BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (BOMB, "te groot of te diep genest"),
        ("a: " + "[" * 5000 + "]" * 5000 + "\n", "ongeldige YAML"),
        (b"\xef\xbb\xbfage: 70\n", None),  # a UTF-8 BOM is fine
        (b"\x00\x01\x02binary", "binair"),
        (b"wijk: caf\xe9\n", "UTF-8"),
        ("age: 99999999999999999999999\n", "tussen 0 en 120"),
        ("age: .nan\n", "ongeldige YAML"),
        ("age: 7.5\n", "heel getal"),
        ("- 1\n- 2\n", "mapping"),
        ("---\nage: 1\n---\nage: 2\n", "meer dan één YAML-document"),
        ("age: 70\n<<: {wijk: Zuid}\n", "merge"),
        ("loneliness: {djg6: [ja, ja]}\n", "6 antwoorden"),
        ("note: 'Mevrouw Jansen, 3511 AB 12'\n", "persoonsgegevens"),
    ],
)
def test_hostile_casus_files(tmp_path: Path, content: str | bytes, fragment: str | None, run: Run) -> None:
    path = tmp_path / "casus.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    result = run("match", str(path), "--format", "json")
    assert "Traceback" not in result.output
    if fragment is None:
        assert result.exit_code == 0
    else:
        assert result.exit_code == 2, result.output
        assert fragment in result.output
        assert "Jansen" not in result.output and "3511" not in result.output


def test_json_nan_and_huge_numbers_on_stdin(run: Run) -> None:
    nan = run("match", "-", input='{"age": NaN}')
    assert nan.exit_code == 2 and "ongeldige JSON" in nan.output
    huge = run("match", "-", input='{"age": 1e400}')
    assert huge.exit_code == 2 and "Traceback" not in huge.output


def test_folder_fifo_and_symlink_loop_as_casus(tmp_path: Path, run: Run) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(tmp_path / "loop.yaml")
    for path, fragment in ((tmp_path, "geen gewoon bestand"), (fifo, "geen gewoon bestand"), (loop, "niet leesbaar")):
        result = run("match", str(path))
        assert result.exit_code == 2 and fragment in result.output


def test_oversized_file(tmp_path: Path, run: Run) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("note: '" + "x" * (3 * 1024 * 1024) + "'\n", encoding="utf-8")
    result = run("match", str(path))
    assert result.exit_code == 2 and "groter dan" in result.output


def test_content_links_outside_or_looping_are_errors(content_copy: ContentDirs, tmp_path: Path, run: Run) -> None:
    outside = tmp_path / "elders.yaml"
    outside.write_text((content_copy.offers / "join-us.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (content_copy.offers / "join-us.yaml").unlink()
    (content_copy.offers / "join-us.yaml").symlink_to(outside)
    (content_copy.offers / "kring.yaml").symlink_to(content_copy.offers / "kring.yaml")
    content = ["--rules", str(content_copy.rules), "--offers", str(content_copy.offers)]
    result = run(*content, "validate")
    assert result.exit_code == 1  # validate reports them as findings
    assert "buiten de inhoudsmap" in result.output and "kring" in result.output
    refused = run(*content, "match", "--age", "70")
    assert refused.exit_code == 2 and "buiten de inhoudsmap" in refused.output


def test_a_folder_link_leading_outside_is_reported_not_skipped(
    content_copy: ContentDirs, tmp_path: Path, run: Run
) -> None:
    """rglob does not follow folder links: the offers behind one used to vanish in silence."""
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    extra = (content_copy.offers / "join-us.yaml").read_text(encoding="utf-8").replace("id: join-us", "id: join-us-2")
    (elsewhere / "join-us-2.yaml").write_text(extra, encoding="utf-8")
    (content_copy.offers / "extern").symlink_to(elsewhere, target_is_directory=True)
    content = ["--rules", str(content_copy.rules), "--offers", str(content_copy.offers)]
    result = run(*content, "validate")
    assert result.exit_code == 1 and "map wijst naar een plek buiten de inhoudsmap" in result.output
    assert run(*content, "match", "--age", "70").exit_code == 2


def test_internal_error_is_one_line_with_a_report(monkeypatch: pytest.MonkeyPatch, run: Run) -> None:
    import referral.engine.result

    def broken(*_: object) -> None:
        raise KeyError("06-12345678")  # a message that must not reach the screen or the report

    monkeypatch.setattr(referral.engine.result, "run", broken)
    result = run("match", "--age", "70")
    assert result.exit_code == 3
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "interne fout (KeyError)" in lines[0] and "Traceback" not in result.output
    report = Path(lines[0].split("verslag in ")[1].split(";")[0])
    text = report.read_text(encoding="utf-8")
    report.unlink()
    assert "error: builtins.KeyError" in text and "stack:" in text
    assert "06-12345678" not in text and "06-12345678" not in result.output
    assert "command: match" in text


def test_advice_names_version_digest_and_commit(run: Run) -> None:
    data = json.loads(run("match", "--age", "70", "--format", "json").output)
    assert data["tool"]["version"] and data["ruleset"]["digest"].startswith("sha256:")
    commit = git_commit(str(ROOT / "rules"))
    if commit:  # the repository checkout; an installed wheel has no git
        assert data["ruleset"]["commit"] == commit
        markdown = run("match", "--age", "70", "--format", "markdown").output
        assert f"commit {commit[:10]}" in markdown


def test_git_commit_reads_refs_like_git(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "rules").mkdir()
    (repo / "rules" / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "x"], check=True)
    expected = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    git_commit.cache_clear()
    assert git_commit(str(repo / "rules")) == expected
    subprocess.run([*git, "pack-refs", "--all"], check=True)
    git_commit.cache_clear()
    assert git_commit(str(repo / "rules")) == expected
    assert git_commit(str(tmp_path)) is None


def test_content_at_reproduces_an_old_advice(tmp_path: Path, run: Run) -> None:
    repo = tmp_path / "repo"
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    for folder in ("rules", "offers"):
        subprocess.run(["cp", "-r", str(ROOT / folder), str(repo / folder)], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "v1"], check=True)
    content = ["--rules", str(repo / "rules"), "--offers", str(repo / "offers")]
    before = run(*content, "match", "--age", "16", "--social", "--format", "json").output
    (repo / "offers" / "join-us.yaml").unlink()
    now = json.loads(run(*content, "match", "--age", "16", "--social", "--format", "json").output)
    assert "join-us" not in [r["offer"]["id"] for r in now["referrals"]]
    old = json.loads(
        run(*content, "match", "--age", "16", "--social", "--format", "json", "--content-at", "HEAD").output
    )
    assert old["referrals"] == json.loads(before)["referrals"]
    assert old["ruleset"]["digest"] == json.loads(before)["ruleset"]["digest"]
    assert len(old["ruleset"]["commit"]) == 40


@pytest.mark.parametrize(("name", "target"), [("evil.yaml", "/etc/hostname"), ("sub", "../../../outside")])
def test_content_at_refuses_a_committed_link_that_leaves_the_tree(
    tmp_path: Path, run: Run, name: str, target: str
) -> None:
    repo = tmp_path / "repo"
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    for folder in ("rules", "offers"):
        shutil.copytree(ROOT / folder, repo / folder)
    (repo / "offers" / name).symlink_to(target)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "v1"], check=True)
    (repo / "offers" / name).unlink()  # the working tree is clean; only the commit holds the link
    content = ["--rules", str(repo / "rules"), "--offers", str(repo / "offers")]
    for args in (["match", "--age", "70", "--content-at", "HEAD"], ["diff", "--against", "HEAD"]):
        result = run(*content, *args)
        assert result.exit_code == 2, result.output
        assert result.output == f"HEAD:offers/{name}: link leidt naar een plek buiten de inhoudsmap\n"


def test_fifo_and_huge_file_in_the_content_do_not_hang(content_copy: ContentDirs, run: Run) -> None:
    os.mkfifo(content_copy.offers / "pijp.yaml")
    (content_copy.offers / "groot.yaml").write_text("# " + "x" * (3 * 1024 * 1024) + "\n", encoding="utf-8")
    content = ["--rules", str(content_copy.rules), "--offers", str(content_copy.offers)]
    result = run(*content, "validate")
    assert result.exit_code == 1
    assert "pijp.yaml: dit is geen gewoon bestand" in result.output and "groot.yaml: bestand is groter" in result.output
    assert run(*content, "match", "--age", "70").exit_code == 2


def test_force_never_replaces_a_device_or_fifo(tmp_path: Path, run: Run) -> None:
    fifo = tmp_path / "pijp.md"
    os.mkfifo(fifo)
    example = str(ROOT / "examples" / "weduwe-overvecht.yaml")
    result = run("match", example, "--export", "md", str(fifo), "--force")
    assert result.exit_code == 2 and "geen gewoon bestand" in result.output
    assert not fifo.is_file()  # still the FIFO
    missing = run("match", example, "--export", "md", str(tmp_path / "nieuw" / "x.md"))
    assert missing.exit_code == 2 and "map bestaat niet" in missing.output


def test_schema_out_writes_all_or_nothing(tmp_path: Path, run: Run) -> None:
    (tmp_path / "offer.schema.json").write_text("{}", encoding="utf-8")
    result = run("schema", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["offer.schema.json"]


def test_closed_stdin_reads_as_empty() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "referral", "match", "-"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        close_fds=True,
        check=False,
    )
    assert result.returncode == 2 and "geen casus op standaardinvoer" in result.stderr
    closed = subprocess.run(
        f"{sys.executable} -m referral match - <&-",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert closed.returncode == 2 and "Traceback" not in closed.stderr


def test_a_reader_that_goes_away_stops_batch_quietly(tmp_path: Path) -> None:
    lines = tmp_path / "many.jsonl"
    lines.write_text('{"age": 70}\n' * 20000, encoding="utf-8")
    for workers in ("1", "2"):
        result = subprocess.run(
            f"set -o pipefail; {sys.executable} -m referral batch {lines} --workers {workers} | head -1",
            shell=True,
            executable="/bin/bash",
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 141 and "Traceback" not in result.stderr and result.stdout.startswith("{")


@pytest.mark.parametrize("fmt", ["rich", "json", "markdown"])
@pytest.mark.parametrize("route", [["-m", "referral"], ["-c", "from referral.cli import main; main()"]])
def test_a_reader_that_goes_away_stops_match_quietly(fmt: str, route: list[str]) -> None:
    process = subprocess.Popen(
        [sys.executable, *route, "match", EXAMPLE, "--format", fmt, "--top", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # gone before the advice is written
    errors = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141
    assert errors == ""


def test_batch_refuses_a_device(run: Run) -> None:
    result = run("batch", "/dev/zero")
    assert result.exit_code == 2 and "geen gewoon bestand" in result.output


@pytest.mark.parametrize("now", ["9999-12-31T23:59", "0001-01-01T00:00"])
def test_extreme_now_is_bad_input(now: str, run: Run) -> None:
    result = run("match", "--age", "70", "--now", now, "--format", "json")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_typed_ids_are_echoed_only_when_they_look_like_ids(tmp_path: Path, run: Run) -> None:
    example = str(ROOT / "examples" / "weduwe-overvecht.yaml")
    for args in (
        ("match", example, "--explain", "mevrouw Jansen"),
        ("offers", "--kind", "mevrouw Jansen"),
        ("offers", "--wijk", "mevrouw Jansen"),
        ("schema", "mevrouw Jansen"),
    ):
        result = run(*args)
        assert result.exit_code == 2 and "Jansen" not in result.output, args
    agenda = run("match", example, example, "--explain", "join-us")
    assert agenda.exit_code == 2 and "meeting.explain" not in agenda.output


def test_an_export_gets_the_permissions_of_an_ordinary_new_file(tmp_path: Path) -> None:
    """A temporary file is 0600; the export it becomes is what the umask gives, unless private."""
    import stat

    from referral.core.safe_write import write_text_atomic

    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "shared.md", "x")
        write_text_atomic(tmp_path / "private.csv", "x", private=True)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "shared.md").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "private.csv").stat().st_mode) == 0o600


def test_debug_reports_are_capped_in_number(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from referral.app import support

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    for _ in range(support.DEBUG_REPORTS_KEPT + 7):
        assert support.write_debug_report(ValueError("x"), "match") is not None
    assert len(list(tmp_path.glob("referral-debug-*.txt"))) == support.DEBUG_REPORTS_KEPT


def test_schema_out_on_a_full_disk_writes_all_files_or_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    import errno

    import referral.core.safe_write as safe_write

    calls = {"n": 0}
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 3:  # the third schema does not fit any more
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(safe_write.os, "fsync", fsync)
    target = tmp_path / "schemas"
    result = run("schema", "--out", str(target))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert list(target.iterdir()) == []  # neither the first two schemas nor a temporary file


def test_content_files_through_a_linked_folder_are_found_and_checked(tmp_path: Path) -> None:
    from referral.content.loading import content_files

    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    for name in ("b.yaml", "a.yml", "sub/c.yaml", ".hidden.yaml", "notes.txt"):
        (real / name).write_text("id: x\n", encoding="utf-8")
    (real / "big.yaml").write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    linked = tmp_path / "linked"
    linked.symlink_to(real, target_is_directory=True)
    problems: list[Problem] = []
    found = content_files(linked, problems)
    assert [p.relative_to(linked).as_posix() for p in found] == ["a.yml", "b.yaml", "sub/c.yaml"]
    assert [p.code for p in problems] == ["file.too_large"]
