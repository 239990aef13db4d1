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


def write_text_atomic(path: Path, text: str, *, force: bool = False, private: bool = False) -> None:
    """Write `text` to `path` (UTF-8) all at once, or not at all."""
    write_bytes_atomic(path, text.encode("utf-8"), force=force, private=private)


def _ordinary_mode() -> int:
    """The mode an ordinary new file gets here: 0666 less the umask (read, without changing it
    for good, by setting and restoring it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_bytes_atomic(path: Path, data: bytes, *, force: bool = False, private: bool = False) -> None:
    """As `write_text_atomic`. The file gets the permissions of an ordinary new file (a temporary
    file alone would be 0600), or 0600 when `private` (exports of the referral log)."""
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
        if not private:
            os.chmod(temp, _ordinary_mode())
        os.replace(temp, path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(err, OSError):
            raise ReferralError(
                Problem.make("write.failed", file=str(path), reason=err.strerror or "OSError")
            ) from None
        raise


def write_texts_atomic(files: dict[Path, str], *, force: bool = False) -> None:
    """Write several files all or none: every one is staged as a temporary file beside its target
    first (a full disk fails there, and the staged files are removed), then all are renamed."""
    for path in files:
        check_target(path, force=force)
    staged: list[tuple[str, Path]] = []
    mode = _ordinary_mode()
    try:
        for path, text in files.items():
            folder = path.parent if str(path.parent) else Path(".")
            handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            staged.append((temp, path))
            with os.fdopen(handle, "wb") as out:
                out.write(text.encode("utf-8"))
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temp, mode)
    except OSError as err:
        for temp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        failed = staged[-1][1] if staged else next(iter(files))
        raise ReferralError(Problem.make("write.failed", file=str(failed), reason=err.strerror or "OSError")) from None
    for temp, path in staged:
        os.replace(temp, path)
