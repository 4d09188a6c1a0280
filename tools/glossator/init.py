"""``glossator init DIR``: a new, empty reader that builds and checks clean from the start.

It writes the folders an editor fills (``corpus/``, ``seeds/``), the Sphinx project (``docs/``:
configuration, landing page, about page and the reference pages, each one directive), the
``Makefile`` (setup, check, html, pdf, epub, test), a README, CI (``.ci/run`` and a GitHub
workflow), ``.gitignore``, ``requirements.txt`` (which Glossator to install) and a small test
of its own. Nothing in it is about any subject: the answers to four questions (title, editors,
language, licence) are the only content, and every later step happens in ``corpus/`` and
``seeds/`` (docs/contributing/start-a-reader.md).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import sys
from pathlib import Path

from . import __version__

LANGUAGE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")  # a BCP 47 tag, as Sphinx takes it
MAX_ANSWER = 200
DEFAULTS = {"editors": "The editors", "language": "en", "licence": "CC BY 4.0"}
QUESTIONS = {
    "title": "Title of the reader",
    "editors": "Editors (as they should be credited)",
    "language": "Language of the texts (BCP 47 tag, e.g. en, fr, de)",
    "licence": "Licence of the editors' notes and glossary",
}


class InitError(Exception):
    """A usage problem: printed as ``glossator: error: …``, exit status 2."""


def default_spec() -> str:
    """Which Glossator the new reader installs: this checkout (editable, so an install leaves
    no build/ in it) when Glossator runs from one, else this version from the package index."""
    checkout = Path(__file__).resolve().parent.parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "tools" / "glossator" / "__init__.py").is_file():
        return f"-e {checkout}"
    return f"glossator=={__version__}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "reader"


def _markdown_text(text: str) -> str:
    """``text`` as literal MyST inline text: every ASCII punctuation character escaped."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", " ".join(text.split()))


def _latex_text(text: str) -> str:
    from sphinx.util import texescape

    texescape.init()
    return texescape.escape(" ".join(text.split()), "xelatex")


def _answer(name: str, given: str | None, directory: Path, ask: bool) -> str:
    default = DEFAULTS.get(name) or " ".join(w.capitalize() for w in re.split(r"[-_\s]+", directory.name) if w) or "Reader"
    value = given
    if value is None and ask:
        try:
            value = input(f"{QUESTIONS[name]} [{default}]: ").strip()
        except EOFError:
            value = ""
    value = " ".join((value or default).split())
    if not value:
        raise InitError(f"--{name} may not be empty")
    if len(value) > MAX_ANSWER:
        raise InitError(f"--{name} is {len(value)} characters long; at most {MAX_ANSWER}")
    if name == "language" and not LANGUAGE.match(value):
        raise InitError(f"--language '{value}' is not a language tag such as en, fr or pt-BR")
    return value


# -- The files -------------------------------------------------------------------------------

def _conf(title: str, editors: str, language: str, licence: str, year: int) -> str:
    slug = _slug(title)
    return f'''"""Sphinx configuration of this reader (written by `glossator init`; edit freely).

The extension brings everything else: MyST settings, stylesheets, templates and LaTeX macros.
The corpus lives in ../corpus; docs/articles links to corpus/articles.
"""

project = {title!r}
author = {editors!r}
copyright = {f"{year}, {editors}"!r}
language = {language!r}
version = release = "1"

extensions = ["glossator.sphinxext"]
glossator_root = ".."

nitpicky = True
exclude_patterns = ["_build"]

# -- HTML: Furo, the theme Glossator's drawers and notes are tested with (any theme works).
html_theme = "furo"
html_title = project
html_theme_options = {{"top_of_page_buttons": []}}
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None

# -- PDF (make pdf): xelatex through latexmk, fonts from Noto where installed.
latex_documents = [("index", "reader.tex", {_latex_text(title)!r}, {_latex_text(editors)!r}, "manual")]
latex_show_urls = "footnote"
latex_elements = {{"papersize": "a4paper", "extraclassoptions": "oneside"}}

# -- EPUB (make epub)
epub_title = project
epub_author = author
epub_publisher = author
epub_description = {f"{title}: texts with the editors' glossary, notes and links."!r}
epub_copyright = {f"© {year} {editors} (glossary, notes and apparatus; {licence}). The texts remain their authors’."!r}
# epubcheck wants the NCX uid to equal the OPF identifier, and the uid must be an XML name.
epub_scheme = "glossator"
epub_uid = epub_identifier = {f"glossator-{slug}-1"!r}
epub_show_urls = "no"
epub_exclude_files = ["search.html", ".buildinfo.bak"]
'''


