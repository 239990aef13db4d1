"""Messages of 'stale' (code -> (Dutch, English)), loaded when a code of this catalogue is first used."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "stale.title": (
        "Opnieuw te controleren aanbod (op {today}), oudste bronnen eerst",
        "Offers to re-check (as of {today}), oldest sources first",
    ),
    "stale.none": (
        "Niets opnieuw te controleren op {today}.",
        "Nothing to re-check as of {today}.",
    ),
    "stale.undated": (
        "geen bron met een datum: hoe oud de gegevens zijn, is onbekend",
        "no source with a date: how old the facts are is unknown",
    ),
    "stale.sources": (
        "nieuwste bron {newest}, oudste {oldest} ({count} {count:bron|bronnen})",
        "newest source {newest}, oldest {oldest} ({count} {count:source|sources})",
    ),
    "stale.count": (
        "{count} {count:aanbod|aanbiedingen} te controleren, waarvan {marked} gemarkeerd voor review (⚠).",
        "{count} {count:offer|offers} to re-check, {marked} of them marked for review (⚠).",
    ),
}
