"""The extension is self-contained: a project whose conf.py lists only ``glossator.sphinxext``
(tests/roots/minimal, an empty corpus, Sphinx's default theme) builds HTML, EPUB and a PDF with
``-n -W``, gets the extension's stylesheet and LaTeX macros, and is told clearly when it
overrides a setting the extension needs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import copy_project, sphinx_build

MINIMAL = Path(__file__).parent / "roots" / "minimal"
QUIET = {"NO_COLOR": "1"}


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    return copy_project(MINIMAL, tmp_path / "minimal")


def build(project: Path, builder: str, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return sphinx_build(builder, out, *extra, docs=project / "docs")


def assert_clean(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0 and "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr


def test_conf_lists_only_the_extension() -> None:
    namespace: dict = {}
    exec((MINIMAL / "docs" / "conf.py").read_text(encoding="utf-8"), namespace)  # noqa: S102 - our own fixture
    assert namespace["extensions"] == ["glossator.sphinxext"]
    assert {k for k in namespace if not k.startswith("__")} == {"project", "author", "extensions"}


def test_empty_reader_builds_html_and_epub(minimal: Path, tmp_path: Path) -> None:
    html = tmp_path / "html"
    assert_clean(build(minimal, "html", html))
    index = (html / "index.html").read_text(encoding="utf-8")
    assert "This reader has no articles yet." in index
    # The extension's own stylesheet, from the package, on a theme that is not Furo.
    assert 'href="_static/glossator-reader/glossator.css' in index
    assert (html / "_static" / "glossator-reader" / "glossator.css").is_file()
    assert "alabaster.css" in index
    # Furo's drawer script expects Furo's markup: on another theme it is not added.
    assert "glossator-layout" not in index
    for page in ("glossary", "bibliography", "timeline", "claims/index", "assignments/index"):
        assert (html / f"{page}.html").is_file(), page
    epub = tmp_path / "epub"
    assert_clean(build(minimal, "epub", epub))
    books = list(epub.glob("*.epub"))
    assert len(books) == 1
    with zipfile.ZipFile(books[0]) as book:  # the reader's stylesheet is in the book too
        assert "_static/glossator-reader/glossator.css" in book.namelist()
        assert "_static/glossator-reader/glossator.css" in book.read("index.xhtml").decode("utf-8")
    jar = Path("/usr/share/java/epubcheck.jar")
    if jar.is_file() and shutil.which("java"):
        check = subprocess.run(["java", "-jar", str(jar), "-q", str(books[0])], capture_output=True, text=True,
                               timeout=300)
        assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.slow
def test_empty_reader_builds_a_pdf(minimal: Path, tmp_path: Path) -> None:
    if not shutil.which("latexmk") or not shutil.which("xelatex"):
        pytest.skip("latexmk and xelatex are needed (tools/scripts/system-deps.sh pdf)")
    # Make mode (-M latexpdf): the LaTeX build, then latexmk with xelatex, the extension's default.
    result = subprocess.run([sys.executable, "-m", "sphinx", "-M", "latexpdf", str(minimal / "docs"),
                             str(tmp_path / "out"), "-n", "-W", "--keep-going", "-q"],
                            capture_output=True, text=True, timeout=900, env={**os.environ, **QUIET})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    pdfs = list((tmp_path / "out" / "latex").glob("*.pdf"))
    assert len(pdfs) == 1
    tex = next((tmp_path / "out" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert r"\providecommand{\glossatorpnum}" in tex


def test_project_preamble_is_kept_after_the_extensions(minimal: Path, tmp_path: Path) -> None:
    conf = minimal / "docs" / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8")
                    + 'latex_elements = {"preamble": r"\\newcommand{\\projectmacro}{}"}\n', encoding="utf-8")
    out = tmp_path / "latex"
    assert_clean(build(minimal, "latex", out))
    tex = next(out.glob("*.tex")).read_text(encoding="utf-8")
    ours, theirs = tex.find(r"\providecommand{\glossatorpnum}"), tex.find(r"\newcommand{\projectmacro}")
    assert 0 <= ours < theirs, "the extension's macros come first, the project's own preamble after"


def test_assignment_added_after_a_build_with_none(minimal: Path, tmp_path: Path) -> None:
    """The list of assignments is read again when an assignment file appears (no make clean)."""
    html = tmp_path / "html"
    assert_clean(build(minimal, "html", html))
    (minimal / "corpus" / "assignments" / "week-1.yml").write_text(
        'title: "Week 1: the glossary"\naudience: "Everyone"\ndue: "Monday"\n'
        "readings:\n  - section: glossary\nquestions:\n  - \"Which term is new to you?\"\n", encoding="utf-8")
    assert_clean(build(minimal, "html", html))
    listing = (html / "assignments" / "index.html").read_text(encoding="utf-8")
    assert "Week 1: the glossary" in listing
    assert (html / "assignments" / "week-1.html").is_file()


@pytest.mark.parametrize(("setting", "value", "needed"), [
    ("myst_enable_extensions", '["deflist"]', "colon_fence"),
    ("smartquotes", "True", "smartquotes = False"),
    ("myst_footnote_transition", "True", "myst_footnote_transition = False"),
])
def test_an_incompatible_setting_is_a_clear_error(minimal: Path, tmp_path: Path, setting: str, value: str,
                                                  needed: str) -> None:
    conf = minimal / "docs" / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + f"{setting} = {value}\n", encoding="utf-8")
    result = build(minimal, "html", tmp_path / "html")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "Extension error" not in result.stderr, result.stderr
    line = len(conf.read_text(encoding="utf-8").splitlines())  # the setting is the last line
    assert f"conf.py:{line}: ERROR: {setting} = " in result.stderr, result.stderr
    assert needed in result.stderr, result.stderr


def test_compatible_settings_are_the_projects(minimal: Path, tmp_path: Path) -> None:
    """A project may set the settings to what the extension needs, and add MyST extensions."""
    conf = minimal / "docs" / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8")
                    + 'extensions += ["myst_parser", "sphinx_design"]\n'
                    + 'myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "tasklist"]\n'
                    + "smartquotes = False\n", encoding="utf-8")
    assert_clean(build(minimal, "html", tmp_path / "html"))
