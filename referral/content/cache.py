"""A cache of compiled content, so that a `match` at the meeting table skips YAML and schemas.

Loading the content means parsing every YAML file and validating it against its JSON Schema;
that is what `referral validate` is for, and it always does it for real. Every other start looks
here first: one file per content location in the user's cache directory
(`$REFERRAL_CACHE_DIR`, else `$XDG_CACHE_HOME/referral`, else `~/.cache/referral`;
`REFERRAL_NO_CACHE=1` turns it off).

The cache is an optimisation only, never trusted (threat model: README, "the content cache"):

- The file is plain JSON (never pickle): a MAC line, a header line, then one line per section.
  A foreign or hostile file can at worst be ignored, it cannot run code.
- The MAC is keyed BLAKE2b (32 bytes) over header and sections, keyed with a secret of the user's
  that lives outside the cache folder (`key_path`, mode 0600). Whoever can write the cache folder but
  not read that key cannot make an entry that is served: a changed offer name or score is a miss.
- The header names the format, the tool version, a fingerprint of the installed code, the
  Python, the content folders and the content digest, and each section's place and length;
  anything that does not match (stale, foreign, truncated, corrupt) is a miss. So is a file that
  is not a regular file of the user's (a FIFO, a link), one larger than MAX_CACHE_BYTES, and one
  whose JSON nests too deeply.
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
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from referral import __version__
from referral.core.records import Record

try:  # hashlib's own sources of these, without loading OpenSSL (_hashlib) at every start
    from _blake2 import blake2b
    from _operator import _compare_digest as compare_digest
except ImportError:  # pragma: no cover - a Python built without them
    from hashlib import blake2b
    from hmac import compare_digest  # type: ignore[no-redef]

if TYPE_CHECKING:  # pragma: no cover
    from referral.core.model import Ruleset

FORMAT = "referral-cache/3"
RACY_NS = 2_000_000_000  # a stat this close to "now" may hide a change: hash instead
KEEP = 16  # cache files kept; the least recently written go first
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

MAX_CACHE_BYTES = 512 * 1024 * 1024  # a larger file is not ours (a sparse or hostile file): a miss
MAX_HEADER_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True, eq=False, repr=False)
class Entry(Record):
    """A cache file whose header and MAC checked out, with its sections still as bytes."""

    header: dict[str, Any]
    body: bytes

    def raw(self, name: str) -> bytes | None:
        """A section's bytes, after its place and length checked out; None when absent."""
        where = self.header.get("sections", {}).get(name)
        if not (isinstance(where, list) and len(where) == 2 and all(type(n) is int for n in where)):
            return None
        start, length = where
        data = self.body[start : start + length]
        if start < 0 or len(data) != length:
            return None
        return data

    def section(self, name: str) -> Any:
        """A section's JSON, after its place and length checked out; None when absent or damaged."""
        data = self.raw(name)
        if data is None:
            return None
        from referral.core.gc_pause import paused_gc

        try:
            with paused_gc():  # a large graph without cycles: see referral.core.gc_pause
                return json.loads(data)
        except (ValueError, RecursionError):
            return None

    def names(self) -> list[str]:
        sections = self.header.get("sections")
        return list(sections) if isinstance(sections, dict) else []


def _path_for(dirs: tuple[str, str], folder: str) -> str:
    key = zlib.crc32("\0".join(dirs).encode())
    return os.path.join(folder, f"content-{key:08x}.json")


def _locations(rules: str, offers: str) -> tuple[str, str]:
    return os.path.abspath(rules), os.path.abspath(offers)


