"""One problem type for every user-facing error, with 1-based positions (as yamllint's LintProblem).

Problems carry a message *code* and arguments rather than finished text, so that the same
problem can be rendered in Dutch or English by whoever prints it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from referral.core.i18n import translate
from referral.core.records import Record


class ExitCode(enum.IntEnum):
    """Process exit codes; part of the public contract (DESIGN.md)."""

    OK = 0
    PROBLEMS_FOUND = 1
    BAD_INPUT = 2
    INTERNAL_ERROR = 3  # a bug: one line and a debug report
    OUTPUT_ERROR = 74  # the output could not be written: a full disk, a closed stream, no UTF-8 (EX_IOERR)
    INTERRUPTED = 130  # Ctrl-C
    BROKEN_PIPE = 141  # the reader of our output went away (as a shell reports SIGPIPE)


@dataclass(frozen=True, eq=False, repr=False)
class Problem(Record):
    """Something wrong in a file the user gave us: where, what, and a likely fix."""

    code: str
    args: tuple[tuple[str, Any], ...] = ()
    file: str | None = None
    line: int | None = None
    column: int | None = None
    hint_code: str | None = None
    hint_args: tuple[tuple[str, Any], ...] = field(default=())
    severity: str = "error"  # error | warning

    @classmethod
    def make(
        cls,
        code: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
        hint_args: dict[str, Any] | None = None,
        severity: str = "error",
        suggestion: str | None = None,
        choices: Iterable[str] | None = None,
        **args: Any,
    ) -> Problem:
        """A problem; `suggestion` or else `choices` becomes the usual did-you-mean / choose-from hint."""
        if hint is None and suggestion:
            hint, hint_args = "hint.did_you_mean", {"suggestion": suggestion}
        elif hint is None and choices is not None:
            hint, hint_args = "hint.choose_from", {"choices": ", ".join(str(c) for c in choices)}
        return cls(
            code=code,
            args=tuple(sorted(args.items())),
            file=file,
            line=line,
            column=column,
            hint_code=hint,
            hint_args=tuple(sorted((hint_args or {}).items())),
            severity=severity,
        )

    def message(self, lang: str = "nl") -> str:
        return translate(self.code, lang, **dict(self.args))

    def hint(self, lang: str = "nl") -> str | None:
        if self.hint_code is None:
            return None
        return translate(self.hint_code, lang, **dict(self.hint_args))

    def location(self) -> str:
        if self.file is None:
            return ""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self, lang: str = "nl") -> str:
        prefix = translate("severity.warning", lang) + ": " if self.severity == "warning" else ""
        where = self.location()
        text = f"{where}: {prefix}{self.message(lang)}" if where else f"{prefix}{self.message(lang)}"
        hint = self.hint(lang)
        if hint:
            text += f" ({hint})"
        return text

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity,
            "message": self.message(lang),
            "hint": self.hint(lang),
        }

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file or "", self.line or 0, self.column or 0, self.code)


class ReferralError(Exception):
    """Raised for bad input or bad content; the CLI turns it into messages and exit code 2."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("; ".join(p.format("en") for p in self.problems))
