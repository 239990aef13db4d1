"""A cache of compiled content, so that a `match` at the meeting table skips YAML and schemas.

Loading the content means parsing every YAML file and validating it against its JSON Schema;
that is what `referral validate` is for, and it always does it for real. Every other start looks
here first: one file per content location in the user's cache directory
(`$REFERRAL_CACHE_DIR`, else `$XDG_CACHE_HOME/referral`, else `~/.cache/referral`;
`REFERRAL_NO_CACHE=1` turns it off).

The cache is an optimisation only, never trusted:

- The file is plain JSON (never pickle): a header line, then one line per section. A foreign or
  hostile file can at worst be ignored, it cannot run code.
- The header names the format, the tool version, a fingerprint of the installed code, the
  Python, the content folders and the content digest, and each section's length and CRC-32;
  anything that does not match (stale, foreign, truncated, corrupt) is a miss.
- Freshness: the content digest (SHA-256 over every content file, as `content.load_content`
  computes it) is what the entry is keyed by. To avoid hashing every file on every start, the
  header also keeps the stat fingerprint (size, mtime, ctime, inode of every file and folder)
  the digest was taken with; when every stat still matches, the digest still holds. A
  fingerprint taken within two seconds of a change ("racy", as git calls it) is never trusted:
  then the files are hashed again.
- A file not owned by the user, or writable by others, is ignored. Writes go to a private temp
  file that is renamed into place; an unwritable cache is silently skipped.
- Only sound content is cached: content with problems is loaded (and reported) every time.
"""

from __future__ import annotations

import json
import os
import sys
import time
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from referral import __version__

if TYPE_CHECKING:  # pragma: no cover
    from referral.content.loading import ContentDirs
    from referral.core.model import Ruleset
    from referral.engine.compiled import Program

FORMAT = "referral-cache/1"
RACY_NS = 2_000_000_000  # a stat this close to "now" may hide a change: hash instead
KEEP = 16  # cache files kept; the least recently written go first
SECTIONS = ("program", "parser", "ruleset")  # the compiled program, the casus parser's part, the whole model
_CONTENT_SUFFIXES = (".yaml", ".yml")


class Uncacheable(Exception):
    """Data the cache format cannot hold faithfully: then it is simply not cached."""


