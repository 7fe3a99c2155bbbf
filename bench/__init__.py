"""Benchmarks: speed, load and accuracy figures, each beside a baseline run in the same process."""