def _read_file(
    path: str, limit: int = MAX_CACHE_BYTES, private: bool = False, head: Callable[[bytes], bool] | None = None
) -> bytes | None:
    """The file's bytes if it is a regular file of ours that no one else may write, within `limit`.

    Checked before it is opened (a FIFO would block) and opened without blocking or following a
    link; anything else is a miss. `private`: no one else may read it either (the key). `head`
    judges the first bytes (MAC_LINE of them) before the rest is read, so that a large file that
    does not even start like an entry (a sparse or foreign file) is not read whole.
    """
    import stat

    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not _trusted(info) or info.st_size > limit or (private and info.st_mode & 0o077):
            return None
        chunks = []
        left = info.st_size + 1
        if head is not None:
            first = os.read(fd, min(left, MAC_LINE))
            if not head(first):
                return None
            chunks.append(first)
            left -= len(first)
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(fd)


MAC_LINE = 65  # 64 hex digits of the MAC (32 bytes) and a newline


def _starts_like_an_entry(first: bytes) -> bool:
    return len(first) == MAC_LINE and first[-1:] == b"\n" and all(c in b"0123456789abcdef" for c in first[:-1])


def _trusted(info: os.stat_result) -> bool:
    import stat

    if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o022:
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


# --- authenticity: a keyed MAC with a secret of the user's, kept outside the cache folder ---------


def key_path() -> str:
    """Where the cache key lives: `$REFERRAL_DATA_DIR`, else `$XDG_DATA_HOME/referral`, else
    ~/.local/share/referral. Outside the cache folder, so that whoever can write the cache (a
    shared or synced folder, a careless script) cannot forge an entry."""
    explicit = os.environ.get("REFERRAL_DATA_DIR")
    if explicit:
        return os.path.join(os.path.abspath(explicit), "cache.key")
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(os.path.abspath(base), "referral", "cache.key")


_KEY: list[bytes] = []


def cache_key(create: bool) -> bytes | None:
    """The user's secret (32 random bytes, mode 0600), created when asked; None without one."""
    if _KEY:
        return _KEY[0]
    path = key_path()
    data = _read_file(path, limit=64, private=True)
    if data is not None and len(data) == 32:
        _KEY.append(data)
        return data
    if not create or data is not None:
        return None  # a key of the wrong size is not ours: never overwritten, the cache is off
    import secrets

    fresh = secrets.token_bytes(32)
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(fresh)
    except OSError:
        return cache_key(create=False) if os.path.exists(path) else None  # another process won the race
    _KEY.append(fresh)
    return fresh


def _mac(key: bytes, header: bytes, body: bytes) -> str:
    """Keyed BLAKE2b: a MAC by design (RFC 7693; hashlib: "a faster and simpler replacement for
    HMAC"), and its module loads in 0.2 ms where `hmac` with OpenSSL's SHA-256 took 3-7 ms of
    every start of the tool; hashing the entry costs the same 0.5 ms."""
    mac = blake2b(key=key, digest_size=32)
    mac.update(header)
    mac.update(b"\n")
    mac.update(body)
    return mac.hexdigest()


def same_mac(found: bytes, expected: str) -> bool:
    """Whether a MAC read from a file is the one expected, compared in constant time."""
    return compare_digest(found, expected.encode())


def read_entry(rules: str, offers: str) -> tuple[Entry | None, tuple[str, int] | None]:
    """The authentic, fresh cache entry for the content in these folders (or None), and the stat
    fingerprint taken (before anything is read, so that a change while loading is a later miss)."""
    folder = cache_dir()
    if folder is None:
        return None, None
    locations = _locations(rules, offers)
    try:
        stats = fingerprint(locations)
    except OSError:
        return None, None  # a missing folder: the loader reports it
    data = _read_file(_path_for(locations, folder), head=_starts_like_an_entry)
    key = cache_key(create=False) if data is not None else None
    if data is None or key is None:
        return None, stats
    first = data.find(b"\n")
    second = data.find(b"\n", first + 1) if 0 < first <= MAX_HEADER_BYTES else -1
    if second < 0:
        return None, stats
    mac, header_bytes, body = data[:first], data[first + 1 : second], data[second + 1 :]
    if not same_mac(mac, _mac(key, header_bytes, body)):
        return None, stats
    try:
        header = json.loads(header_bytes)
    except (ValueError, RecursionError):
        header = None
    if not isinstance(header, dict) or not _same_origin(header, locations):
        return None, stats
    entry = Entry(header, body)
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