def _index(title: str) -> str:
    return f"""# {_markdown_text(title)}

::::{{only}} html
This reader reproduces its texts word for word. Around them the editors add a glossary, notes
that give context, and links between the texts. Paragraphs are numbered (¶1, ¶2 …) so that a
class can cite them exactly; [About this edition](about.md) says what the editors did.

:::{{article-cards}}
:::
::::

```{{toctree}}
:caption: Start here
:maxdepth: 1

about
```

:::{{article-toctree}}
:caption: Texts
:::

```{{toctree}}
:caption: Teaching
:maxdepth: 1

timeline
claims/index
assignments/index
```

```{{toctree}}
:caption: Reference
:maxdepth: 1

glossary
bibliography
```
"""


def _about(editors: str, licence: str) -> str:
    return f"""# About this edition

## What the texts are

Each text was collected as plain text and is kept, unedited, in the project's `seeds/` folder;
each text's page names its seed and pins it with a checksum.

## What the editors changed, and what they did not

- **The words are unchanged.** Every word of each text stands in the seed's order, with the
  seed's spelling and punctuation. A typing error stays in the text; a note marked *[sic]* says
  what was meant.
- **Lines that are not part of the text** (a website's navigation, say) are dropped, each with
  a reason, listed below.
- **Paragraph numbers** (¶1, ¶2 …) are added so that passages can be cited. They are the same
  in the web, PDF and EPUB editions.
- **Everything the editors add is marked as theirs**: glossary terms, numbered notes, citations
  and cross-references.

The editors are {_markdown_text(editors)}. Their notes, glossary and apparatus are published
under {_markdown_text(licence)}; the texts remain their authors'.

## How this is checked

`glossator check` compares each text, with the editors' markup taken away, with its seed: word
for word, in order, with every seed line accounted for. It runs on every change, together with
a strict build of this reader.

## Every seed line accounted for

:::{{seed-accounts}}
:::
"""


PAGES = {
    "docs/glossary.md": """# Glossary

The people, places, organisations and ideas the texts mention. A term marked in a text links
here.

:::{glossator-glossary}
:::
""",
    "docs/bibliography.md": """# Bibliography

Every work cited in this reader, and the texts themselves.

:::{bibliography}
:::
""",
    "docs/timeline.md": """# Timeline

The events the texts mention, with links to every paragraph that refers to them.

:::{timeline}
:::
""",
    "docs/claims/index.md": """# Claims compared

Claims on which the texts can be compared: each row is one claim, each column one text.

:::{claims-matrix}
:::
""",
    "docs/assignments/index.md": """# Assignments

Reading assignments: which paragraphs to read, and the questions to prepare.

:::{assignment-list}
:::
""",
}

DATA = {
    "corpus/sources.yml": "# The bibliography: every work cited anywhere in the reader, once, by key\n"
                          "# (glossator new source KEY --url … --title …).\n",
    "corpus/glossary.yml": "# The glossary: one entry per key (glossator new term KEY --term … --definition …).\n",
    "corpus/timeline.yml": "# Dated events, each tied to the paragraphs that mention it (glossator new event …).\n",
    "corpus/claims.yml": "# Claims on which the texts can be compared, with each text's position.\n",
}

