"""The content of one run, compiled: the model, the engine's program, the casus reader, the JSON writer.

Each part comes from the content cache when it is fresh (a cold `match --format json` builds no
model at all), else from the content itself; every route asks this one place.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import TYPE_CHECKING, Any

from referral.content.cache import Content, load

if TYPE_CHECKING:  # pragma: no cover
    from referral.casus.reader import Casus, CasusReader
    from referral.core.model import Ruleset
    from referral.engine.program import Program
    from referral.engine.result import MatchResult
    from referral.render.json_lines import JsonWriter


def _fields(ruleset: Ruleset) -> Any:
    from referral.casus.fields import field_table

    return field_table(ruleset.vocabulary, ruleset.thresholds)


def _program(ruleset: Ruleset) -> Any:
    from referral.engine.compile import describe

    return describe(ruleset)


def _json(ruleset: Ruleset) -> Any:
    from referral.render.json_lines import describe

    return describe(ruleset)


BUILDERS = {"fields": _fields, "program": _program, "json": _json}


class Session:
    """The content named by the settings, compiled once for this run."""

    def __init__(self, content: Content, ruleset: Ruleset | None = None) -> None:
        self.content = content
        self._given = ruleset

    @classmethod
    def of(cls, rules: str | None, offers: str | None) -> Session:
        return cls(load(rules, offers))

    @classmethod
    def of_ruleset(cls, ruleset: Ruleset) -> Session:
        """A session for a ruleset at hand (another version of the content, a test's own)."""
        return cls(_Given(ruleset), ruleset)

    @cached_property
    def ruleset(self) -> Ruleset:
        return self._given if self._given is not None else self.content.ruleset()

    def _sections(self, *names: str) -> dict[str, Any]:
        return self.content.sections({name: BUILDERS[name] for name in names})

    @cached_property
    def program(self) -> Program:
        from referral.engine.program import build

        return build(self._sections("program")["program"])

    @cached_property
    def reader(self) -> CasusReader:
        from referral.casus.reader import CasusReader

        return CasusReader(self._sections("fields")["fields"])

    @cached_property
    def writer(self) -> JsonWriter:
        from referral.render.json_lines import JsonWriter

        found = self._sections("json", "fields")
        return JsonWriter(found["json"], found["fields"], (self.content.rules, self.content.offers))

    def warm(self, *names: str) -> None:
        """These sections (default: every one) at once, one cache write on a miss: for routes
        that need them all."""
        self._sections(*(names or BUILDERS))

    def match(self, casus: Casus, day: dt.date) -> MatchResult:
        from referral.engine.result import run

        return run(self.program, self.ruleset, casus, day)

    def json_line(self, casus: Casus, day: dt.date, lang: str, top: int | None) -> bytes:
        """`match --format json` for one casus, as one line of UTF-8."""
        decision = self.program.decide(casus.signals, day.toordinal())
        return self.writer.casus_line(self.program, decision, casus, lang, top)


class _Given(Content):
    """Content that is a ruleset in hand: its sections are built, never cached."""

    def __init__(self, ruleset: Ruleset) -> None:
        super().__init__(ruleset.root, ruleset.offers_root or ruleset.root)
        self._given_ruleset = ruleset

    def ruleset(self) -> Ruleset:
        return self._given_ruleset

    def sections(self, builders: dict[str, Any]) -> dict[str, Any]:
        found = {}
        for name, build in builders.items():
            if name not in self._sections:
                self._sections[name] = build(self._given_ruleset)
            found[name] = self._sections[name]
        return found
