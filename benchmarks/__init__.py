"""Benchmarks of lagebericht (run with ``python3 tasks.py bench``; not part of the tests)."""
