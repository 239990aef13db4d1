"""Messages of files, casus, content, the command line and the views (code -> (Dutch, English)), loaded when a code of this catalogue is first used."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "file.missing": (
        "bestand bestaat niet",
        "file does not exist",
    ),
    "file.not_a_file": (
        "dit is geen gewoon bestand",
        "this is not a regular file",
    ),
    "file.unreadable": (
        "bestand is niet leesbaar",
        "file cannot be read",
    ),
    "file.too_large": (
        "bestand is groter dan {limit} bytes",
        "file is larger than {limit} bytes",
    ),
    "file.not_utf8": (
        "bestand is geen geldige UTF-8-tekst",
        "file is not valid UTF-8 text",
    ),
    "file.binary": (
        "bestand lijkt binair (geen tekst)",
        "file looks binary (not text)",
    ),
    "file.empty": (
        "bestand is leeg",
        "file is empty",
    ),
    "yaml.tab": (
        "tab-teken in de inspringing",
        "tab character in indentation",
    ),
    "yaml.tab.hint": (
        "YAML springt in met spaties",
        "YAML indents with spaces",
    ),
    "yaml.syntax": (
        "ongeldige YAML: {detail}",
        "invalid YAML: {detail}",
    ),
    "yaml.duplicate_key": (
        "deze sleutel komt dubbel voor (eerder op regel {first_line})",
        "this key occurs twice (first on line {first_line})",
    ),
    "yaml.duplicate_key.named": (
        "de sleutel '{key}' komt dubbel voor (eerder op regel {first_line})",
        "the key '{key}' occurs twice (first on line {first_line})",
    ),
    "yaml.too_complex": (
        "document is te groot of te diep genest (meer dan {limit} knopen of {depth} niveaus)",
        "document is too large or too deeply nested (over {limit} nodes or {depth} levels)",
    ),
    "yaml.multiple_documents": (
        "meer dan één YAML-document in één bestand",
        "more than one YAML document in one file",
    ),
    "yaml.non_string_key": (
        "sleutels moeten tekst zijn",
        "keys must be text",
    ),
    "yaml.merge_key": (
        "YAML merge-sleutels (<<) worden niet ondersteund",
        "YAML merge keys (<<) are not supported",
    ),
    "severity.warning": (
        "waarschuwing",
        "warning",
    ),
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
    "yaml.trap.date": (
        "YAML leest '{text}' als datum",
        "YAML reads '{text}' as a date",
    ),
    "yaml.trap.hint": (
        "zet de waarde tussen aanhalingstekens",
        "put the value in quotes",
    ),
    "json.syntax": (
        "ongeldige JSON: {detail}",
        "invalid JSON: {detail}",
    ),
    "parse.mapping_values": (
        "hier kan geen 'sleutel: waarde' staan (klopt de inspringing, of ontbreken aanhalingstekens?)",
        "a 'key: value' is not allowed here (check the indentation, or add quotes)",
    ),
    "parse.expected_key": (
        "verwachtte een sleutel (klopt de inspringing?)",
        "expected a key (check the indentation)",
    ),
    "parse.expected_list_end": (
        "verwachtte ',' of ']'",
        "expected ',' or ']'",
    ),
    "parse.expected_map_end": (
        "verwachtte ',' of '}}'",
        "expected ',' or '}}'",
    ),
    "parse.indentation": (
        "de inspringing klopt niet",
        "the indentation is wrong",
    ),
    "parse.expected_colon": (
        "verwachtte ':'",
        "expected ':'",
    ),
    "parse.bad_character": (
        "dit teken kan hier niet (een tab, '@' of '`'?)",
        "this character cannot start a value here (a tab, '@' or '`'?)",
    ),
    "parse.undefined_alias": (
        "onbekende alias (*naam zonder &naam)",
        "undefined alias (*name without &name)",
    ),
    "parse.too_deep": (
        "te diep genest",
        "nested too deeply",
    ),
    "parse.unexpected_end": (
        "het bestand houdt onverwacht op (ontbreekt een aanhalingsteken of haakje?)",
        "the file ends unexpectedly (a missing quote or bracket?)",
    ),
    "parse.expected_value": (
        "verwachtte een waarde",
        "expected a value",
    ),
    "parse.extra_data": (
        "extra tekst na het einde",
        "extra text after the end",
    ),
    "parse.expected_comma": (
        "verwachtte ','",
        "expected ','",
    ),
    "parse.expected_name": (
        "verwachtte een naam tussen dubbele aanhalingstekens",
        "expected a name in double quotes",
    ),
    "parse.unterminated_string": (
        "tekst zonder afsluitend aanhalingsteken",
        "text without a closing quote",
    ),
    "parse.control_character": (
        "ongeldig stuurteken in tekst",
        "invalid control character in text",
    ),
    "json.duplicate_key": (
        "een sleutel komt dubbel voor",
        "a key occurs twice",
    ),
    "json.duplicate_key.named": (
        "de sleutel '{key}' komt dubbel voor",
        "the key '{key}' occurs twice",
    ),
    "casus.not_mapping": (
        "een casus is een YAML- of JSON-mapping (veld: waarde)",
        "a casus is a YAML or JSON mapping (field: value)",
    ),
    "casus.unknown_field": (
        "onbekend veld",
        "unknown field",
    ),
    "casus.same_field": (
        "'{field}' is hetzelfde veld als '{other}': geef het één keer op",
        "'{field}' is the same field as '{other}': give it once",
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
    "hint.did_you_mean": (
        "bedoelde u '{suggestion}'?",
        "did you mean '{suggestion}'?",
    ),
    "hint.choose_from_labels": (
        "kies uit: {choices_nl}",
        "choose from: {choices_en}",
    ),
    "cli.expected_type": (
        "moet {expected} zijn",
        "must be {expected}",
    ),
    "cli.out_of_range": (
        "moet tussen {min} en {max} liggen",
        "must be between {min} and {max}",
    ),
    "cli.unknown_value": (
        "onbekende waarde voor {label_nl}",
        "unknown value for {label_en}",
    ),
    "hint.choose_from": (
        "kies uit: {choices}",
        "choose from: {choices}",
    ),
    "type.integer": (
        "een heel getal",
        "a whole number",
    ),
    "type.boolean": (
        "ja/nee (true/false)",
        "yes/no (true/false)",
    ),
    "type.text": (
        "tekst",
        "text",
    ),
    "type.list": (
        "een lijst",
        "a list",
    ),
    "type.mapping": (
        "een mapping (veld: waarde)",
        "a mapping (field: value)",
    ),
    "content.dir_missing": (
        "map met inhoud bestaat niet: {path}",
        "content folder does not exist: {path}",
    ),
    "content.no_vocabulary": (
        "vocabulary.yaml ontbreekt in de regelmap",
        "vocabulary.yaml is missing from the rules folder",
    ),
    "content.schema": (
        "{detail}",
        "{detail}",
    ),
    "content.duplicate_id": (
        "id '{id}' komt dubbel voor (ook in {other})",
        "duplicate id '{id}' (also in {other})",
    ),
    "content.id_filename": (
        "id '{id}' hoort bij bestandsnaam '{id}.yaml'",
        "id '{id}' belongs in a file named '{id}.yaml'",
    ),
    "content.unknown_offer": (
        "onbekend aanbod '{id}'",
        "unknown offer '{id}'",
    ),
    "content.via_without_route": (
        "contact.via: '{id}' heeft zelf geen telefoonnummer, e-mailadres of eigen webpagina (een adres met pad; via werkt één stap, via een aanbod met een eigen route)",
        "contact.via: '{id}' has no phone number, e-mail address or web page of its own (an address with a path; via is one step, through an offer with a route of its own)",
    ),
    "content.unknown_tag": (
        "onbekende tag '{tag}'",
        "unknown tag '{tag}'",
    ),
    "content.unknown_signal": (
        "onbekend signaal '{signal}'",
        "unknown signal '{signal}'",
    ),
    "content.unknown_value": (
        "onbekende waarde voor signaal '{signal}': '{value}'",
        "unknown value for signal '{signal}': '{value}'",
    ),
    "content.bad_test": (
        "test '{test}' past niet bij signaal '{signal}' ({kind})",
        "test '{test}' does not fit signal '{signal}' ({kind})",
    ),
    "content.empty_target": (
        "effect kiest geen aanbod: geef offers of kinds",
        "effect selects no offer: give offers or kinds",
    ),
    "content.unknown_kind": (
        "onbekende soort hulp '{kind}'",
        "unknown kind of help '{kind}'",
    ),
    "content.unknown_group": (
        "onbekende doelgroep '{group}'",
        "unknown target group '{group}'",
    ),
    "content.unknown_definition": (
        "onbekende definitie '{name}'",
        "unknown definition '{name}'",
    ),
    "content.no_lonely_definition": (
        "eligibility.lonely vraagt de definitie 'lonely' in vocabulary.yaml",
        "eligibility.lonely needs the definition 'lonely' in vocabulary.yaml",
    ),
    "content.period_dates": (
        "datum 'to' ligt voor 'from'",
        "date 'to' is before 'from'",
    ),
    "content.validity_order": (
        "'valid_to' ({end}) ligt voor 'valid_from' ({start}): geen dag valt erin",
        "'valid_to' ({end}) is before 'valid_from' ({start}): no day falls in between",
    ),
    "content.bad_date": (
        "geen geldige datum: '{date}'",
        "not a valid date: '{date}'",
    ),
    "content.unknown_language": (
        "onbekende taal '{language}' (voeg hem toe aan het signaal languages)",
        "unknown language '{language}' (add it to the signal languages)",
    ),
    "content.field_alias_clash": (
        "veldnaam '{alias}' hoort al bij '{a}', niet ook bij '{b}'",
        "field name '{alias}' already belongs to '{a}', not also to '{b}'",
    ),
    "cli.option_value": ("WAARDE", "VALUE"),
    "cli.option_help.enum": ("{label}: {values}{also}.", "{label}: {values}{also}."),
    "cli.option_help.set": ("{label}: {values}{also}; herhaalbaar.", "{label}: {values}{also}; repeatable."),
    "cli.option_help.dutch": (" (of Nederlands)", " (or Dutch)"),
    "cli.option_help.alias": (" (of een alias)", " (or an alias)"),
    "cli.quick_options_unread": (
        "de inhoud is niet te lezen: de opties van de signalen ontbreken hieronder (zie referral validate)",
        "the content cannot be read: the signals' options are missing below (see referral validate)",
    ),
    "cli.same_field": (
        "'{field}' staat twee keer in de opties: geef het één keer op",
        "'{field}' is given twice in the options: give it once",
    ),
    "cli.option_help.integer": ("{label} ({range}).", "{label} ({range})."),
    "cli.option_help.boolean": ("{label} (of niet).", "{label} (or not)."),
    "content.option_clash": (
        "optie '--{option}' van match hoort al bij '{a}', niet ook bij '{b}' (geef '{b}' een eigen 'option')",
        "option '--{option}' of match already belongs to '{a}', not also to '{b}' (give '{b}' an 'option' of its own)",
    ),
    "content.option_reserved": (
        "optie '--{option}' is al een optie van match zelf; geef '{b}' een andere 'option'",
        "option '--{option}' is already one of match's own options; give '{b}' another 'option'",
    ),
    "content.signal_alias": (
        "'{signal}' is de Nederlandse naam van '{canonical}': een regel gebruikt de vaste naam",
        "'{signal}' is the Dutch name of '{canonical}': a rule uses the fixed name",
    ),
    "content.signal_alias.hint": (
        "schrijf '{canonical}', zodat zoeken, lint en diff elke regel erover vinden",
        "write '{canonical}', so that search, lint and diff find every rule about it",
    ),
    "content.value_alias": (
        "'{value}' is een andere naam voor '{canonical}' ({signal}): regels en aanbod gebruiken de vaste waarde",
        "'{value}' is another name for '{canonical}' ({signal}): rules and offers use the fixed value",
    ),
    "content.alias_clash": (
        "alias '{alias}' wijst naar twee waarden: '{a}' en '{b}'",
        "alias '{alias}' points to two values: '{a}' and '{b}'",
    ),
    "content.bad_schedule": (
        "openingstijd: {detail}",
        "opening hours: {detail}",
    ),
    "type.empty": (
        "leeg",
        "empty",
    ),
    "words.not": (
        "niet {text}",
        "not {text}",
    ),
    "words.and": (
        " en ",
        " and ",
    ),
    "words.or": (
        " of ",
        " or ",
    ),
    "value.unknown": (
        "onbekend",
        "unknown",
    ),
    "value.yes": (
        "ja",
        "yes",
    ),
    "value.no": (
        "nee",
        "no",
    ),
    "value.none": (
        "geen",
        "none",
    ),
    "casus.has_note": (
        "met notitie (niet getoond)",
        "with a note (not shown)",
    ),
    "scale.summary": (
        "De Jong Gierveld-schaal ({items} items): totaal {total}, sociaal {social}, emotioneel {emotional} ({missing} onbeantwoord). Een meetinstrument voor onderzoek, geen diagnose.",
        "De Jong Gierveld scale ({items} items): total {total}, social {social}, emotional {emotional} ({missing} unanswered). A survey instrument, not a diagnosis.",
    ),
    "explain.unmet": (
        "vereist: {test} (casus: {actual})",
        "requires: {test} (casus: {actual})",
    ),
    "explain.unmet_one_of": (
        "vereist één van: {tests} (casus: {actual})",
        "requires one of: {tests} (casus: {actual})",
    ),
    "note.language_unserved": (
        "Geen aanbod bekend dat werkt in {languages}: het aanbod hieronder werkt in het Nederlands. Schakel een tolk, een sleutelpersoon of iemand uit het eigen netwerk in die de taal spreekt.",
        "No offer known that works in {languages}: the offers below work in Dutch. Involve an interpreter, a key person or someone from their own network who speaks the language.",
    ),
    "failure.audience": (
        "alleen voor {allowed}",
        "only for {allowed}",
    ),
    "failure.wijk": (
        "alleen in {allowed}; de casus woont in {wijk}",
        "only in {allowed}; the casus lives in {wijk}",
    ),
    "failure.wijk_unknown": (
        "alleen in {allowed}; de wijk van de casus is niet bekend",
        "only in {allowed}; the casus's wijk is not known",
    ),
    "failure.age": (
        "leeftijdsgrens {bounds} jaar; de casus is {age}",
        "age limit {bounds}; the casus is {age}",
    ),
    "failure.languages": (
        "werkt in {allowed}; de casus spreekt {languages}",
        "works in {allowed}; the casus speaks {languages}",
    ),
    "failure.excluded": (
        "uitgesloten door regel {rule}: {text}",
        "excluded by rule {rule}: {text}",
    ),
    "days.nth_of_month": (
        "{nth} {days} van de maand",
        "{nth} {days} of the month",
    ),
    "ordinal.1": (
        "1e",
        "1st",
    ),
    "ordinal.2": (
        "2e",
        "2nd",
    ),
    "ordinal.3": (
        "3e",
        "3rd",
    ),
    "ordinal.4": (
        "4e",
        "4th",
    ),
    "ordinal.5": (
        "5e",
        "5th",
    ),
    "ordinal.-1": (
        "laatste",
        "last",
    ),
    "days.daily": (
        "dagelijks",
        "daily",
    ),
    "day.mo": (
        "ma",
        "Mon",
    ),
    "day.tu": (
        "di",
        "Tue",
    ),
    "day.we": (
        "wo",
        "Wed",
    ),
    "day.th": (
        "do",
        "Thu",
    ),
    "day.fr": (
        "vr",
        "Fri",
    ),
    "day.sa": (
        "za",
        "Sat",
    ),
    "day.su": (
        "zo",
        "Sun",
    ),
    "contact.via": (
        "bereikbaar via {name} ({route})",
        "reached through {name} ({route})",
    ),
    "contact.phone": (
        "tel.",
        "phone",
    ),
    "content.required_signal": (
        "de vocabulary mist het signaal '{signal}' (soort {kind}), dat de engine nodig heeft",
        "the vocabulary lacks the signal '{signal}' (kind {kind}), which the engine needs",
    ),
    "content.signal_clash": (
        "signaal '{signal}' botst met een groep of met het veld 'note' van de casus",
        "signal '{signal}' clashes with a group or with the casus field 'note'",
    ),
    "content.bad_range": (
        "signaal '{signal}': min is groter dan max",
        "signal '{signal}': min is larger than max",
    ),
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
    "content.outside_dir": (
        "map wijst naar een plek buiten de inhoudsmap {path}",
        "folder points outside the content folder {path}",
    ),
    "content.link_outside": (
        "link leidt naar een plek buiten de inhoudsmap",
        "link leads outside the content folder",
    ),
    "content.outside": (
        "bestand wijst naar een plek buiten de inhoudsmap {path}",
        "file points outside the content folder {path}",
    ),
    "content.no_scales": (
        "scales.yaml ontbreekt in de regelmap",
        "scales.yaml is missing from the rules folder",
    ),
    "view.title": (
        "Verwijsadvies",
        "Referral advice",
    ),
    "export.written": (
        "geschreven naar {path}",
        "written to {path}",
    ),
    "view.casus": (
        "Casus",
        "Casus",
    ),
    "view.contact": (
        "contact",
        "contact",
    ),
    "view.part.person": (
        "Voor de inwoner",
        "For the resident",
    ),
    "view.part.asker": (
        "Voor wie vraagt",
        "For the one who asks",
    ),
    "view.part.full": (
        "Vol: nu niet verwijzen",
        "Full: do not refer now",
    ),
    "view.part.asker_full": (
        "Vol, voor wie vraagt: nu niet verwijzen",
        "Full, for the one who asks: do not refer now",
    ),
    "view.capacity.full": (
        "vol (per {day})",
        "full (as of {day})",
    ),
    "view.capacity.waitlist": (
        "wachtlijst (per {day})",
        "waiting list (as of {day})",
    ),
    "view.capacity.open": (
        "plek vrij (per {day})",
        "taking people in (as of {day})",
    ),
    "view.asker.client": (
        "de inwoner vraagt zelf",
        "the resident asks for themselves",
    ),
    "view.asker.helper": (
        "gevraagd door iemand uit de omgeving; de signalen gaan over de inwoner",
        "asked by someone close; the signals describe the resident",
    ),
    "view.asker.professional": (
        "ingebracht door een professional (casuïstiek overleg)",
        "brought in by a professional (case consultation)",
    ),
    "view.asker.volunteer": (
        "iemand die vrijwilliger wil worden vraagt zelf",
        "someone who wants to volunteer asks for themselves",
    ),
    "view.notes": (
        "Let op",
        "Note",
    ),
    "view.id": (
        "id {id}",
        "id {id}",
    ),
    "view.ages_between": (
        "{low}–{high} jaar",
        "ages {low}–{high}",
    ),
    "view.ages_from": (
        "vanaf {low} jaar",
        "ages {low} and over",
    ),
    "view.ages_to": (
        "tot en met {high} jaar",
        "up to age {high}",
    ),
    "view.unchecked_age": (
        "Leeftijd niet bekend: dit aanbod is voor {ages}. Vraag het na.",
        "Age not known: this offer is for {ages}. Ask.",
    ),
    "view.language_unserved": (
        "Taal: dit aanbod werkt in {offer_languages}, niet in {languages}; regel een tolk of sleutelpersoon.",
        "Language: this offer works in {offer_languages}, not in {languages}; arrange an interpreter or key person.",
    ),
    "view.unchecked_group": (
        "{signal} niet bekend: dit aanbod is voor {groups}. Vraag het na.",
        "{signal} not known: this offer is for {groups}. Ask.",
    ),
    "view.languages": (
        "taal: {languages}",
        "language: {languages}",
    ),
    "view.evidence": (
        "Databank Effectieve Sociale Interventies: {rating}",
        "Databank Effectieve Sociale Interventies: {rating}",
    ),
    "view.review": (
        "nog te controleren: {text}",
        "to be checked: {text}",
    ),
    "view.review_short": (
        "gegevens nog te controleren: bel of kijk eerst na of dit aanbod nog loopt",
        "details still to be checked: call or look first whether this offer still runs",
    ),
    "view.review_dated": (
        "gegevens nog te controleren, nieuwste bron uit {year}: bel of kijk eerst na of dit aanbod nog loopt",
        "details still to be checked, newest source from {year}: call or look first whether this offer still runs",
    ),
    "view.no_contact": (
        "geen contactgegevens bekend: vraag het Infopunt of de ambassadeur",
        "no contact details known: ask the Infopunt or the ambassador",
    ),
    "evidence.goed_beschreven": (
        "goed beschreven",
        "well described",
    ),
    "evidence.goed_onderbouwd": (
        "goed onderbouwd",
        "well founded",
    ),
    "evidence.effectief": (
        "effectief",
        "effective",
    ),
    "view.none": (
        "Geen passend aanbod gevonden voor deze casus. Bel het Infopunt Informele Zorg of bespreek de casus met de ambassadeur van de wijk.",
        "No matching offer found for this casus. Call the Infopunt Informele Zorg or discuss the casus with the wijk's ambassador.",
    ),
    "view.none_asker": (
        "Geen aanbod gevonden voor wie vraagt.",
        "No offer found for the one who asks.",
    ),
    "view.more": (
        "Nog {count} {count:verwijzing|verwijzingen} niet getoond.",
        "{count} more {count:referral|referrals} not shown.",
    ),
    "view.more_hint": (
        "(zie --top)",
        "(see --top)",
    ),
    "view.hidden": (
        "Verder {unranked:past nog|passen nog} {unranked} {unranked:mogelijkheid|mogelijkheden} zonder punten; {ineligible} {ineligible:is|zijn} niet beschikbaar voor deze casus.",
        "Further, {unranked} {unranked:option fits|options fit} without points; {ineligible} {ineligible:is|are} not available for this casus.",
    ),
    "view.explain_hint": (
        "Vraag waarom (niet) met --explain en een id, naam of rangnummer.",
        "Ask why (not) with --explain and an id, name or rank number.",
    ),
    "view.commit_modified": (
        "gewijzigd",
        "modified",
    ),
    "view.footer": (
        "referral {version} · inhoud {digest}… (aanbod {offers}, regels {rules}) · advies van {day} · door een persoon gecontroleerd: {checked} van {shown} getoond",
        "referral {version} · content {digest}… ({offers} {offers:offer|offers}, {rules} {rules:rule|rules}) · advice of {day} · checked by a person: {checked} of {shown} shown",
    ),
    "casus.no_loneliness": (
        "eenzaamheid: niet gesignaleerd",
        "loneliness: none signalled",
    ),
    "scale.tempered": (
        "De totaalscore zegt: niet eenzaam. Een subschaal op de drempel telt daarom niet als eenzaam voor het advies.",
        "The total says: not lonely. A subscale at its threshold therefore does not count as lonely for the advice.",
    ),
    "failure.period.past": (
        "afgelopen ({when})",
        "over ({when})",
    ),
    "failure.period.not_yet": (
        "nog niet begonnen ({when})",
        "not started yet ({when})",
    ),
    "failure.period.out_of_season": (
        "buiten het seizoen; telt pas mee vanaf {lead} dagen voor {when}",
        "out of season; counts only from {lead} days before {when}",
    ),
    "failure.not_referable": (
        "{kind}: dit is nooit een verwijzing (het is voor wie vrijwilliger wil worden)",
        "{kind}: this is never a referral (it is for people who want to volunteer)",
    ),
    "explain.title": (
        "Waarom (niet): {name}",
        "Why (not): {name}",
    ),
    "explain.referred": (
        "{name} staat op plaats {rank} van {total} met score {score} ({part}).",
        "{name} ranks {rank} of {total} with score {score} ({part}).",
    ),
    "explain.unranked": (
        "{name} is beschikbaar voor deze casus, maar geen regel gaf punten (score {score}).",
        "{name} is available for this casus, but no rule gave it points (score {score}).",
    ),
    "explain.full": (
        "{name} past bij deze casus (score {score}), maar is vol (per {day}) en wordt daarom niet verwezen; zonder 'vol' stond het op plaats {rank} ({part}). Het staat na de verwijzingen, onder 'Vol'.",
        "{name} fits this casus (score {score}), but is full (as of {day}) and is therefore not referred; were it not full, it would rank {rank} ({part}). It is listed after the referrals, under 'Full'.",
    ),
    "explain.capacity": (
        "Capaciteit",
        "Capacity",
    ),
    "explain.capacity.source": (
        "bron: {source}",
        "source: {source}",
    ),
    "explain.capacity.no_source": (
        "zonder bron opgegeven",
        "given without a source",
    ),
    "explain.ineligible": (
        "{name} is niet beschikbaar voor deze casus.",
        "{name} is not available for this casus.",
    ),
    "explain.failures": (
        "Waarom niet beschikbaar",
        "Why not available",
    ),
    "explain.reasons": (
        "Punten van regels",
        "Points from rules",
    ),
    "explain.missed": (
        "Regels die punten hadden kunnen geven, en wat daarvoor ontbreekt",
        "Rules that could have given points, and what is missing",
    ),
    "explain.above": (
        "Hoger geplaatst",
        "Ranked higher",
    ),
    "explain.above.turn": (
        ": eerder aan de beurt (een andere soort hulp)",
        ": an earlier turn (another kind of help)",
    ),
    "explain.above.wijk": (
        ": even hoog, voor de eigen wijk",
        ": equal score, for the casus's own wijk",
    ),
    "explain.above.route": (
        ": even hoog, noemt een contactroute",
        ": equal score, names a contact route",
    ),
    "explain.above.id": (
        ": even hoog, id {id} eerder in a-z",
        ": equal score, id {id} first in a-z",
    ),
    "offers.title": (
        "Sociale kaart",
        "Sociale kaart (offers)",
    ),
    "offers.citywide": (
        "heel Utrecht",
        "all of Utrecht",
    ),
    "view.col.offer": (
        "Aanbod",
        "Offer",
    ),
    "offers.archived": (
        "archief: voorbij, wordt niet meer verwezen",
        "archive: over, no longer referred",
    ),
    "offers.none": (
        "Geen aanbod gevonden met deze zoekvraag.",
        "No offers match this query.",
    ),
    "offers.col.for": (
        "Voor wie, waar",
        "For whom, where",
    ),
    "offers.no_contact": (
        "contactgegevens nog niet bekend",
        "contact details not yet known",
    ),
    "offers.count": (
        "{count} van {total} aanbod",
        "{count} of {total} offers",
    ),
    "cli.bad_signal_option": (
        "verwacht NAAM=WAARDE, bijvoorbeeld --signal involved=huisarts",
        "expects NAME=VALUE, for example --signal involved=huisarts",
    ),
    "cli.unknown_offer": (
        "onbekend aanbod '{id}'",
        "unknown offer '{id}'",
    ),
    "cli.stdin_empty": (
        "geen casus op standaardinvoer",
        "no casus on standard input",
    ),
    "cli.no_casus": (
        "geef een casusbestand, '-' voor standaardinvoer, of signalen als opties (--age, --wijk, ...)",
        "give a casus file, '-' for standard input, or signals as options (--age, --wijk, ...)",
    ),
    "cli.casus_and_flags": (
        "geef een casusbestand óf signalen als opties; opties vullen het bestand niet aan",
        "give a casus file or signals as options; options do not amend the file",
    ),
    "cli.validate_ok": (
        "inhoud is in orde: aanbod {offers}, regels {rules}, {warnings} {warnings:waarschuwing|waarschuwingen}",
        "content is valid: {offers} {offers:offer|offers}, {rules} {rules:rule|rules}, {warnings} {warnings:warning|warnings}",
    ),
    "cli.validate_problems": (
        "{count} {count:probleem|problemen} gevonden",
        "{count} {count:problem|problems} found",
    ),
    "cli.output_failed": (
        "de uitvoer kon niet worden geschreven: {reason}",
        "the output could not be written: {reason}",
    ),
    "cli.output_closed": (
        "de standaarduitvoer is gesloten: het resultaat kan nergens heen",
        "standard output is closed: the result has nowhere to go",
    ),
    "cli.output_encoding": (
        "de uitvoer kan deze tekens niet weergeven (codering {encoding}); gebruik een UTF-8-terminal, --format json, of zet PYTHONIOENCODING=utf-8",
        "the output cannot show these characters (encoding {encoding}); use a UTF-8 terminal, --format json, or set PYTHONIOENCODING=utf-8",
    ),
    "cli.internal_error": (
        "interne fout ({kind}); verslag in {report}; draai opnieuw met --debug voor de traceback",
        "internal error ({kind}); report in {report}; run again with --debug for the traceback",
    ),
}
