"""The collector is paused (and the graph frozen) only where a process runs one command."""

from __future__ import annotations

import gc

import pytest

from referral.core import gc_pause


def test_outside_a_one_command_process_the_command_keeps_the_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gc_pause, "_ONE_COMMAND", [False])
    frozen = gc.get_freeze_count()
    with gc_pause.paused_for_the_command():
        assert gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    with gc_pause.paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_in_a_one_command_process_the_command_runs_paused_and_keeps_its_graph(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gc_pause, "_ONE_COMMAND", [True])
    try:
        with pytest.raises(SystemExit), gc_pause.paused_for_the_command():
            assert not gc.isenabled()
            kept = [[] for _ in range(1000)]
            raise SystemExit(1)  # as a command ends
        assert gc.isenabled() and gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()
