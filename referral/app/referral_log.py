"""The referral log: what became of a referral, as signals only, in one SQLite file.

`match --log` records the referrals that were shown (offer, content digest, wijk, age band, who
asked, kind of help) under a short random reference such as R-7KQ2, which the professional notes
in their own case file: only that reference links the two. Outcomes are append-only events, so
history is never rewritten. No name, free text, exact age or file name is ever stored
(docs/privacy.md).

The file is SQLite through the standard library: WAL mode, a busy timeout and `BEGIN IMMEDIATE`
for every write, so two processes writing at once lose nothing and a process killed mid-write
leaves the last committed state. The schema is versioned with `PRAGMA user_version`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import secrets
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from referral.core.problems import Problem, ReferralError

if TYPE_CHECKING:  # pragma: no cover
    from referral.engine.result import MatchResult

STATUSES = ("aangemeld", "intake-gepland", "gestart", "wachtlijst", "afgewezen", "gestopt", "afgesloten")
# An outcome after which nobody needs to call again.
FINAL_STATUSES = frozenset({"gestart", "afgewezen", "gestopt", "afgesloten"})
REASONS = ("vol", "past-niet", "geen-reactie", "wil-niet")
# Age bands, never the age: wide enough that a band, a wijk and a date do not single anyone out.
AGE_BANDS = ((0, 17, "0-17"), (18, 24, "18-24"), (25, 44, "25-44"), (45, 64, "45-64"), (65, 74, "65-74"))
AGE_BAND_OLDEST = (75, "75+")
DEFAULT_RETENTION_DAYS = 365
# How far back the advice looks for waiting-list and 'vol' outcomes of the offers it shows.
CAPACITY_DAYS = 60
BUSY_TIMEOUT_MS = 30_000
# Reference letters: no 0/O, 1/I/L, so that a reference read over the phone is written down right.
REF_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REF_LENGTH = 4
_REF = re.compile(r"R-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4,8}")
_OFFER_ID = re.compile(r"[a-z0-9][a-z0-9_.-]{0,80}")
# Every text the log stores is a vocabulary id, an offer id, an organisation name or a digest.
_DIGEST = re.compile(r"[a-z0-9]{1,16}:[0-9a-f]{8,128}")
_STORED_TEXT = re.compile(r"[^\x00-\x1f\x7f]{0,200}")

# Schema migrations, in order: migration n brings user_version from n-1 to n. Never edit one
# that has shipped; add the next.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE referral (
            ref TEXT PRIMARY KEY,
            day TEXT NOT NULL,          -- the day of the advice (YYYY-MM-DD)
            digest TEXT NOT NULL,       -- the content the advice came from
            wijk TEXT,                  -- a wijk id of the vocabulary, or NULL
            age_band TEXT,              -- e.g. 65-74; never the age
            asker TEXT NOT NULL,        -- who asked: client | helper | professional | volunteer
            CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
        )""",
        """CREATE TABLE shown (
            ref TEXT NOT NULL REFERENCES referral(ref) ON DELETE CASCADE,
            part TEXT NOT NULL,         -- person | asker
            rank INTEGER NOT NULL,
            offer_id TEXT NOT NULL,
            organisation TEXT NOT NULL,
            kinds TEXT NOT NULL,        -- the offer's kinds of help, comma-separated
            PRIMARY KEY (ref, part, rank),
            CHECK (part IN ('person', 'asker') AND typeof(rank) = 'integer')
        )""",
        """CREATE TABLE event (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            ref TEXT NOT NULL REFERENCES referral(ref) ON DELETE CASCADE,
            offer_id TEXT NOT NULL,
            status TEXT NOT NULL,
            reason TEXT,
            day TEXT NOT NULL,          -- the day it happened
            recorded TEXT NOT NULL,     -- the day it was written down
            CHECK (status IN ('aangemeld', 'intake-gepland', 'gestart', 'wachtlijst', 'afgewezen', 'gestopt',
                              'afgesloten')),
            CHECK (reason IS NULL OR (status = 'afgewezen' AND reason IN ('vol', 'past-niet', 'geen-reactie',
                                                                           'wil-niet')))
        )""",
        "CREATE INDEX event_ref ON event(ref)",
        "CREATE INDEX referral_day ON referral(day)",
        # Outcomes are append-only: a correction is a new event, never an edit.
        """CREATE TRIGGER event_append_only BEFORE UPDATE ON event
           BEGIN SELECT RAISE(ABORT, 'outcome events are append-only'); END""",
        """CREATE TRIGGER shown_append_only BEFORE UPDATE ON shown
           BEGIN SELECT RAISE(ABORT, 'shown referrals are append-only'); END""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class ShownOffer:
    """One offer as it was shown: its place, and what the figures group it by."""

    part: str  # person | asker
    rank: int
    offer_id: str
    organisation: str
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """One logged advice: signals only (what the figures need), never who it was about."""

    day: dt.date
    digest: str
    wijk: str | None
    age_band: str | None
    asker: str
    offers: tuple[ShownOffer, ...]


@dataclass(frozen=True)
class Event:
    """One outcome: what happened to the referral to one offer, and when."""

    offer_id: str
    status: str
    reason: str | None
    day: dt.date
    recorded: dt.date


@dataclass(frozen=True)
class History:
    """A referral as logged, with every outcome in the order it was written down."""

    ref: str
    entry: Entry
    events: tuple[Event, ...]

    def latest(self, offer_id: str) -> Event | None:
        found = [event for event in self.events if event.offer_id == offer_id]
        return found[-1] if found else None


def age_band(age: Any) -> str | None:
    """The band an age falls in; None when no age was given."""
    if not isinstance(age, int) or isinstance(age, bool):
        return None
    for low, high, label in AGE_BANDS:
        if low <= age <= high:
            return label
    return AGE_BAND_OLDEST[1]


def entry_of(result: MatchResult, top: int, day: dt.date) -> Entry:
    """The signals of an advice that the log keeps: the shown offers, wijk, age band, who asked."""
    signals = result.casus.signals
    shown = []
    for part, ranked in (("person", result.referrals), ("asker", result.for_asker)):
        for assessment in ranked if not top else ranked[:top]:
            offer = assessment.offer
            shown.append(
                ShownOffer(part, assessment.rank or 0, offer.id, offer.organisation, tuple(sorted(offer.kinds)))
            )
    wijk = signals.get("wijk")
    return Entry(
        day=day,
        digest=result.ruleset.digest,
        wijk=str(wijk) if wijk is not None else None,
        age_band=age_band(signals.get("age")),
        asker=str(signals.get("audience") or "client"),
        offers=tuple(shown),
    )


def default_path() -> Path:
    """$XDG_DATA_HOME/referral/log.sqlite, else ~/.local/share/referral/log.sqlite."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "referral" / "log.sqlite"


