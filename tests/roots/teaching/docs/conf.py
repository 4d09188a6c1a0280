"""A small reader with every teaching page, for tests/test_teaching.py."""

from glossator.markdown import MYST_EXTENSIONS

project = "Teaching test reader"
author = "The tests"
extensions = ["myst_parser", "sphinx_design", "glossator.sphinxext"]
glossator_root = ".."
myst_enable_extensions = MYST_EXTENSIONS
myst_footnote_transition = False
smartquotes = False
nitpicky = True
exclude_patterns = ["_build"]
html_theme = "alabaster"
latex_documents = [("index", "teaching.tex", project, author, "manual")]
epub_uid = epub_identifier = "glossator-teaching-test"
epub_scheme = "glossator"
copyright = "2026, the tests"
version = release = "1"
