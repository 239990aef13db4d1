"""Views of the referral log: one referral's history (rich), and the whole log as CSV or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from referral.core.i18n import has_message, translate

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import RenderableType

    from referral.app.referral_log import CapacitySignal, History

CSV_COLUMNS = (
    "ref",
    "day",
    "digest",
    "wijk",
    "age_band",
    "asker",
    "part",
    "rank",
    "offer_id",
    "organisation",
    "kinds",
    "status",
    "reason",
    "status_day",
    "started_day",
    "events",
)


def status_label(status: str, lang: str) -> str:
    return translate(f"log.status.{status}", lang)


def render_history(history: History, lang: str) -> RenderableType:
    """The referral as logged (signals only), each shown offer with its latest outcome, then every event."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    entry = history.entry

    def t(code: str, **args: Any) -> str:
        return translate(code, lang, **args)

    header = Text(
        t(
            "log.show.header",
            ref=history.ref,
            day=entry.day.isoformat(),
            wijk=entry.wijk or t("log.unknown"),
            band=entry.age_band or t("log.unknown"),
            asker=t(f"log.asker.{entry.asker}") if has_message(f"log.asker.{entry.asker}") else entry.asker,
        ),
        style="bold",
    )
    shown = Table(title=t("log.show.shown"), title_justify="left", show_edge=False)
    for code in ("log.col.rank", "log.col.offer", "log.col.organisation", "log.col.status"):
        # an id is typed back (`log update --offer`): folded onto the next line, never cut
        shown.add_column(t(code), overflow="fold", ratio=2 if code == "log.col.offer" else None)
    for offer in entry.offers:
        latest = history.latest(offer.offer_id)
        rank = str(offer.rank) if offer.part == "person" else t("log.for_asker")
        status = (
            f"{status_label(latest.status, lang)} ({latest.day.isoformat()})" if latest is not None else t("log.none")
        )
        shown.add_row(rank, offer.offer_id, offer.organisation, status)
    parts: list[Any] = [header, Text(t("log.show.digest", digest=entry.digest)), shown]
    if history.events:
        events = Table(title=t("log.show.events"), title_justify="left", show_edge=False)
        for code in ("log.col.day", "log.col.offer", "log.col.status", "log.col.reason", "log.col.recorded"):
            events.add_column(t(code))
        for event in history.events:
            events.add_row(
                event.day.isoformat(),
                event.offer_id,
                status_label(event.status, lang),
                translate(f"log.reason.{event.reason}", lang) if event.reason else "",
                event.recorded.isoformat(),
            )
        parts.append(events)
    else:
        parts.append(Text(t("log.show.no_events")))
    return Group(*parts)


def _rows(history: History) -> list[dict[str, Any]]:
    entry = history.entry
    rows = []
    for offer in entry.offers:
        mine = [e for e in history.events if e.offer_id == offer.offer_id]
        latest = mine[-1] if mine else None
        started = next((e.day.isoformat() for e in mine if e.status == "gestart"), None)
        rows.append(
            {
                "ref": history.ref,
                "day": entry.day.isoformat(),
                "digest": entry.digest,
                "wijk": entry.wijk,
                "age_band": entry.age_band,
                "asker": entry.asker,
                "part": offer.part,
                "rank": offer.rank,
                "offer_id": offer.offer_id,
                "organisation": offer.organisation,
                "kinds": ",".join(offer.kinds),
                "status": latest.status if latest else None,
                "reason": latest.reason if latest else None,
                "status_day": latest.day.isoformat() if latest else None,
                "started_day": started,
                "events": len(mine),
            }
        )
    return rows


def export_csv(histories: list[History]) -> str:
    """One row per shown offer, with its latest outcome; spreadsheet-safe (no cell starts with '=')."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for history in histories:
        for row in _rows(history):
            writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def export_json(histories: list[History]) -> str:
    """Every referral with what was shown and its whole history, as one JSON document."""
    import json

    document = {
        "referrals": [
            {
                "ref": h.ref,
                "day": h.entry.day.isoformat(),
                "digest": h.entry.digest,
                "wijk": h.entry.wijk,
                "age_band": h.entry.age_band,
                "asker": h.entry.asker,
                "shown": [
                    {
                        "part": o.part,
                        "rank": o.rank,
                        "offer_id": o.offer_id,
                        "organisation": o.organisation,
                        "kinds": list(o.kinds),
                    }
                    for o in h.entry.offers
                ],
                "events": [
                    {
                        "offer_id": e.offer_id,
                        "status": e.status,
                        "reason": e.reason,
                        "day": e.day.isoformat(),
                        "recorded": e.recorded.isoformat(),
                    }
                    for e in h.events
                ],
            }
            for h in histories
        ]
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def capacity_lines(signals: tuple[CapacitySignal, ...], names: dict[str, str], days: int, lang: str) -> list[str]:
    """'Uit het verwijslog: Maatje: wachtlijst gemeld op 12-11 (2×)', for the offers of an advice."""
    lines = [translate("log.capacity.title", lang, days=days)]
    for signal in signals:
        lines.append(
            translate(
                f"log.capacity.{signal.kind}",
                lang,
                name=names.get(signal.offer_id, signal.offer_id),
                day=signal.last_day.strftime("%d-%m"),
                count=signal.count,
            )
        )
    return lines
