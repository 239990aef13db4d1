"""`referral validate` as a result: every problem of the content at once, YAML 1.1 traps as
warnings, and whether it passes (with `strict`, warnings fail too). Never the cache."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from referral.core.problems import Problem, ReferralError

if TYPE_CHECKING:  # pragma: no cover
    from referral.content.loading import ContentDirs
    from referral.core.model import Ruleset


@dataclass(frozen=True)
class Validation:
    """Errors and warnings in file and line order, the Ruleset when the content is sound."""

    problems: tuple[Problem, ...]
    errors: int
    warnings: int
    ruleset: Ruleset | None
    ok: bool


def validate(dirs: ContentDirs, strict: bool = False) -> Validation:
    from referral.content.loading import LoadedContent, load_content
    from referral.core.yamlsource import yaml11_traps

    try:
        # Positions as far as a problem needs them: the trap check keeps its own (PartialMarks).
        result = load_content(dirs, positions=False)
    except ReferralError as err:
        # A missing folder or vocabulary, or a link out of the content, is a finding like any
        # other: reported in the chosen format.
        result = LoadedContent(None, tuple(err.problems), ())
    # A trap the schema already reported as an error (with the same hint) is not repeated.
    errors_at = {(p.file, p.line, p.column) for p in result.problems}
    warnings = [
        warning
        for doc in result.documents
        for warning in yaml11_traps(doc)
        if (warning.file, warning.line, warning.column) not in errors_at
    ]
    return Validation(
        problems=tuple(sorted([*result.problems, *warnings], key=Problem.sort_key)),
        errors=len(result.problems),
        warnings=len(warnings),
        ruleset=result.ruleset,
        ok=result.ruleset is not None and not (strict and warnings),
    )