MAKEFILE = """# This reader: set up, check, build and test. `make help` lists the targets; CI calls only these.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
SPHINXOPTS  ?= -n -W --keep-going -q
SPHINX      := $(BIN)/sphinx-build
SRC         := docs
OUT         := _build
EPUBCHECK_JAR := /usr/share/java/epubcheck.jar

.DEFAULT_GOAL := help
.PHONY: help setup check html pdf epub reader test clean

help: ## list the targets
\t@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z]+):.*## /  make \\1\\t/' | expand -t 16

$(STAMP): requirements.txt
\t$(PYTHON) -m venv $(VENV)
\t$(BIN)/pip install --quiet --upgrade pip
\t$(BIN)/pip install --quiet -r requirements.txt
\t@touch $@

setup: $(STAMP) ## create .venv and install Glossator (requirements.txt)

check: $(STAMP) ## check the corpus: every text against its seed, every link and source
\t$(BIN)/glossator check

html: $(STAMP) ## build the web reader into _build/html
\t$(SPHINX) -b html -d $(OUT)/doctrees/html $(SPHINXOPTS) $(SRC) $(OUT)/html

pdf: $(STAMP) ## build the PDF into _build/latex (needs xelatex, latexmk and xindy)
\t$(SPHINX) -M latexpdf $(SRC) $(OUT) $(SPHINXOPTS)
\t@if command -v pdftotext >/dev/null; then $(BIN)/glossator verify-pdf $(OUT)/latex/reader.pdf; \\
\telse echo "poppler-utils is not installed: the PDF's text was not compared with the seeds"; fi

epub: $(STAMP) ## build the EPUB into _build/epub (and run epubcheck when installed)
\t$(SPHINX) -b epub -d $(OUT)/doctrees/epub $(SPHINXOPTS) $(SRC) $(OUT)/epub
\t@if [ -f $(EPUBCHECK_JAR) ]; then java -jar $(EPUBCHECK_JAR) -q $(OUT)/epub/*.epub && echo "epubcheck: no errors"; \\
\telse echo "epubcheck is not installed: the EPUB was not validated"; fi

reader: check html pdf epub ## check, and build HTML, PDF and EPUB

test: $(STAMP) ## check the corpus and run the tests (a strict build among them)
\t$(BIN)/glossator check
\t$(BIN)/pytest -q tests

clean: ## remove build outputs
\trm -rf $(OUT)
"""

GITIGNORE = """.venv/
_build/
__pycache__/
.pytest_cache/
.glossator-cache/
# One page per claim and per assignment, generated at build time
docs/claims/*.md
!docs/claims/index.md
docs/assignments/*.md
!docs/assignments/index.md
"""

CI_RUN = """#!/usr/bin/env bash
# CI entry point: the README's test command, from a clean clone.
set -euo pipefail
cd "$(dirname "$0")/.."
make test
"""

WORKFLOW = """# Every pull request: the corpus checks, a strict build and the tests. CI calls only make targets.
name: CI

on:
  pull_request:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read

jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: make setup
      - name: Annotate the pull request with the findings
        run: .venv/bin/glossator check --format github
        continue-on-error: true
      - run: .ci/run
      - run: make html
      - uses: actions/upload-artifact@v4
        with:
          name: reader
          path: _build/html
          retention-days: 14
"""

TEST_READER = '''"""This reader's own tests (make test): its corpus checks clean and it builds without a warning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_corpus_checks_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "glossator", "check", "--root", str(ROOT)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_html_builds_without_a_warning(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going", "-q",
                             "-d", str(tmp_path / "doctrees"), str(ROOT / "docs"), str(tmp_path / "html")],
                            capture_output=True, text=True, timeout=900, env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    assert (tmp_path / "html" / "index.html").is_file()
'''


def _readme(title: str, editors: str, licence: str) -> str:
    return f"""# {title}

An annotated reader made with [Glossator](https://glossator.readthedocs.io/): texts reproduced
word for word from `seeds/`, with the editors' glossary, notes, sources and assignments in
`corpus/`, built into a web reader, a PDF and an EPUB. Edited by {editors}; the editors'
apparatus is published under {licence}.

## Build it

```sh
make setup   # a virtual environment with Glossator (requirements.txt)
make html    # the web reader: _build/html/index.html
make test    # glossator check and a strict build
```

`make pdf` and `make epub` build the other editions (the PDF needs xelatex, latexmk and
xindy: on Debian, `texlive-xetex latexmk xindy fonts-noto`). `make help` lists every target.

## Add a text

1. Copy the text, unchanged, into `seeds/` as UTF-8 (`seeds/my-text.txt`).
2. Record where it comes from: `.venv/bin/glossator new source KEY --url … --title … --kind primary`.
3. Draft its article: `.venv/bin/glossator import my-text.txt --source KEY`, then confirm the
   guessed line roles it lists and add a one-line `summary:` to the front matter.
4. `make check` says, file and line, what is left; `make html` shows it.

Everything you write is in `corpus/` (articles, glossary, sources, timeline, claims,
assignments); `seeds/` is never edited.
"""


