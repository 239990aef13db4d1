"""Fault injection for `batch --workers`: real processes, killed and interrupted, in bounded time.

An out-of-memory kill of a worker must stop the batch with one message (never a hang), and
Ctrl-C or SIGTERM must stop it at once with exit 130: no traceback from any process, and the
output ends with a complete line.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

LINES = 400_000  # far more than the few seconds the test lets the batch run


@pytest.fixture(scope="module")
def population(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("faults") / "casussen.jsonl"
    wijken = ["West", "Overvecht", "Zuid", "Oost"]
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(LINES):
            handle.write(json.dumps({"age": 20 + i % 70, "wijk": wijken[i % 4], "loneliness": {"social": True}}) + "\n")
    return path


def start(population: Path, out: Path, env_dir: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "REFERRAL_CACHE_DIR": str(env_dir / "cache"),
        "REFERRAL_DATA_DIR": str(env_dir / "data"),
    }
    with open(out, "wb") as handle:
        return subprocess.Popen(
            [sys.executable, "-m", "referral", "batch", str(population), "--workers", "2"],
            stdout=handle,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,  # a process group of its own, as a terminal's Ctrl-C reaches it
        )


def wait_for_output(out: Path, process: subprocess.Popen[bytes], size: int = 200_000) -> None:
    """Until the batch has written some lines (the workers are busy then)."""
    deadline = time.monotonic() + 60
    while out.stat().st_size < size:
        assert process.poll() is None, process.stderr.read() if process.stderr else b""
        assert time.monotonic() < deadline, "the batch wrote nothing"
        time.sleep(0.05)


def workers_of(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)
    return [int(p) for p in found.stdout.split()]


def finish(process: subprocess.Popen[bytes]) -> tuple[int, str]:
    try:
        _, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:  # a hang is the failure this test exists for
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("the batch did not stop within 60 s")
    return process.returncode, err.decode("utf-8", errors="replace")


def complete_lines(out: Path) -> int:
    data = out.read_bytes()
    assert data.endswith(b"\n"), "the output ends in the middle of a line"
    lines = data.splitlines()
    for line in lines[-3:]:
        json.loads(line)
    return len(lines)


@pytest.mark.skipif(subprocess.run(["which", "pgrep"], capture_output=True).returncode != 0, reason="needs pgrep")
def test_a_killed_worker_stops_the_batch_with_one_message(population: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    process = start(population, out, tmp_path)
    wait_for_output(out, process)
    workers = workers_of(process.pid)
    assert workers, "no worker processes"
    os.kill(workers[0], signal.SIGKILL)  # as the out-of-memory killer does
    code, err = finish(process)
    assert code == 1
    assert "werkproces is onverwacht gestopt" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert 0 < complete_lines(out) < LINES


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_an_interrupt_stops_every_process_at_once(population: Path, tmp_path: Path, stop: signal.Signals) -> None:
    out = tmp_path / "out.jsonl"
    process = start(population, out, tmp_path)
    wait_for_output(out, process)
    workers = workers_of(process.pid)
    if stop == signal.SIGINT:
        os.killpg(process.pid, stop)  # the terminal sends Ctrl-C to the whole group
    else:
        os.kill(process.pid, stop)  # a service manager stops the main process
    code, err = finish(process)
    assert code == 130
    assert "Traceback" not in err and "ForkPoolWorker" not in err
    assert 0 < complete_lines(out) < LINES
    time.sleep(0.5)
    for pid in workers:  # no worker is left running
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
