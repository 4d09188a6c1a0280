"""A small reader in the real theme (Furo, with Glossator's notes), for tests/test_output_fidelity.py."""

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
html_theme = "furo"
latex_documents = [("index", "fidelity.tex", project, author, "manual")]
epub_uid = epub_identifier = "glossator-fidelity-test"
epub_scheme = "glossator"
copyright = "2026, the tests"
version = release = "1"
latex_engine = "xelatex"
# As in the reader's docs/conf.py: fonts from Debian's fonts-noto (the ¶ numbers' macro comes
# with the extension).
latex_elements = {
    "fontpkg": r"""
\setmainfont{Noto Serif}
\setsansfont{Noto Sans}
\setmonofont{Noto Sans Mono CJK SC}
""",
}
