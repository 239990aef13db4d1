"""Messages of 'lint' (code -> (Dutch, English)), loaded when a code of this catalogue is first used."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "lint.info_header": (
        "Info, per soort (alle met --show info):",
        "Info, by check (all of them with --show info):",
    ),
    "lint.info_count": (
        "[{check}] {count}×",
        "[{check}] {count}×",
    ),
    "lint.severity.error": (
        "fout",
        "error",
    ),
    "lint.severity.warning": (
        "waarschuwing",
        "warning",
    ),
    "lint.severity.info": (
        "info",
        "info",
    ),
    "lint.summary": (
        "{errors} {errors:fout|fouten}, {warnings} {warnings:waarschuwing|waarschuwingen}, {infos} info; {silenced} onderdrukt",
        "{errors} {errors:error|errors}, {warnings} {warnings:warning|warnings}, {infos} info; {silenced} silenced",
    ),
    "lint.silenced_header": (
        "Onderdrukt (met reden):",
        "Silenced (with reason):",
    ),
    "lint.silenced_reason": (
        "reden: {reason}",
        "reason: {reason}",
    ),
    "lint.hint_prefix": (
        "tip",
        "fix",
    ),
    "lint.missing.phone": (
        "telefoonnummer",
        "phone number",
    ),
    "lint.missing.hours": (
        "openingstijden",
        "opening hours",
    ),
    "lint.rule-never-fires": (
        "regel '{item}' kan nooit vuren: geen enkele casus voldoet aan de voorwaarde",
        "rule '{item}' can never fire: no casus meets its condition",
    ),
    "lint.rule-never-fires.hint": (
        "zoek tests die elkaar uitsluiten (min boven max, een waarde en haar ontkenning, twee verschillende waarden)",
        "look for tests that exclude each other (min above max, a value and its negation, two different values)",
    ),
    "lint.rule-dead-branch": (
        "dit alternatief van 'any' in regel '{item}' maakt nooit verschil: de regel vuurt er nooit door",
        "this 'any' alternative of rule '{item}' never makes a difference: the rule never fires because of it",
    ),
    "lint.rule-dead-branch.hint": (
        "verwijder het alternatief, of corrigeer de test als er iets anders bedoeld was",
        "remove the alternative, or correct the test if something else was meant",
    ),
    "lint.rule-redundant-test": (
        "deze test in 'all' van regel '{item}' is altijd waar als de andere tests waar zijn",
        "this 'all' test of rule '{item}' always holds when the other tests hold",
    ),
    "lint.rule-redundant-test.hint": (
        "laat de test weg, of maak hem strenger als er iets anders bedoeld was",
        "leave the test out, or make it stricter if something else was meant",
    ),
    "lint.rule-no-target": (
        "regel '{item}' selecteert geen enkel aanbod: geen aanbod is van deze soort hulp of heeft dit id",
        "rule '{item}' selects no offer: no offer is of these kinds of help or has this id",
    ),
    "lint.rule-no-target.hint": (
        "controleer 'kinds', 'for' en 'modality' van het effect, of verwijs naar een bestaand aanbod",
        "check the effect's 'kinds', 'for' and 'modality', or name an existing offer",
    ),
    "lint.rule-reason-kind": (
        "de reden van regel '{item}' spreekt niet over {kinds}, maar de regel bereikt zulk aanbod ({offers})",
        "the reason of rule '{item}' does not speak of {kinds}, yet the rule reaches such offers ({offers})",
    ),
    "lint.rule-reason-kind.hint": (
        "beperk het effect tot de soorten hulp waar de reden over gaat, of schrijf een reden die klopt voor elk aanbod dat de regel bereikt (woorden per soort: 'terms' in vocabulary.yaml)",
        "narrow the effect to the kinds of help the reason speaks of, or write a reason that is true of every offer the rule reaches (words per kind: 'terms' in vocabulary.yaml)",
    ),
    "lint.offer-no-contact-route": (
        "aanbod '{item}' kan worden verwezen maar noemt geen eigen contactroute: geen telefoon, geen e-mail en geen eigen webpagina (een kale startpagina telt niet)",
        "offer '{item}' can be referred but names no contact route of its own: no phone, no e-mail and no page of its own (a bare home page does not count)",
    ),
    "lint.offer-no-contact-route.hint": (
        "zoek de aanmeldroute van de aanbieder op en citeer de bron; geeft geen openbare bron er een, onderdruk dan met die reden",
        "look up the provider's route to sign up and cite the source; when no public source gives one, silence this with that reason",
    ),
    "lint.offer-source-stale": (
        "de nieuwste bron van aanbod '{item}' is van {date}, meer dan {months} maanden geleden",
        "the newest source of offer '{item}' is of {date}, more than {months} months ago",
    ),
    "lint.offer-source-stale.hint": (
        "zoek een recente bron die bevestigt dat het aanbod er nog is, of archiveer het (period)",
        "find a recent source confirming the offer still runs, or archive it (period)",
    ),
    "lint.offer-source-stale.undated": (
        "geen bron van aanbod '{item}' heeft een datum: hoe oud de gegevens zijn, is onbekend",
        "no source of offer '{item}' has a date: how old the facts are is unknown",
    ),
    "lint.offer-source-stale.undated.hint": (
        "vul bij de bronnen 'date' (van het feit) en 'retrieved' (wanneer gelezen) in",
        "fill in 'date' (of the fact) and 'retrieved' (when read) for the sources",
    ),
    "lint.offer-capacity-stale": (
        "de capaciteit van aanbod '{item}' ({status}) is van {as_of}, meer dan {months} maanden geleden: het advies rekent er nog mee",
        "the capacity of offer '{item}' ({status}) is of {as_of}, more than {months} months ago: the advice still counts on it",
    ),
    "lint.offer-capacity-stale.hint": (
        "vraag de aanbieder of de status nog klopt en werk 'capacity' bij (as_of en bron), of haal 'capacity' weg",
        "ask the provider whether the status still holds and update 'capacity' (as_of and source), or remove 'capacity'",
    ),
    "lint.offer-capacity-no-source": (
        "de capaciteit van aanbod '{item}' ({status}) heeft geen bron: het advies verandert erdoor",
        "the capacity of offer '{item}' ({status}) has no source: it changes the advice",
    ),
    "lint.offer-capacity-no-source.hint": (
        "geef 'capacity.source' met title, url, date, retrieved en een korte quote van wie het zegt",
        "give 'capacity.source' with title, url, date, retrieved and a short quote of who says so",
    ),
    "lint.offer-past": (
        "aanbod '{item}' is voorbij ({when}): het blijft als archief in de inhoud en wordt niet meer verwezen",
        "offer '{item}' is over ({when}): it stays in the content as an archive entry and is no longer referred",
    ),
    "lint.offer-past.hint": (
        "laat staan als archief, of voeg een nieuwe datum toe als het opnieuw plaatsvindt",
        "keep it as an archive entry, or add a new date when it takes place again",
    ),
    "lint.offer-to-review": (
        "aanbod '{item}' vraagt controle door een persoon: {reason}",
        "offer '{item}' needs checking by a person: {reason}",
    ),
    "lint.offer-to-review.hint": (
        "controleer bij een actuele bron, werk het aanbod bij, haal 'review' weg en vul 'reviewed' in",
        "check against a current source, update the offer, remove 'review' and fill in 'reviewed'",
    ),
    "lint.rule-no-effect": (
        "regel '{item}' vuurt alleen voor casussen waarvoor geen van de {count} {count:aanbieder|aanbieders} die hij kiest beschikbaar is",
        "rule '{item}' only fires for casussen for whom none of its {count} {count:offer|offers} is available",
    ),
    "lint.rule-no-effect.hint": (
        "vergelijk de voorwaarde met de doelgroep, wijken en leeftijd van het aanbod",
        "compare the condition with the offers' audience, wijken and age limits",
    ),
    "lint.rule-duplicate": (
        "regel '{item}' doet hetzelfde als '{other}' ({where}): zelfde voorwaarde, zelfde aanbod; de punten tellen dubbel",
        "rule '{item}' does the same as '{other}' ({where}): same condition, same offers; the points count twice",
    ),
    "lint.rule-duplicate.hint": (
        "voeg de twee regels samen tot één regel met het totale gewicht",
        "merge the two rules into one with the total weight",
    ),
    "lint.rule-subsumed": (
        "regel '{item}' vuurt alleen als '{other}' ook vuurt ({where}), voor hetzelfde aanbod: zijn gewicht komt daar altijd bovenop",
        "rule '{item}' only fires when '{other}' fires too ({where}), for the same offers: its weight always adds to it",
    ),
    "lint.rule-subsumed.hint": (
        "bedoeld als extra gewicht? Onderdruk dan met een reden; anders voeg de regels samen",
        "meant as extra weight? Then silence it with a reason; otherwise merge the rules",
    ),
    "lint.rule-subsumed.exclude": (
        "regel '{item}' sluit alleen uit als '{other}' ({where}) hetzelfde aanbod al uitsluit",
        "rule '{item}' only excludes when '{other}' ({where}) already excludes the same offers",
    ),
    "lint.rule-subsumed.exclude.hint": (
        "de regel kan weg",
        "the rule can be removed",
    ),
    "lint.rule-no-source": (
        "regel '{item}' heeft geen bron",
        "rule '{item}' has no source",
    ),
    "lint.rule-no-source.hint": (
        "voeg onder 'source' het document of de pagina toe waar de regel op steunt",
        "add the document or page the rule rests on under 'source'",
    ),
    "lint.rule-no-english": (
        "regel '{item}' heeft geen Engelse reden ('because.en'): een advies met --lang en toont dan het Nederlands",
        "rule '{item}' has no English reason ('because.en'): an advice with --lang en then shows the Dutch",
    ),
    "lint.rule-no-english.hint": (
        "voeg because.en toe",
        "add because.en",
    ),
    "lint.rule-source-unverifiable": (
        "de bron van regel '{item}' heeft geen url en geen citaat: niet na te gaan",
        "the source of rule '{item}' has no url and no quote: it cannot be checked",
    ),
    "lint.rule-source-unverifiable.hint": (
        "voeg een openbare url of het citaat toe waar de regel op steunt",
        "add a public url or the quote the rule rests on",
    ),
    "lint.offer-never-eligible": (
        "aanbod '{item}' is voor geen enkele casus beschikbaar: de voorwaarden sluiten elkaar uit",
        "offer '{item}' is available to no casus: its conditions exclude each other",
    ),
    "lint.offer-never-eligible.hint": (
        "controleer leeftijd (min en max), wijken, talen en 'when' onder 'eligibility'",
        "check age (min and max), wijken, languages and 'when' under 'eligibility'",
    ),
    "lint.offer-age-range-empty": (
        "de leeftijdsgrens van aanbod '{item}' is leeg: min {min} ligt boven max {max}",
        "the age limit of offer '{item}' is empty: min {min} is above max {max}",
    ),
    "lint.offer-age-range-empty.hint": (
        "draai min en max om, of neem de grens over zoals de organisatie hem publiceert",
        "swap min and max, or copy the limit as the organisation publishes it",
    ),
    "lint.offer-never-referred.no_rule": (
        "aanbod '{item}' wordt nooit verwezen: geen enkele regel selecteert het (op id of tag)",
        "offer '{item}' is never referred: no rule selects it (by id or tag)",
    ),
    "lint.offer-never-referred.no_points": (
        "aanbod '{item}' wordt nooit verwezen: geen regel geeft het punten voor een casus waarvoor het beschikbaar is",
        "offer '{item}' is never referred: no rule gives it points for a casus it is available to",
    ),
    "lint.offer-never-referred.hint": (
        "geef het aanbod een tag die regels gebruiken, of voeg een regel toe die het noemt",
        "give the offer a tag that rules use, or add a rule that names it",
    ),
    "lint.offer-stale": (
        "aanbod '{item}' is voor het laatst gecontroleerd op {reviewed}, meer dan {months} maanden geleden",
        "offer '{item}' was last checked on {reviewed}, more than {months} months ago",
    ),
    "lint.offer-stale.hint": (
        "controleer de gegevens bij de bron en zet 'reviewed' op de datum van controle",
        "check the facts at the source and set 'reviewed' to the date of the check",
    ),
    "lint.offer-not-reviewed": (
        "aanbod '{item}' heeft geen datum van laatste controle ('reviewed')",
        "offer '{item}' has no date of last check ('reviewed')",
    ),
    "lint.offer-not-reviewed.hint": (
        "controleer de gegevens en vul 'reviewed' in (JJJJ-MM-DD)",
        "check the facts and fill in 'reviewed' (YYYY-MM-DD)",
    ),
    "lint.offer-reviewed-invalid": (
        "'reviewed' van aanbod '{item}' is geen bestaande datum: {reviewed}",
        "'reviewed' of offer '{item}' is not a real date: {reviewed}",
    ),
    "lint.offer-reviewed-invalid.hint": (
        "schrijf de datum als JJJJ-MM-DD",
        "write the date as YYYY-MM-DD",
    ),
    "lint.offer-reviewed-future": (
        "'reviewed' van aanbod '{item}' ligt in de toekomst: {reviewed}",
        "'reviewed' of offer '{item}' lies in the future: {reviewed}",
    ),
    "lint.offer-reviewed-future.hint": (
        "zet de datum waarop de gegevens echt zijn gecontroleerd",
        "use the date the facts were actually checked",
    ),
    "lint.offer-no-contact": (
        "aanbod '{item}' heeft geen website, telefoonnummer of e-mailadres",
        "offer '{item}' has no website, phone number or e-mail address",
    ),
    "lint.offer-no-contact.hint": (
        "zoek een openbare contactmogelijkheid op en vermeld waar die vandaan komt",
        "look up a public way to make contact and cite where it comes from",
    ),
    "lint.offer-contact-to-review": (
        "te controleren: bij aanbod '{item}' ontbreekt {missing_nl}",
        "to review: offer '{item}' lacks {missing_en}",
    ),
    "lint.offer-contact-to-review.hint": (
        "vul aan uit een openbare bron, of laat leeg als geen bron het noemt",
        "fill in from a public source, or leave empty when no source gives it",
    ),
    "lint.offer-no-source": (
        "aanbod '{item}' heeft geen bron",
        "offer '{item}' has no source",
    ),
    "lint.offer-no-source.hint": (
        "voeg onder 'source' de pagina of het document toe waar de gegevens vandaan komen",
        "add the page or document the facts come from under 'source'",
    ),
    "lint.offer-source-unverifiable": (
        "de bronnen van aanbod '{item}' hebben geen url en geen citaat: niet na te gaan",
        "the sources of offer '{item}' have no url and no quote: they cannot be checked",
    ),
    "lint.offer-source-unverifiable.hint": (
        "voeg een openbare url of het citaat toe",
        "add a public url or the quote",
    ),
    "lint.lint-unknown-id": (
        "'{check}' onder 'lint' van '{item}' is geen bevinding van referral lint",
        "'{check}' under 'lint' of '{item}' is not a finding of referral lint",
    ),
    "lint.lint-unknown-id.hint": (
        "bedoelde u '{suggestion}'?",
        "did you mean '{suggestion}'?",
    ),
    "lint.lint-unknown-id.hint.list": (
        "zie docs/lint.md voor de bevindingen",
        "see docs/lint.md for the findings",
    ),
    "lint.lint-unused": (
        "'{check}' is onderdrukt bij '{item}', maar die bevinding komt daar niet (meer) voor",
        "'{check}' is silenced on '{item}', but that finding no longer occurs there",
    ),
    "lint.lint-unused.hint": (
        "haal de regel onder 'lint' weg",
        "remove the entry under 'lint'",
    ),
    "lint.cli.bad_today": (
        "--today '{value}' is geen datum",
        "--today '{value}' is not a date",
    ),
    "lint.cli.bad_today.hint": (
        "schrijf JJJJ-MM-DD, bijv. 2026-11-28",
        "write YYYY-MM-DD, e.g. 2026-11-28",
    ),
    "lint.cli.clean": (
        "geen bevindingen",
        "no findings",
    ),
}
