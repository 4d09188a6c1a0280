"""Glossator: build annotated, checked teaching readers from seed texts with Sphinx and MyST."""

# The one place the version is written: pyproject.toml reads it (dynamic version), and the
# Sphinx extension reports it from setup().

__version__ = "0.1.0"
