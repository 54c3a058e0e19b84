"""Benchmarks: plain scripts run with ``python -m tests.benchmarks.<name>``, not collected by pytest."""
