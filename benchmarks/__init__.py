"""Benchmarks for `referral`: start-up, batch throughput, region-scale content, and a peer engine.

Run `python -m benchmarks` (see benchmarks/README.md). Timings are measured here only, never
asserted in tests: tests/test_benchmarks.py runs this code at a tiny size to keep it working.

The synthetic region and population are the tests' own generators (tests/synthetic_region.py,
tests/synthetic_population.py), so that the benchmarks measure the content the conformance tests
check; the tests never import the benchmarks (only tests/test_benchmarks.py, which runs them).
"""

import sys
from pathlib import Path

_TESTS = str(Path(__file__).resolve().parent.parent / "tests")
if _TESTS not in sys.path:
    sys.path.append(_TESTS)
