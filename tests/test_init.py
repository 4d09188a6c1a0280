"""``glossator init``: a new reader from four answers, which builds and checks clean when empty
and again after its first text is imported; its own ``make test`` passes."""

from __future__ import annotations

import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

QUIET = {**os.environ, "NO_COLOR": "1"}
# A public-domain text: the opening of the United States Declaration of Independence (1776).
DECLARATION = """The Declaration of Independence
In Congress, July 4, 1776
The unanimous Declaration of the thirteen united States of America,
When in the Course of human events, it becomes necessary for one people to dissolve the political bands which have connected them with another, and to assume among the powers of the earth, the separate and equal station to which the Laws of Nature and of Nature's God entitle them, a decent respect to the opinions of mankind requires that they should declare the causes which impel them to the separation.
We hold these truths to be self-evident, that all men are created equal, that they are endowed by their Creator with certain unalienable Rights, that among these are Life, Liberty and the pursuit of Happiness.
That to secure these rights, Governments are instituted among Men, deriving their just powers from the consent of the governed.
"""  # noqa: E501 - one paragraph a line, as the text was collected
EXPECTED = {
    ".ci/run", ".github/workflows/ci.yml", ".gitignore", "Makefile", "README.md", "requirements.txt",
    "corpus/articles/.gitkeep", "corpus/assignments/.gitkeep", "corpus/claims.yml", "corpus/glossary.yml",
    "corpus/sources.yml", "corpus/timeline.yml", "docs/about.md", "docs/articles", "docs/assignments/index.md",
    "docs/bibliography.md", "docs/claims/index.md", "docs/conf.py", "docs/glossary.md", "docs/index.md",
    "docs/timeline.md", "seeds/.gitkeep", "tests/test_reader.py",
}


def glossator(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "glossator", *args], capture_output=True, text=True, timeout=300,
                          cwd=cwd, env=QUIET, stdin=subprocess.DEVNULL)


def init(directory: Path, *extra: str) -> subprocess.CompletedProcess:
    return glossator("init", str(directory), "--glossator-spec", f"-e {ROOT}", *extra)


def written(directory: Path) -> set[str]:
    return {p.relative_to(directory).as_posix() for p in directory.rglob("*") if p.is_file() or p.is_symlink()}


def test_init_writes_a_reader_from_the_flags(tmp_path: Path) -> None:
    reader = tmp_path / "reader"
    title = "Founding Texts: \"Rights\" & {Wrongs} <1776>"
    result = init(reader, "--title", title, "--editors", "Ann O'Neil", "--language", "fr", "--licence", "CC0 1.0")
    assert result.returncode == 0, result.stderr
    assert written(reader) == EXPECTED
    assert (reader / "docs" / "articles").resolve() == (reader / "corpus" / "articles").resolve()
    conf: dict = {}
    exec((reader / "docs" / "conf.py").read_text(encoding="utf-8"), conf)  # noqa: S102 - the file just written
    assert (conf["project"], conf["author"], conf["language"]) == (title, "Ann O'Neil", "fr")
    assert conf["extensions"] == ["glossator.sphinxext"]
    assert "CC0 1.0" in conf["epub_copyright"]
    assert "under CC0 1\\.0" in (reader / "docs" / "about.md").read_text("utf-8")  # escaped: text, not MyST
    # The title is text on every page: escaped for MyST and for LaTeX, never markup.
    assert (reader / "docs" / "index.md").read_text("utf-8").startswith(
        "# Founding Texts\\: \\\"Rights\\\" \\& \\{Wrongs\\} \\<1776\\>\n")
    assert r"\{Wrongs\}" in conf["latex_documents"][0][2]
    assert (reader / "requirements.txt").read_text("utf-8").splitlines()[1] == f"-e {ROOT}"
    assert os.access(reader / ".ci" / "run", os.X_OK)


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = init(tmp_path, "--title", "T")
    assert result.returncode == 2
    assert "is not empty (1 entry)" in result.stderr and "Traceback" not in result.stderr
    assert written(tmp_path) == {"notes.txt"}


