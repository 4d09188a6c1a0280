"""Glossator: build annotated, checked teaching readers from seed texts with Sphinx and MyST."""

__version__ = "0.1.0"
