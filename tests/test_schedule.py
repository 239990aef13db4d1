"""Opening hours at the edges: opening and closing minutes, midnight, weekends, holidays, validity."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from conftest import ROOT, Run
from hypothesis import given
from hypothesis import strategies as st

from referral.core.model import OpeningHours
from referral.core.schedule import (
    holiday_name,
    iter_spans,
    parse_now,
    reachability,
    reachability_json,
    reachability_text,
)

EXAMPLE = str(ROOT / "examples" / "weduwe-overvecht.yaml")
EVERY_DAY = ("mo", "tu", "we", "th", "fr", "sa", "su")
INFOPUNT = (OpeningHours(EVERY_DAY, "09:00", "13:00"),)
WEEKDAYS = (OpeningHours(("mo", "tu", "we", "th", "fr"), "09:00", "17:00"),)


def text(schedule: tuple[OpeningHours, ...], now: str, lang: str = "nl") -> str:
    return reachability_text(reachability(schedule, parse_now(now)), lang)


# 2026-05-06 is a Wednesday with no public holiday.
@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-05-06T08:59", "bereikbaar vanaf vandaag 09:00"),
        ("2026-05-06T09:00", "nu bereikbaar (tot 13:00)"),  # exactly at opening: open
        ("2026-05-06T12:59", "nu bereikbaar (tot 13:00)"),  # a minute before closing: open
        ("2026-05-06T12:59:59", "nu bereikbaar (tot 13:00)"),
        ("2026-05-06T13:00", "bereikbaar vanaf morgen 09:00"),  # exactly at closing: closed
        ("2026-05-06T23:59", "bereikbaar vanaf morgen 09:00"),
    ],
)
def test_infopunt_edges(now: str, expected: str) -> None:
    assert text(INFOPUNT, now) == expected


def test_english() -> None:
    assert text(INFOPUNT, "2026-05-06T10:00", "en") == "open now (until 13:00)"
    assert text(INFOPUNT, "2026-05-06T13:00", "en") == "reachable from tomorrow 09:00"


def test_weekend_names_the_weekday() -> None:
    # Friday 2026-05-08 after closing: open again on Monday.
    assert text(WEEKDAYS, "2026-05-08T17:00") == "bereikbaar vanaf ma 09:00"
    assert text(WEEKDAYS, "2026-05-09T12:00", "en") == "reachable from Mon 09:00"
    found = reachability(WEEKDAYS, parse_now("2026-05-09T12:00"))
    assert found.status == "closed" and found.opens == datetime.fromisoformat("2026-05-11T09:00+02:00")


def test_until_midnight() -> None:
    late = (OpeningHours(("fr",), "20:00", "24:00"),)
    assert text(late, "2026-05-08T23:59") == "nu bereikbaar (tot 24:00)"
    assert text(late, "2026-05-09T00:00") == "bereikbaar vanaf vr 20:00"


def test_span_past_midnight() -> None:
    night = (OpeningHours(("fr",), "22:00", "02:00"),)
    assert text(night, "2026-05-08T21:59") == "bereikbaar vanaf vandaag 22:00"
    assert text(night, "2026-05-08T23:30") == "nu bereikbaar (tot morgen 02:00)"
    assert text(night, "2026-05-09T01:59") == "nu bereikbaar (tot 02:00)"  # Saturday, from Friday's span
    assert text(night, "2026-05-09T02:00") == "bereikbaar vanaf vr 22:00"


def test_touching_spans_merge_over_midnight() -> None:
    weekend = (OpeningHours(("sa",), "20:00", "24:00"), OpeningHours(("su",), "00:00", "03:00"))
    assert text(weekend, "2026-05-09T23:00") == "nu bereikbaar (tot morgen 03:00)"


def test_always_open_has_no_end() -> None:
    always = (OpeningHours(EVERY_DAY, "00:00", "24:00"),)
    assert text(always, "2026-05-06T03:00") == "nu bereikbaar"


def test_valid_to_in_the_past_and_valid_from_in_the_future() -> None:
    expired = (OpeningHours(("mo",), "09:00", "12:00", valid_to="2025-12-31"),)
    found = reachability(expired, parse_now("2026-05-04T10:00"))
    assert found.status == "closed" and found.opens is None
    assert reachability_text(found) == "geen komende openingstijden bekend"
    later = (OpeningHours(("tu",), "09:00", "12:00", valid_from="2026-09-01"),)
    assert text(later, "2026-05-04T10:00") == "bereikbaar vanaf di 1 sep 09:00"


def test_validity_is_inclusive() -> None:
    last_day = (OpeningHours(("we",), "09:00", "12:00", valid_to="2026-05-06"),)
    assert text(last_day, "2026-05-06T11:00") == "nu bereikbaar (tot 12:00)"
    first_day = (OpeningHours(("we",), "09:00", "12:00", valid_from="2026-05-06"),)
    assert text(first_day, "2026-05-06T09:00") == "nu bereikbaar (tot 12:00)"


def test_no_schedule_says_unknown_and_invents_nothing() -> None:
    found = reachability((), parse_now("2026-05-06T10:00"))
    assert found.status == "unknown" and found.until is None and found.opens is None
    assert reachability_text(found) == "openingstijden onbekend"
    assert reachability_text(found, "en") == "opening hours unknown"
    unreadable = (OpeningHours(("mo",), "9 uur", "13:00"),)
    assert reachability(unreadable, parse_now("2026-05-04T10:00")).status == "unknown"


def test_kingsday_is_named_and_to_be_checked() -> None:
    # Koningsdag 2026 is Monday 27 April: open by the schedule, but the schedule says nothing
    # about holidays, so the user is asked to check.
    found = reachability(INFOPUNT, parse_now("2026-04-27T10:00"))
    assert found.status == "open" and found.holiday == date(2026, 4, 27)
    assert reachability_text(found) == "nu bereikbaar (tot 13:00) — Koningsdag (feestdag): controleer of het open is"
    assert "King's Day (public holiday): check whether it is open" in reachability_text(found, "en")


def test_kingsday_on_a_sunday_moves_to_saturday() -> None:
    assert holiday_name(date(2025, 4, 26)) == "Koningsdag"
    assert holiday_name(date(2025, 4, 27)) is None


def test_christmas_applies_to_the_day_it_opens() -> None:
    # Christmas Eve after closing: the next opening is on Eerste kerstdag.
    found = reachability(INFOPUNT, parse_now("2026-12-24T18:00"))
    assert found.status == "closed" and found.holiday == date(2026, 12, 25)
    assert "Eerste kerstdag" in reachability_text(found)
    assert text(INFOPUNT, "2026-05-06T18:00") == "bereikbaar vanaf morgen 09:00"  # an ordinary day: no note


def test_now_in_another_zone_and_daylight_saving() -> None:
    # 08:30 UTC on 6 May is 10:30 in Amsterdam (summer time).
    utc = datetime(2026, 5, 6, 8, 30, tzinfo=UTC)
    assert reachability_text(reachability(INFOPUNT, utc)) == "nu bereikbaar (tot 13:00)"
    # 29 March 2026: clocks go forward at 02:00; opening hours stay on the wall clock.
    assert text(INFOPUNT, "2026-03-29T08:59") == "bereikbaar vanaf vandaag 09:00"


def test_json_has_iso_times_with_offset() -> None:
    data = reachability_json(reachability(INFOPUNT, parse_now("2026-04-27T10:00")))
    assert data["status"] == "open"
    assert data["until"] == "2026-04-27T13:00:00+02:00" and data["opens"] is None
    assert data["holiday"] == {"date": "2026-04-27", "name": "Koningsdag"}
    winter = reachability_json(reachability(INFOPUNT, parse_now("2026-12-01T14:00")), "en")
    assert winter["opens"] == "2026-12-02T09:00:00+01:00" and winter["holiday"] is None


def test_bad_now_is_exit_2_without_traceback(run: Run) -> None:
    result = run("match", EXAMPLE, "--now", "morgen")
    assert result.exit_code == 2 and "--now" in result.output and "Traceback" not in result.output


def test_match_json_adds_reachable_only_with_now(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from referral.core import schedule

    monkeypatch.setattr(schedule, "today", lambda: date(2026, 5, 6))  # the same day as --now below
    for casus in (EXAMPLE, "-"):
        given = "audience: helper\nage: 80\nwijk: West\nlife_events: [rouw]\n" if casus == "-" else None
        plain = run("match", casus, "--format", "json", "--top", "0", input=given)
        assert '"reachable"' not in plain.output and '"now"' not in plain.output
        again = run("match", casus, "--format", "json", "--top", "0", input=given)
        assert plain.output == again.output  # no clock in the contract without --now
        timed = run("match", casus, "--format", "json", "--top", "0", "--now", "2026-05-06T10:00", input=given)
        data = json.loads(timed.output)
        assert data["now"] == "2026-05-06T10:00:00+02:00" and data["as_of"] == "2026-05-06"
        parts = [*data["referrals"], *data["for_asker"]]
        assert parts and all("reachable" in r for r in parts)
        assert {r["reachable"]["status"] for r in parts} <= {"open", "closed", "unknown"}
        # Everything else is unchanged: the new keys are added, none renamed.
        base = json.loads(plain.output)
        for referral in parts:
            del referral["reachable"]
        del data["now"]
        assert data == base
    assert json.loads(again.output)["for_asker"]  # the asker's part was checked too


def test_infopunt_reachable_in_json_and_views(run: Run) -> None:
    # The Infopunt (daily 9:00-13:00, from the source document) is in every advice.
    args = ["match", EXAMPLE, "--top", "0", "--now", "2026-05-06T12:59"]
    data = json.loads(run(*args, "--format", "json").output)
    infopunt = [r for r in data["referrals"] if r["offer"]["id"] == "infopunt-informele-zorg"]
    assert infopunt and infopunt[0]["reachable"]["text"] == "nu bereikbaar (tot 13:00)"
    assert infopunt[0]["reachable"]["until"] == "2026-05-06T13:00:00+02:00"
    others = [r for r in data["referrals"] if not r["offer"]["contact"].get("schedule")]
    assert others and all(r["reachable"]["status"] == "unknown" for r in others)
    markdown = run(*args, "--format", "markdown").output
    assert "   - nu bereikbaar (tot 13:00)" in markdown and "Bereikbaarheid op wo 6 mei 2026 12:59" in markdown
    # The views name reachability only where opening hours are known (no line of "unknown").
    assert "openingstijden onbekend" not in markdown
    rich = run("--lang", "en", *args[:-1], "2026-05-06T13:00", env={"COLUMNS": "200"}).output
    assert "reachable from tomorrow 09:00" in rich and "opening hours unknown" not in rich  # only where known


def test_markdown_without_now_is_unchanged(run: Run) -> None:
    first = run("match", EXAMPLE, "--format", "markdown").output
    assert "Bereikbaarheid" not in first and "openingstijden onbekend" not in first
    assert first == run("match", EXAMPLE, "--format", "markdown").output


def test_schedule_messages_in_both_languages_with_the_same_placeholders() -> None:
    import string

    from referral.core.i18n import catalogue

    def fields(template: str) -> set[str]:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        return {name.removesuffix("_nl").removesuffix("_en") for name in names}

    messages = catalogue("schedule")
    assert len(messages) > 5 and all(code.startswith("schedule.") for code in messages)
    for code, (nl, en) in messages.items():
        assert nl.strip() and en.strip() and fields(nl) == fields(en), code


def test_computed_holidays_equal_the_holidays_package() -> None:
    holidays = pytest.importorskip("holidays")
    from referral.core.dutch_holidays import holiday_name, holidays_of

    for year in range(1990, 2101):
        expected = holidays.country_holidays("NL", years=year, language="nl")
        assert {d: holiday_name(d, "nl") for d in holidays_of(year)} == dict(expected), year
    english = holidays.country_holidays("NL", years=2026, language="en_US")
    assert {d: holiday_name(d, "en") for d in holidays_of(2026)} == dict(english)


def _covered_minutes(schedule: tuple[OpeningHours, ...], first: date, days: int) -> set[int]:
    """The reference for `spans`: every open minute, counted from midnight of `first`."""
    covered: set[int] = set()
    for offset in range(days):
        day = first + timedelta(days=offset)
        for row in schedule:
            if ("mo", "tu", "we", "th", "fr", "sa", "su")[day.weekday()] not in row.days:
                continue
            if (row.valid_from and day < date.fromisoformat(row.valid_from)) or (
                row.valid_to and day > date.fromisoformat(row.valid_to)
            ):
                continue
            opens, closes = (int(t[:2]) * 60 + int(t[3:]) for t in (row.opens_at, row.closes_at))
            if opens == closes or opens >= 24 * 60:
                continue
            if closes < opens:
                closes += 24 * 60
            covered.update(range(offset * 1440 + opens, offset * 1440 + closes))
    return covered


_CLOCK = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.sampled_from((0, 15, 30, 59)))
_ROW = st.builds(
    OpeningHours,
    days=st.lists(st.sampled_from(EVERY_DAY), min_size=1, max_size=7, unique=True).map(tuple),
    opens_at=_CLOCK,
    closes_at=st.one_of(_CLOCK, st.just("24:00")),
    valid_from=st.one_of(st.none(), st.sampled_from(("2026-05-03", "2026-05-08"))),
    valid_to=st.one_of(st.none(), st.sampled_from(("2026-05-05", "2026-05-10"))),
)


@given(st.lists(_ROW, max_size=4).map(tuple))
def test_spans_cover_exactly_the_open_minutes_merged(schedule: tuple[OpeningHours, ...]) -> None:
    first = date(2026, 5, 1)
    found = list(iter_spans(schedule, first, first + timedelta(days=13)))
    start = datetime.combine(first, datetime.min.time())
    minutes = set()
    for previous, span in zip([None, *found], found, strict=False):
        assert span.start < span.end
        if previous is not None:
            assert previous.end < span.start  # sorted, and touching or overlapping spans merged
        minutes.update(
            range(int((span.start - start).total_seconds()) // 60, int((span.end - start).total_seconds()) // 60)
        )
    assert minutes == _covered_minutes(schedule, first, 14)


# --- the n-th weekday of the month ---------------------------------------------------------------

THIRD_SUNDAY = (OpeningHours(("su",), "11:00", "13:00", nth_of_month=(3,)),)
FIRST_TUESDAY = (OpeningHours(("tu",), "10:30", "12:00", nth_of_month=(1,)),)
LAST_FRIDAY = (OpeningHours(("fr",), "19:00", "21:00", nth_of_month=(-1,)),)


def test_the_third_sunday_is_not_every_sunday() -> None:
    # December 2026: Sundays 6, 13, 20, 27; the third is the 20th.
    assert text(THIRD_SUNDAY, "2026-12-02T10:00") == "bereikbaar vanaf zo 20 dec 11:00"
    assert text(THIRD_SUNDAY, "2026-12-20T12:00") == "nu bereikbaar (tot 13:00)"
    assert text(THIRD_SUNDAY, "2026-12-20T13:00") == "bereikbaar vanaf zo 17 jan 2027 11:00"


def test_the_first_tuesday_and_the_last_friday() -> None:
    # Tuesday 2026-12-08 is the second Tuesday: closed now, next on Tuesday 5 January 2027.
    found = reachability(FIRST_TUESDAY, parse_now("2026-12-08T11:00"))
    assert found.status == "closed" and found.opens == datetime.fromisoformat("2027-01-05T10:30+01:00")
    starts = [s.start.date() for s in iter_spans(LAST_FRIDAY, date(2026, 1, 1), date(2026, 6, 30))]
    assert starts == [
        date(2026, 1, 30),
        date(2026, 2, 27),
        date(2026, 3, 27),
        date(2026, 4, 24),
        date(2026, 5, 29),
        date(2026, 6, 26),
    ]


def test_the_nth_of_month_is_said_in_the_hours() -> None:
    from referral.render.describe import hours_text

    assert hours_text(THIRD_SUNDAY[0], "nl") == "3e zo van de maand 11:00–13:00"
    assert hours_text(LAST_FRIDAY[0], "en") == "last Fri of the month 19:00–21:00"
    assert (
        hours_text(OpeningHours(("tu",), "10:00", "11:00", nth_of_month=(3, 1)), "nl")
        == "1e of 3e di van de maand 10:00–11:00"
    )


def test_shipped_monthly_rows_say_so() -> None:
    """The shipped offers whose source says "eerste dinsdag" / "derde zondag" model it."""
    from referral.content.loading import load_ruleset, shipped_content

    ruleset = load_ruleset(shipped_content())
    for offer_id, nth in (
        ("dock-inloopspreekuur-hart-van-noord", (1,)),
        ("stichting-trost-bakkie-trost-tolsteeg", (3,)),
    ):
        offer = ruleset.offer(offer_id)
        assert offer is not None and [row.nth_of_month for row in offer.contact.schedule] == [nth]
