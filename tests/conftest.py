"""Shared fixtures: the shipped ruleset (loaded once), a session on it, a way to copy content for
breaking, and one way to run the command line."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from referral.app.session import Session
from referral.content.loading import ContentDirs, load_ruleset, shipped_content
from referral.core.model import Ruleset

ROOT = Path(__file__).resolve().parent.parent
# The day of every advice a test makes through the API: fixed, so that periods (events, seasons)
# and the JSON's "as_of" never depend on the day the tests run.
DAY = dt.date(2026, 12, 2)

Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read or write the user's own content cache, nor the user's cache key; and an
    unknown message code fails the test instead of being shown as itself."""
    base = tmp_path_factory.getbasetemp()
    monkeypatch.setenv("REFERRAL_CACHE_DIR", str(base / "referral-cache"))
    monkeypatch.setenv("REFERRAL_DATA_DIR", str(base / "referral-data"))
    monkeypatch.delenv("REFERRAL_NO_CACHE", raising=False)
    # The referral log: never the user's own file; a test names its own (REFERRAL_DB or --db).
    monkeypatch.setenv("XDG_DATA_HOME", str(base / "xdg-data"))
    monkeypatch.delenv("REFERRAL_DB", raising=False)
    monkeypatch.delenv("REFERRAL_LOG_RETENTION_DAYS", raising=False)
    monkeypatch.setenv("REFERRAL_STRICT_MESSAGES", "1")  # a message code no catalogue defines is an error
    from referral.content import cache

    monkeypatch.setattr(cache, "_KEY", [])  # the key is remembered per process: per test here


@pytest.fixture(scope="session")
def ruleset() -> Ruleset:
    return load_ruleset(shipped_content())


@pytest.fixture(scope="session")
def session(ruleset: Ruleset) -> Session:
    """The shipped content, compiled once: `session.reader`, `.program`, `.writer`, `.match(casus, DAY)`."""
    return Session.of_ruleset(ruleset)


@pytest.fixture()
def content_copy(tmp_path: Path) -> ContentDirs:
    """A private copy of the shipped content that a test may edit or break."""
    shipped = shipped_content()
    rules = tmp_path / "rules"
    offers = tmp_path / "offers"
    shutil.copytree(shipped.rules, rules)
    shutil.copytree(shipped.offers, offers)
    return ContentDirs(rules, offers)


@pytest.fixture()
def run() -> Run:
    """`run("match", path, "--format", "json", input=..., env={...})`: the CLI in process;
    `content=dirs` runs it on that content (`--rules`, `--offers`)."""

    def invoke(
        *args: str,
        input: str | bytes | None = None,
        env: Mapping[str, str] | None = None,
        content: ContentDirs | None = None,
    ) -> Result:
        from referral.cli import main

        where = ["--rules", str(content.rules), "--offers", str(content.offers)] if content else []
        runner = CliRunner(env=dict(env) if env else None)
        return runner.invoke(main, [*where, *args], input=input, catch_exceptions=False)

    return invoke
