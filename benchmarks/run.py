"""Measure start-up, batch throughput, region scale and the peer engine; print a Markdown report.

    python -m benchmarks                 # everything, at the sizes of the README (about 10 minutes)
    python -m benchmarks --quick         # smaller sizes, for a first look
    python -m benchmarks --only startup  # one part: startup, batch, region, scaling, peer, national
    python -m benchmarks --only national --baseline ../old   # national scale, older code interleaved

Every figure is measured here; nothing is asserted. Child processes run with bytecode caches
(as an installed tool has them) and with a private REFERRAL_CACHE_DIR; the machine is named in
the report. Wall times of commands are medians of runs measured side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
REFERRAL = [PYTHON, "-m", "referral"]
EXAMPLE = str(ROOT / "examples" / "weduwe-overvecht.yaml")

BASELINE = """import json, sys
out = sys.stdout.buffer
with open(sys.argv[1], "rb") as handle:
    for line in handle:
        out.write((json.dumps(json.loads(line)) + "\\n").encode())
"""


@dataclass
class Report:
    """Figures by section, in the order measured; rendered as Markdown and JSON."""

    sections: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)

    def add(self, section: str, name: str, value: str, raw: Any = None) -> None:
        self.sections.setdefault(section, []).append((name, value))
        self.data.setdefault(section, {})[name] = raw if raw is not None else value
        print(f"  {section}: {name}: {value}", file=sys.stderr, flush=True)

    def markdown(self) -> str:
        lines = []
        for section, rows in self.sections.items():
            lines += [f"### {section}", "", "| measure | value |", "|---|---|"]
            lines += [f"| {name} | {value} |" for name, value in rows]
            lines.append("")
        return "\n".join(lines)


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "cpu": model,
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def child_env(cache: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode caches present
    env["REFERRAL_CACHE_DIR"] = cache
    env.pop("REFERRAL_NO_CACHE", None)
    return env


@dataclass(frozen=True)
class Run:
    """One finished child process: wall time, peak memory (KiB), exit code, output size."""

    seconds: float
    max_rss_kib: int
    code: int
    output_bytes: int


TIME = "/usr/bin/time"  # GNU time: the peak memory of the command itself


def run(
    command: Sequence[str],
    env: dict[str, str],
    stdout: Any = subprocess.DEVNULL,
    stdin: Any = None,
    peak: bool = True,
) -> Run:
    """Run a command; wall time and its peak memory (GNU time where present, else wait4).

    wait4 alone would count what a child shares with this (large) process before it execs;
    GNU time forks from a small process, so its figure is the command's own. `peak=False` runs
    the command itself, without GNU time in between: for start-up times, where the extra exec
    would be a noticeable part of `python -c pass`.
    """
    peak_file = None
    if peak and os.path.exists(TIME):
        handle, peak_file = tempfile.mkstemp(suffix=".rss")
        os.close(handle)
        command = [TIME, "-f", "%M", "-o", peak_file, *command]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.DEVNULL, stdin=stdin, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    peak_kib = int(usage.ru_maxrss)
    if peak_file is not None:
        try:
            with open(peak_file, encoding="utf-8") as found:
                peak_kib = int(found.read().split()[-1])
        except (OSError, ValueError, IndexError):
            pass
        os.unlink(peak_file)
    size = 0
    if hasattr(stdout, "name") and isinstance(stdout.name, str) and os.path.isfile(stdout.name):
        size = os.path.getsize(stdout.name)
    return Run(seconds, peak_kib, process.returncode, size)


def side_by_side(commands: dict[str, Sequence[str]], env: dict[str, str], repeat: int) -> dict[str, float]:
    """Median wall time of each command (run as it is, no GNU time), the commands interleaved so
    that they share the conditions."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            times[name].append(run(command, env, peak=False).seconds)
    return {name: statistics.median(values) for name, values in times.items()}


def compile_bytecode() -> None:
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "referral")], check=False, stdout=subprocess.DEVNULL)


# --- 1. start-up ------------------------------------------------------------------------------


