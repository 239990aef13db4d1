"""The help texts of referral's own commands and options in English, for `--lang en`.

The Dutch text in the code is the source (as a msgid is in gettext); this table gives its
English. `in_language` hands click a copy of a command with English texts, so that the command
objects themselves stay Dutch. A test holds the table to the commands: every text has its
English, and no entry is left that no command uses.
"""

from __future__ import annotations

import copy
import inspect

import click

ENGLISH: dict[str, str] = {
    # referral
    "Verwijsadvies bij eenzaamheid voor het netwerk informele zorg Utrecht (NIZU).\n\n"
    "Leest een casus (signalen, geen persoonsgegevens) en geeft gerangschikt aanbod met de\n"
    "redenen erbij.": "Referral advice on loneliness for the Utrecht informal-care network (NIZU).\n\n"
    "Reads a casus (signals, no personal data) and gives ranked offers with the reasons behind them.",
    "Map met vocabulary.yaml en regels (standaard: inhoud van Utrecht; of REFERRAL_RULES).": (
        "Folder with vocabulary.yaml and rules (default: the Utrecht content; or REFERRAL_RULES)."
    ),
    "Map met aanbod (standaard: inhoud van Utrecht; of REFERRAL_OFFERS).": (
        "Folder with offers (default: the Utrecht content; or REFERRAL_OFFERS)."
    ),
    "Taal van de uitvoer.": "Language of the output.",
    "Toon de volledige foutmelding bij een interne fout.": "Show the full error on an internal error.",
    # batch
    "Veel casussen (JSONL of CSV) naar JSONL: per invoerregel één uitvoerregel, in volgorde.\n\n"
    "Elke regel is het object van `match --format json` voor die casus, op één regel. Een regel\n"
    'die niet te lezen is geeft {"line": N, "problems": [...]} en de batch gaat door (exit 1 aan\n'
    'het eind); een lege regel geeft {"line": N, "skipped": "blank"}. CSV: een kopregel met\n'
    "casusvelden (loneliness.social voor een groep), lijsten gescheiden door ';'.": (
        "Many casussen (JSONL or CSV) to JSONL: one output line per input line, in order.\n\n"
        "Each line is the object of `match --format json` for that casus, on one line. A line that "
        'cannot be read gives {"line": N, "problems": [...]} and the batch goes on (exit 1 at the '
        'end); a blank line gives {"line": N, "skipped": "blank"}. CSV: a header of casus fields '
        "(loneliness.social for a group), lists separated by ';'."
    ),
    "Invoerformaat; auto: .csv is CSV, .jsonl/.ndjson/.json is JSONL, anders naar de eerste regel.": (
        "Input format; auto: .csv is CSV, .jsonl/.ndjson/.json is JSONL, otherwise by the first line."
    ),
    "Per casus de eerste N verwijzingen, als bij match (0: alle).": (
        "The first N referrals per casus, as in match (0: all)."
    ),
    "Aantal processen; de uitvoer is gelijk bij elk aantal.": "Number of processes; the output is the same for any.",
    "Voortgangsbalk op stderr (standaard: alleen als stderr een terminal is).": (
        "Progress bar on stderr (default: only when stderr is a terminal)."
    ),
    "CSV: scheidingsteken tussen cellen (auto: uit de kopregel; ';' zoals Excel in het Nederlands).": (
        "CSV: the separator between cells (auto: from the header; ';' as Excel writes in Dutch)."
    ),
    "De dag van het advies, bijv. 2026-04-27 (standaard: vandaag).": "The day of the advice, e.g. 2026-04-27 (default: today).",
    # diff
    "Wat verandert een wijziging in de regels of het aanbod aan de uitkomsten?": (
        "What does a change to the rules or offers change in the outcomes?"
    ),
    "De andere versie: map met rules/ en offers/, of een git-referentie.": (
        "The other version: a folder with rules/ and offers/, or a git ref."
    ),
    "Gouden casussen (standaard tests/cases als die bestaat).": "Golden casussen (default: tests/cases if it exists).",
    "Aantal steekproef-casussen.": "Number of sampled casussen.",
    "Toon details van ten hoogste N casussen.": "Show details of at most N casussen.",
    "Exit 1 als er iets verandert (voor CI).": "Exit 1 when anything changes (for CI).",
    # gaps
    "Wie doet wat, en waar zijn gaten: per wijk, groep en behoefte, met passende soort hulp.\n\n"
    "Per cel gaat een voorbeeldcasus door hetzelfde advies als `referral match`; de behoeften en\n"
    "groepen staan onder 'gaps' in vocabulary.yaml.": (
        "Who does what, and where the gaps are: per wijk, group and need, with the fitting kind of help.\n\n"
        "For each cell an example casus goes through the same advice as `referral match`; the needs and "
        "groups are under 'gaps' in vocabulary.yaml."
    ),
    "Alleen deze wijk(en); herhaalbaar (standaard: alle).": "Only this wijk (or these); repeatable (default: all).",
    "De dag van de kaart, bijv. 2026-09-20 (standaard: vandaag).": "The day of the map, e.g. 2026-09-20 (default: today).",
    "Schrijf de kaart ook als HTML (voor het netwerkoverleg, op de beamer) of Markdown.": (
        "Also write the map as HTML (for the network meeting, on the projector) or Markdown."
    ),
    "Overschrijf een bestaand exportbestand.": "Overwrite an existing export file.",
    "Exitcode 1 bij meer dan N gaten (voor CI; 0: geen enkel gat).": "Exit code 1 with more than N gaps (for CI; 0: no gap at all).",
    # intake
    "Begeleide intake aan de telefoon: vragen, advies, 'waarom niet?', opslaan.": (
        "Guided intake on the phone: questions, advice, 'why not?', save."
    ),
    "Sla de casus aan het eind op (alleen signalen; .json of anders YAML).": (
        "Save the casus at the end (signals only; .json, or else YAML)."
    ),
    "Toon aan het eind het advies als Markdown voor het dossier.": "Show the advice at the end as Markdown for the case notes.",
    "Overschrijf een bestaand bestand bij opslaan.": "Overwrite an existing file when saving.",
    "Klok voor 'nu bereikbaar', bijv. 2026-04-27T10:00 (standaard: nu).": (
        "Clock for 'reachable now', e.g. 2026-04-27T10:00 (default: now)."
    ),
    "Toon de eerste N (0: alle).": "Show the first N (0: all).",
    "Vraag aan het eind of de verwijzing in het verwijslog moet (alleen signalen; standaard nee).": (
        "Ask at the end whether to record the referral in the referral log (signals only; default no)."
    ),
    "Het logbestand bij --log (standaard: REFERRAL_DB, anders $XDG_DATA_HOME/referral/log.sqlite).": (
        "The log file for --log (default: REFERRAL_DB, else $XDG_DATA_HOME/referral/log.sqlite)."
    ),
    # lint
    "Vind regels die nooit vuren of elkaar overlappen, onbereikbaar of verouderd aanbod, en meer.\n\n"
    "Exitcode 1 bij fouten (met --strict ook bij waarschuwingen). Een bevinding is te onderdrukken\n"
    'in de YAML van de regel of het aanbod: lint: {offer-stale: "reden"}.': (
        "Find rules that never fire or overlap, unreachable or outdated offers, and more.\n\n"
        "Exit code 1 on errors (with --strict also on warnings). A finding can be silenced in the YAML "
        'of the rule or offer: lint: {offer-stale: "reason"}.'
    ),
    "Aanbod dat langer geleden is gecontroleerd ('reviewed') is verouderd.": (
        "An offer checked ('reviewed') longer ago than this is outdated."
    ),
    "Aanbod waarvan de nieuwste bron ouder is, is mogelijk achterhaald.": (
        "An offer whose newest source is older than this may be out of date."
    ),
    "Een opgegeven capaciteit (vol, wachtlijst, plek vrij) die ouder is, is mogelijk achterhaald.": (
        "A declared capacity (full, waiting list, open) older than this may be out of date."
    ),
    "Rekenen met deze datum als vandaag (voor tests en CI).": "Take this date as today (for tests and CI).",
    "Ook bij waarschuwingen exitcode 1.": "Exit code 1 on warnings too.",
    "Toon ook de onderdrukte bevindingen, met hun reden.": "Also show the silenced findings, with their reason.",
    "Toon ook elke info-bevinding (standaard: per soort met een aantal).": (
        "Also show every info finding (default: one line per check with a count)."
    ),
    # log
    "Het verwijslog: wat er van een verwijzing werd (alleen signalen, geen persoonsgegevens).": (
        "The referral log: what became of a referral (signals only, no personal data)."
    ),
    "Een consistente kopie van het log (ook terwijl anderen schrijven).": (
        "A consistent copy of the log (also while others write to it)."
    ),
    "Overschrijf een bestaand bestand.": "Overwrite an existing file.",
    "Het logbestand (standaard: REFERRAL_DB, anders $XDG_DATA_HOME/referral/log.sqlite).": (
        "The log file (default: REFERRAL_DB, else $XDG_DATA_HOME/referral/log.sqlite)."
    ),
    "Het hele log als CSV (een regel per getoond aanbod) of JSON (met de geschiedenis).": (
        "The whole log as CSV (a line per offer shown) or JSON (with the history)."
    ),
    "Schrijf naar een bestand.": "Write to a file.",
    "Verwijder een verwijzing met haar hele geschiedenis.": "Delete a referral with its whole history.",
    "Verwijder verwijzingen zonder activiteit in de laatste DAGEN dagen.": (
        "Delete referrals without activity in the last DAYS days."
    ),
    "Cijfers voor het netwerk: per aanbod, organisatie, wijk en soort hulp; en wie na te bellen.": (
        "Figures for the network: per offer, organisation, wijk and kind of help; and whom to call back."
    ),
    "Verwijzingen vanaf deze dag.": "Referrals from this day.",
    "Verwijzingen tot en met deze dag.": "Referrals up to and including this day.",
    "Rijen met minder verwijzingen worden niet getoond (of REFERRAL_LOG_MIN_CELL).": (
        "Rows with fewer referrals are not shown (or REFERRAL_LOG_MIN_CELL)."
    ),
    "Nabellen na zoveel weken.": "Call back after this many weeks.",
    "Schrijf het rapport ook als HTML met grafieken (voor het netwerkoverleg).": (
        "Also write the report as HTML with charts (for the network meeting)."
    ),
    "Toon een verwijzing en haar geschiedenis.": "Show a referral and its history.",
    "Leg een uitkomst vast (een nieuwe gebeurtenis; de geschiedenis blijft staan).": (
        "Record an outcome (a new event; the history stays)."
    ),
    "aangemeld, intake-gepland, gestart, wachtlijst, afgewezen, gestopt, afgesloten.": (
        "aangemeld (signed up), intake-gepland (intake planned), gestart (started), wachtlijst (waiting "
        "list), afgewezen (declined), gestopt (stopped), afgesloten (closed)."
    ),
    "Bij afgewezen: vol, past-niet, geen-reactie, wil-niet.": (
        "With afgewezen: vol (full), past-niet (does not fit), geen-reactie (no response), wil-niet (does not want)."
    ),
    "Welk getoond aanbod (nodig als er meer dan één was).": "Which offer shown (needed when there was more than one).",
    "Wanneer het gebeurde (standaard: vandaag).": "When it happened (default: today).",
    # match
    "Gerangschikt aanbod voor een casus (bestand, '-' voor stdin, of opties).\n\n"
    "Meerdere casusbestanden of een map (de agenda van een overleg) geven per casus de top 3 en het\n"
    "aanbod dat terugkomt.": (
        "Ranked offers for a casus (a file, '-' for stdin, or options).\n\n"
        "Several casus files or a folder (the agenda of a case consultation) give the top 3 per casus "
        "and the offers that recur."
    ),
    "Waarom staat dit aanbod waar het staat, of waarom niet?": "Why does this offer stand where it stands, or why not?",
    "Gebruik de regels en het aanbod van deze git-versie (een oud advies reproduceren).": (
        "Use the rules and offers of this git version (to reproduce an old advice)."
    ),
    "Elk signaal van de woordenlijst bij zijn veldnaam: --signal involved=huisarts (lijsten: a,b); herhaalbaar.": (
        "Any signal of the vocabulary by its field name: --signal involved=huisarts (lists: a,b); repeatable."
    ),
    "Een titel voor het overleg (geen namen of persoonsgegevens).": "A title for the meeting (no names or personal data).",
    "Klok voor 'nu bereikbaar', bijv. 2026-04-27T10:00 (standaard: nu; JSON en Markdown alleen met --now).": (
        "Clock for 'reachable now', e.g. 2026-04-27T10:00 (default: now; JSON and Markdown only with --now)."
    ),
    "Schrijf het advies (of het overleg) ook naar een bestand om te delen.": (
        "Also write the advice (or the meeting) to a file to share."
    ),
    "Leg de getoonde verwijzingen vast in het verwijslog (alleen signalen) en geef een kenmerk.": (
        "Record the referrals shown in the referral log (signals only) and give a reference."
    ),
    # offers
    "De sociale kaart: zoek en filter het aanbod; uitwisselen als HSDS; werklijst voor beheer.": (
        "The sociale kaart: search and filter the offers; exchange as HSDS; a work list for maintainers."
    ),
    "Alleen aanbod dat in deze wijk beschikbaar is (stedelijk en wijkgericht).": (
        "Only offers available in this wijk (citywide and local)."
    ),
    "Alleen aanbod voor deze doelgroep.": "Only offers for this audience.",
    "Alleen deze soort hulp (bond, meeting, grief, ...); herhaalbaar.": "Only this kind of help (bond, meeting, grief, ...); repeatable.",
    "Alleen aanbod met dit zoekwoord; herhaalbaar.": "Only offers with this tag; repeatable.",
    "Ook aanbod dat voorbij is (archief: afgelopen lezingen, projecten).": (
        "Also offers whose time is over (the archive: past lectures, projects)."
    ),
    "Schrijf het gevonden aanbod als Open Referral HSDS 3.0 JSON naar MAP (services/, organizations/).": (
        "Write the offers found as Open Referral HSDS 3.0 JSON to FOLDER (services/, organizations/)."
    ),
    "Lees HSDS 3.0 JSON uit MAP en schrijf er YAML-aanbod van naar --out.": (
        "Read HSDS 3.0 JSON from FOLDER and write YAML offers from it to --out."
    ),
    "De map voor het aanbod van --import-hsds.": "The folder for the offers of --import-hsds.",
    "Overschrijf bestaande bestanden (--export, --import-hsds).": "Overwrite existing files (--export, --import-hsds).",
    "Werklijst voor beheerders: wat opnieuw te controleren is, oudste bronnen eerst.": (
        "Work list for maintainers: what to check again, oldest sources first."
    ),
    "Rekenen met deze datum als vandaag: wat voorbij is (archief), en voor de werklijst van --stale.": (
        "Take this date as today: what is over (the archive), and for the work list of --stale."
    ),
    # schema
    "Toon een JSON Schema (casus, offer, rules, vocabulary, scales, testcases) of schrijf ze allemaal.": (
        "Show a JSON Schema (casus, offer, rules, vocabulary, scales, testcases) or write them all."
    ),
    "Schrijf alle schema's naar deze map.": "Write all schemas to this folder.",
    "Overschrijf bestaande bestanden.": "Overwrite existing files.",
    # test
    "Draai gouden casussen (casus + verwachtingen) tegen de regels.": "Run golden casussen (casus + expectations) against the rules.",
    "Toon regels en aanbod die geen casus raakt.": "Show the rules and offers no casus reaches.",
    "Faal (exit 1) onder dit percentage dekking.": "Fail (exit 1) below this percentage of coverage.",
    "Toon elke casus, ook de geslaagde.": "Show every casus, the passing ones too.",
    # validate
    "Controleer alle inhoud tegen de JSON Schemas en onderlinge verwijzingen.": (
        "Check all content against the JSON Schemas and the references between files."
    ),
    "Ook waarschuwingen (YAML-valkuilen) tellen als probleem.": "Count warnings (YAML traps) as problems too.",
}

