"""Where the content came from: the git commit of the folder that holds it, found cheaply.

Every advice names the tool version, the content digest and, where the content lives in git, its
commit, so that an old advice can be traced and reproduced (`match --content-at GITREF`). We read
.git files directly instead of running git: start-up time matters at the meeting table.
"""

from __future__ import annotations

import os
import re
from functools import cache

_SHA = re.compile(r"[0-9a-f]{40}")

# os.path rather than pathlib: this runs on every `match`, and pathlib alone costs a cold start
# more than the rest of this module.


def _read(path: str, errors: str = "replace") -> str:
    with open(path, encoding="utf-8", errors=errors) as handle:
        return handle.read()


def _git_dir(start: str) -> str | None:
    folder = start
    while True:
        candidate = os.path.join(folder, ".git")
        if os.path.isdir(candidate):
            return candidate
        if os.path.isfile(candidate):  # a worktree or submodule: "gitdir: <path>"
            text = _read(candidate).strip()
            if text.startswith("gitdir:"):
                target = text.removeprefix("gitdir:").strip()
                return target if os.path.isabs(target) else os.path.realpath(os.path.join(folder, target))
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _resolve_ref(git_dir: str, ref: str) -> str | None:
    common = git_dir
    commondir = os.path.join(git_dir, "commondir")
    if os.path.isfile(commondir):
        common = os.path.realpath(os.path.join(git_dir, _read(commondir, errors="strict").strip()))
    for base in (git_dir, common):
        loose = os.path.join(base, ref)
        if os.path.isfile(loose):
            value = _read(loose).strip()
            return value if _SHA.fullmatch(value) else None
    packed = os.path.join(common, "packed-refs")
    if os.path.isfile(packed):
        for line in _read(packed).splitlines():
            parts = line.split(" ", 1)
            if len(parts) == 2 and parts[1] == ref and _SHA.fullmatch(parts[0]):
                return parts[0]
    return None


@cache
def git_commit(folder: str) -> str | None:
    """The commit checked out where `folder` lives, or None outside git (e.g. in a wheel)."""
    try:
        git_dir = _git_dir(os.path.realpath(folder))
        if git_dir is None:
            return None
        head = _read(os.path.join(git_dir, "HEAD")).strip()
        if _SHA.fullmatch(head):
            return head
        if head.startswith("ref:"):
            return _resolve_ref(git_dir, head.removeprefix("ref:").strip())
    except OSError:
        return None
    return None
