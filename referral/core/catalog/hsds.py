"""Messages of 'hsds' (code -> (Dutch, English)), loaded when a code of this catalogue is first used."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # Texts written into the HSDS export and into imported offer files (content: Dutch).
    "hsds.organization_description": (
        "Aanbod op de sociale kaart: {offers}.",
        "Offers on the sociale kaart: {offers}.",
    ),
    "hsds.elig.age_range": (
        "leeftijd {min} tot en met {max} jaar",
        "age {min} to {max}",
    ),
    "hsds.elig.age_min": (
        "vanaf {min} jaar",
        "from age {min}",
    ),
    "hsds.elig.age_max": (
        "tot en met {max} jaar",
        "up to age {max}",
    ),
    "hsds.elig.wijken": (
        "in de {count:wijk|wijken} {wijken}",
        "in the {count:district|districts} {wijken}",
    ),
    "hsds.elig.groups": (
        "voor {groups}",
        "for {groups}",
    ),
    "hsds.elig.lonely": (
        "voor wie zich eenzaam voelt",
        "for people who feel lonely",
    ),
    "hsds.elig.audience": (
        "bedoeld voor: {audience}",
        "meant for: {audience}",
    ),
    "hsds.area_cbs": (
        "CBS-wijkcode {cbs}",
        "CBS district code {cbs}",
    ),
    "hsds.extension_description": (
        "Velden van een referral-aanbod waar HSDS geen plaats voor heeft, als JSON (bronnen, periode, voorwaarden, review, ...)",
        "Fields of a referral offer that HSDS has no place for, as JSON (sources, period, conditions, review, ...)",
    ),
    "hsds.source_title": (
        "Open Referral HSDS-bestand {file}",
        "Open Referral HSDS file {file}",
    ),
    "hsds.source_note": (
        "Geïmporteerd met referral offers --import-hsds; controleer de feiten bij de aanbieder en voeg een citaat toe.",
        "Imported with referral offers --import-hsds; check the facts with the provider and add a quote.",
    ),
    "hsds.review.missing": (
        "Geïmporteerd uit HSDS; nog in te vullen: {fields}.",
        "Imported from HSDS; still to fill in: {fields}.",
    ),
    "hsds.review.eligibility": (
        "Voorwaarden in de HSDS (niet omgezet): '{text}'.",
        "Eligibility in the HSDS (not converted): '{text}'.",
    ),
    "hsds.review.status": (
        "Status in de HSDS: {status}.",
        "Status in the HSDS: {status}.",
    ),
    "hsds.review.phones": (
        "Meer telefoonnummers in de HSDS: {phones}.",
        "More phone numbers in the HSDS: {phones}.",
    ),
    "hsds.review.via": (
        "Bereikbaar via {name} ({route}) volgens de HSDS: zet contact.via als dat een aanbod is.",
        "Reached through {name} ({route}) according to the HSDS: set contact.via if that is an offer.",
    ),
    "hsds.review.interval": (
        "Rooster in de HSDS met interval {interval} (om de zoveel weken of maanden); hier als elke week of maand overgenomen.",
        "Schedule in the HSDS with interval {interval} (every so many weeks or months); taken here as every week or month.",
    ),
    "hsds.review.time_zone": (
        "Tijden in de HSDS met seconden of tijdzone ({opens}-{closes}); als HH:MM overgenomen.",
        "Times in the HSDS with seconds or a time zone ({opens}-{closes}); taken as HH:MM.",
    ),
    # Problems with HSDS input (exit 2).
    "hsds.no_folder": (
        "de map met HSDS-bestanden bestaat niet",
        "the folder of HSDS files does not exist",
    ),
    "hsds.no_files": (
        "geen HSDS-bestanden gevonden (services/*.json of *.json)",
        "no HSDS files found (services/*.json or *.json)",
    ),
    "hsds.not_service": (
        "hier hoort een HSDS-service (een JSON-object)",
        "an HSDS service (a JSON object) belongs here",
    ),
    "hsds.bad_field": (
        "HSDS-veld '{field}' moet een {expected} zijn",
        "HSDS field '{field}' must be a {expected}",
    ),
    "hsds.missing_field": (
        "HSDS-service zonder '{field}'",
        "HSDS service without '{field}'",
    ),
    "hsds.bad_age": (
        "'{field}' moet een hele leeftijd van 0 tot en met 120 zijn, niet {value}",
        "'{field}' must be a whole age from 0 to 120, not {value}",
    ),
    "hsds.bad_schedule": (
        "rooster niet te lezen: byday zoals 'MO,TU' of '3SU', opens_at en closes_at als HH:MM",
        "schedule cannot be read: byday such as 'MO,TU' or '3SU', opens_at and closes_at as HH:MM",
    ),
    "hsds.bad_extension": (
        "de referral-extensie (value van het attribuut) is geen JSON-object",
        "the referral extension (the attribute's value) is not a JSON object",
    ),
    # The command line.
    "hsds.cli.exported": (
        "{count} {count:aanbod|aanbiedingen} als HSDS 3.0 geschreven naar {folder} ({orgs} {orgs:organisatie|organisaties}).",
        "{count} {count:offer|offers} written as HSDS 3.0 to {folder} ({orgs} {orgs:organization|organizations}).",
    ),
    "hsds.cli.imported": (
        "{count} {count:aanbod|aanbiedingen} geschreven naar {folder}.",
        "{count} {count:offer|offers} written to {folder}.",
    ),
    "hsds.cli.incomplete": (
        "{count} nog aan te vullen voordat ze valideren ({ids}): zie 'review' in elk bestand, daarna referral --offers {folder} validate.",
        "{count} still to complete before they validate ({ids}): see 'review' in each file, then referral --offers {folder} validate.",
    ),
    "hsds.cli.out_required": (
        "--import-hsds heeft --out MAP nodig (de map voor de YAML-bestanden)",
        "--import-hsds needs --out FOLDER (the folder for the YAML files)",
    ),
    "hsds.cli.out_alone": (
        "--out hoort bij --import-hsds",
        "--out belongs with --import-hsds",
    ),
    "hsds.cli.conflict": (
        "--export, --import-hsds en --stale gaan niet samen; kies er een",
        "--export, --import-hsds and --stale do not go together; choose one",
    ),
}