@dataclass(frozen=True)
class Stored:
    """A section as the entry already holds it: written again as these bytes, not decoded and
    encoded anew (the ruleset of a national social map is hundreds of megabytes of JSON)."""

    data: bytes


def store(
    locations: tuple[str, str], digest: str, sections: dict[str, Any], stats: tuple[str, int] | None
) -> Entry | None:
    """Cache these sections of sound content (JSON data each, or Stored); what cannot be encoded
    is left out. The entry as written, or None when nothing was."""
    if cache_dir() is None or stats is None:
        return None
    body = bytearray()
    where = {}
    for name, data in sections.items():
        if isinstance(data, Stored):
            encoded = data.data
        else:
            try:
                encoded = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()
            except (TypeError, ValueError, RecursionError):
                continue
        where[name] = [len(body), len(encoded)]
        body += encoded + b"\n"
    header = {
        "format": FORMAT,
        "tool": __version__,
        "code": code_fingerprint(),
        "python": python_tag(),
        "dirs": list(locations),
        "digest": digest,
        "sections": where,
    }
    written = _write(locations, header, bytes(body), stats)
    return Entry(written, bytes(body)) if written is not None else None


def _write(
    locations: tuple[str, str], header: dict[str, Any], body: bytes, stats: tuple[str, int]
) -> dict[str, Any] | None:
    """Write an entry; the header as written, or None when it was not."""
    folder = cache_dir()
    key = cache_key(create=True)
    if folder is None or key is None:
        return None
    header = dict(header, stats=stats[0], racy=stats[1] >= time.time_ns() - RACY_NS)
    header_bytes = json.dumps(header, ensure_ascii=False).encode()
    data = _mac(key, header_bytes, body).encode() + b"\n" + header_bytes + b"\n" + body
    if not write_private(folder, _path_for(locations, folder), data):
        return None
    _prune(folder)
    return header


def write_private(folder: str, target: str, data: bytes) -> bool:
    """Write a file of the cache folder whole or not at all (a private temp file renamed into
    place, mode 0600); False when it cannot be written, which only costs time."""
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
    except OSError:
        return False
    return True


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
#
# A model object is a one-key object, its class's name and its field values in field order:
# `{"Label": ["wie vraagt", "who is asking"]}`. A tuple (the model's sequences) is a JSON array;
# the rarer shapes are tagged with a lower-case key that no class name has: `{"s": [...]}` a
# frozenset, `{"d": {...}}` a mapping, `{"l": [...]}` a list. Positional, because the rich view
# decodes the whole model at every start: named fields made the section 2.5 times larger and
# its decoding twice as slow. Field order is safe to rely on: the entry is keyed by a
# fingerprint of the installed code (`code_fingerprint`), so another model is another entry.


def encode_ruleset(ruleset: Ruleset) -> Any:
    """The Ruleset as the JSON above."""
    return _encode(ruleset)


_PLAIN = (type(None), bool, int, str)
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # a model class -> its field names, asked once
_TAGS = ("s", "d", "l")  # lower case: never a class name of the model


def _encode(value: Any) -> Any:
    # The common cases first, by exact type (a national ruleset has over a million values);
    # anything else takes the general route below.
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple:
        return [v if type(v) in _PLAIN else _encode(v) for v in value]
    names = _FIELD_NAMES.get(kind)
    if names is not None:
        return {kind.__name__: _fields_of(value, names)}
    return _encode_other(value)


def _fields_of(value: Any, names: tuple[str, ...]) -> list[Any]:
    fields = [_encode(getattr(value, name)) for name in names]
    if type(value).__name__ == "Location":  # a display path depends on the working folder: keep it absolute
        fields[0] = os.path.abspath(value.file)
    return fields


