"""Benchmarks of the site: `make bench` (python -m bench.run)."""