def startup(report: Report, cache: str, repeat: int = 10) -> None:
    compile_bytecode()
    env = child_env(cache)
    run([*REFERRAL, "match", EXAMPLE, "--format", "json"], env)  # fill the cache
    entry = [str(Path(PYTHON).with_name("referral"))] if Path(PYTHON).with_name("referral").exists() else REFERRAL
    medians = side_by_side(
        {
            "python -c pass": [PYTHON, "-c", "pass"],
            "match --format json": [*entry, "match", EXAMPLE, "--format", "json"],
            "match (rich)": [*entry, "match", EXAMPLE],
        },
        env,
        repeat,
    )
    base = medians["python -c pass"]
    for name, seconds in medians.items():
        report.add("start-up (city)", name, f"{seconds * 1000:.1f} ms ({seconds / base:.2f}x)", seconds / base)
    nocache = dict(env, REFERRAL_NO_CACHE="1")
    cold = side_by_side({"json, REFERRAL_NO_CACHE=1": [*entry, "match", EXAMPLE, "--format", "json"]}, nocache, 3)
    seconds = cold["json, REFERRAL_NO_CACHE=1"]
    report.add(
        "start-up (city)", "match --format json without cache", f"{seconds * 1000:.0f} ms ({seconds / base:.1f}x)"
    )


# --- 2. batch at city scale ------------------------------------------------------------------


def write_population(path: Path, ruleset: Any, count: int, seed: int = 2026) -> None:
    from synthetic_population import jsonl

    path.write_text(jsonl(ruleset, count, seed), encoding="utf-8")


def batch_throughput(
    report: Report, section: str, content: Sequence[str], population: Path, env: dict[str, str], workers: Iterable[int]
) -> dict[str, float]:
    """casussen/s of `referral batch` (output to /dev/null and to a file) against the json baseline."""
    with open(population, "rb") as handle:
        count = sum(1 for _ in handle)
    with tempfile.TemporaryDirectory() as scratch:
        script = Path(scratch) / "baseline.py"
        script.write_text(BASELINE, encoding="utf-8")
        base = statistics.median(run([PYTHON, str(script), str(population)], env).seconds for _ in range(3))
        report.add(section, "json read + re-write (baseline)", f"{base:.2f} s ({count / base:,.0f} lines/s)")
        run([*REFERRAL, *content, "batch", str(population), "--top", "10"], env)  # cache
        rates = {}
        outputs = {}
        for n in workers:
            with open(Path(scratch) / f"out{n}.jsonl", "wb") as out:
                to_file = run([*REFERRAL, *content, "batch", str(population), "--workers", str(n)], env, stdout=out)
            outputs[n] = (Path(scratch) / f"out{n}.jsonl").read_bytes()
            null = statistics.median(
                run([*REFERRAL, *content, "batch", str(population), "--workers", str(n)], env).seconds for _ in range(3)
            )
            rates[n] = count / null
            report.add(
                section,
                f"batch --workers {n} (to /dev/null)",
                f"{null:.2f} s, {count / null:,.0f} casussen/s, {null / base:.2f}x baseline",
                {"seconds": null, "rate": count / null, "ratio": null / base},
            )
            report.add(
                section,
                f"batch --workers {n} (to a file)",
                f"{to_file.seconds:.2f} s, {count / to_file.seconds:,.0f} casussen/s, "
                f"{to_file.output_bytes / count / 1024:.1f} KiB per line, peak {to_file.max_rss_kib / 1024:.0f} MiB",
            )
        first = outputs[min(outputs)]
        same = all(output == first for output in outputs.values())
        report.add(section, "output identical for every --workers", "yes" if same else "NO")
        # For scale: what merely reading and re-writing lines of the output's size costs with json.
        written = str(Path(scratch) / f"out{min(outputs)}.jsonl")
        rewrite = statistics.median(run([PYTHON, str(script), written], env).seconds for _ in range(3))
        report.add(
            section,
            "json read + re-write of the output lines",
            f"{rewrite:.2f} s ({rewrite / count * 1e6:.0f} µs per line); "
            f"batch --workers {min(rates)} takes {count / rates[min(rates)] / rewrite:.2f}x that",
            {"seconds": rewrite},
        )
    return rates


def city_batch(report: Report, cache: str, count: int) -> None:
    from referral.content.loading import load_ruleset, shipped_content

    env = child_env(cache)
    with tempfile.TemporaryDirectory() as scratch:
        population = Path(scratch) / "population.jsonl"
        write_population(population, load_ruleset(shipped_content()), count)
        report.add("batch (city, shipped content)", "casussen", f"{count:,}")
        batch_throughput(report, "batch (city, shipped content)", [], population, env, (1, 2))


