"""Messages of 'meeting' (code -> (Dutch, English)), loaded when a code of this catalogue is first used."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "meeting.title": (
        "Casuïstiek overleg: {count} {count:casus|casussen}",
        "Case meeting: {count} {count:casus|casussen}",
    ),
    "meeting.recurring": (
        "Terugkerend aanbod",
        "Recurring offers",
    ),
    "meeting.recurring.none": (
        "Geen aanbod staat bij meer dan één casus in de top {top}.",
        "No offer is in the top {top} of more than one casus.",
    ),
    "meeting.col.offer": (
        "Aanbod",
        "Offer",
    ),
    "meeting.col.count": (
        "Casussen",
        "Casussen",
    ),
    "meeting.col.where": (
        "Waar (plaats)",
        "Where (rank)",
    ),
    "meeting.unreadable": (
        "{count} {count:casus|casussen} niet gelezen (zie de foutmeldingen): {files}",
        "{count} {count:casus|casussen} not read (see the error messages): {files}",
    ),
    "meeting.not_read": (
        "niet gelezen: zie de foutmelding",
        "not read: see the error message",
    ),
    "meeting.personal_file_name": (
        "de naam van het bestand of de map lijkt persoonsgegevens te bevatten: {kind_nl}; getoond als '{label}'",
        "the name of the file or folder seems to hold personal data: {kind_en}; shown as '{label}'",
    ),
    "meeting.personal_file_name.hint": (
        "geef het bestand een naam zonder persoonsgegevens, bijvoorbeeld 01-weduwe-overvecht.yaml",
        "give the file a name without personal data, for instance 01-widow-overvecht.yaml",
    ),
    "meeting.empty_folder": (
        "geen casusbestanden (*.yaml, *.yml, *.json) in deze map",
        "no casus files (*.yaml, *.yml, *.json) in this folder",
    ),
    "meeting.stdin": (
        "'-' (standaardinvoer) kan niet samen met andere casussen",
        "'-' (standard input) cannot be combined with other casussen",
    ),
    "meeting.explain": (
        "--explain werkt met één casus, niet met een agenda",
        "--explain works with one casus, not with an agenda",
    ),
    "meeting.export_failed": (
        "export mislukt: {reason}",
        "export failed: {reason}",
    ),
}
