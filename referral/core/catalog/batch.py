"""Messages of 'batch' (code -> (Dutch, English)), loaded when a code of this catalogue is first used."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "batch.unknown_format": (
        "kan het formaat niet bepalen; kies --input jsonl of --input csv",
        "cannot tell the format; choose --input jsonl or --input csv",
    ),
    "batch.csv_no_header": (
        "de CSV heeft geen kopregel met veldnamen",
        "the CSV has no header row of field names",
    ),
    "batch.csv_unknown_column": (
        "onbekende kolom in de kopregel",
        "unknown column in the header",
    ),
    "batch.csv_same_field": (
        "kolom '{field}' is hetzelfde veld als kolom '{other}': geef het één keer",
        "column '{field}' is the same field as column '{other}': give it once",
    ),
    "batch.csv_unknown_column.hint": (
        "kolommen zijn casusvelden, zoals age, wijk, loneliness.social; scheid met komma's",
        "columns are casus fields such as age, wijk, loneliness.social; separate them with commas",
    ),
    "batch.csv_duplicate_column": (
        "kolom '{field}' komt twee keer voor",
        "column '{field}' occurs twice",
    ),
    "batch.csv_cells": (
        "de rij heeft {got} cellen, de kopregel {expected}",
        "the row has {got} cells, the header {expected}",
    ),
    "batch.csv_column": (
        "kolom {column} ({field}): {message}",
        "column {column} ({field}): {message}",
    ),
    "batch.csv_syntax": (
        "ongeldige CSV-rij: {detail}",
        "invalid CSV row: {detail}",
    ),
    "batch.csv_open_quote": (
        "een aanhalingsteken staat aan het eind van de regel nog open; elke CSV-regel is één casus, een cel loopt nooit door op de volgende regel",
        "a quote is still open at the end of the line; every CSV line is one casus, a cell never continues on the next line",
    ),
    "batch.cr_only": (
        "de regels eindigen op alleen CR (oude Mac-indeling); sla het bestand op met LF- of CRLF-regeleinden",
        "the lines end in CR only (old Mac format); save the file with LF or CRLF line endings",
    ),
    "batch.worker_lost": (
        "een werkproces is onverwacht gestopt (bijvoorbeeld door geheugengebrek); de batch is afgebroken na {done} regels",
        "a worker process stopped unexpectedly (for instance out of memory); the batch was stopped after {done} lines",
    ),
    "batch.line_too_long": (
        "regel is langer dan {limit} bytes",
        "line is longer than {limit} bytes",
    ),
    "batch.not_utf8": (
        "regel is geen geldige UTF-8-tekst",
        "line is not valid UTF-8 text",
    ),
    "batch.progress": (
        "casussen",
        "casussen",
    ),
    "batch.content_changed": (
        "de inhoud veranderde tijdens de batch; start opnieuw",
        "the content changed during the batch; start again",
    ),
    "batch.summary": (
        '{failed} van {total} regels niet verwerkt (zie de regels met "problems")',
        '{failed} of {total} lines not processed (see the lines with "problems")',
    ),
}