# --- 3. region scale -------------------------------------------------------------------------


def region(report: Report, cache: str, workdir: Path, shape: Any, casussen: int, gaps: bool = True) -> None:
    from synthetic_region import generate

    section = f"region ({shape.offers:,} offers, {shape.rules:,} rules, {shape.areas} wijken)"
    env = child_env(cache)
    started = time.perf_counter()
    rules, offers = generate(workdir / "region", shape)
    report.add(section, "generate content", f"{time.perf_counter() - started:.1f} s")
    content = ["--rules", str(rules), "--offers", str(offers)]
    validated = run([*REFERRAL, *content, "validate"], env)
    report.add(
        section,
        "validate",
        f"{validated.seconds:.1f} s, peak {validated.max_rss_kib / 1024:.0f} MiB (exit {validated.code})",
    )
    from referral.app.session import Session

    casus = casus_file(workdir / "casus.json")
    os.environ["REFERRAL_CACHE_DIR"] = cache
    first = run([*REFERRAL, *content, "match", str(casus), "--format", "json"], env)
    report.add(
        section,
        "first match (load, validate, compile, cache)",
        f"{first.seconds:.1f} s, peak {first.max_rss_kib / 1024:.0f} MiB",
    )
    warm = side_by_side({"match": [*REFERRAL, *content, "match", str(casus), "--format", "json"]}, env, 5)["match"]
    peak = run([*REFERRAL, *content, "match", str(casus), "--format", "json"], env).max_rss_kib
    report.add(section, "match --format json, cached content", f"{warm * 1000:.0f} ms, peak {peak / 1024:.0f} MiB")
    session = Session.of(str(rules), str(offers))
    ruleset = session.ruleset
    latency = per_casus(session, 2000)
    report.add(section, "per casus in process (engine, JSON line)", f"{latency * 1e6:.0f} µs")
    views = per_casus_views(session, 400)
    for route, seconds in views.items():
        report.add(
            section,
            f"per casus in process ({route})",
            f"{seconds * 1e6:.0f} µs, {seconds / views['JSON line']:.2f}x the JSON line",
        )
    population = workdir / "region.jsonl"
    write_population(population, ruleset, casussen)
    report.add(section, "casussen", f"{casussen:,}")
    batch_throughput(report, section, content, population, env, (1, 2))
    if gaps:
        gaps_time(report, section, session)


def casus_file(path: Path) -> Path:
    path.write_text(
        json.dumps(
            {
                "age": 79,
                "wijk": "G03-W05",
                "household": "single",
                "loneliness": {"emotional": True, "social": True, "severity": "severe"},
                "life_events": ["bereavement"],
            }
        ),
        encoding="utf-8",
    )
    return path


def signals_of(session: Any, count: int, seed: int = 2026) -> list[Any]:
    """The casussen of a synthetic population as the reader has them (refused ones left out)."""
    from synthetic_population import population

    from referral.core.problems import ReferralError

    found = []
    for data in population(session.ruleset, count, seed):
        try:
            found.append(session.reader.read_mapping(data))
        except ReferralError:
            continue
    return found


def per_casus(session: Any, count: int) -> float:
    """Median seconds per casus of the engine: a read casus to its JSON line (decide, rank, write)."""
    import datetime as dt

    day = dt.date(2026, 12, 2)
    route = {"json": lambda casus: session.json_line(casus, day, "nl", 10)}
    return timed_routes(route, signals_of(session, count), chunk=100, warm=200)["json"]


def timed_routes(
    routes: dict[str, Callable[[Any], Any]], casussen: list[Any], chunk: int, warm: int
) -> dict[str, float]:
    """Median seconds per casus of each route, the routes taking turns chunk by chunk on the same
    casussen after `warm` of them warmed the memos (of the wijken, the renderers)."""
    for route in routes.values():
        for casus in casussen[:warm]:
            route(casus)
    samples: dict[str, list[float]] = {name: [] for name in routes}
    for start in range(0, len(casussen), chunk):
        part = casussen[start : start + chunk]
        for name, route in routes.items():
            began = time.perf_counter()
            for casus in part:
                route(casus)
            samples[name].append((time.perf_counter() - began) / max(len(part), 1))
    return {name: statistics.median(values) for name, values in samples.items()}