@pytest.mark.parametrize(("flag", "value", "message"), [
    ("--language", "English", "not a language tag"),
    ("--title", "x" * 300, "at most 200"),
])
def test_init_refuses_a_bad_answer(tmp_path: Path, flag: str, value: str, message: str) -> None:
    result = init(tmp_path / "reader", flag, value)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert not (tmp_path / "reader").exists()


def test_init_asks_at_a_terminal(tmp_path: Path) -> None:
    """Without flags, at a terminal, each question is asked; an empty answer takes the default."""
    reader = tmp_path / "course-reader"
    main, secondary = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "glossator", "init", str(reader), "--glossator-spec", "glossator"],
                               stdin=secondary, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=QUIET)
    os.close(secondary)
    os.write(main, b"Readings in Liberty\nThe Seminar\n\nCC BY-SA 4.0\n")
    _out, err = process.communicate(timeout=120)
    os.close(main)
    assert process.returncode == 0, err
    conf: dict = {}
    exec((reader / "docs" / "conf.py").read_text(encoding="utf-8"), conf)  # noqa: S102 - the file just written
    assert (conf["project"], conf["author"], conf["language"]) == ("Readings in Liberty", "The Seminar", "en")
    assert "CC BY-SA 4.0" in conf["epub_copyright"]


def make(reader: Path, *targets: str) -> subprocess.CompletedProcess:
    """The new reader's own Makefile. The suite's environment stands in for its ``.venv``
    (``make setup``, a pip install of requirements.txt, depends on the network's speed)."""
    return subprocess.run(["make", "--no-print-directory", *targets, f"VENV={sys.prefix}", "STAMP="], cwd=reader,
                          capture_output=True, text=True, timeout=900, env=QUIET)


@pytest.mark.slow
def test_a_new_reader_end_to_end(tmp_path: Path) -> None:
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    reader = tmp_path / "liberty"
    assert init(reader, "--title", "Readings in Liberty", "--editors", "The Seminar").returncode == 0
    empty = make(reader, "html")
    assert empty.returncode == 0, empty.stdout + empty.stderr
    assert "This reader has no articles yet." in (reader / "_build" / "html" / "index.html").read_text("utf-8")
    # The editor's steps, as the README gives them: a seed, its source, the draft, a summary.
    (reader / "seeds" / "declaration.txt").write_text(DECLARATION, encoding="utf-8")
    source = glossator("new", "source", "declaration-1776", "--url",
                       "https://www.archives.gov/founding-docs/declaration-transcript",
                       "--title", "Declaration of Independence: A Transcription", "--kind", "primary",
                       "--type", "official", "--organisation", "National Archives", "--outlet", "National Archives",
                       "--date", "1776-07-04", "--seen", "the National Archives' transcription", cwd=reader)
    assert source.returncode == 0, source.stdout + source.stderr
    draft = glossator("import", "declaration.txt", "--source", "declaration-1776", "--stem", "declaration", cwd=reader)
    assert draft.returncode == 0, draft.stdout + draft.stderr
    article = reader / "corpus" / "articles" / "declaration.md"
    text = article.read_text(encoding="utf-8")
    assert "lacks 'summary'" in draft.stdout
    article.write_text(re.sub(r"^seed: ", "summary: The Continental Congress declares independence.\nseed: ",
                              text, count=1, flags=re.M), encoding="utf-8")
    checked = make(reader, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = make(reader, "html")
    assert built.returncode == 0, built.stdout + built.stderr
    page = (reader / "_build" / "html" / "articles" / "declaration.html").read_text("utf-8")
    assert "We hold these truths to be self-evident" in page
    index = (reader / "_build" / "html" / "index.html").read_text("utf-8")
    assert "articles/declaration.html" in index and "no articles yet" not in index
    tested = make(reader, "test")
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "2 passed" in tested.stdout
    # Nothing outside corpus/ and seeds/ changed (the build's outputs aside).
    changed = {p for p in written(reader) - EXPECTED if not p.startswith(("_build/", ".pytest_cache/"))
               and "__pycache__" not in p}
    assert changed == {"seeds/declaration.txt", "corpus/articles/declaration.md"}, changed
