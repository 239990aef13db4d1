"""Messages of 'schedule' (code -> (Dutch, English)), loaded when a code of this catalogue is first used."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "schedule.open": (
        "nu bereikbaar",
        "open now",
    ),
    "schedule.open_until": (
        "nu bereikbaar (tot {time})",
        "open now (until {time})",
    ),
    "schedule.closed_from": (
        "bereikbaar vanaf {when}",
        "reachable from {when}",
    ),
    "schedule.closed_never": (
        "geen komende openingstijden bekend",
        "no upcoming opening hours known",
    ),
    "schedule.unknown": (
        "openingstijden onbekend",
        "opening hours unknown",
    ),
    "schedule.holiday": (
        "{name} (feestdag): controleer of het open is",
        "{name} (public holiday): check whether it is open",
    ),
    "schedule.today": (
        "vandaag",
        "today",
    ),
    "schedule.tomorrow": (
        "morgen",
        "tomorrow",
    ),
    "schedule.bad_now": (
        "verwacht een datum en tijd als 2026-04-27T10:00 (ISO 8601)",
        "expects a date and time such as 2026-04-27T10:00 (ISO 8601)",
    ),
    "schedule.at": (
        "Bereikbaarheid op {when} (Amsterdamse tijd)",
        "Reachability at {when} (Amsterdam time)",
    ),
    "schedule.month.1": (
        "jan",
        "Jan",
    ),
    "schedule.month.2": (
        "feb",
        "Feb",
    ),
    "schedule.month.3": (
        "mrt",
        "Mar",
    ),
    "schedule.month.4": (
        "apr",
        "Apr",
    ),
    "schedule.month.5": (
        "mei",
        "May",
    ),
    "schedule.month.6": (
        "jun",
        "Jun",
    ),
    "schedule.month.7": (
        "jul",
        "Jul",
    ),
    "schedule.month.8": (
        "aug",
        "Aug",
    ),
    "schedule.month.9": (
        "sep",
        "Sep",
    ),
    "schedule.month.10": (
        "okt",
        "Oct",
    ),
    "schedule.month.11": (
        "nov",
        "Nov",
    ),
    "schedule.month.12": (
        "dec",
        "Dec",
    ),
}