def per_casus_views(session: Any, count: int) -> dict[str, float]:
    """Median seconds per casus of the routes people read (issue 12: rich view and --explain
    within 2x the JSON route), measured interleaved on the same casussen: the JSON line; the
    decision those views are made from (the result with its reasons, from the same compiled
    program); the rich view rendered at 100 columns; the explanation of the first referral."""
    import datetime as dt
    import io

    from rich.console import Console

    from referral.engine.explanation import explain
    from referral.render.registry import render

    day = dt.date(2026, 12, 2)
    now = dt.datetime(2026, 12, 2, 10, 0)
    casussen = signals_of(session, count)

    def json_line(casus: Any) -> None:
        session.json_line(casus, day, "nl", 10)

    def decided(casus: Any) -> None:
        session.match(casus, day)

    def rich_view(casus: Any) -> None:
        result = session.match(casus, day)
        console = Console(file=io.StringIO(), width=100, color_system=None)
        console.print(render("match", "rich", result, now=now, lang="nl", top=10, writer=session.writer))

    def explained(casus: Any) -> None:
        result = session.match(casus, day)
        offer = result.referrals[0].offer.id if result.referrals else session.ruleset.offers[0].id
        console = Console(file=io.StringIO(), width=100, color_system=None)
        console.print(render("explain", "rich", explain(result, offer), lang="nl", writer=session.writer))

    routes = {
        "JSON line": json_line,
        "decision with reasons (rich view, --explain)": decided,
        "rich view, rendered": rich_view,
        "--explain, rendered": explained,
    }
    return timed_routes(routes, casussen, chunk=50, warm=50)


def gaps_time(report: Report, section: str, session: Any) -> None:
    """`referral gaps`: the need map (every wijk x group x need, each cell a match)."""
    try:
        from referral.analysis.gaps import need_map
    except ImportError:
        report.add(section, "gaps", "pending: referral.analysis.gaps not available")
        return
    import datetime as dt
    import tracemalloc

    day = dt.date(2026, 12, 2)

    def match(data: Any) -> Any:
        return session.match(session.reader.read_mapping(data), day)

    tracemalloc.start()
    began = time.perf_counter()
    found = need_map(session.ruleset, match, day)
    seconds = time.perf_counter() - began
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    report.add(
        section,
        "gaps (need map)",
        f"{seconds:.1f} s, {len(found.cells):,} cells, {len(found.gaps()):,} gaps, "
        f"peak {peak / 2**20:.0f} MiB (traced)",
    )


# --- 4. scaling curve ------------------------------------------------------------------------


def scaling(report: Report, cache: str, workdir: Path, sizes: Sequence[int], casussen: int, naive: int) -> None:
    """Per-casus cost as offers (and rules, twice as many) grow: the JSON line against the full
    MatchResult with its explanations (every offer's assessment, as `--explain` needs)."""
    import datetime as dt

    from synthetic_region import generate, scaled

    from referral.app.session import Session
    from referral.render.json_view import match_json

    os.environ["REFERRAL_CACHE_DIR"] = cache
    section = "scaling (rules = 2 x offers, about 17 offers per wijk)"
    day = dt.date(2026, 12, 2)
    for size in sizes:
        shape = scaled(size)
        rules, offers = generate(workdir / f"scale-{size}", shape)
        session = Session.of(str(rules), str(offers))
        compiled = per_casus(session, casussen)
        parsed = signals_of(session, naive * 2)[:naive]
        began = time.perf_counter()
        for casus in parsed:
            result = session.match(casus, day)
            match_json(result, "nl", 10, writer=session.writer)
            for item in result.ineligible:  # what an explanation reads
                item.failures  # noqa: B018 - computed on access
        full = (time.perf_counter() - began) / max(len(parsed), 1)
        report.add(
            section,
            f"{size:,} offers / {2 * size:,} rules / {shape.areas} wijken",
            f"JSON line {compiled * 1e6:.0f} µs, full result with every failure {full * 1e3:.1f} ms per casus",
            {"line_us": compiled * 1e6, "full_ms": full * 1e3},
        )


# --- 5. national scale ------------------------------------------------------------------------

