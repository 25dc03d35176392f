"""Benchmarks of tingbot against a bare python-telegram-bot baseline (see bench/README.md)."""
