"""The `referral log` commands without click: open the log, do one thing, say what was done."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from referral.app.referral_log import (
    ReferralLog,
    db_path,
    normalise_ref,
    parse_day,
    parse_reason,
    parse_status,
)
from referral.app.support import Settings, console, echo
from referral.core.i18n import translate


def _today() -> dt.date:
    from referral.core.schedule import today

    return today()


def update_ref(
    settings: Settings,
    db: str | None,
    ref_text: str,
    *,
    status: str,
    reason: str | None,
    offer: str | None,
    day: str | None,
) -> None:
    """Every input is checked (closed lists, a date, a reference) before the log is opened."""
    ref = normalise_ref(ref_text)
    chosen = parse_status(status)
    why = parse_reason(reason) if reason is not None else None
    today = _today()
    when = parse_day(day) if day is not None else today
    with ReferralLog.open(db_path(db), create=False) as log:
        event = log.update(ref, status=chosen, offer=offer, reason=why, day=when, today=today)
    status_text = translate(f"log.status.{event.status}", settings.lang)
    echo(translate("log.updated", settings.lang, ref=ref, offer=event.offer_id, status=status_text))


def show_ref(settings: Settings, db: str | None, ref_text: str) -> None:
    from referral.render.log_view import render_history

    ref = normalise_ref(ref_text)
    with ReferralLog.open(db_path(db), create=False) as log:
        history = log.history(ref)
    console().print(render_history(history, settings.lang))


def forget_ref(settings: Settings, db: str | None, ref_text: str) -> None:
    ref = normalise_ref(ref_text)
    with ReferralLog.open(db_path(db), create=False) as log:
        log.forget(ref)
    echo(translate("log.forgotten", settings.lang, ref=ref))


def purge_log(settings: Settings, db: str | None, days: int) -> None:
    with ReferralLog.open(db_path(db), create=False) as log:
        count = log.purge(days, today=_today())
    echo(translate("log.purged", settings.lang, count=count, days=days))


def export_log(settings: Settings, db: str | None, fmt: str, output: str | None, force: bool) -> None:
    from referral.render.log_view import export_csv, export_json

    if output is not None:
        from referral.core.safe_write import check_target

        check_target(Path(output), force=force)
    with ReferralLog.open(db_path(db), create=False) as log:
        histories = log.histories()
    text = export_csv(histories) if fmt == "csv" else export_json(histories)
    if output is None:
        echo(text, newline=False)
        return
    from referral.core.safe_write import write_text_atomic

    write_text_atomic(Path(output), text, force=force, private=True)  # row by row: kept private
    echo(translate("log.exported", settings.lang, count=len(histories), path=output), err=True)


def backup_log(settings: Settings, db: str | None, file: str, force: bool) -> None:
    with ReferralLog.open(db_path(db), create=False) as log:
        log.backup(Path(file), force=force)
    echo(translate("log.backed_up", settings.lang, path=file))


def report_log(
    settings: Settings,
    db: str | None,
    *,
    start: str | None,
    end: str | None,
    min_cell: int,
    weeks: int,
    export: tuple[str, str] | None,
    force: bool,
) -> None:
    """The report on the terminal, and as HTML when asked; the target is checked before any work."""
    from referral.app.log_report import build
    from referral.render.log_report_view import render_report, report_html

    first = parse_day(start) if start is not None else None
    last = parse_day(end) if end is not None else None
    if export is not None:
        from referral.core.safe_write import check_target

        check_target(Path(export[1]), force=force)
    with ReferralLog.open(db_path(db), create=False) as log:
        histories = log.histories(first, last)
    report = build(histories, today=_today(), start=first, end=last, min_cell=min_cell, weeks=weeks)
    console().print(render_report(report, settings.lang), crop=False)
    if export is not None:
        from referral.core.safe_write import write_text_atomic

        write_text_atomic(Path(export[1]), report_html(report, settings.lang), force=force)
        echo(translate("log.report.exported", settings.lang, path=export[1]), err=True)
