"""Whether the content in the working tree is the content of its git commit.

An advice names the commit its content comes from, so that it can be reproduced with
`match --content-at COMMIT`. When a content file was edited, added or removed since that commit,
the digest belongs to no commit, and the advice says so: `commit 8546f08+gewijzigd`, and
`"modified": true` in JSON.

The question is answered with the digest itself: the commit's content digest is computed from
the commit's own files, chosen and hashed exactly as the loader chooses and hashes the working
files (`referral.content.loading`), and compared with the digest of the content in use. So a file
the loader skips (a dotfile, a README) changes nothing, and every file it reads counts.

git is asked only for the commit's files (`ls-tree`, `cat-file`): commands that read objects and
never the working tree, so that no configured hook or filter of a foreign repository runs
(`core.fsmonitor` would with `git status`). The commit's digest depends on the commit alone, so
it is remembered per (commit, folders) in the cache folder, under the same keyed MAC as the
content cache (`referral.content.cache`): an everyday `match` runs no git at all. A memo that is
missing, foreign or tampered with is simply computed again.
"""

from __future__ import annotations

import json
import os

from referral.content import cache

MEMO_FILE = "worktree.json"
MEMO_FORMAT = 2
KEEP = 64  # remembered commit digests; the oldest go first
_SCRUBBED = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_CONFIG_PARAMETERS")


def working_commit(folders: tuple[str, ...], digest: str) -> tuple[str | None, bool | None]:
    """The commit checked out where the content in `folders` (rules, offers) lives, and whether
    the content differs from it (None: git could not tell); (None, None) outside git."""
    from referral.core.provenance import git_commit

    commit = git_commit(folders[0]) if folders and folders[0] else None
    if commit is None:
        return None, None
    return commit, modified(folders, commit, digest)


def modified(folders: tuple[str, ...], commit: str, digest: str) -> bool | None:
    """True when the content in `folders` (rules, offers) is not `commit`'s content; None when
    that cannot be told (no git, a link in the commit's content)."""
    from referral.core.provenance import git_commit

    pairs = tuple(zip(("rules", "offers"), folders, strict=True))
    if any(git_commit(folder) != commit for _, folder in pairs):
        return True  # a folder outside this commit's repository: no commit holds this content
    key = "\0".join((commit, *(os.path.realpath(folder) for _, folder in pairs)))
    memo = _read_memo()
    committed = memo.get(key)
    if committed is None:
        committed = committed_digest(pairs, commit)
        if committed is None:
            return None
        memo[key] = committed
        _write_memo(memo)
    return committed != digest


def committed_digest(pairs: tuple[tuple[str, str], ...], commit: str) -> str | None:
    """The content digest that `commit`'s own files give, as `loading.content_digest` computes it."""
    import hashlib

    from referral.content.loading import CONTENT_SUFFIXES

    digest = hashlib.sha256()
    for prefix, folder in pairs:
        listing = _git(folder, ["ls-tree", "-r", "-z", commit, "--", "."])
        if listing is None:
            return None
        files: list[tuple[str, str]] = []
        for entry in listing.split(b"\0"):
            if not entry:
                continue
            meta, _, raw_path = entry.partition(b"\t")
            mode, kind, oid = meta.decode().split()
            path = raw_path.decode("utf-8", errors="surrogateescape")
            name = path.rsplit("/", 1)[-1]
            if kind != "blob" or os.path.splitext(name)[1].lower() not in CONTENT_SUFFIXES or name.startswith("."):
                continue
            if mode == "120000":
                return None  # a link: what the loader reads depends on where it points
            files.append((path, oid))
        files.sort(key=lambda item: item[0].split("/"))  # the loader's order: Path parts, sorted
        blobs = _blobs(folder, [oid for _, oid in files])
        if blobs is None:
            return None
        for (path, _), raw in zip(files, blobs, strict=True):
            digest.update(f"{prefix}/{path}\0".encode())
            digest.update(hashlib.sha256(raw).digest())
    return "sha256:" + digest.hexdigest()


def _git(folder: str, args: list[str], given: bytes | None = None) -> bytes | None:
    import subprocess

    env = {name: value for name, value in os.environ.items() if name not in _SCRUBBED}
    env["LC_ALL"] = "C"
    command = ["git", "--no-optional-locks", "-c", "core.fsmonitor=false", "-C", folder, *args]
    try:
        done = subprocess.run(command, input=given, capture_output=True, timeout=20, check=False, env=env)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _blobs(folder: str, oids: list[str]) -> list[bytes] | None:
    """The contents of these blobs, in order, from one `git cat-file --batch`."""
    if not oids:
        return []
    out = _git(folder, ["cat-file", "--batch"], ("\n".join(oids) + "\n").encode())
    if out is None:
        return None
    blobs = []
    at = 0
    for oid in oids:
        end = out.find(b"\n", at)
        header = out[at:end].split()
        if len(header) != 3 or header[0].decode() != oid or header[1] != b"blob":
            return None
        size = int(header[2])
        blobs.append(out[end + 1 : end + 1 + size])
        at = end + 1 + size + 1
    return blobs


def _memo_path() -> str | None:
    folder = cache.cache_dir()
    return os.path.join(folder, MEMO_FILE) if folder is not None else None


def _read_memo() -> dict[str, str]:
    path = _memo_path()
    data = cache._read_file(path, limit=1 << 20) if path is not None else None
    key = cache.cache_key(create=False) if data is not None else None
    if data is None or key is None:
        return {}
    mac, _, body = data.partition(b"\n")
    if not cache.same_mac(mac, cache._mac(key, b"worktree", body)):
        return {}
    try:
        plain = json.loads(body)
    except ValueError:
        return {}
    if not isinstance(plain, dict) or plain.get("format") != MEMO_FORMAT or not isinstance(plain.get("seen"), dict):
        return {}
    return {str(k): v for k, v in plain["seen"].items() if isinstance(v, str)}


def _write_memo(memo: dict[str, str]) -> None:
    path = _memo_path()
    key = cache.cache_key(create=True) if path is not None else None
    if path is None or key is None:
        return
    kept = dict(list(memo.items())[-KEEP:])
    body = json.dumps({"format": MEMO_FORMAT, "seen": kept}, ensure_ascii=False).encode()
    cache.write_private(os.path.dirname(path), path, cache._mac(key, b"worktree", body).encode() + b"\n" + body)
