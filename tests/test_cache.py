"""The content cache: an optimisation only, never trusted, authenticated with the user's key, never
holding a casus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, Run

from referral.content import cache
from referral.content.loading import ContentDirs, load_ruleset, shipped_content

EXAMPLE = str(ROOT / "examples" / "weduwe-overvecht.yaml")


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("REFERRAL_CACHE_DIR", str(folder))
    monkeypatch.setenv("REFERRAL_DATA_DIR", str(tmp_path / "data"))
    return folder


def content(dirs: ContentDirs) -> cache.Content:
    """A fresh handle, as a new process would make one."""
    return cache.Content(str(dirs.rules), str(dirs.offers))


def entry_file(folder: Path) -> Path:
    (found,) = folder.glob("content-*.json")
    return found


def key() -> bytes:
    found = cache.cache_key(create=False)
    assert found is not None
    return found


def age_old(dirs: ContentDirs) -> None:
    """Content written long ago, as a checkout usually is: its stat fingerprint can be trusted."""
    past = time.time() - 3600
    for folder in (dirs.rules, dirs.offers):
        for path in [folder, *folder.rglob("*")]:
            os.utime(path, (past, past))


def parts(path: Path) -> tuple[bytes, bytes, bytes]:
    """MAC line, header line, the sections."""
    data = path.read_bytes()
    mac, header, body = data.split(b"\n", 2)
    return mac, header, body


def rewrite(path: Path, header: bytes, body: bytes, mac: bytes | None = None) -> None:
    """Write an entry; signed with the user's key unless `mac` is given (an attacker's)."""
    signed = mac if mac is not None else cache._mac(key(), header, body).encode()
    path.write_bytes(signed + b"\n" + header + b"\n" + body)


def rename(path: Path, change: Callable[[str], str]) -> str:
    """Change the `name:` line of an offer file; returns the new name."""
    lines = path.read_text(encoding="utf-8").split("\n")
    (index,) = [i for i, line in enumerate(lines) if line.startswith("name: ")]
    name = change(lines[index][len("name: ") :])
    lines[index] = "name: " + name
    path.write_text("\n".join(lines), encoding="utf-8")
    return name


def no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, loading the content for real is a test failure: the cache must serve it."""
    from referral.content import loading

    def refuse(dirs: ContentDirs) -> None:
        raise AssertionError("loaded for real")

    monkeypatch.setattr(loading, "load_ruleset", refuse)


# --- where ------------------------------------------------------------------------------------