def db_path(option: str | None) -> Path:
    """The log's file: --db, else $REFERRAL_DB (a team's shared file), else the user's data folder."""
    chosen = option or os.environ.get("REFERRAL_DB")
    return Path(chosen) if chosen else default_path()


def retention_days() -> int:
    """The default retention, or $REFERRAL_LOG_RETENTION_DAYS (a whole number of days, at least 1)."""
    text = os.environ.get("REFERRAL_LOG_RETENTION_DAYS", "").strip()
    if not text:
        return DEFAULT_RETENTION_DAYS
    if not text.isdigit() or int(text) < 1:
        raise ReferralError(Problem.make("log.bad_retention", file="REFERRAL_LOG_RETENTION_DAYS"))
    return int(text)


def normalise_ref(text: str) -> str:
    """A reference as typed ('r-7kq2', '7KQ2') in its stored form; a user error when it cannot be one."""
    typed = text.strip().upper()
    if not typed.startswith("R-"):
        typed = "R-" + typed
    if not _REF.fullmatch(typed):
        raise ReferralError(Problem.make("log.bad_ref", hint="log.ref_hint"))
    return typed


def _choose(kind: str, text: str, choices: Sequence[str]) -> str:
    """A value of a closed list as typed ('Intake gepland' -> intake-gepland), else did-you-mean."""
    from referral.core.vocabulary import suggest

    typed = re.sub(r"[\s_]+", "-", text.strip().casefold())
    if typed in choices:
        return typed
    guess = suggest(typed, choices)
    raise ReferralError(Problem.make(f"log.bad_{kind}", suggestion=guess, choices=choices))


def parse_status(text: str) -> str:
    return _choose("status", text, STATUSES)


def parse_reason(text: str) -> str:
    return _choose("reason", text, REASONS)


