"""A second, tiny reader (two public-domain texts) that knows nothing of the first: it proves
the generic path of Glossator, and its own vocabulary table (corpus/glossator.yml)."""

from glossator.markdown import MYST_EXTENSIONS

project = "A second reader"
author = "The tests"
extensions = ["myst_parser", "sphinx_design", "glossator.sphinxext"]
glossator_root = ".."
myst_enable_extensions = MYST_EXTENSIONS
myst_footnote_transition = False
smartquotes = False
nitpicky = True
exclude_patterns = ["_build"]
# Furo, as this reader uses: with alabaster the passage search finds nothing (search.js needs
# searchtools.js, which the search template of alabaster does not load; see the report of #14).
html_theme = "furo"
latex_documents = [("index", "second-reader.tex", project, author, "manual")]
epub_uid = epub_identifier = "glossator-second-reader"
epub_scheme = "glossator"
copyright = "2026, the tests"
version = release = "1"