def test_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("REFERRAL_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == str(tmp_path / "xdg" / "referral")
    monkeypatch.setenv("REFERRAL_CACHE_DIR", str(tmp_path / "own"))
    assert cache.cache_dir() == str(tmp_path / "own")
    monkeypatch.setenv("REFERRAL_NO_CACHE", "1")
    assert cache.cache_dir() is None


def test_the_key_lives_outside_the_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("REFERRAL_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert cache.key_path() == str(tmp_path / "share" / "referral" / "cache.key")
    monkeypatch.setenv("REFERRAL_DATA_DIR", str(tmp_path / "data"))
    assert cache.key_path() == str(tmp_path / "data" / "cache.key")


# --- a hit is the content -----------------------------------------------------------------------


def test_a_cached_ruleset_equals_a_loaded_one(
    cache_dir: Path, content_copy: ContentDirs, monkeypatch: pytest.MonkeyPatch
) -> None:
    age_old(content_copy)
    loaded = load_ruleset(content_copy)
    first = content(content_copy).ruleset()  # miss: loaded and stored
    assert entry_file(cache_dir).exists()
    no_loading(monkeypatch)
    second = content(content_copy).ruleset()  # hit
    assert first == loaded and second == loaded
    assert second.offers[0].location == loaded.offers[0].location
    assert second.root == loaded.root


def test_the_ruleset_codec_makes_every_model_object_again(tmp_path: Path) -> None:
    """Positional fields: the shipped content and a generated region come back equal, field for
    field, with every model class, tuple, set and mapping they hold."""
    from synthetic_region import RegionShape, generate

    shape = RegionShape(offers=120, rules=240, areas=12, regional_offers=10, general_rules=20, seed=3)
    rules, offers = generate(tmp_path / "region", shape)
    for dirs in (shipped_content(), ContentDirs(rules, offers)):
        loaded = load_ruleset(dirs)
        data = json.loads(json.dumps(cache.encode_ruleset(loaded)))  # through JSON text, as stored
        decoded = cache.decode_ruleset(data, loaded.root, loaded.offers_root)
        assert decoded == loaded
        assert [o.location for o in decoded.offers] == [o.location for o in loaded.offers]
        assert decoded.vocabulary.signals == loaded.vocabulary.signals
    assert cache.decode_ruleset(cache.encode_ruleset(loaded), "x").root == "x"


@pytest.mark.parametrize(
    "bad",
    [
        {"Ruleset": []},  # too few fields
        {"Label": ["a", "b"], "Value": []},  # two keys
        {"Mapping": []},  # a name the model imports, not a class of its own
        {"Path": []},
        {"Label": {"nl": "a"}},  # fields by name (the old format)
        {"c": "Label", "v": {"nl": "a", "en": None}},
        {"d": ["a"]},
        {"s": {"a": 1}},
        {"l": "abc"},
        "text",
        [{"Label": ["a", None, "extra"]}],
    ],
)
def test_the_ruleset_codec_refuses_what_it_did_not_write(bad: object) -> None:
    with pytest.raises(ValueError):
        cache.decode_ruleset(bad, "root")


def test_the_ruleset_codec_keeps_lists_sets_and_mappings_apart() -> None:
    value = ((1, "a"), [2, None], frozenset({"b", "a"}), {"k": (True,)})
    assert cache._encode(value) == [[1, "a"], {"l": [2, None]}, {"s": ["a", "b"]}, {"d": {"k": [True]}}]


def test_sections_are_served_from_the_cache(
    cache_dir: Path, content_copy: ContentDirs, monkeypatch: pytest.MonkeyPatch
) -> None:
    age_old(content_copy)
    built: list[str] = []

    def build(ruleset: object) -> dict[str, int]:
        built.append("x")
        return {"answer": 42}

    assert content(content_copy).sections({"x": build}) == {"x": {"answer": 42}}
    no_loading(monkeypatch)
    handle = content(content_copy)
    assert handle.sections({"x": build}) == {"x": {"answer": 42}}
    assert built == ["x"]  # built once; then read back, without the model
    assert handle._ruleset is None


def test_the_file_is_a_mac_a_header_and_json_sections(cache_dir: Path, tmp_path: Path) -> None:
    content(shipped_content()).ruleset()
    mac, header_line, body = parts(entry_file(cache_dir))
    assert len(mac) == 64 and all(c in b"0123456789abcdef" for c in mac)
    header = json.loads(header_line)
    assert header["format"] == cache.FORMAT and header["digest"].startswith("sha256:")
    assert set(header["sections"]) >= {"ruleset"}
    for line in body.split(b"\n"):
        if line:
            json.loads(line)  # every section is JSON: nothing that could run code
    key_file = tmp_path / "data" / "cache.key"
    assert key_file.stat().st_size == 32 and key_file.stat().st_mode & 0o777 == 0o600
    assert not (cache_dir / "cache.key").exists()


def test_sections_added_one_by_one_are_one_entry_written_from_memory(
    cache_dir: Path, content_copy: ContentDirs, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first run adds its sections one by one: each write keeps what the last one held, as
    its bytes, without reading the file back (nor decoding and encoding the ruleset again)."""
    age_old(content_copy)
    handle = content(content_copy)
    handle.ruleset()
    reads: list[object] = []
    real_read = cache.read_entry
    monkeypatch.setattr(cache, "read_entry", lambda *a: reads.append(a) or real_read(*a))
    assert handle.sections({"a": lambda ruleset: [1, "é"]}) == {"a": [1, "é"]}
    assert handle.sections({"b": lambda ruleset: {"x": None}}) == {"b": {"x": None}}
    assert reads == []
    monkeypatch.setattr(cache, "read_entry", real_read)
    fresh = content(content_copy)
    no_loading(monkeypatch)
    assert fresh.sections({"a": _never_built, "b": _never_built}) == {"a": [1, "é"], "b": {"x": None}}
    assert fresh.ruleset() == handle.ruleset()
    _, header_line, _ = parts(entry_file(cache_dir))
    assert list(json.loads(header_line)["sections"]) == ["ruleset", "a", "b"]


def test_a_first_run_writes_the_ruleset_with_its_sections_once(
    cache_dir: Path, content_copy: ContentDirs, monkeypatch: pytest.MonkeyPatch
) -> None:
    age_old(content_copy)
    writes: list[list[str]] = []
    real_store = cache.store

    def counting(locations: tuple[str, str], digest: str, sections: dict[str, object], stats: object) -> object:
        writes.append(list(sections))
        return real_store(locations, digest, sections, stats)  # type: ignore[arg-type]

    monkeypatch.setattr(cache, "store", counting)
    handle = content(content_copy)
    assert handle.sections({"a": lambda ruleset: 1, "b": lambda ruleset: 2}) == {"a": 1, "b": 2}
    handle.ruleset()  # already there: no second write
    assert writes == [["a", "b", "ruleset"]]
    no_loading(monkeypatch)
    assert content(content_copy).sections({"a": _never_built, "b": _never_built}) == {"a": 1, "b": 2}


def _never_built(ruleset: object) -> object:
    raise AssertionError("served from the cache")


# --- freshness ---------------------------------------------------------------------------------


def test_a_changed_file_is_never_served_stale(cache_dir: Path, content_copy: ContentDirs) -> None:
    age_old(content_copy)
    before = content(content_copy).ruleset()
    name = rename(content_copy.offers / "join-us.yaml", lambda old: old + " Nu")
    after = content(content_copy).ruleset()
    assert after.digest != before.digest
    offer = after.offer("join-us")
    assert offer is not None and offer.name == name


def test_a_same_size_edit_with_the_old_mtime_is_caught(cache_dir: Path, content_copy: ContentDirs) -> None:
    """Stat shortcuts stay correct: ctime and the racy window catch what mtime and size hide."""
    age_old(content_copy)
    content(content_copy).ruleset()
    path = content_copy.offers / "join-us.yaml"
    info = path.stat()
    name = rename(path, lambda old: old[:-1] + ("x" if old[-1] != "x" else "y"))
    assert path.stat().st_size == info.st_size
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # same size, same mtime
    offer = content(content_copy).ruleset().offer("join-us")
    assert offer is not None and offer.name == name


def test_a_racy_fingerprint_is_hashed_again(
    cache_dir: Path, content_copy: ContentDirs, monkeypatch: pytest.MonkeyPatch
) -> None:
    content(content_copy).ruleset()  # the copy was just written: racy
    header = json.loads(parts(entry_file(cache_dir))[1])
    assert header["racy"] is True
    from referral.content import loading

    calls = []
    real = loading.content_digest
    monkeypatch.setattr(loading, "content_digest", lambda dirs: calls.append(1) or real(dirs))
    content(content_copy).ruleset()
    assert calls  # not trusted on stats alone


# --- never trusted --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        "truncate",
        "flip",
        "garbage",
        "unsigned-edit",
        "foreign-tool",
        "foreign-python",
        "other-dirs",
        "other-digest",
        "other-key",
        "writable",
    ],
)
def test_damaged_foreign_or_forged_caches_are_ignored(
    cache_dir: Path, content_copy: ContentDirs, damage: str, tmp_path: Path
) -> None:
    age_old(content_copy)
    expected = content(content_copy).ruleset()
    path = entry_file(cache_dir)
    mac, header_line, body = parts(path)
    header = json.loads(header_line)
    if damage == "truncate":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        position = 200
        body = body[:position] + bytes([body[position] ^ 1]) + body[position + 1 :]
        rewrite(path, header_line, body, mac)
    elif damage == "garbage":
        path.write_bytes(b"\x80\x04\x95 not json at all\n" + path.read_bytes())
    elif damage == "unsigned-edit":  # whoever can write the cache but cannot read the key
        header["racy"] = False
        rewrite(path, json.dumps(header).encode(), body, mac)
    elif damage == "other-key":
        rewrite(path, header_line, body, cache._mac(b"k" * 32, header_line, body).encode())
    elif damage == "writable":
        path.chmod(0o666)
    else:  # signed with the user's key, but not for this tool, Python, content or digest
        field, value = {
            "foreign-tool": ("tool", "0.0.0-other"),
            "foreign-python": ("python", "cpython-27:2.7"),
            "other-dirs": ("dirs", ["/elsewhere/rules", "/elsewhere/offers"]),
            "other-digest": ("digest", "sha256:" + "0" * 64),
        }[damage]
        header[field] = value
        if damage == "other-digest":
            header["racy"] = True
        rewrite(path, json.dumps(header).encode(), body)
    entry, _ = cache.read_entry(str(content_copy.rules), str(content_copy.offers))
    assert entry is None or entry.section("ruleset") is None
    assert content(content_copy).ruleset() == expected


def test_a_tampered_offer_name_is_a_miss_and_the_output_keeps_the_genuine_name(
    cache_dir: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run("match", EXAMPLE, "--format", "json")  # fills the cache: ruleset, program, json, fields
    assert first.exit_code == 0
    genuine = json.loads(first.stdout)["referrals"][0]["offer"]["name"]
    forged = genuine[:-1] + ("x" if genuine[-1] != "x" else "y")  # the same length: sections keep their place
    path = entry_file(cache_dir)
    data = path.read_bytes()
    assert data.count(genuine.encode()) >= 2  # in the model and in the pre-encoded JSON
    path.write_bytes(data.replace(genuine.encode(), forged.encode()))
    assert cache.read_entry(*(str(d) for d in (shipped_content().rules, shipped_content().offers)))[0] is None
    for fmt in ("json", "markdown"):
        result = run("match", EXAMPLE, "--format", fmt)
        assert result.exit_code == 0
        assert genuine in result.stdout and forged not in result.stdout
    assert forged.encode() not in entry_file(cache_dir).read_bytes()  # rewritten from the content
    # A forged score is caught the same way.
    path = entry_file(cache_dir)
    mac, header_line, body = parts(path)
    rewrite(path, header_line, body.replace(b'"weight":', b'"weight":9', 1), mac)
    again = run("match", EXAMPLE, "--format", "json")
    assert again.stdout == first.stdout


def test_a_fifo_at_the_cache_path_does_not_hang(cache_dir: Path, content_copy: ContentDirs) -> None:
    age_old(content_copy)
    expected = content(content_copy).ruleset()
    path = entry_file(cache_dir)
    path.unlink()
    os.mkfifo(path)
    found: list[object] = []
    worker = threading.Thread(target=lambda: found.append(content(content_copy).ruleset()), daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "reading the cache blocked on a FIFO"
    assert found == [expected]


def test_a_fifo_as_the_key_does_not_hang(cache_dir: Path, content_copy: ContentDirs, tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    os.mkfifo(tmp_path / "data" / "cache.key")
    found: list[object] = []
    worker = threading.Thread(target=lambda: found.append(content(content_copy).ruleset()), daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "reading the key blocked on a FIFO"
    assert found and not list(cache_dir.glob("content-*.json"))  # no key of ours: no cache at all


@pytest.mark.parametrize("mode", [0o644, 0o666])
def test_a_key_others_can_read_is_not_used(
    cache_dir: Path, content_copy: ContentDirs, tmp_path: Path, mode: int
) -> None:
    age_old(content_copy)
    content(content_copy).ruleset()
    key_file = tmp_path / "data" / "cache.key"
    key_file.chmod(mode)
    cache._KEY.clear()
    assert cache.cache_key(create=True) is None
    assert cache.read_entry(str(content_copy.rules), str(content_copy.offers))[0] is None
    assert key_file.stat().st_size == 32  # never overwritten


def test_a_key_of_the_wrong_size_switches_the_cache_off(
    cache_dir: Path, content_copy: ContentDirs, tmp_path: Path
) -> None:
    (tmp_path / "data").mkdir()
    key_file = tmp_path / "data" / "cache.key"
    key_file.write_bytes(b"short")
    key_file.chmod(0o600)
    assert content(content_copy).ruleset().offer("join-us") is not None
    assert key_file.read_bytes() == b"short"
    assert not list(cache_dir.glob("content-*.json"))


def test_a_deeply_nested_header_is_a_miss(cache_dir: Path, content_copy: ContentDirs) -> None:
    age_old(content_copy)
    expected = content(content_copy).ruleset()
    path = entry_file(cache_dir)
    _, _, body = parts(path)
    rewrite(path, b"[" * 200_000 + b"]" * 200_000, body)  # signed: only the JSON parser can refuse it
    assert cache.read_entry(str(content_copy.rules), str(content_copy.offers))[0] is None
    nested = b'{"sections": ' + b'{"a":' * 100_000 + b"1" + b"}" * 100_000 + b"}"
    rewrite(path, nested, body)
    assert cache.read_entry(str(content_copy.rules), str(content_copy.offers))[0] is None
    assert content(content_copy).ruleset() == expected


@pytest.mark.parametrize("size", [cache.MAX_CACHE_BYTES + 1, 64 * 1024 * 1024])
def test_a_huge_sparse_file_is_not_read_whole(
    cache_dir: Path, content_copy: ContentDirs, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    age_old(content_copy)
    expected = content(content_copy).ruleset()
    path = entry_file(cache_dir)
    path.unlink()
    with open(path, "wb") as handle:
        handle.truncate(size)  # a hole: no disk, but a large size
    path.chmod(0o600)
    read = [0]
    real = os.read

    def counting(fd: int, count: int) -> bytes:
        chunk = real(fd, count)
        read[0] += len(chunk)
        return chunk

    monkeypatch.setattr(cache.os, "read", counting)
    assert cache.read_entry(str(content_copy.rules), str(content_copy.offers))[0] is None
    assert read[0] <= 1 << 20
    monkeypatch.setattr(cache.os, "read", real)
    assert content(content_copy).ruleset() == expected


# --- what the cache is, for the user ------------------------------------------------------------


def test_an_unwritable_cache_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("REFERRAL_CACHE_DIR", str(blocker / "cache"))
    result = run("match", EXAMPLE, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output)["referrals"]


def test_no_cache_means_no_file_and_no_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run) -> None:
    monkeypatch.setenv("REFERRAL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("REFERRAL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REFERRAL_NO_CACHE", "1")
    assert run("match", EXAMPLE, "--format", "json").exit_code == 0
    assert run("batch", "-", input='{"age": 80}\n').exit_code == 0
    assert not (tmp_path / "cache").exists()
    assert not (tmp_path / "data").exists()


def test_validate_never_uses_the_cache(cache_dir: Path, content_copy: ContentDirs, run: Run) -> None:
    age_old(content_copy)
    args = ["--rules", str(content_copy.rules), "--offers", str(content_copy.offers)]
    assert run(*args, "match", EXAMPLE, "--format", "json").exit_code == 0
    (content_copy.offers / "join-us.yaml").write_text("id: join-us\n", encoding="utf-8")
    assert run(*args, "validate").exit_code == 1
    assert run(*args, "match", EXAMPLE, "--format", "json").exit_code == 2  # and match sees it too


def test_a_casus_never_reaches_the_cache(cache_dir: Path, tmp_path: Path, run: Run) -> None:
    casus = tmp_path / "c.yaml"
    casus.write_text("age: 93\nwijk: Noordwest\ntitle: Casus Kwispeltje\nnote: mist zijn hondje Kwispeltje\n")
    for _ in range(2):
        assert run("match", str(casus), "--format", "json").exit_code == 0
        assert run("match", str(casus)).exit_code == 0
        assert run("batch", "-", input='{"age": 93, "note": "mist zijn hondje Kwispeltje"}\n').exit_code == 0
    stored = b"".join(path.read_bytes() for path in cache_dir.iterdir())
    assert b"Kwispeltje" not in stored


def test_a_cold_match_imports_no_yaml_schema_rich_model_or_click(cache_dir: Path, tmp_path: Path) -> None:
    """Lazy imports: with fresh cached content, `match --format json` needs neither PyYAML nor
    jsonschema nor rich nor click, and builds no model (checked the way `python -X importtime`
    shows it)."""
    env = dict(os.environ, REFERRAL_CACHE_DIR=str(cache_dir), REFERRAL_DATA_DIR=str(tmp_path / "data"))
    command = [sys.executable, "-X", "importtime", "-m", "referral", "match", EXAMPLE, "--format", "json"]
    subprocess.run(command, env=env, capture_output=True, check=True)  # fills the cache
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    # hmac (and OpenSSL's _hashlib behind it) cost 3-7 ms of every start: the MAC is keyed BLAKE2b
    unwanted = {"yaml", "jsonschema", "rich", "click", "referral.core.model", "referral.engine.result", "hmac"}
    assert not unwanted & imported
    assert "referral.engine.program" in imported  # the check sees what it should
    assert json.loads(done.stdout)["referrals"]


def test_the_rich_view_creates_no_explain_classes(cache_dir: Path, tmp_path: Path) -> None:
    """`--explain`'s classes (referral.engine.explanation) cost every start of the rich view
    their creation; only `--explain` imports them."""
    env = dict(os.environ, REFERRAL_CACHE_DIR=str(cache_dir), REFERRAL_DATA_DIR=str(tmp_path / "data"))
    command = [sys.executable, "-X", "importtime", "-m", "referral", "match", EXAMPLE]
    subprocess.run(command, env=env, capture_output=True, check=True)  # fills the cache
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "referral.engine.result" in imported and "referral.engine.explanation" not in imported
    assert "hmac" not in imported
    explained = subprocess.run([*command, "--explain", "1"], env=env, capture_output=True, text=True, check=True)
    assert "referral.engine.explanation" in {line.split("|")[-1].strip() for line in explained.stderr.splitlines()}
