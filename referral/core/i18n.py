"""User-facing text in Dutch (default) and English.

Every string a user reads lives here under a stable code, so that the two languages stay
side by side and a missing translation is caught by a test instead of a user.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("nl", "en")

# code -> (nl, en)
MESSAGES: dict[str, tuple[str, str]] = {
    # --- reading files -------------------------------------------------------------------
    "file.missing": ("bestand bestaat niet", "file does not exist"),
    "file.not_a_file": ("dit is geen gewoon bestand", "this is not a regular file"),
    "file.unreadable": ("bestand is niet leesbaar", "file cannot be read"),
    "file.too_large": (
        "bestand is groter dan {limit} bytes",
        "file is larger than {limit} bytes",
    ),
    "file.not_utf8": (
        "bestand is geen geldige UTF-8-tekst",
        "file is not valid UTF-8 text",
    ),
    "file.binary": ("bestand lijkt binair (geen tekst)", "file looks binary (not text)"),
    "file.empty": ("bestand is leeg", "file is empty"),
    "yaml.tab": (
        "tab-teken in de inspringing",
        "tab character in indentation",
    ),
    "yaml.tab.hint": ("YAML springt in met spaties", "YAML indents with spaces"),
    "yaml.syntax": ("ongeldige YAML: {detail}", "invalid YAML: {detail}"),
    "yaml.duplicate_key": (
        "deze sleutel komt dubbel voor (eerder op regel {first_line})",
        "this key occurs twice (first on line {first_line})",
    ),
    "yaml.too_complex": (
        "document is te groot of te diep genest (meer dan {limit} knopen of {depth} niveaus)",
        "document is too large or too deeply nested (over {limit} nodes or {depth} levels)",
    ),
    "yaml.multiple_documents": (
        "meer dan één YAML-document in één bestand",
        "more than one YAML document in one file",
    ),
    "yaml.non_string_key": ("sleutels moeten tekst zijn", "keys must be text"),
    "yaml.merge_key": (
        "YAML merge-sleutels (<<) worden niet ondersteund",
        "YAML merge keys (<<) are not supported",
    ),
    "severity.warning": ("waarschuwing", "warning"),
    "yaml.trap.bool": (
        "YAML leest '{text}' als ja/nee (boolean), niet als tekst",
        "YAML reads '{text}' as a boolean, not as text",
    ),
    "yaml.trap.sexagesimal": (
        "YAML leest '{text}' als getal (zestigtallig), niet als tijd",
        "YAML reads '{text}' as a base-60 number, not as a time",
    ),
    "yaml.trap.leading_zero": (
        "YAML leest '{text}' als getal; de voorloopnul verdwijnt",
        "YAML reads '{text}' as a number; the leading zero is lost",
    ),
    "yaml.trap.date": ("YAML leest '{text}' als datum", "YAML reads '{text}' as a date"),
    "yaml.trap.hint": ("zet de waarde tussen aanhalingstekens", "put the value in quotes"),
    "json.syntax": ("ongeldige JSON: {detail}", "invalid JSON: {detail}"),
    "parse.mapping_values": (
        "hier kan geen 'sleutel: waarde' staan (klopt de inspringing, of ontbreken aanhalingstekens?)",
        "a 'key: value' is not allowed here (check the indentation, or add quotes)",
    ),
    "parse.expected_key": ("verwachtte een sleutel (klopt de inspringing?)", "expected a key (check the indentation)"),
    "parse.expected_list_end": ("verwachtte ',' of ']'", "expected ',' or ']'"),
    "parse.expected_map_end": ("verwachtte ',' of '}}'", "expected ',' or '}}'"),
    "parse.indentation": ("de inspringing klopt niet", "the indentation is wrong"),
    "parse.expected_colon": ("verwachtte ':'", "expected ':'"),
    "parse.bad_character": (
        "dit teken kan hier niet (een tab, '@' of '`'?)",
        "this character cannot start a value here (a tab, '@' or '`'?)",
    ),
    "parse.undefined_alias": ("onbekende alias (*naam zonder &naam)", "undefined alias (*name without &name)"),
    "parse.too_deep": ("te diep genest", "nested too deeply"),
    "parse.unexpected_end": (
        "het bestand houdt onverwacht op (ontbreekt een aanhalingsteken of haakje?)",
        "the file ends unexpectedly (a missing quote or bracket?)",
    ),
    "parse.expected_value": ("verwachtte een waarde", "expected a value"),
    "parse.extra_data": ("extra tekst na het einde", "extra text after the end"),
    "parse.expected_comma": ("verwachtte ','", "expected ','"),
    "parse.expected_name": (
        "verwachtte een naam tussen dubbele aanhalingstekens",
        "expected a name in double quotes",
    ),
    "parse.unterminated_string": ("tekst zonder afsluitend aanhalingsteken", "text without a closing quote"),
    "parse.control_character": ("ongeldig stuurteken in tekst", "invalid control character in text"),
    "json.duplicate_key": ("een sleutel komt dubbel voor", "a key occurs twice"),
    # --- casus ---------------------------------------------------------------------------
    "casus.not_mapping": (
        "een casus is een YAML- of JSON-mapping (veld: waarde)",
        "a casus is a YAML or JSON mapping (field: value)",
    ),
    "casus.unknown_field": (
        "onbekend veld '{field}'",
        "unknown field '{field}'",
    ),
    "casus.personal_field": (
        "veld '{field}' is niet toegestaan: een casus bevat signalen, geen persoonsgegevens",
        "field '{field}' is not allowed: a casus holds signals, not personal data",
    ),
    "casus.personal_text": (
        "veld '{field}' lijkt persoonsgegevens te bevatten ({kind_nl}); de casus is geweigerd",
        "field '{field}' seems to contain personal data ({kind_en}); the casus is refused",
    ),
    "casus.personal_text.hint": (
        "beschrijf signalen, geen identiteit; de tekst wordt niet getoond",
        "describe signals, not identity; the text is not shown",
    ),
    "casus.unknown_value": (
        "onbekende waarde voor '{field}'",
        "unknown value for '{field}'",
    ),
    "casus.expected_type": (
        "'{field}' moet {expected} zijn",
        "'{field}' must be {expected}",
    ),
    "casus.out_of_range": (
        "'{field}' moet tussen {min} en {max} liggen",
        "'{field}' must be between {min} and {max}",
    ),
    "casus.scale_length": (
        "'{field}' heeft {expected} antwoorden nodig, niet {got}",
        "'{field}' needs {expected} answers, not {got}",
    ),
    "casus.scale_answer": (
        "antwoord {index} van '{field}' moet 'ja', 'min of meer', 'nee' of leeg zijn",
        "answer {index} of '{field}' must be 'ja', 'min of meer', 'nee' or null",
    ),
    "casus.scale_and_quick": (
        "geef '{field}' óf als schaal-antwoorden óf direct op, niet allebei",
        "give '{field}' either as scale answers or directly, not both",
    ),
    "casus.two_scales": (
        "geef djg11 óf djg6, niet allebei",
        "give djg11 or djg6, not both",
    ),
    "casus.too_many_problems": (
        "meer dan {limit} problemen; de rest van de casus is niet gelezen",
        "more than {limit} problems; the rest of the casus was not read",
    ),
    "casus.note_too_long": (
        "'{field}' is langer dan {limit} tekens",
        "'{field}' is longer than {limit} characters",
    ),
    "hint.did_you_mean": ("bedoelde u '{suggestion}'?", "did you mean '{suggestion}'?"),
    "hint.choose_from": ("kies uit: {choices}", "choose from: {choices}"),
    "type.integer": ("een heel getal", "a whole number"),
    "type.boolean": ("ja/nee (true/false)", "yes/no (true/false)"),
    "type.text": ("tekst", "text"),
    "type.list": ("een lijst", "a list"),
    "type.mapping": ("een mapping (veld: waarde)", "a mapping (field: value)"),
    # --- content -------------------------------------------------------------------------
    "content.dir_missing": (
        "map met inhoud bestaat niet: {path}",
        "content folder does not exist: {path}",
    ),
    "content.no_vocabulary": (
        "vocabulary.yaml ontbreekt in de regelmap",
        "vocabulary.yaml is missing from the rules folder",
    ),
    "content.schema": ("{detail}", "{detail}"),
    "content.duplicate_id": (
        "id '{id}' komt dubbel voor (ook in {other})",
        "duplicate id '{id}' (also in {other})",
    ),
    "content.id_filename": (
        "id '{id}' hoort bij bestandsnaam '{id}.yaml'",
        "id '{id}' belongs in a file named '{id}.yaml'",
    ),
    "content.unknown_offer": ("onbekend aanbod '{id}'", "unknown offer '{id}'"),
    "content.unknown_tag": ("onbekende tag '{tag}'", "unknown tag '{tag}'"),
    "content.unknown_signal": ("onbekend signaal '{signal}'", "unknown signal '{signal}'"),
    "content.unknown_value": (
        "onbekende waarde voor signaal '{signal}': '{value}'",
        "unknown value for signal '{signal}': '{value}'",
    ),
    "content.bad_test": (
        "test '{test}' past niet bij signaal '{signal}' ({kind})",
        "test '{test}' does not fit signal '{signal}' ({kind})",
    ),
    "content.empty_target": (
        "effect kiest geen aanbod: geef offers of tags",
        "effect selects no offer: give offers or tags",
    ),
    "content.alias_clash": (
        "alias '{alias}' wijst naar twee waarden: '{a}' en '{b}'",
        "alias '{alias}' points to two values: '{a}' and '{b}'",
    ),
    "content.bad_schedule": (
        "openingstijd: {detail}",
        "opening hours: {detail}",
    ),
    "schema.required": ("verplicht veld '{field}' ontbreekt", "required field '{field}' is missing"),
    "schema.unknown_field": ("onbekend veld '{field}'", "unknown field '{field}'"),
    "schema.type": ("'{field}' moet {expected} zijn", "'{field}' must be {expected}"),
    "schema.quote_hint": (
        "YAML las '{text}' niet als tekst; zet het tussen aanhalingstekens",
        "YAML did not read '{text}' as text; put it in quotes",
    ),
    "schema.enum": ("ongeldige waarde voor '{field}'", "invalid value for '{field}'"),
    "schema.pattern": ("'{field}' heeft niet de juiste vorm", "'{field}' does not have the right form"),
    "schema.describe": ("{text}", "{text}"),
    "schema.empty": ("'{field}' mag niet leeg zijn", "'{field}' must not be empty"),
    "schema.range": ("'{field}' valt buiten het bereik (grens {bound})", "'{field}' is out of range (bound {bound})"),
    "schema.unique": ("'{field}' bevat dubbele waarden", "'{field}' contains duplicates"),
    "schema.one_test": (
        "een test noemt één signaal en één vergelijking (of min en max)",
        "a test names one signal and one comparison (or min and max)",
    ),
    "schema.format": ("'{field}' is geen geldige {format}", "'{field}' is not a valid {format}"),
    "schema.other": ("'{field}': {detail}", "'{field}': {detail}"),
    "type.empty": ("leeg", "empty"),
    # --- words and descriptions ------------------------------------------------------
    "words.not": ("niet {text}", "not {text}"),
    "words.or": (" of ", " or "),
    "value.unknown": ("onbekend", "unknown"),
    "value.yes": ("ja", "yes"),
    "value.no": ("nee", "no"),
    "value.none": ("geen", "none"),
    "casus.has_note": ("met notitie (niet getoond)", "with a note (not shown)"),
    "scale.summary": (
        "De Jong Gierveld-schaal ({items} items): totaal {total}, sociaal {social}, emotioneel {emotional}"
        " ({missing} onbeantwoord). Een meetinstrument voor onderzoek, geen diagnose.",
        "De Jong Gierveld scale ({items} items): total {total}, social {social}, emotional {emotional}"
        " ({missing} unanswered). A survey instrument, not a diagnosis.",
    ),
    "test.known": ("{name} is bekend", "{name} is known"),
    "test.unknown": ("{name} is onbekend", "{name} is unknown"),
    "test.is_true": ("{name}", "{name}"),
    "test.is_false": ("niet {name}", "not {name}"),
    "test.in": ("{name} is {values}", "{name} is {values}"),
    "test.includes": ("{name} bevat {values}", "{name} include {values}"),
    "test.between": ("{name} tussen {min} en {max}{unit}", "{name} between {min} and {max}{unit}"),
    "test.at_least": ("{name} ten minste {value}", "{name} at least {value}"),
    "test.at_most": ("{name} ten hoogste {value}", "{name} at most {value}"),
    "test.not": ("niet: {text}", "not: {text}"),
    "explain.unmet": ("vereist: {test} (casus: {actual})", "requires: {test} (casus: {actual})"),
    "failure.audience": ("alleen voor {allowed}", "only for {allowed}"),
    "failure.wijk": (
        "alleen in {allowed}; de casus woont in {wijk}",
        "only in {allowed}; the casus lives in {wijk}",
    ),
    "failure.wijk_unknown": (
        "alleen in {allowed}; de wijk van de casus is niet bekend",
        "only in {allowed}; the casus's wijk is not known",
    ),
    "failure.age": ("leeftijdsgrens {bounds} jaar; de casus is {age}", "age limit {bounds}; the casus is {age}"),
    "failure.languages": (
        "werkt in {allowed}; de casus spreekt {languages}",
        "works in {allowed}; the casus speaks {languages}",
    ),
    "failure.excluded": ("uitgesloten door regel {rule}: {text}", "excluded by rule {rule}: {text}"),
    "days.daily": ("dagelijks", "daily"),
    "day.mo": ("ma", "Mon"),
    "day.tu": ("di", "Tue"),
    "day.we": ("wo", "Wed"),
    "day.th": ("do", "Thu"),
    "day.fr": ("vr", "Fri"),
    "day.sa": ("za", "Sat"),
    "day.su": ("zo", "Sun"),
    "contact.phone": ("tel.", "phone"),
    "content.required_signal": (
        "de vocabulary mist het signaal '{signal}' (soort {kind}), dat de engine nodig heeft",
        "the vocabulary lacks the signal '{signal}' (kind {kind}), which the engine needs",
    ),
    "content.signal_clash": (
        "signaal '{signal}' botst met een groep of met het veld 'note' van de casus",
        "signal '{signal}' clashes with a group or with the casus field 'note'",
    ),
    "content.bad_range": ("signaal '{signal}': min is groter dan max", "signal '{signal}': min is larger than max"),
    "content.bad_default": (
        "standaardwaarde van '{signal}' past niet bij het signaal",
        "the default of '{signal}' does not fit the signal",
    ),
    "content.scale_severity": (
        "ernst '{value}' is geen waarde van loneliness.severity",
        "severity '{value}' is not a value of loneliness.severity",
    ),
    "content.scale_bands": (
        "banden moeten oplopen en eindigen bij {items} (het aantal items)",
        "bands must increase and end at {items} (the number of items)",
    ),
    "content.scale_threshold": (
        "drempel groter dan de kleinste subschaal ({size} items)",
        "threshold larger than the smallest subscale ({size} items)",
    ),
    "content.scale_missing": (
        "max_missing_total moet kleiner zijn dan {items}",
        "max_missing_total must be smaller than {items}",
    ),
    "content.bad_link": (
        "link is kapot of wijst in een kring",
        "link is broken or loops",
    ),
    "content.outside": (
        "bestand wijst naar een plek buiten de inhoudsmap {path}",
        "file points outside the content folder {path}",
    ),
    "content.no_scales": ("scales.yaml ontbreekt in de regelmap", "scales.yaml is missing from the rules folder"),
    # --- views -------------------------------------------------------------------------
    "view.title": ("Verwijsadvies", "Referral advice"),
    "view.casus": ("Casus", "Casus"),
    "view.contact": ("contact", "contact"),
    "view.col.offer": ("Aanbod", "Offer"),
    "view.col.score": ("Score", "Score"),
    "view.col.reasons": ("Waarom", "Why"),
    "view.none": (
        "Geen passend aanbod gevonden voor deze casus. Bel het Infopunt Informele Zorg of bespreek de casus"
        " met de ambassadeur van de wijk.",
        "No matching offer found for this casus. Call the Infopunt Informele Zorg or discuss the casus"
        " with the wijk's ambassador.",
    ),
    "view.more": (
        "Nog {count} verwijzing(en) niet getoond (zie --top).",
        "{count} more referral(s) not shown (see --top).",
    ),
    "view.hidden": (
        "{unranked} aanbod past wel maar kreeg geen punten; {ineligible} is niet beschikbaar voor deze casus."
        " Vraag waarom met --explain ID.",
        "{unranked} offer(s) fit but scored no points; {ineligible} are not available for this casus."
        " Ask why with --explain ID.",
    ),
    "view.footer": (
        "referral {version} · inhoud {digest}… · {offers} aanbod, {rules} regels ·"
        " oudste controle van getoond aanbod: {reviewed}",
        "referral {version} · content {digest}… · {offers} offers, {rules} rules ·"
        " oldest review of shown offers: {reviewed}",
    ),
    "explain.title": ("Waarom (niet): {name}", "Why (not): {name}"),
    "explain.referred": (
        "{name} staat op plaats {rank} van {total} met score {score}.",
        "{name} ranks {rank} of {total} with score {score}.",
    ),
    "explain.unranked": (
        "{name} is beschikbaar voor deze casus, maar geen regel gaf punten (score {score}).",
        "{name} is available for this casus, but no rule gave it points (score {score}).",
    ),
    "explain.ineligible": (
        "{name} is niet beschikbaar voor deze casus.",
        "{name} is not available for this casus.",
    ),
    "explain.failures": ("Waarom niet beschikbaar", "Why not available"),
    "explain.reasons": ("Punten van regels", "Points from rules"),
    "explain.missed": (
        "Regels die punten hadden kunnen geven, en wat daarvoor ontbreekt",
        "Rules that could have given points, and what is missing",
    ),
    "explain.above": ("Hoger geplaatst", "Ranked higher"),
    "offers.title": ("Sociale kaart", "Sociale kaart (offers)"),
    "offers.citywide": ("heel Utrecht", "all of Utrecht"),
    "offers.none": ("Geen aanbod gevonden met deze zoekvraag.", "No offers match this query."),
    "offers.col.for": ("Voor wie, waar", "For whom, where"),
    "offers.no_contact": ("contactgegevens nog niet bekend", "contact details not yet known"),
    "offers.count": ("{count} van {total} aanbod", "{count} of {total} offers"),
    # --- CLI -----------------------------------------------------------------------------
    "cli.unknown_offer": ("onbekend aanbod '{id}'", "unknown offer '{id}'"),
    "cli.stdin_empty": ("geen casus op standaardinvoer", "no casus on standard input"),
    "cli.no_casus": (
        "geef een casusbestand, '-' voor standaardinvoer, of signalen als opties (--age, --wijk, ...)",
        "give a casus file, '-' for standard input, or signals as options (--age, --wijk, ...)",
    ),
    "cli.casus_and_flags": (
        "geef een casusbestand óf signalen als opties; opties vullen het bestand niet aan",
        "give a casus file or signals as options; options do not amend the file",
    ),
    "cli.validate_ok": (
        "inhoud is in orde: {offers} aanbod, {rules} regels, {warnings} waarschuwing(en)",
        "content is valid: {offers} offers, {rules} rules, {warnings} warning(s)",
    ),
    "cli.validate_problems": ("{count} probleem/problemen gevonden", "{count} problem(s) found"),
    "cli.internal_error": (
        "interne fout ({kind}); verslag in {report}; draai opnieuw met --debug voor de traceback",
        "internal error ({kind}); report in {report}; run again with --debug for the traceback",
    ),
}


def translate(code: str, lang: str = "nl", **args: Any) -> str:
    """The text for `code` in `lang`, with `args` filled in; an unknown code is shown as-is."""
    pair = MESSAGES.get(code)
    if pair is None:
        return code
    template = pair[1] if lang == "en" else pair[0]
    # An argument that is itself a message code (e.g. 'type.integer') is translated too.
    args = {k: translate(v, lang) if isinstance(v, str) and v in MESSAGES else v for k, v in args.items()}
    try:
        return template.format(**args)
    except (KeyError, IndexError):
        return template


def register_messages(messages: dict[str, tuple[str, str]]) -> None:
    """Add a module's own messages (code -> (nl, en)); a code may be defined only once."""
    clash = sorted(set(messages) & set(MESSAGES))
    if clash:
        raise ValueError(f"message codes defined twice: {', '.join(clash)}")
    MESSAGES.update(messages)