def _encode_other(value: Any) -> Any:
    import dataclasses

    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise Uncacheable("not a finite number")
        return value
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, list):
        return {"l": [_encode(v) for v in value]}
    if isinstance(value, frozenset):
        return {"s": sorted((_encode(v) for v in value), key=json.dumps)}
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise Uncacheable("a mapping with keys that are not text")
        return {"d": {k: _encode(v) for k, v in value.items()}}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        if cls.__module__ != "referral.core.model" or cls.__name__ in _TAGS:
            raise Uncacheable(cls.__qualname__)
        fields = dataclasses.fields(value)
        if not all(f.init for f in fields) or (cls.__name__ == "Location" and fields[0].name != "file"):
            raise Uncacheable(cls.__qualname__)  # not made again from its fields in order
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields)
        return {cls.__name__: _fields_of(value, names)}
    raise Uncacheable(type(value).__qualname__)


def decode_ruleset(data: Any, root: str, offers_root: str = "") -> Ruleset:
    """The Ruleset back; raises ValueError for anything that is not what `encode_ruleset` wrote."""
    import dataclasses

    from referral.core import model
    from referral.core.locations import display_path

    displayed: dict[Any, str] = {}
    plain = frozenset((str, int, type(None), bool, float))  # most values: taken as they are, without a call
    classes: dict[str, tuple[Any, int]] = {}  # name -> model class (Any: called positionally), field count

    def model_class(name: str) -> tuple[Any, int]:
        cls = getattr(model, name, None)
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__):
            raise ValueError("unexpected class")
        found = classes[name] = (cls, len(dataclasses.fields(cls)))
        return found

    def decode(value: Any) -> Any:
        # JSON object keys are always text; the most frequent shapes are tested first
        kind = type(value)
        if kind is list:
            return tuple([v if type(v) in plain else decode(v) for v in value])
        if kind is not dict or len(value) != 1:
            raise ValueError("unexpected value")
        ((name, inner),) = value.items()
        if name in _TAGS:
            if name == "d":
                if type(inner) is not dict:
                    raise ValueError("unexpected mapping")
                return {k: v if type(v) in plain else decode(v) for k, v in inner.items()}
            if type(inner) is not list:
                raise ValueError("unexpected collection")
            items = [v if type(v) in plain else decode(v) for v in inner]
            return frozenset(items) if name == "s" else items
        cls, count = classes.get(name) or model_class(name)
        if type(inner) is not list or len(inner) != count:
            raise ValueError("unexpected fields")
        args = [v if type(v) in plain else decode(v) for v in inner]
        if name == "Location":  # locations share a few files: shorten each file once
            file = args[0]
            shown = displayed.get(file)
            if shown is None:
                shown = displayed[file] = display_path(file)
            args[0] = shown
        return cls(*args)

    try:
        ruleset = decode(data)
    except (TypeError, KeyError, AttributeError, RecursionError) as err:
        raise ValueError(str(err)) from None
    if not isinstance(ruleset, model.Ruleset):
        raise ValueError("not a ruleset")
    return dataclasses.replace(ruleset, root=root, offers_root=offers_root or root)


# --- the one way in: Content ------------------------------------------------------------------


