"""Dutch public holidays (feestdagen), computed: no library import on the hot path.

The `holidays` package gives the same dates (the test suite checks 1990-2100 against it) but costs
about 35 ms to import on every `match`, a third of the start-up budget at the meeting table.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

# code -> (nl, en), as the `holidays` package names them
NAMES: dict[str, tuple[str, str]] = {
    "new_year": ("Nieuwjaarsdag", "New Year's Day"),
    "good_friday": ("Goede vrijdag", "Good Friday"),
    "easter": ("Eerste paasdag", "Easter Sunday"),
    "easter_monday": ("Tweede paasdag", "Easter Monday"),
    "kings_day": ("Koningsdag", "King's Day"),
    "queens_day": ("Koninginnedag", "Queen's Day"),
    "liberation_day": ("Bevrijdingsdag", "Liberation Day"),
    "ascension": ("Hemelvaartsdag", "Ascension Day"),
    "pentecost": ("Eerste pinksterdag", "Pentecost"),
    "pentecost_monday": ("Tweede pinksterdag", "Pentecost Monday"),
    "christmas": ("Eerste kerstdag", "Christmas Day"),
    "christmas_2": ("Tweede kerstdag", "Second Day of Christmas"),
}


_ORDER = ("liberation_day", *NAMES)  # the order in which a shared day names its holidays


def easter(year: int) -> date:
    """Easter Sunday (Gregorian), by the anonymous algorithm (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


@cache
def holidays_of(year: int) -> dict[date, tuple[str, ...]]:
    """Date -> holiday codes for one year (two can fall on one day: Bevrijdingsdag and
    Hemelvaartsdag in 2005)."""
    found: list[tuple[date, str]] = [
        (date(year, 1, 1), "new_year"),
        (date(year, 12, 25), "christmas"),
        (date(year, 12, 26), "christmas_2"),
    ]
    sunday = easter(year)
    for offset, code in (
        (-2, "good_friday"),
        (0, "easter"),
        (1, "easter_monday"),
        (39, "ascension"),
        (49, "pentecost"),
        (50, "pentecost_monday"),
    ):
        found.append((sunday + timedelta(days=offset), code))
    if year >= 2014:  # Koningsdag: 27 April, or the 26th when the 27th is a Sunday
        kings = date(year, 4, 27)
        found.append((kings - timedelta(days=1) if kings.weekday() == 6 else kings, "kings_day"))
    elif year >= 1980:  # Koninginnedag: 30 April, or the 29th when the 30th is a Sunday
        queens = date(year, 4, 30)
        found.append((queens - timedelta(days=1) if queens.weekday() == 6 else queens, "queens_day"))
    if year >= 1990 and year % 5 == 0:  # Bevrijdingsdag is a national day off in lustrum years
        found.append((date(year, 5, 5), "liberation_day"))
    days: dict[date, tuple[str, ...]] = {}
    for day, code in sorted(found, key=lambda item: (item[0], _ORDER.index(item[1]))):
        days[day] = (*days.get(day, ()), code)
    return days


def holiday_name(day: date, lang: str = "nl") -> str | None:
    """The Dutch public holiday on `day` in Dutch or English, or None."""
    codes = holidays_of(day.year).get(day)
    if not codes:
        return None
    return "; ".join(NAMES[code][1 if lang == "en" else 0] for code in codes)
