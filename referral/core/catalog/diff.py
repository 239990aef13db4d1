"""Messages of 'diff' (code -> (Dutch, English)), loaded when a code of this catalogue is first used."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "diff.bad_ref": (
        "'{ref}' is geen map met rules/ en offers/ en geen git-referentie in deze repository",
        "'{ref}' is neither a folder with rules/ and offers/ nor a git reference in this repository",
    ),
    "diff.summary": (
        "{probes} casussen vergeleken (top {top}): {changed} met een andere uitkomst",
        "{probes} casussen compared (top {top}): {changed} with a different outcome",
    ),
    "diff.col.offer": (
        "Aanbod",
        "Offer",
    ),
    "diff.col.entered": (
        "erin",
        "entered",
    ),
    "diff.col.left": (
        "eruit",
        "left",
    ),
    "diff.col.moved": (
        "verschoven",
        "moved",
    ),
    "diff.entered": (
        "komt in de top op plaats {new}",
        "enters the top at rank {new}",
    ),
    "diff.left": (
        "valt uit de top (was {old})",
        "leaves the top (was {old})",
    ),
    "diff.moved": (
        "van plaats {old} naar {new}",
        "moves from rank {old} to {new}",
    ),
    "diff.rules": (
        "regels: {rules}",
        "rules: {rules}",
    ),
    "diff.refused_old": (
        "casus ongeldig in de oude inhoud",
        "casus invalid in the old content",
    ),
    "diff.refused_new": (
        "casus ongeldig in de nieuwe inhoud",
        "casus invalid in the new content",
    ),
    "diff.sample": (
        "steekproef {index}",
        "sample {index}",
    ),
    "diff.none": (
        "geen verschillen",
        "no differences",
    ),
    "diff.more": (
        "... en nog {count} casussen",
        "... and {count} more casussen",
    ),
}
