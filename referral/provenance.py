"""Where the content came from: the git commit of the folder that holds it, found cheaply.

Every advice names the tool version, the content digest and, where the content lives in git, its
commit, so that an old advice can be traced and reproduced (`match --content-at GITREF`). We read
.git files directly instead of running git: start-up time matters at the meeting table.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_SHA = re.compile(r"[0-9a-f]{40}")


def _git_dir(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / ".git"
        if candidate.is_dir():
            return candidate
        if candidate.is_file():  # a worktree or submodule: "gitdir: <path>"
            text = candidate.read_text(encoding="utf-8", errors="replace").strip()
            if text.startswith("gitdir:"):
                target = Path(text.removeprefix("gitdir:").strip())
                return target if target.is_absolute() else (folder / target).resolve()
    return None


def _resolve_ref(git_dir: Path, ref: str) -> str | None:
    common = git_dir
    commondir = git_dir / "commondir"
    if commondir.is_file():
        common = (git_dir / commondir.read_text(encoding="utf-8").strip()).resolve()
    for base in (git_dir, common):
        loose = base / ref
        if loose.is_file():
            value = loose.read_text(encoding="utf-8", errors="replace").strip()
            return value if _SHA.fullmatch(value) else None
    packed = common / "packed-refs"
    if packed.is_file():
        for line in packed.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split(" ", 1)
            if len(parts) == 2 and parts[1] == ref and _SHA.fullmatch(parts[0]):
                return parts[0]
    return None


@cache
def git_commit(folder: str) -> str | None:
    """The commit checked out where `folder` lives, or None outside git (e.g. in a wheel)."""
    try:
        git_dir = _git_dir(Path(folder).resolve())
        if git_dir is None:
            return None
        head = (git_dir / "HEAD").read_text(encoding="utf-8", errors="replace").strip()
        if _SHA.fullmatch(head):
            return head
        if head.startswith("ref:"):
            return _resolve_ref(git_dir, head.removeprefix("ref:").strip())
    except OSError:
        return None
    return None