def files(title: str, editors: str, language: str, licence: str, spec: str, year: int) -> dict[str, str]:
    """Every file of a new reader, by path relative to its folder."""
    out = {
        "README.md": _readme(title, editors, licence),
        "Makefile": MAKEFILE,
        "requirements.txt": "# Glossator (it brings Sphinx, MyST-Parser, sphinx-design and Furo) and pytest for make test.\n"
                            f"{spec}\npytest>=8\n",
        ".gitignore": GITIGNORE,
        ".ci/run": CI_RUN,
        ".github/workflows/ci.yml": WORKFLOW,
        "tests/test_reader.py": TEST_READER,
        "docs/conf.py": _conf(title, editors, language, licence, year),
        "docs/index.md": _index(title),
        "docs/about.md": _about(editors, licence),
        **PAGES,
        **DATA,
        # Empty folders, kept by git: articles and assignments are *.md and *.yml files.
        "corpus/articles/.gitkeep": "",
        "corpus/assignments/.gitkeep": "",
        "seeds/.gitkeep": "",
    }
    return out


def create(directory: Path, title: str, editors: str, language: str, licence: str, spec: str) -> list[str]:
    """Write a new reader into ``directory`` (new or empty); return the paths written."""
    if directory.exists() and not directory.is_dir():
        raise InitError(f"{directory}: is a file; name a new or empty folder")
    if directory.is_dir() and any(directory.iterdir()):
        count = sum(1 for _ in directory.iterdir())
        raise InitError(f"{directory}: the folder is not empty ({count} entr{'ies' if count != 1 else 'y'}); "
                        "glossator init writes a new reader into a new or empty folder")
    year = datetime.datetime.now(datetime.UTC).year
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():  # reproducible: the year of the build's date, when one is given
        year = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).year
    written = []
    for rel, text in files(title, editors, language, licence, spec, year).items():
        path = directory / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(rel)
    os.chmod(directory / ".ci" / "run", 0o755)
    # docs/articles is corpus/articles, as in Glossator's own reader: Sphinx reads the articles
    # where the editors write them.
    os.symlink(Path("..") / "corpus" / "articles", directory / "docs" / "articles", target_is_directory=True)
    written.append("docs/articles")
    return sorted(written)


def cmd_init(args: argparse.Namespace) -> int:
    directory = Path(args.directory)
    ask = sys.stdin.isatty() and not args.no_input
    try:
        if directory.is_dir() and any(directory.iterdir()):
            create(directory, "", "", "", "", "")  # refuses before asking anything
        answers = {name: _answer(name, getattr(args, name), directory.resolve(), ask) for name in QUESTIONS}
        spec = args.glossator_spec or default_spec()
        written = create(directory, answers["title"], answers["editors"], answers["language"], answers["licence"], spec)
    except InitError as exc:
        print(f"glossator: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"glossator: error: {directory}: cannot write the new reader: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps({"directory": str(directory), **answers, "glossator": spec, "files": written}))
        return 0
    print(f"A new reader, '{answers['title']}', in {directory}/ ({len(written)} files):")
    for rel in written:
        print(f"  {rel}")
    print(f"\nIt installs Glossator from: {spec}")
    print(f"Next:\n  cd {directory}\n  make setup html   # an empty reader: {directory}/_build/html/index.html\n"
          "  then copy a text into seeds/ and run .venv/bin/glossator import NAME (see README.md)")
    return 0


def add_init_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "init", help="start a new reader in a new or empty folder",
        description="Write a new reader (corpus/, seeds/, docs/, Makefile, README, CI, tests) into DIRECTORY. "
                    "Options not given are asked for when the input is a terminal, else take their defaults.")
    parser.add_argument("directory", metavar="DIRECTORY", help="the new reader's folder (new or empty)")
    parser.add_argument("--title", help="the reader's title (default: from the folder's name)")
    parser.add_argument("--editors", help=f"who is credited as editor (default: {DEFAULTS['editors']})")
    parser.add_argument("--language", help=f"the texts' language, a BCP 47 tag (default: {DEFAULTS['language']})")
    parser.add_argument("--licence", help=f"the licence of the editors' apparatus (default: {DEFAULTS['licence']})")
    parser.add_argument("--glossator-spec", metavar="SPEC",
                        help="what requirements.txt installs Glossator from (default: this checkout, editable, "
                             f"when run from one, else glossator=={__version__})")
    parser.add_argument("--no-input", action="store_true", help="never ask; take the defaults")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="what to print (default: text)")
    parser.set_defaults(handler=cmd_init)
