"""`referral lint` on one rule with a very wide `any` (issue 14): the cost per branch by size.

    python -m benchmarks.wide_any                 # 2,000 / 4,000 / 20,000 branches
    python -m benchmarks.wide_any --sizes 100 200 # other sizes

A maintainer who lists every postcode or age band of a region in one rule writes such an `any`;
lint checks each branch for being dead, which was quadratic. The rule is the shipped content plus
one rule: `household: single` and an `any` of age bands and wijken, most of them repeated, so
that most branches are dead (the most work per branch). Each size is run in a fresh process, and
the report gives seconds, milliseconds per branch and the ratio to the smallest size: near-linear
work shows as a ratio close to the ratio of sizes. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIJKEN = ("West", "Noordwest", "Overvecht", "Noordoost", "Oost", "Binnenstad", "Zuid", "Zuidwest")


def wide_rule(branches: int) -> str:
    """The YAML of a rules file holding one rule with an `any` of `branches` items."""
    lines = [
        "version: 1",
        "rules:",
        "  - id: breed",
        "    when:",
        "      all:",
        "        - {signal: household, in: [single]}",
        "        - any:",
    ]
    for i in range(branches):
        if i % 2 == 0:
            lines.append(f"            - {{signal: age, min: {i % 110}, max: {i % 110 + 3}}}")
        else:
            lines.append(f"            - {{signal: wijk, in: [{WIJKEN[i % len(WIJKEN)]}]}}")
    lines += [
        "    effect: {weight: 5, kinds: [meeting]}",
        "    because:",
        "      nl: Voor wie alleen woont, is er ontmoeten.",
        "      en: For people living alone there is meeting.",
        "    source:",
        "      - title: benchmark",
    ]
    return "\n".join(lines) + "\n"


def measure(branches: int, workdir: Path) -> float:
    """Seconds of one `referral lint` on the shipped content plus the wide rule."""
    content = workdir / f"wide-{branches}"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(ROOT / "rules", content / "rules")
    shutil.copytree(ROOT / "offers", content / "offers")
    (content / "rules" / "breed.yaml").write_text(wide_rule(branches), encoding="utf-8")
    env = {**os.environ, "REFERRAL_CACHE_DIR": str(workdir / "cache")}
    command = [sys.executable, "-m", "referral", "--rules", str(content / "rules"), "--offers", str(content / "offers")]
    start = time.perf_counter()
    done = subprocess.run([*command, "lint", "--today", "2026-12-03"], capture_output=True, env=env, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"lint failed at {branches} branches: {done.stderr.decode()[-400:]}")
    return seconds


def report(sizes: Sequence[int], workdir: Path) -> str:
    rows = [(size, measure(size, workdir)) for size in sizes]
    base_size, base = rows[0]
    lines = ["| branches | lint | per branch | time ratio | size ratio |", "|---|---|---|---|---|"]
    for size, seconds in rows:
        per_branch = seconds / size * 1000
        lines.append(
            f"| {size:,} | {seconds:.2f} s | {per_branch:.2f} ms | {seconds / base:.1f}x | {size / base_size:.0f}x |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000, 20000])
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        print(report(options.sizes, Path(scratch)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