def cache_dir() -> str | None:
    """Where the cache lives, or None when it is switched off (REFERRAL_NO_CACHE=1)."""
    if os.environ.get("REFERRAL_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get("REFERRAL_CACHE_DIR")
    if explicit:
        return os.path.abspath(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(os.path.abspath(base), "referral")


# --- fingerprints ----------------------------------------------------------------------------


def _stat_line(path: str, info: os.stat_result) -> str:
    return f"{path}\t{info.st_size}\t{info.st_mtime_ns}\t{info.st_ctime_ns}\t{info.st_ino}\t{info.st_mode}"


def fingerprint(folders: tuple[str, ...], suffixes: tuple[str, ...] = _CONTENT_SUFFIXES) -> tuple[str, int]:
    """Stat lines of every folder and matching file below `folders`, and the newest time among them.

    A superset of what the loader reads (hidden files and links too): an extra file can only
    cause a needless miss. Folder times change when entries are added, removed or renamed.
    """
    lines: list[str] = []
    newest = 0
    stack = list(reversed(folders))
    while stack:
        folder = stack.pop()
        info = os.stat(folder)
        lines.append(_stat_line(folder, info))
        newest = max(newest, info.st_mtime_ns, info.st_ctime_ns)
        with os.scandir(folder) as entries:
            found = sorted(entries, key=lambda entry: entry.name)
        below = []
        for entry in found:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":  # written by Python itself, never content or code
                    below.append(entry.path)
                continue
            if not entry.name.lower().endswith(suffixes):
                continue
            own = entry.stat(follow_symlinks=False)
            lines.append(_stat_line(entry.path, own))
            newest = max(newest, own.st_mtime_ns, own.st_ctime_ns)
            if entry.is_symlink():
                target = os.stat(entry.path)  # a link's target changes without the link changing
                lines.append(_stat_line("->", target))
                newest = max(newest, target.st_mtime_ns, target.st_ctime_ns)
        stack.extend(reversed(below))
    return "\n".join(lines), newest


_CODE: list[str] = []


def code_fingerprint() -> str:
    """The installed code (every .py and schema file of the package): a changed file is another tool."""
    if not _CODE:
        package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        lines, _ = fingerprint((package,), (".py", ".json"))
        lines = "\n".join(line for line in lines.split("\n") if not line.startswith(package + "\t"))
        _CODE.append(f"{__version__}:{zlib.crc32(lines.encode()):08x}:{len(lines)}")
    return _CODE[0]


def python_tag() -> str:
    return f"{sys.implementation.cache_tag}:{sys.version}"


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A cache file that passed every check, with its sections still as bytes."""

    header: dict[str, Any]
    body: bytes

    def section(self, name: str) -> Any:
        """A section's JSON, after its length and CRC-32 checked out; None when absent or damaged."""
        where = self.header.get("sections", {}).get(name)
        if not (isinstance(where, list) and len(where) == 3 and all(isinstance(n, int) for n in where)):
            return None
        start, length, crc = where
        data = self.body[start : start + length]
        if len(data) != length or zlib.crc32(data) != crc:
            return None
        try:
            return json.loads(data)
        except ValueError:
            return None


def _path_for(dirs: tuple[str, str], folder: str) -> str:
    key = zlib.crc32("\0".join(dirs).encode())
    return os.path.join(folder, f"content-{key:08x}.json")


def _locations(rules: str, offers: str) -> tuple[str, str]:
    return os.path.abspath(rules), os.path.abspath(offers)


def _read_file(path: str) -> bytes | None:
    """The file's bytes if it is a regular file of ours that no one else may write."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not _trusted(info):
            return None
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _trusted(info: os.stat_result) -> bool:
    import stat

    if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o022:
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def read_entry(rules: str, offers: str) -> tuple[Entry | None, tuple[str, int] | None]:
    """The valid, fresh cache entry for the content in these folders (or None), and the stat
    fingerprint taken (before anything is read, so that a change while loading is a later miss)."""
    folder = cache_dir()
    if folder is None:
        return None, None
    locations = _locations(rules, offers)
    try:
        stats = fingerprint(locations)
    except OSError:
        return None, None  # a missing folder: the loader reports it
    data = _read_file(_path_for(locations, folder))
    if data is None:
        return None, stats
    newline = data.find(b"\n")
    try:
        header = json.loads(data[:newline]) if newline > 0 else None
    except ValueError:
        header = None
    if not isinstance(header, dict) or not _same_origin(header, locations):
        return None, stats
    entry = Entry(header, data[newline + 1 :])
    if header.get("stats") == stats[0] and not header.get("racy", True):
        return entry, stats
    # The files were touched: the entry still holds if their bytes are what it was made from.
    try:
        from pathlib import Path

        from referral.content.loading import ContentDirs, content_digest

        digest = content_digest(ContentDirs(Path(rules), Path(offers)))
    except Exception:
        return None, stats
    if digest != header.get("digest"):
        return None, stats
    _write(locations, header, entry.body, stats)  # remember the new fingerprint
    return entry, stats


def _same_origin(header: dict[str, Any], locations: tuple[str, str]) -> bool:
    return (
        header.get("format") == FORMAT
        and header.get("tool") == __version__
        and header.get("code") == code_fingerprint()
        and header.get("python") == python_tag()
        and header.get("dirs") == list(locations)
        and isinstance(header.get("digest"), str)
    )


# --- writing ---------------------------------------------------------------------------------


def store(dirs: ContentDirs, ruleset: Ruleset, stats: tuple[str, int] | None) -> dict[str, Any] | None:
    """Cache a sound ruleset (both the fast program and the full model); returns the program's plain form."""
    from referral.engine.compiled import describe

    folder = cache_dir()
    locations = _locations(str(dirs.rules), str(dirs.offers))
    try:
        program = describe(ruleset)
    except Exception:
        return None
    if folder is None or stats is None:
        return program
    try:
        import dataclasses

        parser = dataclasses.replace(ruleset, offers=(), rules=())  # what the casus parser reads
        sections = {"program": program, "parser": encode_ruleset(parser), "ruleset": encode_ruleset(ruleset)}
        encoded = {
            name: json.dumps(data, ensure_ascii=False, allow_nan=False).encode() for name, data in sections.items()
        }
    except (Uncacheable, TypeError, ValueError):
        return program
    body = bytearray()
    where = {}
    for name, data in encoded.items():
        where[name] = [len(body), len(data), zlib.crc32(data)]
        body += data + b"\n"
    header = {
        "format": FORMAT,
        "tool": __version__,
        "code": code_fingerprint(),
        "python": python_tag(),
        "dirs": list(locations),
        "digest": ruleset.digest,
        "sections": where,
    }
    _write(locations, header, bytes(body), stats)
    return program


def _write(locations: tuple[str, str], header: dict[str, Any], body: bytes, stats: tuple[str, int]) -> None:
    folder = cache_dir()
    if folder is None:
        return
    header = dict(header, stats=stats[0], racy=stats[1] >= time.time_ns() - RACY_NS)
    data = json.dumps(header, ensure_ascii=False).encode() + b"\n" + body
    target = _path_for(locations, folder)
    temp = os.path.join(folder, f".tmp-{os.getpid()}-{time.time_ns()}")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, target)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
        _prune(folder)
    except OSError:
        return  # an unwritable cache only costs time


def _prune(folder: str) -> None:
    try:
        names = [name for name in os.listdir(folder) if name.startswith("content-") and name.endswith(".json")]
        if len(names) <= KEEP:
            return
        paths = sorted((os.path.join(folder, name) for name in names), key=os.path.getmtime)
        for path in paths[: len(paths) - KEEP]:
            os.unlink(path)
    except OSError:
        return


# --- the ruleset as plain JSON ---------------------------------------------------------------


def encode_ruleset(ruleset: Ruleset) -> Any:
    """The Ruleset as tagged JSON: every frozen dataclass by name and fields, tuples and sets tagged."""
    return _encode(ruleset)


def _encode(value: Any) -> Any:
    import dataclasses

    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise Uncacheable("not a finite number")
        return value
    if isinstance(value, tuple):
        return {"t": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, frozenset):
        return {"s": sorted((_encode(v) for v in value), key=json.dumps)}
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise Uncacheable("a mapping with keys that are not text")
        return {"d": {k: _encode(v) for k, v in value.items()}}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        if cls.__module__ != "referral.core.model":
            raise Uncacheable(cls.__qualname__)
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if cls.__name__ == "Location":  # a display path depends on the working folder: keep it absolute
            fields["file"] = os.path.abspath(value.file)  # type: ignore[attr-defined]
        return {"c": cls.__name__, "v": fields}
    raise Uncacheable(type(value).__qualname__)


def decode_ruleset(data: Any, root: str) -> Ruleset:
    """The Ruleset back; raises ValueError for anything that is not what `encode_ruleset` wrote."""
    import dataclasses

    from referral.core import model
    from referral.core.locations import display_path

    displayed: dict[Any, str] = {}
    plain = (str, int, type(None), bool, float)  # most values: taken as they are, without a call
    classes: dict[str, Any] = {}  # name -> model class (Any: called with keyword arguments)

    def decode(value: Any) -> Any:
        if type(value) in plain:
            return value
        if type(value) is list:
            return [v if type(v) in plain else decode(v) for v in value]
        if type(value) is not dict or len(value) not in (1, 2):
            raise ValueError("unexpected value")
        if "t" in value:
            return tuple([v if type(v) in plain else decode(v) for v in value["t"]])
        if "s" in value:
            return frozenset([v if type(v) in plain else decode(v) for v in value["s"]])
        if "d" in value:
            return {str(k): v if type(v) in plain else decode(v) for k, v in value["d"].items()}
        name, fields = value.get("c"), value.get("v")
        if not isinstance(name, str):
            raise ValueError("unexpected class")
        cls = classes.get(name)
        if cls is None:
            cls = getattr(model, name, None)  # a class of the model, or None
            if not isinstance(cls, type) or not dataclasses.is_dataclass(cls):
                raise ValueError("unexpected class")
            classes[name] = cls
        if type(fields) is not dict:
            raise ValueError("unexpected fields")
        kwargs = {str(k): v if type(v) in plain else decode(v) for k, v in fields.items()}
        if name == "Location":  # locations share a few files: shorten each file once
            file = kwargs["file"]
            shown = displayed.get(file)
            if shown is None:
                shown = displayed[file] = display_path(file)
            kwargs["file"] = shown
        factory: Any = cls
        return factory(**kwargs)

    try:
        ruleset = decode(data)
    except (TypeError, KeyError, AttributeError, RecursionError) as err:
        raise ValueError(str(err)) from None
    if not isinstance(ruleset, model.Ruleset):
        raise ValueError("not a ruleset")
    return dataclasses.replace(ruleset, root=root)


# --- what the commands use -------------------------------------------------------------------


def load_ruleset(dirs: ContentDirs) -> Ruleset:
    """The checked Ruleset: from the cache when it is fresh, else loaded (and validated) for real."""
    return load_ruleset_from(str(dirs.rules), str(dirs.offers))


def load_ruleset_from(rules: str, offers: str) -> Ruleset:
    """`load_ruleset` for folders given as text: a cache hit then needs no pathlib (start-up)."""
    entry, stats = read_entry(rules, offers)
    if entry is not None:
        data = entry.section("ruleset")
        if data is not None:
            try:
                return decode_ruleset(data, rules)
            except ValueError:
                pass
    from pathlib import Path

    from referral.content.loading import ContentDirs
    from referral.content.loading import load_ruleset as load_for_real

    dirs = ContentDirs(Path(rules), Path(offers))
    ruleset = load_for_real(dirs)
    store(dirs, ruleset, stats)
    return ruleset


def load_parser_ruleset(dirs: ContentDirs) -> Ruleset:
    """A Ruleset with only the vocabulary and the scale thresholds: all the casus parser reads.

    `batch` parses the casussen the fast route leaves to it with this; at region scale it loads
    in a fraction of the time of the whole ruleset.
    """
    entry, _ = read_entry(str(dirs.rules), str(dirs.offers))
    data = entry.section("parser") if entry is not None else None
    if data is not None:
        try:
            return decode_ruleset(data, str(dirs.rules))
        except ValueError:
            pass
    return load_ruleset(dirs)


def load_program(dirs: ContentDirs) -> Program:
    """The compiled program for batch and the fast `match`: without the model when the cache is fresh."""
    from referral.engine.compiled import build

    entry, stats = read_entry(str(dirs.rules), str(dirs.offers))
    plain = entry.section("program") if entry is not None else None
    if plain is not None:
        try:
            return build(plain, str(dirs.rules))
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            pass
    from referral.content.loading import load_ruleset as load_for_real

    ruleset = load_for_real(dirs)
    plain = store(dirs, ruleset, stats)
    if plain is None:
        raise ValueError("content the compiled route cannot hold")
    return build(plain, str(dirs.rules))
