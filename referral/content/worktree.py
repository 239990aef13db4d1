"""Whether the content in the working tree is the content of its git commit.

An advice names the commit its content comes from, so that it can be reproduced with
`match --content-at COMMIT`. When a content file was edited, added or removed since that commit,
the digest belongs to no commit, and the advice says so: `commit 8546f08+gewijzigd`, and
`"modified": true` in JSON.

Asking git costs a process (several milliseconds, more than the rest of an everyday `match`), so
the answer is remembered per (commit, content digest, folders): the working content is identified
by its digest and the committed content by its commit, so the answer cannot change while both
stay the same. The memo lives in the cache folder with the same keyed MAC as the content cache
(`referral.content.cache`); a memo that is missing, foreign or tampered with is simply asked again.
"""

from __future__ import annotations

import json
import os

from referral.content import cache

MEMO_FILE = "worktree.json"
MEMO_FORMAT = 1
KEEP = 64  # remembered answers; the oldest go first
_CONTENT_SUFFIXES = (".yaml", ".yml")


def modified(folders: tuple[str, ...], commit: str, digest: str) -> bool | None:
    """True when the content in `folders` differs from `commit`; None when git cannot tell."""
    key = "\0".join((commit, digest, *(os.path.realpath(f) for f in folders)))
    memo = _read_memo()
    if key in memo:
        return memo[key]
    found = _ask_git(folders, commit)
    if found is not None:
        memo[key] = found
        _write_memo(memo)
    return found


def _ask_git(folders: tuple[str, ...], commit: str) -> bool | None:
    """git status of each content folder: a content file changed, new (also ignored) or gone."""
    import subprocess

    from referral.core.provenance import git_commit

    for folder in folders:
        if git_commit(folder) != commit:
            return True  # a folder outside this commit's repository: no commit holds this content
        try:
            done = subprocess.run(
                [
                    "git",
                    "--no-optional-locks",  # never take the index lock of someone's working tree
                    "-C",
                    folder,
                    "status",
                    "--porcelain=v1",
                    "-z",
                    "--ignored=matching",
                    "--untracked-files=all",
                    "--no-renames",
                    "--",
                    ".",
                ],
                capture_output=True,
                timeout=10,
                check=False,
                env={**os.environ, "LC_ALL": "C"},
            )
        except (OSError, subprocess.SubprocessError):
            return None
        if done.returncode != 0:
            return None
        for entry in done.stdout.split(b"\0"):
            path = entry[3:].decode("utf-8", errors="replace")
            if path.endswith((*_CONTENT_SUFFIXES, "/")):
                return True
    return False


def _memo_path() -> str | None:
    folder = cache.cache_dir()
    return os.path.join(folder, MEMO_FILE) if folder is not None else None


def _read_memo() -> dict[str, bool]:
    path = _memo_path()
    data = cache._read_file(path, limit=1 << 20) if path is not None else None
    key = cache.cache_key(create=False) if data is not None else None
    if data is None or key is None:
        return {}
    mac, _, body = data.partition(b"\n")
    import hmac

    if not hmac.compare_digest(mac, cache._mac(key, b"worktree", body).encode()):
        return {}
    try:
        plain = json.loads(body)
    except ValueError:
        return {}
    if not isinstance(plain, dict) or plain.get("format") != MEMO_FORMAT or not isinstance(plain.get("seen"), dict):
        return {}
    return {str(k): v for k, v in plain["seen"].items() if isinstance(v, bool)}


def _write_memo(memo: dict[str, bool]) -> None:
    path = _memo_path()
    key = cache.cache_key(create=True) if path is not None else None
    if path is None or key is None:
        return
    kept = dict(list(memo.items())[-KEEP:])
    body = json.dumps({"format": MEMO_FORMAT, "seen": kept}, ensure_ascii=False).encode()
    data = cache._mac(key, b"worktree", body).encode() + b"\n" + body
    cache.write_private(os.path.dirname(path), path, data)
