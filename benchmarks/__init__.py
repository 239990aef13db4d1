"""Benchmarks for `referral`: start-up, batch throughput, region-scale content, and a peer engine.

Run `python -m benchmarks` (see benchmarks/README.md). Timings are measured here only, never
asserted in tests: tests/test_benchmarks.py runs this code at a tiny size to keep it working.
"""
