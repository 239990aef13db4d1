"""Opening hours: is an offer reachable now, and if not, from when?

Schedules are HSDS-like rows (days, opens_at, closes_at, valid_from / valid_to) in Amsterdam
local time, compared on the wall clock so that a daylight-saving change never shifts "9:00".
Closing time is exclusive (at 13:00 the Infopunt is closed), "24:00" closes at midnight, and a
row whose closing time lies before its opening time runs past midnight into the next day;
validity dates apply to the day a span starts and are inclusive.

Dutch public holidays are computed (`referral.core.dutch_holidays`). A schedule does not say whether
an offer closes on a holiday, so the tool never guesses: it names the holiday and asks the user
to check. An offer without a schedule is "unknown": hours are never invented.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from referral.core.i18n import translate
from referral.core.problems import Problem, ReferralError
from referral.core.records import Record

if TYPE_CHECKING:  # pragma: no cover - the model is not needed for a cold `match --format json`
    from referral.core.model import OpeningHours

TIMEZONE = "Europe/Amsterdam"
DAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
# How far ahead to look for the next opening: a schedule valid from next spring is still found.
HORIZON_DAYS = 400

Status = Literal["open", "closed", "unknown"]


def zone() -> ZoneInfo:
    return ZoneInfo(TIMEZONE)


def local(now: datetime | None = None) -> datetime:
    """`now` (or the current time) as an aware Amsterdam time; a naive time is taken as local."""
    if now is None:
        return datetime.now(zone())
    if now.tzinfo is None:
        return now.replace(tzinfo=zone())
    return now.astimezone(zone())


def today() -> date:
    """The day of the advice when none is given: today in Utrecht (Europe/Amsterdam)."""
    return local().date()


def parse_now(text: str) -> datetime:
    """An ISO 8601 date-time (or date: midnight) as an aware Amsterdam time; ValueError otherwise."""
    text = text.strip()
    if not text:
        raise ValueError("empty")
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    return local(parsed)


def parse_now_option(text: str | None) -> datetime | None:
    """The --now option: None when not given; a user error (exit 2) when it is not a date-time."""
    if text is None:
        return None
    try:
        now = parse_now(text)
    except (ValueError, OverflowError):
        raise ReferralError(Problem.make("schedule.bad_now", file="--now")) from None
    if not 1900 <= now.year <= 2999:  # the schedule looks a year ahead; far dates overflow
        raise ReferralError(Problem.make("schedule.bad_now", file="--now"))
    return now


@dataclass(frozen=True, eq=False, repr=False)
class Span(Record):
    """One opening, start inclusive and end exclusive, in naive local wall-clock time."""

    start: datetime
    end: datetime


@dataclass(frozen=True, eq=False, repr=False)
class Reachability(Record):
    """Where an offer stands at `now`. Times are aware Amsterdam times.

    open: `until` is when it closes (None: not within the horizon).
    closed: `opens` is the next opening (None: none known).
    unknown: the offer has no usable schedule.
    `holiday` is a Dutch public holiday on the day that matters (today when open, else the day
    it opens).
    """

    status: Status
    now: datetime
    until: datetime | None = None
    opens: datetime | None = None
    holiday: date | None = None


def _minutes(text: str) -> int:
    hours, _, minutes = text.partition(":")
    value = int(hours) * 60 + int(minutes)
    if not (0 <= int(minutes) < 60 and 0 <= value <= 24 * 60):
        raise ValueError(text)
    return value


@dataclass(frozen=True, eq=False, repr=False)
class _Row(Record):
    """One line of opening hours as the schedule checks it: days, minutes open, the weeks it holds in."""

    days: frozenset[int]
    opens: int
    closes: int
    valid_from: date | None
    valid_to: date | None
    nth: frozenset[int] = frozenset()  # only these weeks of the month (1..5, -1 the last); empty: every

    def on(self, day: date) -> bool:
        """Whether the row holds on `day` (its weekday; its week of the month, where it has one)."""
        if day.weekday() not in self.days:
            return False
        if not self.nth:
            return True
        if (day.day - 1) // 7 + 1 in self.nth:
            return True
        return -1 in self.nth and (day + timedelta(days=7)).month != day.month


def _rows(schedule: Sequence[OpeningHours]) -> list[_Row]:
    """Usable rows; a row that cannot be read (bad time or date) is left out, never guessed at."""
    rows = []
    for row in schedule:
        try:
            opens, closes = _minutes(row.opens_at), _minutes(row.closes_at)
            days = frozenset(DAYS.index(d) for d in row.days)
            valid_from = date.fromisoformat(row.valid_from) if row.valid_from else None
            valid_to = date.fromisoformat(row.valid_to) if row.valid_to else None
        except ValueError:
            continue
        if opens == closes or opens >= 24 * 60:
            continue  # an empty span says nothing about when the offer is open
        if closes < opens:
            closes += 24 * 60  # past midnight: closes the next day
        rows.append(_Row(days, opens, closes, valid_from, valid_to, frozenset(row.nth_of_month)))
    return rows


def iter_spans(schedule: Sequence[OpeningHours], first: date, last: date) -> Iterator[Span]:
    """The openings of the days first..last (inclusive), merged where they touch or overlap.

    One at a time, day by day: the first few are all that "open now?" needs.

    A span starts on its own day, so spans taken day by day (each day's sorted) come in order
    of their start, and one held back until the next starts later can be merged on the fly.
    """
    rows = sorted(_rows(schedule), key=lambda row: (row.opens, row.closes))
    held: Span | None = None
    day = first
    while day <= last:
        midnight = datetime.combine(day, time())
        for row in rows:
            if not row.on(day):
                continue
            if (row.valid_from and day < row.valid_from) or (row.valid_to and day > row.valid_to):
                continue
            span = Span(midnight + timedelta(minutes=row.opens), midnight + timedelta(minutes=row.closes))
            if held is None:
                held = span
            elif span.start <= held.end:
                if span.end > held.end:
                    held = Span(held.start, span.end)
            else:
                yield held
                held = span
        day += timedelta(days=1)
    if held is not None:
        yield held


def reachability(schedule: Sequence[OpeningHours], now: datetime) -> Reachability:
    """Open now (and until when), or closed (and from when), or unknown without a schedule."""
    now = local(now)
    wall = now.replace(tzinfo=None)
    if not _rows(schedule):
        return Reachability("unknown", now)
    # Start a day early: yesterday's span may run past midnight into today.
    last = wall.date() + timedelta(days=HORIZON_DAYS)
    horizon = datetime.combine(last, time())
    for span in iter_spans(schedule, wall.date() - timedelta(days=1), last):
        if span.start <= wall < span.end:
            until = None if span.end > horizon else _aware(span.end)
            return _with_holiday(Reachability("open", now, until=until), wall.date())
        if span.start > wall:
            return _with_holiday(Reachability("closed", now, opens=_aware(span.start)), span.start.date())
    return Reachability("closed", now)


def _aware(wall: datetime) -> datetime:
    return wall.replace(tzinfo=zone())


def _with_holiday(result: Reachability, day: date) -> Reachability:
    if holiday_name(day, "nl") is None:
        return result
    return Reachability(result.status, result.now, result.until, result.opens, day)


def holiday_name(day: date, lang: str = "nl") -> str | None:
    """The Dutch public holiday on `day` (e.g. Koningsdag, Eerste kerstdag), or None."""
    from referral.core.dutch_holidays import holiday_name as computed

    return computed(day, lang)


# --- words ------------------------------------------------------------------------------


def clock(moment: datetime, reference: datetime | None = None) -> str:
    """HH:MM; midnight after `reference`'s day reads 24:00 (closes at the end of the day)."""
    if reference is not None and moment.time() == time() and moment.date() == reference.date() + timedelta(days=1):
        return "24:00"
    return moment.strftime("%H:%M")


def day_words(moment: datetime, now: datetime, lang: str) -> str:
    """'vandaag', 'morgen', a weekday within the week ('do'), or a weekday with a date."""
    delta = (moment.date() - now.date()).days
    if delta == 0:
        return translate("schedule.today", lang)
    if delta == 1:
        return translate("schedule.tomorrow", lang)
    weekday = translate(f"day.{DAYS[moment.weekday()]}", lang)
    if delta < 7:
        return weekday
    month = translate(f"schedule.month.{moment.month}", lang)
    year = f" {moment.year}" if moment.year != now.year else ""
    return f"{weekday} {moment.day} {month}{year}"


def moment_words(moment: datetime, lang: str) -> str:
    """A full reference time for a view header: 'ma 27 apr 2026 10:00'."""
    weekday = translate(f"day.{DAYS[moment.weekday()]}", lang)
    month = translate(f"schedule.month.{moment.month}", lang)
    return f"{weekday} {moment.day} {month} {moment.year} {moment.strftime('%H:%M')}"


def reachability_text(result: Reachability, lang: str = "nl") -> str:
    """'nu bereikbaar (tot 13:00)', 'bereikbaar vanaf morgen 09:00', with a holiday note."""
    now = result.now
    if result.status == "unknown":
        return translate("schedule.unknown", lang)
    if result.status == "open":
        if result.until is None:
            text = translate("schedule.open", lang)
        else:
            same_day = result.until.date() == now.date() or clock(result.until, now) == "24:00"
            when = (
                clock(result.until, now) if same_day else f"{day_words(result.until, now, lang)} {clock(result.until)}"
            )
            text = translate("schedule.open_until", lang, time=when)
    elif result.opens is None:
        text = translate("schedule.closed_never", lang)
    else:
        when = f"{day_words(result.opens, now, lang)} {clock(result.opens)}"
        text = translate("schedule.closed_from", lang, when=when)
    if result.holiday is not None:
        name = holiday_name(result.holiday, lang) or ""
        text += " — " + translate("schedule.holiday", lang, name=name)
    return text


def reachability_json(result: Reachability, lang: str = "nl") -> dict[str, Any]:
    """Stable JSON: status, ISO times with offset, the holiday to check, and the sentence."""
    holiday = None
    if result.holiday is not None:
        holiday = {"date": result.holiday.isoformat(), "name": holiday_name(result.holiday, lang)}
    return {
        "status": result.status,
        "until": result.until.isoformat() if result.until else None,
        "opens": result.opens.isoformat() if result.opens else None,
        "holiday": holiday,
        "text": reachability_text(result, lang),
    }
