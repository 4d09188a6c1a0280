"""Sphinx configuration of the reader. The corpus lives in ../corpus; docs/articles links to it.

The extension brings its own MyST settings, stylesheets, templates and LaTeX macros
(glossator.sphinxext.settings and .latexlayout): what is here is this reader's own.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))  # the reader builds from a checkout even before install

# {years}: the span of the articles' dates, filled in from the corpus (sphinxext/corpusfacts.py).
project = "Russia and North Korea, {years}: An Annotated Reader"
author = "The Glossator editors"
copyright = "2026, the Glossator editors; the articles remain their authors’ and publishers’"
language = "en"
version = release = "2026.1"

extensions = ["glossator.sphinxext"]  # loads myst_parser and sphinx_design itself
glossator_root = ".."
glossator_bibliography = "bibliography"

nitpicky = True
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
html_static_path = ["_static"]
# The published reader's address. `make lms` links the course cartridge and the syllabus to it
# and refuses without it (or GLOSSATOR_BASEURL in the environment). Set it when you publish:
# html_baseurl = "https://example.org/reader/"

# -- HTML --------------------------------------------------------------------------------
# Furo, pinned in pyproject.toml: 321 KiB for an article page where sphinx-book-theme 1.4 with
# pydata-sphinx-theme 0.20 made 730 KiB, and its phone menu worked (the book theme's did not);
# the figures are in docs/contributing/architecture.md. glossator.sphinxext.layout makes its
# drawer toggles real buttons and shows the notes beside the text.
html_theme = "furo"
html_title = "Russia and North Korea: An Annotated Reader"
html_theme_options = {
    # No "view source" or "edit" buttons: the sources are not copied (html_copy_source).
    "top_of_page_buttons": [],
}

# -- Tooltips (glossator.sphinxext.tips): terms, citations and paragraph links preview in place;
# tippy.js and popper ship with the extension, so no page loads anything from a CDN.
glossator_tips_props = {"placement": "bottom-start", "maxWidth": 520, "delay": [150, 50]}
html_last_updated_fmt = None
html_search_scorer = str(Path(__file__).parent / "_static" / "search-scorer.js")
html_copy_source = False
html_show_sourcelink = False

# -- LaTeX / PDF -------------------------------------------------------------------------
latex_engine = "xelatex"
latex_documents = [("index", "glossator-reader.tex", project, author, "manual")]
latex_show_urls = "footnote"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # One-sided: a chapter starts on the next page, not the next right-hand one, so no blank
    # pages between chapters (the reader is printed or read on screen, not bound).
    "extraclassoptions": "oneside",
    "fontpkg": r"""
\setmainfont{Noto Serif}
\setsansfont{Noto Sans}
\setmonofont{Noto Sans Mono CJK SC}
""",
    # The assignment handouts (glossator_handout_pdfs) have no sections: only the reader
    # itself gets a table of contents.
    "tableofcontents": r"""\begingroup\edef\x{\jobname}\edef\y{\detokenize{glossator-reader}}%
\ifx\x\y\endgroup\sphinxtableofcontents\else\endgroup\fi""",
    # Glossator's own preamble (¶ numbers, CJK names, breaking URLs, the index in the body
    # font) comes first, from glossator.sphinxext.latexlayout; this is added after it.
    "preamble": r"""
% Sphinx names the contents after the first toctree's caption ("Start here").
\addto\captionsenglish{\renewcommand{\contentsname}{Contents}}
% Running head of the reader: the book's title (no "Release ..." on every page); foot: chapter
% and page. The handouts (no chapters) keep Sphinx's page number alone.
\makeatletter
\@ifundefined{c@chapter}{}{%
\fancypagestyle{normal}{%
  \fancyhf{}%
  \fancyhead[R]{{\py@HeaderFamily\@title}}%
  \fancyfoot[L]{{\py@HeaderFamily\nouppercase{\leftmark}}}%
  \fancyfoot[R]{{\py@HeaderFamily\thepage}}%
  \renewcommand{\headrulewidth}{0.4pt}%
  \renewcommand{\footrulewidth}{0.4pt}}}
\makeatother
""",
}

# -- Link check: `make linkcheck`, weekly in CI, never on pull requests ---------------------
linkcheck_timeout = 30
linkcheck_retries = 3
linkcheck_workers = 5
linkcheck_rate_limit_timeout = 120.0  # on "429 Too Many Requests", back off up to two minutes
linkcheck_anchors = False  # news sites build their pages with scripts: anchors are not in the HTML
linkcheck_report_timeouts_as_broken = False
linkcheck_ignore = [r"^https?://(localhost|127\.0\.0\.1)[:/]"]

# -- EPUB --------------------------------------------------------------------------------
epub_title = project
# A name that does not change with the title's years, as the PDF's (latex_documents).
epub_basename = "glossator-reader"
epub_author = author
epub_publisher = "The Glossator project"
epub_description = (
    "Five analyses of relations between Russia and North Korea around the Kim–Putin summits of "
    "April 2019 and September 2023, word for word, with the editors' glossary, notes and links."
)
# dc:rights: the editors' apparatus is theirs; the articles stay their authors' and publishers'.
epub_copyright = ("© 2026 the Glossator editors (glossary, notes and apparatus). The articles "
                  "remain their authors’ and publishers’.")
epub_language = "en"
# epubcheck wants the NCX uid to equal the OPF identifier, and Sphinx writes epub_uid to the
# one and epub_identifier to the other; the uid must also be a valid XML id.
epub_scheme = "glossator"
epub_uid = epub_identifier = "glossator-russia-north-korea-reader-2026-1"
epub_show_urls = "no"
epub_exclude_files = ["search.html", ".buildinfo.bak"]
