"""Messages of 'gaps' (code -> (Dutch, English)), loaded when a code of this catalogue is first used."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "gaps.title": (
        "Wie doet wat, en waar zijn gaten in het aanbod",
        "Who does what, and where the gaps are",
    ),
    "gaps.intro": (
        "Per wijk, groep en behoefte gaat een voorbeeldcasus door het advies. ✓ passend aanbod in de top 3, ~ passend aanbod lager, ✗ geen passend aanbod. Het getal is het aantal organisaties.",
        "Per wijk, group and need an example casus goes through the advice. ✓ fitting offer in the top 3, ~ fitting offer lower, ✗ no fitting offer. The number is the number of organisations.",
    ),
    "gaps.need_title": (
        "{need} (past: {kinds})",
        "{need} (fits: {kinds})",
    ),
    "gaps.col.wijk": (
        "Wijk",
        "District",
    ),
    "gaps.summary": (
        "{cells} {cells:cel|cellen}: {covered} gedekt, {weak} zwak, {gaps} {gaps:gat|gaten}; {overlaps} met meer dan één organisatie voor dezelfde hulp",
        "{cells} {cells:cell|cells}: {covered} covered, {weak} weak, {gaps} {gaps:gap|gaps}; {overlaps} with more than one organisation for the same help",
    ),
    "gaps.gaps_title": (
        "Gaten",
        "Gaps",
    ),
    "gaps.gap_line": (
        "{wijk} · {group} · {need}: geen {kinds}",
        "{wijk} · {group} · {need}: no {kinds}",
    ),
    "gaps.none": (
        "Geen gaten: voor elke cel is passend aanbod.",
        "No gaps: every cell has a fitting offer.",
    ),
    "gaps.overlaps_title": (
        "Overlap: meerdere organisaties, dezelfde hulp",
        "Overlap: several organisations, the same help",
    ),
    "gaps.overlap_line": (
        "{need} · {group}: {organisations} ({wijken})",
        "{need} · {group}: {organisations} ({wijken})",
    ),
    "gaps.org_title": (
        "Per organisatie",
        "Per organisation",
    ),
    "gaps.col.organisation": (
        "Organisatie",
        "Organisation",
    ),
    "gaps.col.kinds": (
        "Soort hulp",
        "Kind of help",
    ),
    "gaps.col.where": (
        "Waar",
        "Where",
    ),
    "gaps.col.offers": (
        "Aanbod",
        "Offers",
    ),
    "gaps.col.referred": (
        "Verwezen in cellen",
        "Referred in cells",
    ),
    "gaps.citywide": (
        "heel Utrecht",
        "all of Utrecht",
    ),
    "gaps.footer": (
        "referral gaps · inhoud {digest}… · stand van {day}",
        "referral gaps · content {digest}… · as of {day}",
    ),
    "gaps.all_wijken": (
        "alle wijken",
        "all districts",
    ),
    "gaps.picture": (
        "Kaart: per behoefte een rij, per groep een kolom, per wijk een vak",
        "Map: a row per need, a column per group, a square per district",
    ),
}