NATIONAL_SIZES = (3750, 7500, 15000, 30000)  # 30,000 offers, 60,000 rules: every gemeente's social map


def national(
    report: Report,
    cache: str,
    workdir: Path,
    sizes: Sequence[int] = NATIONAL_SIZES,
    baseline: str | None = None,
) -> dict[str, dict[int, float]]:
    """validate, lint, gaps and a cached match as content grows to national scale (issue 12, 8).

    Each command is one child process, once per size (a cached match: the median of 3, after a
    run that fills the cache); gaps runs on a cold cache, so it loads, validates and compiles
    the content too, and once more on the warm cache (the need map and its layout). Every
    figure is also a ratio to the smallest size: 2x the content should take about 2x the time.
    With `baseline` (a source tree of the older code, put first on PYTHONPATH), the same
    commands of that code run interleaved with ours, each right before ours, so that both meet
    the same conditions; their figures are reported side by side.
    """
    from synthetic_region import generate, scaled

    section = "national scale (rules = 2 x offers, about 17 offers per wijk)"
    compile_bytecode()
    versions: dict[str, dict[str, str]] = {}
    if baseline is not None:
        subprocess.run(
            [PYTHON, "-m", "compileall", "-q", str(Path(baseline) / "referral")], check=False, stdout=subprocess.DEVNULL
        )
        # PYTHONSAFEPATH: `python -m` would otherwise put the working folder (this checkout)
        # before PYTHONPATH, and "before" would run our code.
        before = dict(child_env(cache + "-before"), PYTHONPATH=str(Path(baseline).resolve()), PYTHONSAFEPATH="1")
        versions["before"] = before
    versions["now"] = child_env(cache)
    casus = casus_file(workdir / "casus-national.json")
    seconds: dict[str, dict[int, float]] = {}
    for size in sizes:
        shape = scaled(size)
        started = time.perf_counter()
        rules, offers = generate(workdir / f"national-{size}", shape)
        report.add(
            section,
            f"{size:,} offers / {shape.rules:,} rules / {shape.areas:,} wijken: generate content",
            f"{time.perf_counter() - started:.1f} s",
        )
        content = ["--rules", str(rules), "--offers", str(offers)]
        commands = {
            "validate": [*REFERRAL, *content, "validate"],
            "lint": [*REFERRAL, *content, "lint", "--today", "2026-12-02"],
            "gaps (cold cache)": [*REFERRAL, *content, "gaps", "--now", "2026-12-02"],
        }
        match = [*REFERRAL, *content, "match", str(casus), "--format", "json", "--now", "2026-12-02"]
        for name, command in commands.items():
            for version, env in versions.items():
                if name.startswith("gaps"):
                    shutil.rmtree(env["REFERRAL_CACHE_DIR"], ignore_errors=True)
                done = run(command, env)
                _national_row(report, section, seconds, f"{name}, {version}", size, done.seconds, done)
        for env in versions.values():
            run(match, env)  # fills the cache (gaps did already; a no-op then)
        for version, env in versions.items():  # loading from the cache: the need map and its layout
            done = run(commands["gaps (cold cache)"], env)
            _national_row(report, section, seconds, f"gaps (warm cache), {version}", size, done.seconds, done)
        for version, env in versions.items():
            warm = side_by_side({"match": match}, env, 3)["match"]
            _national_row(report, section, seconds, f"match --format json (cached), {version}", size, warm, None)
    return seconds


def _national_row(
    report: Report,
    section: str,
    seconds: dict[str, dict[int, float]],
    name: str,
    size: int,
    value: float,
    done: Run | None,
) -> None:
    """One figure: seconds, the ratio to the smallest size measured, peak memory and exit code."""
    found = seconds.setdefault(name, {})
    found[size] = value
    smallest = min(found)
    text = f"{value:.2f} s ({value / found[smallest]:.2f}x {smallest:,} offers)"
    if done is not None:
        text += f", peak {done.max_rss_kib / 1024:.0f} MiB, exit {done.code}"
    report.add(section, f"{size:,} offers: {name}", text, {"seconds": value, "ratio": value / found[smallest]})


# --- 6. the peer engine ----------------------------------------------------------------------


