"""The referral log: signals only, outcomes as append-only events, a real SQLite file.

Every test names its own database under tmp_path (REFERRAL_DB or --db); conftest points
XDG_DATA_HOME at a private folder, so the user's own log is never touched.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sqlite3
from pathlib import Path

import pytest
from conftest import ROOT, Run

from referral.app import log_report
from referral.app import referral_log as rl
from referral.app.referral_log import Entry, ReferralLog, ShownOffer
from referral.core.problems import ReferralError
from referral.core.schedule import today

EXAMPLE = str(ROOT / "examples" / "weduwe-overvecht.yaml")
REF = re.compile(r"\bR-[2-9A-HJKMNP-Z]{4}\b")
DIGEST = "sha256:" + "ab" * 32


def entry(day: dt.date, *, wijk: str | None = "Overvecht", offers: tuple[str, ...] = ("maatje",)) -> Entry:
    shown = tuple(
        ShownOffer("person", rank, offer, f"Org {offer}", ("bond",)) for rank, offer in enumerate(offers, start=1)
    )
    return Entry(day=day, digest=DIGEST, wijk=wijk, age_band="75+", asker="client", offers=shown)


def logged_ref(output: str) -> str:
    found = REF.findall(output)
    assert len(found) == 1, output
    return found[0]


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "team" / "log.sqlite"


@pytest.fixture()
def env(db: Path) -> dict[str, str]:
    db.parent.mkdir()
    return {"REFERRAL_DB": str(db)}


# --- (1) the log itself -------------------------------------------------------------------------


def test_match_log_records_signals_only(run: Run, tmp_path: Path, env: dict[str, str], db: Path) -> None:
    casus = tmp_path / "casus-van-mevrouw-de-vries.yaml"
    casus.write_text(
        "age: 79\nwijk: Overvecht\naudience: helper\nhousehold: single\n"
        "note: voelt zich erg alleen sinds het overlijden\nloneliness: {social: true}\n",
        encoding="utf-8",
    )
    result = run("match", str(casus), "--top", "3", "--log", env=env)
    assert result.exit_code == 0, result.output
    ref = logged_ref(result.output)
    assert rows(db, "SELECT ref, wijk, age_band, asker FROM referral") == [(ref, "Overvecht", "75+", "helper")]
    shown = rows(db, "SELECT part, rank, offer_id, kinds FROM shown ORDER BY part, rank")
    assert shown and all(kinds for *_, kinds in shown)
    assert len([row for row in shown if row[0] == "person"]) == 3
    stored = db.read_bytes() + (db.parent / "log.sqlite-wal").read_bytes()
    for secret in (b"casus-van-mevrouw", b"voelt zich", b"overlijden", b"de vries"):
        assert secret not in stored.lower()
    columns = {row[1] for table in ("referral", "shown", "event") for row in rows(db, f"PRAGMA table_info({table})")}
    assert not columns & {"age", "name", "note", "file", "title"}


def test_without_log_nothing_is_stored(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert run("match", EXAMPLE).exit_code == 0
    assert not (tmp_path / "data").exists()
    result = run("match", EXAMPLE, "--log")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "referral" / "log.sqlite").is_file()


def test_the_log_falls_back_to_the_home_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert rl.db_path(None) == tmp_path / ".local" / "share" / "referral" / "log.sqlite"
    monkeypatch.setenv("REFERRAL_DB", str(tmp_path / "team.sqlite"))
    assert rl.db_path(None) == tmp_path / "team.sqlite"
    assert rl.db_path(str(tmp_path / "own.sqlite")) == tmp_path / "own.sqlite"  # --db wins


def test_db_option_wins_over_the_environment(run: Run, tmp_path: Path, env: dict[str, str], db: Path) -> None:
    own = tmp_path / "own.sqlite"
    result = run("match", EXAMPLE, "--log", "--db", str(own), env=env)
    assert result.exit_code == 0 and own.is_file() and not db.exists()
    ref = logged_ref(result.output)
    assert run("log", "show", ref, "--db", str(own), env=env).exit_code == 0


def test_json_stays_the_same_document_and_the_reference_goes_to_stderr(run: Run, env: dict[str, str]) -> None:
    plain = run("match", EXAMPLE, "--format", "json", env=env)
    logged = run("match", EXAMPLE, "--format", "json", "--log", env=env)
    assert logged.exit_code == 0
    assert logged.stdout == plain.stdout
    logged_ref(logged.stderr)


def test_markdown_gets_the_reference_after_the_advice(run: Run, env: dict[str, str]) -> None:
    result = run("--lang", "en", "match", EXAMPLE, "--format", "markdown", "--log", env=env)
    assert result.exit_code == 0
    assert "Recorded in the referral log as" in result.stdout.splitlines()[-1]


def test_the_file_is_wal_and_versioned(run: Run, env: dict[str, str], db: Path) -> None:
    assert run("match", EXAMPLE, "--log", env=env).exit_code == 0
    assert rows(db, "PRAGMA journal_mode") == [("wal",)]
    assert rows(db, "PRAGMA user_version") == [(rl.SCHEMA_VERSION,)]


def test_migrations_bring_an_empty_file_up_and_refuse_a_newer_one(db: Path) -> None:
    db.parent.mkdir()
    sqlite3.connect(db).close()  # an empty database: version 0
    with ReferralLog.open(db, create=False) as log:
        assert log.version == rl.SCHEMA_VERSION
    with ReferralLog.open(db, create=False) as log:  # migrating twice changes nothing
        assert log.version == rl.SCHEMA_VERSION
    with sqlite3.connect(db) as connection:
        connection.execute(f"PRAGMA user_version = {rl.SCHEMA_VERSION + 1}")
    with pytest.raises(ReferralError) as raised:
        ReferralLog.open(db, create=True)
    assert raised.value.problems[0].code == "log.newer_schema"


def test_an_unreadable_log_is_one_message_and_exit_2(run: Run, env: dict[str, str], db: Path) -> None:
    db.write_bytes(b"this is not a database, just some text" * 200)
    for args in (("match", EXAMPLE, "--log"), ("log", "show", "R-7KQ2"), ("log", "export")):
        result = run(*args, env=env)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.output
        assert "verwijslog kan niet gelezen" in result.stderr


def test_reading_commands_do_not_create_a_log(run: Run, env: dict[str, str], db: Path) -> None:
    for args in (("log", "show", "R-7KQ2"), ("log", "export"), ("log", "purge", "--older-than", "5")):
        result = run(*args, env=env)
        assert result.exit_code == 2 and "nog geen verwijslog" in result.stderr
    assert not db.exists()


def test_log_does_not_go_with_an_agenda_or_explain(run: Run, env: dict[str, str], db: Path) -> None:
    agenda = run("match", str(ROOT / "examples" / "overleg"), "--log", env=env)
    assert agenda.exit_code == 2 and "--log" in agenda.stderr
    explain = run("match", EXAMPLE, "--explain", "1", "--log", env=env)
    assert explain.exit_code == 2 and "--explain" in explain.stderr
    assert not db.exists()


def test_age_bands_never_keep_the_age() -> None:
    assert [rl.age_band(a) for a in (None, 0, 17, 18, 30, 64, 65, 74, 75, 120)] == [
        None,
        "0-17",
        "0-17",
        "18-24",
        "25-44",
        "45-64",
        "65-74",
        "65-74",
        "75+",
        "75+",
    ]


def test_the_privacy_guard_covers_what_is_stored(db: Path) -> None:
    db.parent.mkdir()
    with ReferralLog.open(db, create=True) as log:
        for bad in (
            entry(today(), wijk="mevrouw Jansen"),
            entry(today(), wijk="06 12345678"),
            Entry(today(), "not a digest", None, None, "client", ()),
        ):
            with pytest.raises(ReferralError):
                log.record(bad, today=today())
    assert rows(db, "SELECT count(*) FROM referral") == [(0,)]


def test_references_are_short_random_and_unique(db: Path) -> None:
    db.parent.mkdir()
    with ReferralLog.open(db, create=True) as log:
        refs = {log.record(entry(today()), today=today()) for _ in range(50)}
    assert len(refs) == 50 and all(REF.fullmatch(ref) for ref in refs)


# --- (2) outcomes, show, forget, purge, export, backup ------------------------------------------


@pytest.fixture()
def ref(run: Run, env: dict[str, str]) -> str:
    result = run("match", EXAMPLE, "--top", "3", "--log", env=env)
    assert result.exit_code == 0, result.output
    return logged_ref(result.output)


def test_update_appends_events_and_show_gives_the_history(run: Run, env: dict[str, str], db: Path, ref: str) -> None:
    first = run("log", "update", ref, "--status", "aangemeld", "--offer", "1", env=env)
    assert first.exit_code == 0, first.output
    second = run("log", "update", ref.lower(), "--status", "Intake gepland", "--offer", "1", env=env)
    assert second.exit_code == 0, second.output
    third = run("log", "update", ref[2:], "--status", "afgewezen", "--reason", "vol", "--offer", "2", env=env)
    assert third.exit_code == 0, third.output
    events = rows(db, "SELECT status, reason FROM event ORDER BY id")
    assert events == [("aangemeld", None), ("intake-gepland", None), ("afgewezen", "vol")]
    shown = run("log", "show", ref, env=env)
    assert shown.exit_code == 0
    assert "intake gepland" in shown.output and "afgewezen" in shown.output and "vol" in shown.output
    english = run("--lang", "en", "log", "show", ref, env=env)
    assert "History" in english.output and "refused" in english.output


def test_events_are_append_only_in_the_file_itself(db: Path) -> None:
    db.parent.mkdir()
    with ReferralLog.open(db, create=True) as log:
        ref = log.record(entry(today()), today=today())
        log.update(ref, status="gestart", day=today(), today=today())
    with sqlite3.connect(db) as connection, pytest.raises(sqlite3.IntegrityError, match="append-only"):
        connection.execute("UPDATE event SET status = 'gestopt'")
    assert rows(db, "SELECT status FROM event") == [("gestart",)]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--status", "gestrat", "--offer", "1"), "bedoelde u 'gestart'"),
        (("--status", "klaar", "--offer", "1"), "kies uit: aangemeld"),
        (("--status", "afgewezen", "--reason", "vool", "--offer", "1"), "bedoelde u 'vol'"),
        (("--status", "gestart", "--reason", "vol", "--offer", "1"), "--reason hoort alleen"),
        (("--status", "gestart"), "zeg met --offer welk"),
        (("--status", "gestart", "--offer", "9"), "niet getoond"),
        (("--status", "gestart", "--offer", "1", "--date", "2026-13-01"), "JJJJ-MM-DD"),
        (("--status", "gestart", "--offer", "1", "--date", "2999-01-01"), "toekomst"),
        (("--status", "gestart", "--offer", "1", "--date", "2000-01-01"), "vóór de verwijzing"),
    ],
)
def test_bad_updates_are_one_message_and_exit_2(
    run: Run, env: dict[str, str], db: Path, ref: str, args: tuple[str, ...], expected: str
) -> None:
    result = run("log", "update", ref, *args, env=env)
    assert result.exit_code == 2, result.output
    assert expected in result.stderr and "Traceback" not in result.output
    assert rows(db, "SELECT count(*) FROM event") == [(0,)]


def test_unknown_and_malformed_references(run: Run, env: dict[str, str], ref: str) -> None:
    unknown = run("log", "show", "R-ZZZZ", env=env)
    assert unknown.exit_code == 2 and "R-ZZZZ staat niet in het verwijslog" in unknown.stderr
    named = run("log", "update", "mevrouw Jansen", "--status", "gestart", env=env)
    assert named.exit_code == 2 and "Jansen" not in named.output and "R-7KQ2" in named.stderr


def test_forget_deletes_a_referral_and_its_history(run: Run, env: dict[str, str], db: Path, ref: str) -> None:
    assert run("log", "update", ref, "--status", "gestart", "--offer", "1", env=env).exit_code == 0
    other = logged_ref(run("match", EXAMPLE, "--log", env=env).output)
    result = run("log", "forget", ref, env=env)
    assert result.exit_code == 0 and ref in result.output
    assert rows(db, "SELECT ref FROM referral") == [(other,)]
    assert rows(db, f"SELECT count(*) FROM shown WHERE ref = '{ref}'") == [(0,)]
    assert rows(db, "SELECT count(*) FROM event") == [(0,)]
    again = run("log", "forget", ref, env=env)
    assert again.exit_code == 2


def test_purge_and_the_default_retention_on_write(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db.parent.mkdir()
    day = dt.date(2026, 1, 5)
    with ReferralLog.open(db, create=True) as log:
        old = log.record(entry(day), today=day)
        kept = log.record(entry(day), today=day)
        log.update(kept, status="wachtlijst", day=day + dt.timedelta(days=200), today=day + dt.timedelta(days=200))
        recent = log.record(entry(day + dt.timedelta(days=300)), today=day + dt.timedelta(days=300))
        # purge counts from the last activity: the advice, or an outcome written down
        assert log.purge(250, today=day + dt.timedelta(days=300)) == 1
        assert {h.ref for h in log.histories()} == {kept, recent}
        # a write applies the default retention (365 days) by itself
        later = day + dt.timedelta(days=200 + rl.DEFAULT_RETENTION_DAYS + 1)
        new = log.record(entry(later), today=later)
        assert {h.ref for h in log.histories()} == {recent, new}
        monkeypatch.setenv("REFERRAL_LOG_RETENTION_DAYS", "30")
        log.record(entry(later + dt.timedelta(days=31)), today=later + dt.timedelta(days=31))
        assert new not in {h.ref for h in log.histories()}
    assert old not in {r[0] for r in rows(db, "SELECT ref FROM referral")}


def test_purge_from_the_command_line(run: Run, env: dict[str, str], db: Path, ref: str) -> None:
    result = run("log", "purge", "--older-than", "1", env=env)
    assert result.exit_code == 0 and "0 verwijzingen" in result.output
    assert rows(db, "SELECT ref FROM referral") == [(ref,)]
    bad = run("log", "purge", "--older-than", "0", env=env)
    assert bad.exit_code == 2


def test_export_csv_and_json(run: Run, env: dict[str, str], ref: str, tmp_path: Path) -> None:
    assert run("log", "update", ref, "--status", "gestart", "--offer", "2", env=env).exit_code == 0
    table = list(csv.DictReader(io.StringIO(run("log", "export", "--format", "csv", env=env).stdout)))
    assert [row["rank"] for row in table] == ["1", "2", "3"] and {row["ref"] for row in table} == {ref}
    assert table[1]["status"] == "gestart" and table[1]["started_day"] == today().isoformat()
    assert "age" not in table[0] and table[0]["age_band"] == "75+"
    document = json.loads(run("log", "export", "--format", "json", env=env).stdout)
    (referral,) = document["referrals"]
    assert referral["ref"] == ref and [e["status"] for e in referral["events"]] == ["gestart"]
    target = tmp_path / "export.json"
    assert run("log", "export", "--format", "json", "--output", str(target), env=env).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8")) == document
    assert run("log", "export", "--output", str(target), env=env).exit_code == 2  # exists: --force


def test_backup_is_a_consistent_copy(run: Run, env: dict[str, str], ref: str, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    result = run("log", "backup", str(copy), env=env)
    assert result.exit_code == 0, result.output
    assert rows(copy, "SELECT ref FROM referral") == [(ref,)]
    assert rows(copy, "PRAGMA integrity_check") == [("ok",)]
    assert rows(copy, "PRAGMA user_version") == [(rl.SCHEMA_VERSION,)]
    again = run("log", "backup", str(copy), env=env)
    assert again.exit_code == 2 and "--force" in again.stderr
    assert run("log", "backup", str(copy), "--force", env=env).exit_code == 0


# --- (3) real processes: concurrent writers, a writer killed mid-write ----------------------------

WRITER = """
import datetime as dt, os, sys, time
from pathlib import Path
from referral.app.referral_log import Entry, ReferralLog, ShownOffer
db, go, count = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
day = dt.date.today()
offers = tuple(ShownOffer("person", r, f"offer-{r}", "Org", ("bond",)) for r in (1, 2, 3))
while not go.exists():  # both writers start together
    time.sleep(0.001)
