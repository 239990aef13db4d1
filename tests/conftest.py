"""Shared fixtures: the shipped ruleset (loaded once) and a way to copy content for breaking."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from referral.content.loading import ContentDirs, load_ruleset, shipped_content
from referral.core.model import Ruleset

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read or write the user's own content cache."""
    monkeypatch.setenv("REFERRAL_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "referral-cache"))


@pytest.fixture(scope="session")
def ruleset() -> Ruleset:
    return load_ruleset(shipped_content())


@pytest.fixture()
def content_copy(tmp_path: Path) -> ContentDirs:
    """A private copy of the shipped content that a test may edit or break."""
    shipped = shipped_content()
    rules = tmp_path / "rules"
    offers = tmp_path / "offers"
    shutil.copytree(shipped.rules, rules)
    shutil.copytree(shipped.offers, offers)
    return ContentDirs(rules, offers)
