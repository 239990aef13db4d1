"""The shipped Utrecht content travels inside the wheel and is found there without the repository."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("referral-*.whl")
    return found


def test_wheel_holds_content_and_schemas(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "referral/data/rules/vocabulary.yaml" in names
    assert "referral/data/rules/scales.yaml" in names
    assert "referral/schemas/offer.schema.json" in names
    shipped_offers = {p.name for p in (ROOT / "offers").glob("*.yaml")}
    assert {n.rsplit("/", 1)[1] for n in names if n.startswith("referral/data/offers/")} == shipped_offers
    shipped_rules = {p.name for p in (ROOT / "rules").glob("*.yaml")}
    assert {n.rsplit("/", 1)[1] for n in names if n.startswith("referral/data/rules/")} == shipped_rules
    # Every package of the layered code, including the message catalogues loaded by name.
    for package in ("core", "core/catalog", "casus", "content", "engine", "render", "app", "commands", "analysis"):
        assert f"referral/{package}/__init__.py" in names, package
    assert "referral/core/catalog/base.py" in names and "tests/oracle.py" not in names


def test_unpacked_wheel_uses_bundled_content(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from referral.content.loading import shipped_content, load_ruleset;"
        "d = shipped_content(); r = load_ruleset(d);"
        "print(d.rules.is_relative_to(sys.argv[1]), len(r.offers))"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", code, str(site)], cwd=tmp_path, check=True, capture_output=True, text=True
    )
    assert out.stdout.split() == ["True", str(len(list((ROOT / "offers").glob("*.yaml"))))]


def test_the_unpacked_wheel_answers_a_match(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    casus = tmp_path / "c.json"
    casus.write_text('{"audience": "helper", "age": 80, "life_events": ["rouw"]}', encoding="utf-8")
    code = "import sys; sys.path.insert(0, sys.argv.pop(1)); from referral.entry import main; main()"
    env = {"REFERRAL_CACHE_DIR": str(tmp_path / "cache"), "REFERRAL_DATA_DIR": str(tmp_path / "data"), "PATH": ""}
    for _ in range(2):  # the cache filled, then used
        out = subprocess.run(
            [sys.executable, "-I", "-c", code, str(site), "match", str(casus), "--format", "json"],
            cwd=tmp_path,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        assert '"for_asker":[{' in out.stdout.replace(" ", "").replace("\n", "")