def peer(report: Report, cache: str, workdir: Path, shapes: Sequence[Any], casussen: int) -> None:
    try:
        import zen  # noqa: F401
    except ImportError:
        report.add("peer: GoRules ZEN", "zen-engine", "not installed (pip install -e '.[bench]'): skipped")
        return
    import datetime as dt

    from synthetic_region import generate

    from benchmarks.zen_peer import ZenRanker, our_ranking
    from referral.app.session import Session

    os.environ["REFERRAL_CACHE_DIR"] = cache
    day = dt.date(2026, 12, 2)
    for shape in shapes:
        shape = shape.table()  # only what a decision table row can hold
        section = f"peer: GoRules ZEN ({shape.offers:,} offers, {shape.rules:,} rules)"
        rules, offers = generate(workdir / f"peer-{shape.offers}", shape)
        session = Session.of(str(rules), str(offers))
        ruleset = session.ruleset
        signals = [casus.signals for casus in signals_of(session, casussen)]
        began = time.perf_counter()
        ranker = ZenRanker(ruleset, day)
        report.add(section, "ZEN: compile the decision", f"{time.perf_counter() - began:.2f} s")
        began = time.perf_counter()
        theirs = [ranker.rank(item) for item in signals]
        zen_rate = len(signals) / (time.perf_counter() - began)
        began = time.perf_counter()
        ours = [our_ranking(ruleset, item, session.program, day) for item in signals]
        our_rate = len(signals) / (time.perf_counter() - began)
        began = time.perf_counter()
        for casus in signals_of(session, casussen):
            session.json_line(casus, day, "nl", 10)
        line_rate = len(signals) / (time.perf_counter() - began)
        same = sum(1 for a, b in zip(theirs, ours, strict=True) if a == b)
        report.add(section, "identical rankings", f"{same} of {len(signals)}")
        report.add(section, "ZEN (Python binding), ranking", f"{zen_rate:,.0f} casussen/s")
        report.add(section, "referral engine, ranking", f"{our_rate:,.0f} casussen/s")
        report.add(section, "referral engine, read + ranking + reasons as JSON", f"{line_rate:,.0f} casussen/s")


# --- main ------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    from synthetic_region import RegionShape

    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    parser.add_argument(
        "--only", choices=("startup", "batch", "region", "scaling", "peer", "national"), action="append"
    )
    parser.add_argument(
        "--national-sizes",
        metavar="N,N,...",
        help=f"offer counts of the national curve (default: {','.join(map(str, NATIONAL_SIZES))})",
    )
    parser.add_argument(
        "--baseline",
        metavar="SRC",
        help="national: also run the code of this source tree (e.g. a worktree of an older commit), interleaved",
    )
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    parser.add_argument("--workdir", metavar="DIR", help="keep generated content here (default: a temp folder)")
    args = parser.parse_args(argv)
    parts = set(args.only or ("startup", "batch", "region", "scaling", "peer", "national"))
    quick = args.quick
    report = Report()
    info = machine()
    print(f"machine: {info}", file=sys.stderr)
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(args.workdir or scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        cache = str(workdir / "cache")
        if "startup" in parts:
            startup(report, cache)
        if "batch" in parts:
            city_batch(report, cache, 20_000 if quick else 100_000)
        if "region" in parts:
            shape = RegionShape(offers=1000, rules=2000) if quick else RegionShape()
            region(report, cache, workdir, shape, 5_000 if quick else 50_000)
        if "scaling" in parts:
            sizes = (100, 1000) if quick else (100, 300, 1000, 3000, 10000)
            scaling(report, cache, workdir, sizes, 1000 if quick else 3000, 20 if quick else 50)
        if "peer" in parts:
            shapes = [RegionShape(offers=60, rules=120, areas=10, per_gemeente=5)]
            if not quick:
                shapes.append(RegionShape(offers=1000, rules=2000))
            peer(report, cache, workdir, shapes, 2000 if quick else 5000)
        if "national" in parts:
            if args.national_sizes:
                sizes = tuple(int(n) for n in args.national_sizes.split(","))
            else:
                sizes = (1000, 2000) if quick else NATIONAL_SIZES
            national(report, cache, workdir, sizes, args.baseline)
    text = f"Machine: {info['cpu']}, {info['cores']} cores, Python {info['python']} ({info['platform']}).\n\n"
    text += report.markdown()
    print(text)
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": info, "figures": report.data}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
