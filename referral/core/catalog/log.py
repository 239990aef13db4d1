"""Messages of 'log' (code -> (Dutch, English)), loaded when a code of this catalogue is first used."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "log.recorded": (
        "Vastgelegd in het verwijslog als {ref}: noteer dit kenmerk in uw eigen dossier (alleen dit kenmerk verbindt de twee).",
        "Recorded in the referral log as {ref}: note this reference in your own case file (only this reference links the two).",
    ),
    "log.updated": (
        "{ref}: {offer} is nu '{status}'.",
        "{ref}: {offer} is now '{status}'.",
    ),
    "log.forgotten": (
        "{ref} en de hele geschiedenis ervan zijn verwijderd.",
        "{ref} and its whole history have been deleted.",
    ),
    "log.purged": (
        "{count} {count:verwijzing|verwijzingen} zonder activiteit in de laatste {days} dagen verwijderd.",
        "{count} {count:referral|referrals} with no activity in the last {days} days deleted.",
    ),
    "log.exported": (
        "{count} {count:verwijzing|verwijzingen} geëxporteerd naar {path}.",
        "{count} {count:referral|referrals} exported to {path}.",
    ),
    "log.backed_up": (
        "Kopie van het verwijslog geschreven naar {path}.",
        "Copy of the referral log written to {path}.",
    ),
    "log.agenda": (
        "--log werkt met één casus, niet met een agenda",
        "--log works with one casus, not with an agenda",
    ),
    "log.explain": (
        "--log kan niet samen met --explain (leg het advies zelf vast)",
        "--log cannot be combined with --explain (log the advice itself)",
    ),
    "log.missing": (
        "hier is nog geen verwijslog (het ontstaat bij de eerste 'referral match --log')",
        "there is no referral log here yet (it is created by the first 'referral match --log')",
    ),
    "log.not_a_file": (
        "het verwijslog moet een gewoon bestand zijn",
        "the referral log must be a regular file",
    ),
    "log.unreadable": (
        "het verwijslog kan niet gelezen of geschreven worden ({reason})",
        "the referral log cannot be read or written ({reason})",
    ),
    "log.busy": (
        "het verwijslog is te lang bezet door een ander proces; probeer het zo opnieuw",
        "the referral log was busy in another process for too long; try again shortly",
    ),
    "log.newer_schema": (
        "dit verwijslog is van een nieuwere versie van referral (schema {found}, deze versie kent {known}); werk referral bij",
        "this referral log is from a newer version of referral (schema {found}, this version knows {known}); update referral",
    ),
    "log.bad_retention": (
        "de bewaartermijn moet een heel aantal dagen zijn, minstens 1",
        "the retention must be a whole number of days, at least 1",
    ),
    "log.bad_ref": (
        "dit is geen kenmerk van het verwijslog",
        "this is not a reference of the referral log",
    ),
    "log.ref_hint": (
        "een kenmerk ziet eruit als R-7KQ2",
        "a reference looks like R-7KQ2",
    ),
    "log.unknown_ref": (
        "{ref} staat niet in het verwijslog (verkeerd overgenomen, vergeten of na de bewaartermijn verwijderd?)",
        "{ref} is not in the referral log (copied wrongly, forgotten, or deleted after the retention period?)",
    ),
    "log.bad_status": (
        "onbekende status",
        "unknown status",
    ),
    "log.bad_reason": (
        "onbekende reden",
        "unknown reason",
    ),
    "log.reason_only_refused": (
        "--reason hoort alleen bij --status afgewezen",
        "--reason belongs with --status afgewezen only",
    ),
    "log.bad_date": (
        "ongeldige datum",
        "invalid date",
    ),
    "log.date_hint": (
        "schrijf JJJJ-MM-DD, bijvoorbeeld 2026-12-02",
        "write YYYY-MM-DD, for example 2026-12-02",
    ),
    "log.future_date": (
        "de datum ligt in de toekomst",
        "the date is in the future",
    ),
    "log.before_referral": (
        "de datum ligt vóór de verwijzing zelf ({day})",
        "the date is before the referral itself ({day})",
    ),
    "log.offer_needed": (
        "er werd meer dan één aanbod getoond: zeg met --offer welk (een plaats of een id)",
        "more than one offer was shown: say which with --offer (a rank or an id)",
    ),
    "log.offer_not_shown": (
        "aanbod '{offer}' werd bij deze verwijzing niet getoond",
        "offer '{offer}' was not shown with this referral",
    ),
    "log.refused_text": (
        "het verwijslog slaat alleen signalen op; deze waarde wordt geweigerd",
        "the referral log stores signals only; this value is refused",
    ),
    "log.unknown": (
        "onbekend",
        "unknown",
    ),
    "log.none": (
        "nog geen uitkomst",
        "no outcome yet",
    ),
    "log.for_asker": (
        "vrager",
        "asker",
    ),
    "log.show.header": (
        "{ref}: advies van {day}, wijk {wijk}, leeftijd {band}, gevraagd door: {asker}",
        "{ref}: advice of {day}, wijk {wijk}, age {band}, asked by: {asker}",
    ),
    "log.show.digest": (
        "inhoud: {digest}",
        "content: {digest}",
    ),
    "log.show.shown": (
        "Getoond aanbod",
        "Offers shown",
    ),
    "log.show.events": (
        "Geschiedenis",
        "History",
    ),
    "log.show.no_events": (
        "Nog geen uitkomst vastgelegd.",
        "No outcome recorded yet.",
    ),
    "log.col.rank": (
        "Plaats",
        "Rank",
    ),
    "log.col.offer": (
        "Aanbod",
        "Offer",
    ),
    "log.col.organisation": (
        "Organisatie",
        "Organisation",
    ),
    "log.col.status": (
        "Status",
        "Status",
    ),
    "log.col.day": (
        "Datum",
        "Date",
    ),
    "log.col.reason": (
        "Reden",
        "Reason",
    ),
    "log.col.recorded": (
        "Vastgelegd op",
        "Recorded on",
    ),
    "log.capacity.title": (
        "Uit het verwijslog (laatste {days} dagen), bij het getoonde aanbod:",
        "From the referral log (last {days} days), for the offers shown:",
    ),
    "log.capacity.wachtlijst": (
        "  - {name}: wachtlijst gemeld op {day} ({count}×)",
        "  - {name}: waiting list reported on {day} ({count}×)",
    ),
    "log.capacity.vol": (
        "  - {name}: vol gemeld op {day} ({count}×)",
        "  - {name}: full reported on {day} ({count}×)",
    ),
    "log.asker.client": ("de inwoner zelf", "the resident themselves"),
    "log.asker.helper": ("iemand uit de omgeving", "someone close"),
    "log.asker.professional": ("een professional", "a professional"),
    "log.asker.volunteer": ("iemand die vrijwilliger wil worden", "someone who wants to volunteer"),
    "log.status.aangemeld": ("aangemeld", "registered (aangemeld)"),
    "log.status.intake-gepland": ("intake gepland", "intake planned (intake-gepland)"),
    "log.status.gestart": ("gestart", "started (gestart)"),
    "log.status.wachtlijst": ("wachtlijst", "waiting list (wachtlijst)"),
    "log.status.afgewezen": ("afgewezen", "refused (afgewezen)"),
    "log.status.gestopt": ("gestopt", "stopped (gestopt)"),
    "log.status.afgesloten": ("afgesloten", "closed (afgesloten)"),
    "log.reason.vol": ("vol", "full (vol)"),
    "log.reason.past-niet": ("past niet", "does not fit (past-niet)"),
    "log.reason.geen-reactie": ("geen reactie", "no response (geen-reactie)"),
    "log.reason.wil-niet": ("wil niet", "does not want to (wil-niet)"),
    "log.report.title": ("Verwijslog: wat werd er van de verwijzingen", "Referral log: what became of the referrals"),
    "log.report.period": ("periode {start} tot en met {end}", "period {start} to {end}"),
    "log.report.begin": ("het begin", "the beginning"),
    "log.report.total": (
        "{count} {count:verwijzing|verwijzingen}; rijen met minder dan {min} verwijzingen zijn samengevoegd of verborgen",
        "{count} {count:referral|referrals}; rows of fewer than {min} referrals are merged or hidden",
    ),
    "log.report.too_few": (
        "minder dan {min} verwijzingen in deze periode: geen cijfers, zodat niemand herkenbaar is",
        "fewer than {min} referrals in this period: no figures, so that no one can be singled out",
    ),
    "log.report.by.offer": ("Per aanbod", "Per offer"),
    "log.report.by.organisation": ("Per organisatie", "Per organisation"),
    "log.report.by.wijk": ("Per wijk", "Per wijk"),
    "log.report.by.kind": ("Per soort hulp", "Per kind of help"),
    "log.report.dim.offer": ("Aanbod", "Offer"),
    "log.report.dim.organisation": ("Organisatie", "Organisation"),
    "log.report.dim.wijk": ("Wijk", "Wijk"),
    "log.report.dim.kind": ("Soort hulp", "Kind of help"),
    "log.report.col.referrals": ("Verwijzingen", "Referrals"),
    "log.report.col.with_outcome": ("Met uitkomst", "With outcome"),
    "log.report.col.started": ("Gestart", "Started"),
    "log.report.col.median": ("Mediaan dagen tot start", "Median days to start"),
    "log.report.col.waitlist": ("Wachtlijst", "Waiting list"),
    "log.report.col.refused": ("Afgewezen (vol)", "Refused (full)"),
    "log.report.col.ref": ("Kenmerk", "Reference"),
    "log.report.col.day": ("Advies van", "Advice of"),
    "log.report.col.status": ("Laatste status", "Latest status"),
    "log.report.col.quiet": ("Dagen zonder nieuws", "Days without news"),
    "log.report.refused_cell": ("{count} ({full})", "{count} ({full})"),
    "log.report.other": (
        "overige ({count} {count:rij|rijen}, samengevoegd)",
        "other ({count} {count:row|rows}, merged)",
    ),
    "log.report.no_wijk": ("(geen wijk)", "(no wijk)"),
    "log.report.no_kind": ("(geen soort)", "(no kind)"),
    "log.report.chart": ("Aandeel gestart per {dimension}", "Share started per {dimension}"),
    "log.report.follow_up": (
        "Nabellen: geen eindresultaat en {weeks} {weeks:week|weken} of langer niets vastgelegd",
        "Follow up (nabellen): no final outcome and nothing recorded for {weeks} {weeks:week|weeks} or more",
    ),
    "log.report.follow_up_none": ("Niemand om na te bellen.", "No one to follow up."),
    "log.report.note": (
        "Gestart: het aandeel van de getoonde aanbiedingen met een vastgelegde uitkomst. Een verwijzing telt bij elk getoond aanbod. Alleen signalen; zie docs/privacy.md.",
        "Started: the share of the offers shown that have a recorded outcome. A referral counts for every offer shown. Signals only; see docs/privacy.md.",
    ),
    "log.report.exported": ("Rapport geschreven naar {path}.", "Report written to {path}."),
}