for _ in range(count):
    # a fresh connection per advice, as each `referral match --log` is its own process
    with ReferralLog.open(db, create=True) as log:
        ref = log.record(Entry(day, "sha256:" + "ab" * 32, "Oost", "18-24", "client", offers), today=day)
        log.update(ref, status="aangemeld", offer="2", day=day, today=day)
    print(ref, flush=True)
"""

KILLED_IN_A_TRANSACTION = """
import datetime as dt, os, signal, sys
from pathlib import Path
from referral.app import log_report
from referral.app import referral_log as rl
db = Path(sys.argv[1])
day = dt.date.today()
offers = tuple(rl.ShownOffer("person", r, f"offer-{r}", "Org", ("bond",)) for r in (1, 2, 3))
entry = rl.Entry(day, "sha256:" + "ab" * 32, "Oost", "18-24", "client", offers)
log = rl.ReferralLog.open(db, create=True)
print(log.record(entry, today=day), flush=True)
real = rl._insert_shown
def insert_then_die(connection, ref, rows):
    real(connection, ref, rows[:1])  # the referral row and one shown row are written, not committed
    os.kill(os.getpid(), signal.SIGKILL)
rl._insert_shown = insert_then_die
log.record(entry, today=day)
print("not reached", flush=True)
"""

needs_processes = pytest.mark.skipif(not hasattr(__import__("signal"), "SIGKILL"), reason="needs SIGKILL")


def _consistent(db: Path) -> set[str]:
    """The file is sound: integrity, foreign keys, and every referral has all three shown offers."""
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    counts = rows(db, "SELECT r.ref, count(s.rank) FROM referral r LEFT JOIN shown s ON s.ref = r.ref GROUP BY r.ref")
    assert all(count == 3 for _, count in counts), counts
    return {str(ref) for ref, _ in counts}


@needs_processes
def test_two_processes_writing_at_once_lose_nothing(db: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    db.parent.mkdir()
    go = tmp_path / "go"
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    count = 60
    writers = [
        subprocess.Popen(
            [sys.executable, str(script), str(db), str(go), str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    go.touch()
    outputs = [writer.communicate(timeout=300) for writer in writers]
    for writer, (_, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
    printed = [set(out.split()) for out, _ in outputs]
    assert all(len(refs) == count for refs in printed)
    stored = _consistent(db)
    assert stored == printed[0] | printed[1] and len(stored) == 2 * count
    assert rows(db, "SELECT count(*), count(DISTINCT ref) FROM event") == [(2 * count, 2 * count)]


@needs_processes
def test_two_match_log_processes_at_once(run: Run, env: dict[str, str], db: Path) -> None:
    import os
    import subprocess
    import sys

    environment = {**os.environ, **env}
    command = [sys.executable, "-m", "referral", "match", EXAMPLE, "--top", "3", "--log", "--format", "json"]
    processes = [
        subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    refs = set()
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        refs.add(logged_ref(err))
    assert _consistent(db) == refs and len(refs) == 4


@needs_processes
def test_a_process_killed_inside_a_transaction_leaves_a_consistent_log(db: Path, tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    db.parent.mkdir()
    script = tmp_path / "killed.py"
    script.write_text(KILLED_IN_A_TRANSACTION, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(db)], capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    (first,) = done.stdout.split()
    assert _consistent(db) == {first}  # the half-written referral is gone, the committed one stays
    with ReferralLog.open(db, create=True) as log:  # the lock died with the process: writing goes on
        second = log.record(entry(today()), today=today())
    assert {r[0] for r in rows(db, "SELECT ref FROM referral")} == {first, second}


@needs_processes
def test_a_writer_killed_at_any_moment_keeps_every_committed_referral(db: Path, tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    db.parent.mkdir()
    go = tmp_path / "go"
    go.touch()
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    writer = subprocess.Popen(
        [sys.executable, str(script), str(db), str(go), "100000"], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    committed = [writer.stdout.readline().strip() for _ in range(25)]
    writer.send_signal(signal.SIGKILL)  # wherever it is: between writes, or inside one
    rest, _ = writer.communicate(timeout=60)
    committed += rest.split()
    assert writer.returncode == -signal.SIGKILL
    stored = _consistent(db)
    assert set(committed) <= stored and len(stored) - len(committed) <= 1  # at most the one not yet printed


OPENER = """
import sys, time
from pathlib import Path
from referral.app.referral_log import ReferralLog
db, go = Path(sys.argv[1]), Path(sys.argv[2])
while not go.exists():
    time.sleep(0.0005)