def parse_day(text: str) -> dt.date:
    """A date as YYYY-MM-DD; a user error otherwise."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ReferralError(Problem.make("log.bad_date", hint="log.date_hint")) from None


def _checked(text: str | None) -> str | None:
    """Every text the log stores passes the privacy guard: an id-like value, no personal data."""
    from referral.core.privacy import personal_data_kinds

    if text is None:
        return None
    if not _STORED_TEXT.fullmatch(text) or personal_data_kinds(text):
        raise ReferralError(Problem.make("log.refused_text"))
    return text


class ReferralLog:
    """An open log file. Every write is one `BEGIN IMMEDIATE` transaction; reads see a snapshot."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    @classmethod
    def open(cls, path: Path, *, create: bool) -> ReferralLog:
        """Open (and, for a write, create) the log, migrated to this version's schema.

        Reading commands do not create a file: a missing log is a clear message, not an empty one.
        """
        if not path.exists():
            if not create:
                raise ReferralError(Problem.make("log.missing", file=str(path)))
            if path == default_path():
                path.parent.mkdir(parents=True, exist_ok=True)
            elif not path.parent.is_dir():
                raise ReferralError(Problem.make("write.no_folder", file=str(path)))
        elif not path.is_file():
            raise ReferralError(Problem.make("log.not_a_file", file=str(path)))
        try:
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as err:
            raise _unreadable(path, err) from None
        log = cls(connection, path)
        try:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA secure_delete = ON")  # forgotten rows are overwritten, not left behind
            connection.execute("PRAGMA synchronous = FULL")
            mode = _wal(connection)
            if str(mode).lower() != "wal":
                raise sqlite3.OperationalError(f"journal mode {mode}")
            log._migrate()
        except ReferralError:
            connection.close()
            raise
        except sqlite3.Error as err:
            connection.close()
            raise _unreadable(path, err) from None
        return log

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> ReferralLog:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return int(self.connection.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        """Bring the schema to SCHEMA_VERSION, one migration per transaction; refuse a newer file."""
        while True:
            version = self.version
            if version > SCHEMA_VERSION:
                raise ReferralError(
                    Problem.make("log.newer_schema", file=str(self.path), found=version, known=SCHEMA_VERSION)
                )
            if version == SCHEMA_VERSION:
                return
            with self._writing():
                if self.version != version:  # another process migrated in the meantime
                    continue
                for statement in MIGRATIONS[version]:
                    self.connection.execute(statement)
                self.connection.execute(f"PRAGMA user_version = {version + 1}")

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it, or (on any error, or a killed process) none of it."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def _guarded(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        return _Guard(self)

    def record(self, entry: Entry, *, today: dt.date) -> str:
        """Log one advice; the default retention is applied in the same transaction. The reference."""
        rows = [
            (_checked(o.part), o.rank, _checked(o.offer_id), _checked(o.organisation), _checked(",".join(o.kinds)))
            for o in entry.offers
        ]
        if not _DIGEST.fullmatch(entry.digest):
            raise ReferralError(Problem.make("log.refused_text"))
        fields = (entry.day.isoformat(), entry.digest, _checked(entry.wijk), _checked(entry.age_band))
        asker = _checked(entry.asker)
        with self._guarded() as connection, self._writing():
            _purge(connection, today - dt.timedelta(days=retention_days()))
            for attempt in range(40):
                ref = new_ref(REF_LENGTH if attempt < 20 else REF_LENGTH + 2)
                try:
                    connection.execute(
                        "INSERT INTO referral (ref, day, digest, wijk, age_band, asker) VALUES (?, ?, ?, ?, ?, ?)",
                        (ref, *fields, asker),
                    )
                    break
                except sqlite3.IntegrityError:
                    continue
            else:  # pragma: no cover - 40 collisions in a row
                raise sqlite3.IntegrityError("no free reference")
            _insert_shown(connection, ref, rows)
        return ref

    def history(self, ref: str) -> History:
        """A referral and its outcomes; a user error for a reference the log does not hold."""
        with self._guarded() as connection:
            found = connection.execute(
                "SELECT day, digest, wijk, age_band, asker FROM referral WHERE ref = ?", (ref,)
            ).fetchone()
            if found is None:
                raise ReferralError(Problem.make("log.unknown_ref", ref=ref))
            shown = connection.execute(
                "SELECT part, rank, offer_id, organisation, kinds FROM shown WHERE ref = ? ORDER BY part DESC, rank",
                (ref,),
            ).fetchall()
            events = connection.execute(
                "SELECT offer_id, status, reason, day, recorded FROM event WHERE ref = ? ORDER BY id", (ref,)
            ).fetchall()
        day, digest, wijk, band, asker = found
        offers = tuple(ShownOffer(p, r, o, org, tuple(k.split(",")) if k else ()) for p, r, o, org, k in shown)
        return History(
            ref,
            Entry(dt.date.fromisoformat(day), digest, wijk, band, asker, offers),
            tuple(
                Event(o, s, reason, dt.date.fromisoformat(d), dt.date.fromisoformat(rec))
                for o, s, reason, d, rec in events
            ),
        )

    def update(
        self,
        ref: str,
        *,
        status: str,
        offer: str | None = None,
        reason: str | None = None,
        day: dt.date,
        today: dt.date,
    ) -> Event:
        """Append an outcome for one shown offer of a referral (checked first: offer, date, reason)."""
        if status not in STATUSES:
            raise ReferralError(Problem.make("log.bad_status", choices=STATUSES))
        if reason is not None and (status != "afgewezen" or reason not in REASONS):
            raise ReferralError(Problem.make("log.reason_only_refused"))
        if day > today:
            raise ReferralError(Problem.make("log.future_date"))
        history = self.history(ref)
        if day < history.entry.day:
            raise ReferralError(Problem.make("log.before_referral", day=history.entry.day.isoformat()))
        offer_id = _shown_offer(history, offer)
        event = Event(offer_id, status, reason, day, today)
        with self._guarded() as connection, self._writing():
            _purge(connection, today - dt.timedelta(days=retention_days()), keep=ref)
            if connection.execute("SELECT 1 FROM referral WHERE ref = ?", (ref,)).fetchone() is None:
                raise ReferralError(Problem.make("log.unknown_ref", ref=ref))  # forgotten meanwhile
            connection.execute(
                "INSERT INTO event (ref, offer_id, status, reason, day, recorded) VALUES (?, ?, ?, ?, ?, ?)",
                (ref, offer_id, status, reason, day.isoformat(), today.isoformat()),
            )
        return event

    def forget(self, ref: str) -> None:
        """Delete a referral and its whole history (the right to erasure); unknown is a user error."""
        with self._guarded() as connection, self._writing():
            if connection.execute("DELETE FROM referral WHERE ref = ?", (ref,)).rowcount == 0:
                raise ReferralError(Problem.make("log.unknown_ref", ref=ref))
        self._checkpoint()

    def purge(self, older_than_days: int, *, today: dt.date) -> int:
        """Delete every referral with no activity in the last `older_than_days` days; how many."""
        with self._guarded() as connection, self._writing():
            count = _purge(connection, today - dt.timedelta(days=older_than_days))
        self._checkpoint()
        return count

    def _checkpoint(self) -> None:
        """After a deletion, copy the write-ahead file into the database and empty it, so that old
        versions of the deleted pages do not linger there (skipped quietly while others read)."""
        with contextlib.suppress(sqlite3.Error):
            self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def histories(self, start: dt.date | None = None, end: dt.date | None = None) -> list[History]:
        """Every referral of a period (by the day of the advice), oldest first, read in one snapshot."""
        with self._guarded() as connection:
            connection.execute("BEGIN")
            try:
                refs = [
                    row[0]
                    for row in connection.execute(
                        "SELECT ref FROM referral WHERE day >= ? AND day <= ? ORDER BY day, ref",
                        ((start or dt.date.min).isoformat(), (end or dt.date.max).isoformat()),
                    )
                ]
                return [self.history(ref) for ref in refs]
            finally:
                connection.execute("COMMIT")

    def backup(self, target: Path, *, force: bool = False) -> None:
        """A consistent copy through SQLite's online backup API, written beside the target and renamed."""
        import tempfile

        from referral.core.safe_write import check_target

        check_target(target, force=force)
        folder = target.parent if str(target.parent) else Path(".")
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        os.close(handle)
        try:
            copy = sqlite3.connect(temp)
            try:
                with self._guarded() as connection:
                    connection.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                copy.close()
            os.replace(temp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise

    def integrity(self) -> str:
        """SQLite's own integrity check ('ok'), for the tests and for a worried user."""
        return str(self.connection.execute("PRAGMA integrity_check").fetchone()[0])


@dataclass(frozen=True)
class CapacitySignal:
    """Recent outcomes that say an offer may not take someone in now: a waiting list, or 'vol'."""

    offer_id: str
    kind: str  # wachtlijst | vol
    last_day: dt.date
    count: int


def capacity_signals(log: ReferralLog, offer_ids: Sequence[str], since: dt.date) -> tuple[CapacitySignal, ...]:
    """Waiting-list and 'vol' outcomes since a day for these offers, newest kind first per offer."""
    if not offer_ids:
        return ()
    marks = ", ".join("?" for _ in offer_ids)
    query = f"""SELECT offer_id, CASE WHEN status = 'wachtlijst' THEN 'wachtlijst' ELSE 'vol' END AS kind,
                       max(day), count(*)
                FROM event
                WHERE offer_id IN ({marks}) AND day >= ?
                  AND (status = 'wachtlijst' OR (status = 'afgewezen' AND reason = 'vol'))
                GROUP BY offer_id, kind"""
    with log._guarded() as connection:
        found = connection.execute(query, (*offer_ids, since.isoformat())).fetchall()
    order = {offer_id: index for index, offer_id in enumerate(offer_ids)}
    signals = [CapacitySignal(o, k, dt.date.fromisoformat(d), n) for o, k, d, n in found]
    return tuple(sorted(signals, key=lambda s: (order[s.offer_id], -s.last_day.toordinal(), s.kind)))


class _Guard(contextlib.AbstractContextManager[sqlite3.Connection]):
    """A database error while reading or writing becomes one clear message (exit 2), not a traceback."""

    def __init__(self, log: ReferralLog) -> None:
        self.log = log

    def __enter__(self) -> sqlite3.Connection:
        return self.log.connection

    def __exit__(self, kind: Any, error: Any, traceback: Any) -> None:
        if isinstance(error, sqlite3.Error):
            raise _unreadable(self.log.path, error) from None


def _wal(connection: sqlite3.Connection) -> str:
    """Switch to WAL (a lasting property of the file). Two processes creating a new file at once
    both hold a shared lock and want an exclusive one; SQLite then fails one of them at once,
    without waiting (deadlock avoidance), so that one tries again here after a moment."""
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return str(connection.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.01 + secrets.randbelow(40) / 1000)


def new_ref(length: int = REF_LENGTH) -> str:
    """A short random reference; random (not a counter), so it says nothing about order or volume."""
    return "R-" + "".join(secrets.choice(REF_ALPHABET) for _ in range(length))


def _insert_shown(connection: sqlite3.Connection, ref: str, rows: list[tuple[Any, ...]]) -> None:
    for row in rows:
        connection.execute(
            "INSERT INTO shown (ref, part, rank, offer_id, organisation, kinds) VALUES (?, ?, ?, ?, ?, ?)",
            (ref, *row),
        )


def _purge(connection: sqlite3.Connection, cutoff: dt.date, keep: str | None = None) -> int:
    """Delete referrals whose last activity (the advice, or an outcome written down) is before `cutoff`."""
    stale = """SELECT r.ref FROM referral r LEFT JOIN event e ON e.ref = r.ref
               GROUP BY r.ref HAVING max(r.day, coalesce(max(e.recorded), r.day)) < ?"""
    refs = [row[0] for row in connection.execute(stale, (cutoff.isoformat(),)) if row[0] != keep]
    for ref in refs:
        connection.execute("DELETE FROM referral WHERE ref = ?", (ref,))
    return len(refs)


def _shown_offer(history: History, wanted: str | None) -> str:
    """The offer an outcome is about: an id or a rank of the advice; may be left out when one was shown."""
    offers = history.entry.offers
    person = [o for o in offers if o.part == "person"]
    choices = [f"{o.rank}={o.offer_id}" for o in person] + [o.offer_id for o in offers if o.part == "asker"]
    if wanted is None:
        if len(offers) == 1:
            return offers[0].offer_id
        raise ReferralError(Problem.make("log.offer_needed", choices=choices))
    text = wanted.strip().casefold()
    if text.isdigit():
        for offer in person:
            if offer.rank == int(text):
                return offer.offer_id
    for offer in offers:
        if offer.offer_id == text:
            return offer.offer_id
    from referral.core.vocabulary import suggest

    guess = suggest(text, [o.offer_id for o in offers])
    shown = text if _OFFER_ID.fullmatch(text) else "…"
    if guess:
        raise ReferralError(Problem.make("log.offer_not_shown", offer=shown, suggestion=guess))
    raise ReferralError(Problem.make("log.offer_not_shown", offer=shown, choices=choices))


def _unreadable(path: Path, error: sqlite3.Error) -> ReferralError:
    message = str(error)
    if "locked" in message or "busy" in message:
        return ReferralError(Problem.make("log.busy", file=str(path)))
    return ReferralError(Problem.make("log.unreadable", file=str(path), reason=message))
