"""The smallest reader: the extension alone, an empty corpus (tests/test_minimal.py)."""

project = "Minimal reader"
author = "The tests"
extensions = ["glossator.sphinxext"]
