"""Messages of 'intake' (code -> (Dutch, English)), loaded when a code of this catalogue is first used."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "intake.intro": (
        "Intake. Typ een nummer of een antwoord. Enter = overslaan, 'terug' = vorige vraag, Ctrl-C = stoppen (er wordt niets opgeslagen).",
        "Intake. Type a number or an answer. Enter = skip, 'back' = previous question, Ctrl-C = stop (nothing is saved).",
    ),
    "intake.q.audience": (
        "Wie belt er?",
        "Who is calling?",
    ),
    "intake.q.age": (
        "Leeftijd (in jaren)?",
        "Age (in years)?",
    ),
    "intake.q.wijk": (
        "In welke wijk woont de persoon?",
        "Which wijk (district) does the person live in?",
    ),
    "intake.q.household": (
        "Hoe woont de persoon?",
        "What is the household?",
    ),
    "intake.q.migration_background": (
        "Migratieachtergrond?",
        "Migration background?",
    ),
    "intake.q.languages": (
        "Welke talen spreekt de persoon? (meer dan één: scheid met komma's)",
        "Which languages does the person speak? (more than one: separate with commas)",
    ),
    "intake.q.loneliness.method": (
        "Eenzaamheid: hoe legt u die vast?",
        "Loneliness: how do you record it?",
    ),
    "intake.q.loneliness.kind": (
        "Wat voor eenzaamheid?",
        "What kind of loneliness?",
    ),
    "intake.q.loneliness.severity": (
        "Hoe ernstig?",
        "How severe?",
    ),
    "intake.q.life_events": (
        "Ingrijpende gebeurtenissen? (meer dan één: scheid met komma's)",
        "Major life events? (more than one: separate with commas)",
    ),
    "intake.q.mobility": (
        "Mobiliteit?",
        "Mobility?",
    ),
    "intake.q.preferences": (
        "Voorkeuren voor contact? (meer dan één: scheid met komma's)",
        "Preferences for contact? (more than one: separate with commas)",
    ),
    "intake.q.generic": (
        "{label}?",
        "{label}?",
    ),
    "intake.q.scale": (
        "De Jong Gierveld, vraag {n} van {total}. Lees voor: “{text}”",
        "De Jong Gierveld, question {n} of {total}. Read aloud: “{text}”",
    ),
    "intake.scale.short": (
        "De Jong Gierveld {n}/{total} (item {item})",
        "De Jong Gierveld {n}/{total} (item {item})",
    ),
    "intake.method.quick": (
        "snelle keuze: sociaal / emotioneel en ernst",
        "quick choice: social / emotional and severity",
    ),
    "intake.method.djg6": (
        "De Jong Gierveld-schaal, 6 vragen voorlezen",
        "De Jong Gierveld scale, read 6 questions aloud",
    ),
    "intake.method.djg11": (
        "De Jong Gierveld-schaal, 11 vragen voorlezen",
        "De Jong Gierveld scale, read 11 questions aloud",
    ),
    "intake.kind.social": (
        "sociaal: te kleine kring van contacten",
        "social: too small a circle of contacts",
    ),
    "intake.kind.emotional": (
        "emotioneel: mist een hechte band",
        "emotional: misses a close bond",
    ),
    "intake.kind.both": (
        "beide",
        "both",
    ),
    "intake.kind.neither": (
        "geen van beide",
        "neither",
    ),
    "intake.answer.ja": (
        "ja",
        "yes",
    ),
    "intake.answer.min of meer": (
        "min of meer",
        "more or less",
    ),
    "intake.answer.nee": (
        "nee",
        "no",
    ),
    "intake.label.method": (
        "eenzaamheid vastgelegd met",
        "loneliness recorded by",
    ),
    "intake.label.kind": (
        "soort eenzaamheid",
        "kind of loneliness",
    ),
    "intake.skipped": (
        "— (overgeslagen)",
        "— (skipped)",
    ),
    "intake.current": (
        "nu: {value} (Enter = houden, '-' = wissen)",
        "now: {value} (Enter = keep, '-' = clear)",
    ),
    "intake.summary.title": (
        "Samenvatting",
        "Summary",
    ),
    "intake.summary.help": (
        "Typ het nummer van een vraag om het antwoord te wijzigen, of Enter voor het advies.",
        "Type a question's number to change its answer, or Enter for the advice.",
    ),
    "intake.fb.range": (
        "kies een nummer van 1 tot {max}",
        "choose a number from 1 to {max}",
    ),
    "intake.fb.unknown": (
        "niet herkend; kies een nummer of typ een van de mogelijkheden",
        "not recognised; choose a number or type one of the options",
    ),
    "intake.fb.suggest": (
        "niet herkend; bedoelde u '{suggestion_nl}'? Typ j om dat te kiezen, of typ opnieuw",
        "not recognised; did you mean '{suggestion_en}'? Type y to choose it, or type again",
    ),
    "intake.fb.integer": (
        "typ een heel getal van {min} tot {max}",
        "type a whole number from {min} to {max}",
    ),
    "intake.fb.scale": (
        "antwoord met ja, min of meer of nee (1, 2, 3), of Enter om over te slaan",
        "answer ja, min of meer or nee (yes / more or less / no: 1, 2, 3), or Enter to skip",
    ),
    "intake.fb.yes_no": (
        "antwoord met ja of nee",
        "answer yes or no",
    ),
    "intake.fb.first": (
        "dit is de eerste vraag",
        "this is the first question",
    ),
    "intake.fb.summary": (
        "typ een nummer van 1 tot {max}, of Enter voor het advies",
        "type a number from 1 to {max}, or Enter for the advice",
    ),
    "intake.aborted": (
        "Intake afgebroken; er is niets opgeslagen.",
        "Intake stopped; nothing was saved.",
    ),
    "intake.aborted_saved": (
        "Intake afgebroken; de casus was al opgeslagen.",
        "Intake stopped; the casus had already been saved.",
    ),
    "intake.why_prompt": (
        "Waarom (niet) een aanbod? Typ het nummer of de id ('?' = alle ids, Enter = verder).",
        "Why (not) an offer? Type its number or id ('?' = all ids, Enter = continue).",
    ),
    "intake.unknown_offer": (
        "onbekend aanbod; bedoelde u '{suggestion}'?",
        "unknown offer; did you mean '{suggestion}'?",
    ),
    "intake.unknown_offer_plain": (
        "onbekend aanbod; typ '?' voor alle ids",
        "unknown offer; type '?' for all ids",
    ),
    "intake.save_prompt": (
        "Casus opslaan (alleen signalen, geen persoonsgegevens)? Typ een bestandsnaam (.yaml of .json), of Enter om niet op te slaan.",
        "Save the casus (signals only, no personal data)? Type a file name (.yaml or .json), or Enter not to save.",
    ),
    "intake.saved": (
        "Casus opgeslagen in {path} (alleen signalen).",
        "Casus saved to {path} (signals only).",
    ),
    "intake.log_prompt": (
        "Deze verwijzing vastleggen in het verwijslog (alleen signalen, met een kenmerk voor uw dossier)? (j/N)",
        "Record this referral in the referral log (signals only, with a reference for your case file)? (y/N)",
    ),
    "intake.log_not_recorded": (
        "Niet vastgelegd.",
        "Not recorded.",
    ),
    "intake.markdown_prompt": (
        "Advies als Markdown tonen voor het dossier? (j/N)",
        "Show the advice as Markdown for the case notes? (y/N)",
    ),
    "intake.file_header": (
        "Casus uit 'referral intake': alleen signalen, geen persoonsgegevens.",
        "Casus from 'referral intake': signals only, no personal data.",
    ),
    "intake.fb.scale_skipped_total": (
        "overgeslagen ({missing} van {total} onbeantwoord): de totaalscore telt nog (er mag er {allowed} ontbreken); de {subscale_nl} subschaal wordt onbekend",
        "skipped ({missing} of {total} unanswered): the total still counts ({allowed} may be missing); the {subscale_en} subscale becomes unknown",
    ),
    "intake.fb.scale_skipped_none": (
        "overgeslagen ({missing} van {total} onbeantwoord): er is nu geen totaalscore (er mag er ten hoogste {allowed} ontbreken); de {subscale_nl} subschaal wordt onbekend",
        "skipped ({missing} of {total} unanswered): there is no total now (at most {allowed} may be missing); the {subscale_en} subscale becomes unknown",
    ),
    "intake.subscale.social": (
        "sociale",
        "social",
    ),
    "intake.subscale.emotional": (
        "emotionele",
        "emotional",
    ),
    "intake.scale.band": (
        "Uitkomst: {band}.",
        "Outcome: {band}.",
    ),
    "intake.band.none": (
        "niet eenzaam",
        "not lonely",
    ),
    "intake.band.moderate": (
        "matig eenzaam",
        "moderately lonely",
    ),
    "intake.band.severe": (
        "ernstig eenzaam",
        "severely lonely",
    ),
    "intake.band.very_severe": (
        "zeer ernstig eenzaam",
        "very severely lonely",
    ),
    "intake.more_prompt": (
        "m = meer verwijzingen tonen",
        "m = show more referrals",
    ),
}
