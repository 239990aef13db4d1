"""Safe writes: a temporary file in the same folder, then an atomic rename.

An interruption never leaves half a file, and a user's existing file is never overwritten
without `--force`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from referral.core.problems import Problem, ReferralError


def check_target(path: Path, *, force: bool = False) -> None:
    """Refuse a target before any work is done: an existing file (without --force), anything that
    is not a regular file (a device or FIFO is never replaced, not even with --force), a folder
    that does not exist."""
    if path.exists() or path.is_symlink():
        if not path.is_file():
            raise ReferralError(Problem.make("write.not_a_file", file=str(path)))
        if not force:
            raise ReferralError(Problem.make("write.exists", file=str(path)))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ReferralError(Problem.make("write.no_folder", file=str(path)))


def write_text_atomic(path: Path, text: str, *, force: bool = False) -> None:
    """Write `text` to `path` (UTF-8) all at once, or not at all."""
    write_bytes_atomic(path, text.encode("utf-8"), force=force)


def write_bytes_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    check_target(path, force=force)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise ReferralError(Problem.make("write.failed", file=str(path), reason=err.strerror or "OSError")) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(err, OSError):
            raise ReferralError(
                Problem.make("write.failed", file=str(path), reason=err.strerror or "OSError")
            ) from None
        raise