# Placeholders of option values that are Dutch words.
METAVARS: dict[str, str] = {
    "JJJJ-MM-DD": "YYYY-MM-DD",
    "html|md PAD": "html|md PATH",
    "DAGEN": "DAYS",
    "ID|PLAATS": "ID|RANK",
    "[CASUS|-|MAP]...": "[CASUS|-|FOLDER]...",
    "NAAM=WAARDE": "NAME=VALUE",
    "hsds MAP": "hsds FOLDER",
    "MAP": "FOLDER",
}


def english(text: str | None) -> str | None:
    """The English of a help text (as click shows it, indentation cleaned), or the text itself."""
    if text is None:
        return None
    return ENGLISH.get(inspect.cleandoc(text), text)


def in_language(command: click.Command, lang: str) -> click.Command:
    """`command` with its help texts in `lang`: a copy for English, the command itself for Dutch."""
    if lang == "nl":
        return command
    shown = copy.copy(command)
    shown.help = english(command.help)
    shown.short_help = english(command.short_help)
    params = []
    for param in command.params:
        param = copy.copy(param)
        if isinstance(param, click.Option):
            param.help = english(param.help)
        if param.metavar is not None:
            param.metavar = METAVARS.get(param.metavar, param.metavar)
        params.append(param)
    shown.params = params
    if isinstance(command, click.Group):
        assert isinstance(shown, click.Group)
        shown.commands = {name: in_language(sub, lang) for name, sub in command.commands.items()}
    return shown
