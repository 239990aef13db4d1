"""Messages of 'schema' (code -> (Dutch, English)), loaded when a code of this catalogue is first used."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "schema.unknown": (
        "onbekend schema '{name}'",
        "unknown schema '{name}'",
    ),
    "schema.written": (
        "{count} schema's geschreven naar {folder}",
        "{count} schemas written to {folder}",
    ),
    "schema.required": (
        "verplicht veld '{field}' ontbreekt",
        "required field '{field}' is missing",
    ),
    "schema.unknown_field": (
        "onbekend veld '{field}'",
        "unknown field '{field}'",
    ),
    "schema.type": (
        "'{field}' moet {expected} zijn",
        "'{field}' must be {expected}",
    ),
    "schema.quote_hint": (
        "YAML las '{text}' niet als tekst; zet het tussen aanhalingstekens",
        "YAML did not read '{text}' as text; put it in quotes",
    ),
    "schema.enum": (
        "ongeldige waarde voor '{field}'",
        "invalid value for '{field}'",
    ),
    "schema.pattern": (
        "'{field}' heeft niet de juiste vorm",
        "'{field}' does not have the right form",
    ),
    "schema.describe": (
        "{text}",
        "{text}",
    ),
    "schema.empty": (
        "'{field}' mag niet leeg zijn",
        "'{field}' must not be empty",
    ),
    "schema.range": (
        "'{field}' valt buiten het bereik (grens {bound})",
        "'{field}' is out of range (bound {bound})",
    ),
    "schema.unique": (
        "'{field}' bevat dubbele waarden",
        "'{field}' contains duplicates",
    ),
    "schema.one_test": (
        "een test noemt één signaal en één vergelijking (of min en max)",
        "a test names one signal and one comparison (or min and max)",
    ),
    "schema.format": (
        "'{field}' is geen geldige {format}",
        "'{field}' is not a valid {format}",
    ),
    "schema.other": (
        "'{field}': {detail}",
        "'{field}': {detail}",
    ),
}