ReferralLog.open(db, create=True).close()
"""


@needs_processes
def test_processes_creating_a_new_log_at_once_all_succeed(tmp_path: Path) -> None:
    """The race of the first write: every process switches the new file to WAL and migrates it."""
    import subprocess
    import sys

    script = tmp_path / "opener.py"
    script.write_text(OPENER, encoding="utf-8")
    for round_ in range(3):
        db, go = tmp_path / f"new-{round_}.sqlite", tmp_path / f"go-{round_}"
        openers = [
            subprocess.Popen([sys.executable, str(script), str(db), str(go)], stderr=subprocess.PIPE, text=True)
            for _ in range(4)
        ]
        go.touch()
        for opener in openers:
            _, err = opener.communicate(timeout=120)
            assert opener.returncode == 0, err
        assert rows(db, "PRAGMA user_version") == [(rl.SCHEMA_VERSION,)]
        assert rows(db, "PRAGMA journal_mode") == [("wal",)]


# --- (4) the report: figures for the network, small cells suppressed ------------------------------

BASE = dt.date(2026, 9, 1)


def seeded(db: Path, wijken: dict[str, int], *, offers: tuple[str, ...] = ("maatje",)) -> dict[str, list[str]]:
    """Referrals per wijk on BASE, each showing `offers`; the references per wijk."""
    db.parent.mkdir(exist_ok=True)
    refs: dict[str, list[str]] = {}
    with ReferralLog.open(db, create=True) as log:
        for wijk, count in wijken.items():
            for _ in range(count):
                refs.setdefault(wijk, []).append(log.record(entry(BASE, wijk=wijk, offers=offers), today=BASE))
    return refs


def histories(db: Path) -> list[rl.History]:
    with ReferralLog.open(db, create=False) as log:
        return log.histories()


def test_report_figures_per_offer(db: Path) -> None:
    refs = seeded(db, {"Overvecht": 6}, offers=("maatje", "groep"))["Overvecht"]
    later = BASE + dt.timedelta(days=30)
    with ReferralLog.open(db, create=False) as log:
        for ref, days in zip(refs[:3], (4, 10, 7), strict=True):
            log.update(ref, status="aangemeld", offer="maatje", day=BASE, today=later)
            log.update(ref, status="gestart", offer="maatje", day=BASE + dt.timedelta(days=days), today=later)
        log.update(refs[3], status="wachtlijst", offer="maatje", day=BASE, today=later)
        log.update(refs[4], status="afgewezen", reason="vol", offer="maatje", day=BASE, today=later)
        log.update(refs[5], status="afgewezen", reason="past-niet", offer="groep", day=BASE, today=later)
    report = log_report.build(histories(db), today=later)
    by_offer = {row.key: row.figures for row in report.tables[0].rows}
    maatje = by_offer["maatje"]
    assert (maatje.referrals, maatje.with_outcome, maatje.started) == (6, 5, 3)
    assert maatje.share_started == pytest.approx(0.6) and maatje.median_days_to_start == 7
    assert (maatje.waitlist, maatje.refused, maatje.refused_full) == (1, 1, 1)
    groep = by_offer["groep"]
    assert (groep.with_outcome, groep.started, groep.refused, groep.refused_full) == (1, 0, 1, 0)
    assert groep.share_started == 0 and groep.median_days_to_start is None


def test_small_cells_are_hidden_and_cannot_be_worked_out(db: Path) -> None:
    seeded(db, {"Overvecht": 7, "Zuid": 6, "West": 2, "Oost": 1})
    wijk = log_report.build(histories(db), today=BASE).tables[2]
    assert wijk.dimension == "wijk"
    # West and Oost (3 together) are too small even together: the smallest shown row, Zuid, joins them
    assert [row.key for row in wijk.rows] == ["Overvecht"]
    assert wijk.hidden_rows == 3 and wijk.other is not None and wijk.other.referrals == 9
    larger = log_report.build(histories(db), today=BASE, min_cell=8).tables[2]
    assert larger.rows == () and larger.other is not None and larger.other.referrals == 16


def test_a_period_with_too_few_referrals_has_no_figures(db: Path, run: Run) -> None:
    seeded(db, {"Overvecht": 4})
    report = log_report.build(histories(db), today=BASE)
    assert report.suppressed and report.tables == ()
    result = run("log", "report", "--db", str(db))
    assert result.exit_code == 0 and "minder dan 5 verwijzingen" in result.output
    assert "Overvecht" not in result.output
    assert "Overvecht" in run("log", "report", "--db", str(db), "--min-cell", "4").output
    assert "Overvecht" in run("log", "report", "--db", str(db), env={"REFERRAL_LOG_MIN_CELL": "2"}).output


def test_the_period_filters_by_the_day_of_the_advice(db: Path, run: Run) -> None:
    seeded(db, {"Overvecht": 5})
    with ReferralLog.open(db, create=False) as log:
        for _ in range(5):
            log.record(entry(BASE + dt.timedelta(days=40), wijk="Zuid"), today=BASE + dt.timedelta(days=40))
    september = log_report.build(histories(db), today=BASE, start=BASE, end=BASE + dt.timedelta(days=29)).tables[2]
    assert [row.key for row in september.rows] == ["Overvecht"]
    result = run("log", "report", "--db", str(db), "--from", "2026-10-01", "--to", "2026-10-31")
    assert result.exit_code == 0 and "Zuid" in result.output and "Overvecht" not in result.output
    bad = run("log", "report", "--db", str(db), "--from", "1 oktober")
    assert bad.exit_code == 2 and "JJJJ-MM-DD" in bad.stderr


def test_follow_up_lists_open_referrals_with_no_news_for_n_weeks(db: Path) -> None:
    refs = seeded(db, {"Overvecht": 4})["Overvecht"]
    with ReferralLog.open(db, create=False) as log:
        log.update(refs[1], status="gestart", offer="maatje", day=BASE, today=BASE)  # final: no call
        log.update(refs[2], status="wachtlijst", offer="maatje", day=BASE, today=BASE)  # open: call
        news = BASE + dt.timedelta(days=25)
        log.update(refs[3], status="aangemeld", offer="maatje", day=news, today=news)  # recent news
    report = log_report.build(histories(db), today=BASE + dt.timedelta(days=28), weeks=4)
    assert [(f.ref, f.status) for f in report.follow_up] == sorted([(refs[0], None), (refs[2], "wachtlijst")])
    assert all(f.days_quiet == 28 for f in report.follow_up)


def test_report_html_is_a_sound_page_without_the_hidden_cells(db: Path, run: Run, tmp_path: Path) -> None:
    from html.parser import HTMLParser

    seeded(db, {"Overvecht": 7, "Zuid": 6, "West": 2, "Oost": 1})
    page = tmp_path / "rapport.html"
    result = run("--lang", "en", "log", "report", "--db", str(db), "--export", "html", str(page))
    assert result.exit_code == 0, result.output
    assert "Per kind of help" in result.output
    text = page.read_text(encoding="utf-8")

    class Checker(HTMLParser):
        VOID = frozenset({"meta", "br", "img", "rect", "link"})

        def __init__(self) -> None:
            super().__init__()
            self.open: list[str] = []
            self.seen: set[str] = set()

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.seen.add(tag)
            if tag not in self.VOID:
                self.open.append(tag)

        def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.seen.add(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.open and self.open[-1] == tag, (tag, self.open[-4:])
            self.open.pop()

    checker = Checker()
    checker.feed(text)
    assert checker.open == [] and {"table", "svg", "rect", "h2"} <= checker.seen
    assert "<script" not in text and "http" not in text.replace("http://www.w3.org/2000/svg", "")
    for hidden in ("Zuid", "West", "Oost"):
        assert hidden not in text
    assert "Overvecht" in text and text.count("<h2>") == 5
    again = run("log", "report", "--db", str(db), "--export", "html", str(page))
    assert again.exit_code == 2 and "--force" in again.stderr


def test_forget_leaves_nothing_of_the_referral_in_the_files(db: Path) -> None:
    db.parent.mkdir()
    with ReferralLog.open(db, create=True) as log:
        ref = log.record(entry(today(), offers=("zeer-herkenbaar-aanbod",)), today=today())
        keep = log.record(entry(today()), today=today())
        log.forget(ref)
        wal = db.parent / "log.sqlite-wal"
        stored = db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
        assert ref.encode() not in stored and b"zeer-herkenbaar-aanbod" not in stored
        assert keep.encode() in stored


# --- the intake's closing question ---------------------------------------------------------------

INTAKE = "\n" * 6 + "quick\nsocial\nvery severe\n" + "\n" * 4 + "\n"  # the questions, then the summary


@pytest.mark.parametrize(("answer", "recorded"), [("j\n", True), ("\n", False), ("nee\n", False), ("", False)])
def test_the_intake_asks_at_the_end_whether_to_log(
    run: Run, env: dict[str, str], db: Path, answer: str, recorded: bool
) -> None:
    # after the advice: 'why not?' (Enter), save (Enter), Markdown (Enter), then the log question
    result = run("intake", "--log", input=INTAKE + "\n\n\n" + answer, env=env)
    assert result.exit_code == 0, result.output
    assert "verwijslog (alleen signalen" in result.output
    if recorded:
        ref = logged_ref(result.output)
        assert rows(db, "SELECT ref, day FROM referral") == [(ref, today().isoformat())]
        assert rows(db, "SELECT count(*) FROM shown") == [(3,)]  # the first three places were shown
    else:
        assert "Niet vastgelegd." in result.output and rows(db, "SELECT count(*) FROM referral") == [(0,)]


def test_the_intake_without_log_asks_nothing_and_stores_nothing(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run("intake", input=INTAKE + "\n\n\nj\n", env={"XDG_DATA_HOME": str(data)})
    assert result.exit_code == 0, result.output
    assert "verwijslog" not in result.output and not data.exists()


def test_the_file_accepts_every_status_and_reason_and_refuses_others(db: Path) -> None:
    db.parent.mkdir()
    with ReferralLog.open(db, create=True) as log:
        ref = log.record(entry(today()), today=today())
        for status in rl.STATUSES:
            log.update(ref, status=status, day=today(), today=today())
        for reason in rl.REASONS:
            log.update(ref, status="afgewezen", reason=reason, day=today(), today=today())
    assert rows(db, "SELECT count(*) FROM event") == [(len(rl.STATUSES) + len(rl.REASONS),)]
    with sqlite3.connect(db) as connection:
        for status, reason in (("klaar", None), ("gestart", "vol"), ("afgewezen", "boos")):
            with pytest.raises(sqlite3.IntegrityError):
                connection.execute(
                    "INSERT INTO event (ref, offer_id, status, reason, day, recorded) VALUES (?, 'maatje', ?, ?, "
                    "'2026-12-02', '2026-12-02')",
                    (ref, status, reason),
                )


# --- capacity from the log, shown with the advice (only with --log) -------------------------------


def test_recent_waiting_lists_and_full_reports_are_shown_with_a_logged_advice(
    run: Run, env: dict[str, str], ref: str
) -> None:
    assert run("log", "update", ref, "--status", "wachtlijst", "--offer", "1", env=env).exit_code == 0
    assert run("log", "update", ref, "--status", "afgewezen", "--reason", "vol", "--offer", "2", env=env).exit_code == 0
    first = json.loads(run("match", EXAMPLE, "--format", "json", "--top", "3", env=env).stdout)["referrals"]
    names = [item["offer"]["name"] for item in first]
    logged = run("match", EXAMPLE, "--top", "3", "--log", env=env)
    assert logged.exit_code == 0
    day = today().strftime("%d-%m")
    assert f"{names[0]}: wachtlijst gemeld op {day} (1×)" in logged.output
    assert f"{names[1]}: vol gemeld op {day} (1×)" in logged.output
    plain = run("match", EXAMPLE, "--top", "3", env=env)  # without --log: the advice as it always was
    assert "verwijslog" not in plain.output and "wachtlijst gemeld" not in plain.output
    as_json = run("match", EXAMPLE, "--format", "json", "--top", "3", "--log", env=env)
    assert "wachtlijst gemeld" not in as_json.output  # JSON stays the same document


def test_capacity_signals_look_back_a_limited_time(db: Path) -> None:
    db.parent.mkdir()
    old, recent = dt.date(2026, 6, 1), dt.date(2026, 9, 1)
    with ReferralLog.open(db, create=True) as log:
        for day in (old, recent, recent):
            ref = log.record(entry(day, offers=("maatje",)), today=day)
            log.update(ref, status="wachtlijst", day=day, today=day)
        found = rl.capacity_signals(log, ["maatje", "groep"], recent - dt.timedelta(days=rl.CAPACITY_DAYS))
    assert found == (rl.CapacitySignal("maatje", "wachtlijst", recent, 2),)
