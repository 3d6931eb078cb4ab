"""Benchmarks (`make bench`) and the synthetic data they run on. Never
imported by the library or the CLI.

May import: every subpackage below the command layer."""
