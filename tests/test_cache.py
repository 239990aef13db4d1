"""The compiled-content cache: an optimisation only, never trusted, never holding a casus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from referral.cli import main
from referral.content import cache
from referral.content.loading import ContentDirs, load_ruleset, shipped_content

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "weduwe-overvecht.yaml")


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("REFERRAL_CACHE_DIR", str(folder))
    monkeypatch.delenv("REFERRAL_NO_CACHE", raising=False)
    return folder


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def entry_file(folder: Path) -> Path:
    (found,) = folder.glob("content-*.json")
    return found


def age_old(dirs: ContentDirs) -> None:
    """Content written long ago, as a checkout usually is: its stat fingerprint can be trusted."""
    past = time.time() - 3600
    for folder in (dirs.rules, dirs.offers):
        for path in [folder, *folder.rglob("*")]:
            os.utime(path, (past, past))


def test_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("REFERRAL_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == str(tmp_path / "xdg" / "referral")
    monkeypatch.setenv("REFERRAL_CACHE_DIR", str(tmp_path / "own"))
    assert cache.cache_dir() == str(tmp_path / "own")
    monkeypatch.setenv("REFERRAL_NO_CACHE", "1")
    assert cache.cache_dir() is None


def test_a_cached_ruleset_equals_a_loaded_one(cache_dir: Path, content_copy: ContentDirs) -> None:
    age_old(content_copy)
    loaded = load_ruleset(content_copy)
    first = cache.load_ruleset(content_copy)  # miss: loaded and stored
    assert entry_file(cache_dir).exists()
    second = cache.load_ruleset(content_copy)  # hit
    assert first == loaded and second == loaded
    assert second.offers[0].location == loaded.offers[0].location
    assert second.root == loaded.root


def test_the_file_is_plain_json_with_a_header(cache_dir: Path) -> None:
    cache.load_ruleset(shipped_content())
    lines = entry_file(cache_dir).read_bytes().split(b"\n")
    header = json.loads(lines[0])
    assert header["format"] == cache.FORMAT and header["digest"].startswith("sha256:")
    for line in lines[1:]:
        if line:
            json.loads(line)  # every section is JSON: nothing that could run code


def test_a_changed_file_is_never_served_stale(cache_dir: Path, content_copy: ContentDirs) -> None:
    age_old(content_copy)
    before = cache.load_ruleset(content_copy)
    path = content_copy.offers / "join-us.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: Join Us", "name: Join Us Nu"), encoding="utf-8")
    after = cache.load_ruleset(content_copy)
    assert after.digest != before.digest
    offer = after.offer("join-us")
    assert offer is not None and offer.name == "Join Us Nu"


def test_a_same_size_edit_with_the_old_mtime_is_caught(cache_dir: Path, content_copy: ContentDirs) -> None:
    """Stat shortcuts stay correct: ctime and the racy window catch what mtime and size hide."""
    age_old(content_copy)
    cache.load_ruleset(content_copy)
    path = content_copy.offers / "join-us.yaml"
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: Join Us", "name: Join Ux"), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # same size, same mtime
    offer = cache.load_ruleset(content_copy).offer("join-us")
    assert offer is not None and offer.name == "Join Ux"


def test_a_racy_fingerprint_is_hashed_again(
    cache_dir: Path, content_copy: ContentDirs, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.load_ruleset(content_copy)  # the copy was just written: racy
    header = json.loads(entry_file(cache_dir).read_bytes().split(b"\n")[0])
    assert header["racy"] is True
    from referral.content import loading as content

    calls = []
    real = content.content_digest
    monkeypatch.setattr(content, "content_digest", lambda dirs: calls.append(1) or real(dirs))
    cache.load_ruleset(content_copy)
    assert calls  # not trusted on stats alone


@pytest.mark.parametrize(
    "damage",
    ["truncate", "flip", "garbage", "foreign-tool", "foreign-python", "other-dirs", "other-digest", "writable"],
)
def test_damaged_or_foreign_caches_are_ignored(cache_dir: Path, content_copy: ContentDirs, damage: str) -> None:
    age_old(content_copy)
    expected = cache.load_ruleset(content_copy)
    path = entry_file(cache_dir)
    data = path.read_bytes()
    header_end = data.index(b"\n")
    header = json.loads(data[:header_end])
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip":
        position = header_end + 200
        data = data[:position] + bytes([data[position] ^ 1]) + data[position + 1 :]
    elif damage == "garbage":
        data = b"\x80\x04\x95 not json at all\n" + data
    else:
        key, value = {
            "foreign-tool": ("tool", "0.0.0-other"),
            "foreign-python": ("python", "cpython-27:2.7"),
            "other-dirs": ("dirs", ["/elsewhere/rules", "/elsewhere/offers"]),
            "other-digest": ("digest", "sha256:" + "0" * 64),
            "writable": ("tool", header["tool"]),
        }[damage]
        header[key] = value
        if damage == "other-digest":
            header["racy"] = True
        data = json.dumps(header).encode() + data[header_end:]
    path.write_bytes(data)
    if damage == "writable":
        path.chmod(0o666)
    entry, _ = cache.read_entry(str(content_copy.rules), str(content_copy.offers))
    assert entry is None or entry.section("ruleset") is None or entry.section("program") is None
    assert cache.load_ruleset(content_copy) == expected
    assert cache.load_program(content_copy).plain["digest"] == expected.digest


def test_an_unwritable_cache_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("REFERRAL_CACHE_DIR", str(blocker / "cache"))
    result = run("match", EXAMPLE, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output)["referrals"]


def test_no_cache_means_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFERRAL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("REFERRAL_NO_CACHE", "1")
    assert run("match", EXAMPLE, "--format", "json").exit_code == 0
    assert not (tmp_path / "cache").exists()


def test_validate_never_uses_the_cache(cache_dir: Path, content_copy: ContentDirs) -> None:
    age_old(content_copy)
    args = ["--rules", str(content_copy.rules), "--offers", str(content_copy.offers)]
    assert run(*args, "match", EXAMPLE, "--format", "json").exit_code == 0
    (content_copy.offers / "join-us.yaml").write_text("id: join-us\n", encoding="utf-8")
    assert run(*args, "validate").exit_code == 1
    assert run(*args, "match", EXAMPLE, "--format", "json").exit_code == 2  # and match sees it too


def test_a_casus_never_reaches_the_cache(cache_dir: Path, tmp_path: Path) -> None:
    casus = tmp_path / "c.yaml"
    casus.write_text("age: 93\nwijk: Zuilen\nnote: mist zijn hondje Kwispeltje\n", encoding="utf-8")
    for _ in range(2):
        assert run("match", str(casus), "--format", "json").exit_code == 0
        assert run("batch", "-", input='{"age": 93, "note": "mist zijn hondje Kwispeltje"}\n').exit_code == 0
    stored = b"".join(path.read_bytes() for path in cache_dir.iterdir())
    assert b"Kwispeltje" not in stored and b"Zuilen" not in stored


def test_a_cold_match_imports_no_yaml_schema_or_rich(cache_dir: Path) -> None:
    """Lazy imports: with fresh cached content, `match --format json` needs neither PyYAML nor
    jsonschema nor rich (checked the way `python -X importtime` shows it)."""
    env = dict(os.environ, REFERRAL_CACHE_DIR=str(cache_dir))
    command = [sys.executable, "-X", "importtime", "-m", "referral", "match", EXAMPLE, "--format", "json"]
    subprocess.run(command, env=env, capture_output=True, check=True)  # fills the cache
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert not {"yaml", "jsonschema", "rich", "referral.core.model", "referral.engine.match"} & imported
    assert json.loads(done.stdout)["referrals"]