class Content:
    """The content at two folders: its model and the sections derived from it, each taken from the
    cache when an authentic, fresh entry holds it, else built (and the entry written).

    A section is JSON data that a layer above derives from the Ruleset (the casus field table,
    the engine's program, the JSON fragments of the output); the cache keeps it opaque, as bytes
    checked by the entry's MAC. Only sound content is cached: content with problems is loaded,
    and reported, every time.
    """

    def __init__(self, rules: str, offers: str) -> None:
        self.rules = rules
        self.offers = offers
        self._entry: Entry | None = None
        self._stats: tuple[str, int] | None = None
        self._read = False
        self._ruleset: Ruleset | None = None
        self._sections: dict[str, Any] = {}
        self._encoded: tuple[Ruleset, Any] | None = None

    def _cached(self) -> Entry | None:
        if not self._read:
            self._entry, self._stats = read_entry(self.rules, self.offers)
            self._read = True
        return self._entry

    def ruleset(self) -> Ruleset:
        """The checked Ruleset: from the cache when it is fresh, else loaded (and validated) for real."""
        ruleset, loaded = self._ruleset_now()
        if loaded:
            self._store({RULESET: self._encoded_ruleset()})
        return ruleset

    def _ruleset_now(self) -> tuple[Ruleset, bool]:
        """The Ruleset, and whether it was just loaded for real (and is not in the cache yet)."""
        if self._ruleset is not None:
            return self._ruleset, False
        entry = self._cached()
        data = entry.section(RULESET) if entry is not None else None
        if data is not None:
            from referral.core.gc_pause import paused_gc

            try:
                with paused_gc():  # a large graph without cycles: see referral.core.gc_pause
                    self._ruleset = decode_ruleset(data, self.rules, self.offers)
                return self._ruleset, False
            except ValueError:
                pass
        from pathlib import Path

        from referral.content.loading import ContentDirs
        from referral.content.loading import load_ruleset as load_for_real

        self._ruleset = load_for_real(ContentDirs(Path(self.rules), Path(self.offers)))
        self._entry = None  # what the cache held was not this content (or not whole): written anew
        return self._ruleset, True

    def _encoded_ruleset(self) -> Any:
        """The ruleset as cache JSON, encoded once."""
        ruleset, _ = self._ruleset_now()
        if self._encoded is not None and self._encoded[0] is ruleset:
            return self._encoded[1]
        try:
            encoded = encode_ruleset(ruleset)
        except Uncacheable:
            encoded = None
        self._encoded = (ruleset, encoded)
        return encoded

    def sections(self, builders: dict[str, Callable[[Ruleset], Any]]) -> dict[str, Any]:
        """Several sections at once (one cache write when any was missing)."""
        found: dict[str, Any] = {}
        missing = []
        entry = self._cached()
        for name, build in builders.items():
            if name in self._sections:
                found[name] = self._sections[name]
                continue
            data = entry.section(name) if entry is not None else None
            if data is None:
                missing.append((name, build))
            else:
                found[name] = self._sections[name] = data
        if missing:
            # Loaded for real now, the ruleset goes into the cache with these sections: one write.
            ruleset, _ = self._ruleset_now()
            fresh = {name: build(ruleset) for name, build in missing}
            found.update(fresh)
            self._sections.update(fresh)
            self._store(fresh)
        return found

    def section(self, name: str, build: Callable[[Ruleset], Any]) -> Any:
        return self.sections({name: build})[name]

    def _store(self, fresh: dict[str, Any]) -> None:
        ruleset = self._ruleset
        if ruleset is None or self._stats is None:
            return
        sections: dict[str, Any] = {}
        entry = self._entry
        if entry is not None:
            for name in entry.names():
                if name not in fresh:
                    raw = entry.raw(name)
                    if raw is not None:
                        sections[name] = Stored(raw)
        sections.update({name: data for name, data in fresh.items() if data is not None})
        if RULESET not in sections:
            encoded = self._encoded_ruleset()
            if encoded is not None:
                sections[RULESET] = encoded
        written = store(_locations(self.rules, self.offers), ruleset.digest, sections, self._stats)
        # The entry just written is the one to add to next (not read back: at national scale
        # that was the whole file, its MAC and a stat of every content file, for every section).
        self._entry = written
        self._read = written is not None


RULESET = "ruleset"


def load(rules: str | os.PathLike[str] | None = None, offers: str | os.PathLike[str] | None = None) -> Content:
    """The content named by the flags, REFERRAL_RULES / REFERRAL_OFFERS, or the shipped content."""
    from referral.core.locations import content_locations

    return Content(*content_locations(rules, offers))
