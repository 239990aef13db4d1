"""Messages of 'test' (code -> (Dutch, English)), loaded when a code of this catalogue is first used."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "test.no_paths": (
        "geen testbestanden gevonden; geef een bestand of map (standaard: tests/cases)",
        "no test files found; give a file or folder (default: tests/cases)",
    ),
    "test.pass": (
        "geslaagd",
        "passed",
    ),
    "test.fail": (
        "MISLUKT",
        "FAILED",
    ),
    "test.came": (
        "kwam",
        "came",
    ),
    "test.summary": (
        "{passed} geslaagd, {failed} mislukt",
        "{passed} passed, {failed} failed",
    ),
    "test.summary_gaps": (
        "{passed} geslaagd, {failed} mislukt, {gaps} {gaps:bekend tekort|bekende tekorten} in het aanbod",
        "{passed} passed, {failed} failed, {gaps} known {gaps:gap|gaps} in the offers",
    ),
    "test.known_gap": (
        "bekend tekort in het aanbod",
        "known gap in the offers",
    ),
    "test.gap_closed": (
        "MISLUKT: slaagt nu; haal 'known_gap' weg",
        "FAILED: passes now; remove 'known_gap'",
    ),
    "test.gap_reason": (
        "tekort: {reason}",
        "gap: {reason}",
    ),
    "test.coverage": (
        "dekking: {rules_hit}/{rules} regels vuurden, {offers_hit}/{offers} onderdelen van het aanbod (die nu kunnen worden verwezen) aanbevolen: {percent}%",
        "coverage: {rules_hit}/{rules} rules fired, {offers_hit}/{offers} offers recommended: {percent}%",
    ),
    "test.never_fired": (
        "regel vuurde in geen enkele casus",
        "rule fired in no casus",
    ),
    "test.never_referred": (
        "aanbod in geen enkele casus aanbevolen",
        "offer recommended in no casus",
    ),
    "test.below_min": (
        "dekking {percent}% is lager dan het minimum {minimum}%",
        "coverage {percent}% is below the minimum {minimum}%",
    ),
    "test.known": (
        "{name} is bekend",
        "{name} is known",
    ),
    "test.unknown": (
        "{name} is onbekend",
        "{name} is unknown",
    ),
    "test.is_true": (
        "{name}",
        "{name}",
    ),
    "test.is_false": (
        "niet {name}",
        "not {name}",
    ),
    "test.in": (
        "{name} is {values}",
        "{name} is {values}",
    ),
    "test.includes": (
        "{name} bevat {values}",
        "{name} include {values}",
    ),
    "test.between": (
        "{name} tussen {min} en {max}{unit}",
        "{name} between {min} and {max}{unit}",
    ),
    "test.at_least": (
        "{name} ten minste {value}",
        "{name} at least {value}",
    ),
    "test.at_most": (
        "{name} ten hoogste {value}",
        "{name} at most {value}",
    ),
    "test.not": (
        "niet: {text}",
        "not: {text}",
    ),
    "test.not_named": (
        "niet ‘{text}’",
        "not ‘{text}’",
    ),
}
