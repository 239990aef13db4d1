"""The advice's commit is marked when the working tree's content is not that commit's content."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, Run

from referral.content import worktree
from referral.core.provenance import git_commit

EXAMPLE = str(ROOT / "examples" / "weduwe-overvecht.yaml")


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of the shipped content, committed once."""
    if shutil.which("git") is None:  # pragma: no cover - CI has git: it cloned the repository
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    for folder in ("rules", "offers"):
        shutil.copytree(ROOT / folder, root / folder)
    commit(root)
    return root


def commit(root: Path) -> None:
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "content"], check=True)
    git_commit.cache_clear()


def add_offer(root: Path, offer_id: str) -> None:
    """A copy of Join Us under another id (and file name)."""
    text = (root / "offers" / "join-us.yaml").read_text(encoding="utf-8")
    (root / "offers" / f"{offer_id}.yaml").write_text(text.replace("id: join-us", f"id: {offer_id}", 1))


def identity(run: Run, root: Path, *args: str) -> dict[str, object]:
    result = run("--rules", str(root / "rules"), "--offers", str(root / "offers"), "match", EXAMPLE, *args)
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)["ruleset"]
    return data


def footer(run: Run, root: Path, *args: str) -> str:
    result = run("--rules", str(root / "rules"), "--offers", str(root / "offers"), *args, "match", EXAMPLE)
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.split())


def test_committed_content_is_not_modified(repo: Path, run: Run) -> None:
    data = identity(run, repo, "--format", "json")
    assert data["modified"] is False and isinstance(data["commit"], str)
    assert "+gewijzigd" not in footer(run, repo)


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / "offers" / "join-us.yaml").write_text(
            (root / "offers" / "join-us.yaml").read_text(encoding="utf-8") + "# edited\n", encoding="utf-8"
        ),
        lambda root: (root / "offers" / "join-us.yaml").unlink(),
        lambda root: add_offer(root, "join-us-kopie"),
    ],
    ids=["edited", "removed", "new-file"],
)
def test_changed_content_marks_the_commit(repo: Path, run: Run, change: object) -> None:
    assert callable(change)
    change(repo)
    data = identity(run, repo, "--format", "json")
    assert data["modified"] is True
    shown = footer(run, repo)
    assert f"commit {str(data['commit'])[:10]}+gewijzigd" in shown
    assert f"commit {str(data['commit'])[:10]}+modified" in footer(run, repo, "--lang", "en")


def test_an_ignored_content_file_counts_and_other_files_do_not(repo: Path, run: Run) -> None:
    (repo / "offers" / "NOTES.txt").write_text("not content\n", encoding="utf-8")
    assert identity(run, repo, "--format", "json")["modified"] is False
    (repo / ".gitignore").write_text("offers/lokaal-*.yaml\n", encoding="utf-8")
    commit(repo)
    add_offer(repo, "lokaal-extra")
    assert identity(run, repo, "--format", "json")["modified"] is True


def test_committing_the_change_clears_the_mark(repo: Path, run: Run) -> None:
    path = repo / "offers" / "join-us.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert identity(run, repo, "--format", "json")["modified"] is True
    commit(repo)
    assert identity(run, repo, "--format", "json")["modified"] is False


def test_the_answer_is_remembered_and_a_tampered_memo_is_asked_again(
    repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = repo / "offers" / "join-us.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert identity(run, repo, "--format", "json")["modified"] is True
    asked: list[object] = []
    real = worktree.committed_digest
    monkeypatch.setattr(worktree, "committed_digest", lambda *a: asked.append(a) or real(*a))
    assert identity(run, repo, "--format", "json")["modified"] is True
    path.write_text(path.read_text(encoding="utf-8") + "# and again\n", encoding="utf-8")
    assert identity(run, repo, "--format", "json")["modified"] is True
    assert asked == []  # the commit's digest is remembered: no git process on an everyday match
    memo = worktree._memo_path()
    assert memo is not None
    data = Path(memo).read_bytes()
    at = data.index(b"sha256:") + 7
    Path(memo).write_bytes(data[:at] + (b"0" if data[at : at + 1] != b"0" else b"1") + data[at + 1 :])
    assert identity(run, repo, "--format", "json")["modified"] is True  # the MAC no longer fits
    assert len(asked) == 1


def test_files_the_loader_skips_do_not_count_and_every_file_it_reads_does(repo: Path, run: Run) -> None:
    (repo / "rules" / "._basis.yaml").write_text("x: 1\n", encoding="utf-8")  # a macOS share's shadow file
    (repo / ".vscode").mkdir()
    (repo / ".vscode" / "settings.json").write_text("{}\n", encoding="utf-8")
    assert identity(run, repo, "--format", "json")["modified"] is False
    text = (repo / "offers" / "join-us.yaml").read_text(encoding="utf-8")
    (repo / "offers" / "extra.YML").write_text(text.replace("id: join-us", "id: extra", 1), encoding="utf-8")
    assert identity(run, repo, "--format", "json")["modified"] is True  # the loader reads .YML too


def test_no_hook_of_the_repository_runs(repo: Path, run: Run, tmp_path: Path) -> None:
    """A content folder from elsewhere may carry its own git config: only objects are read."""
    marker = tmp_path / "hook-ran"
    script = tmp_path / "hook.sh"
    script.write_text(f"#!/bin/sh\ntouch {marker}\nexit 1\n", encoding="utf-8")
    script.chmod(0o755)
    subprocess.run(["git", "-C", str(repo), "config", "core.fsmonitor", str(script)], check=True)
    (repo / ".gitattributes").write_text("*.yaml filter=evil\n", encoding="utf-8")
    subprocess.run(["git", "-C", str(repo), "config", "filter.evil.clean", str(script)], check=True)
    path = repo / "offers" / "join-us.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert identity(run, repo, "--format", "json")["modified"] is True
    assert not marker.exists()


def test_without_git_the_mark_says_it_cannot_tell(repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    data = identity(run, repo, "--format", "json")
    assert "modified" not in data and isinstance(data["commit"], str)
    assert f"commit {str(data['commit'])[:10]}+?" in footer(run, repo)


def test_content_taken_from_a_git_ref_is_that_commit(repo: Path, run: Run) -> None:
    path = repo / "offers" / "join-us.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    data = identity(run, repo, "--format", "json", "--content-at", "HEAD")
    assert "modified" not in data and isinstance(data["commit"], str)
    rich = run(
        "--rules", str(repo / "rules"), "--offers", str(repo / "offers"), "match", EXAMPLE, "--content-at", "HEAD"
    )
    assert f"commit {str(data['commit'])[:10]}" in " ".join(rich.stdout.split())
    assert "+gewijzigd" not in rich.stdout


def test_outside_git_there_is_no_commit_and_no_mark(tmp_path: Path, run: Run) -> None:
    for folder in ("rules", "offers"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    data = identity(run, tmp_path, "--format", "json")
    assert "commit" not in data and "modified" not in data
