"""A sixth article, added as a contributor adds one, needs no change to code or tests: in a
copy of the repository it is imported, checked (its missing claim positions are reminders,
not failures) and the tests that read the real corpus pass on the copy.

The article is test data (an example.org record), with a straight apostrophe in its title,
which the sidebar once wrote as ``&#x27;`` where the theme writes ``'``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

SEED = "\n".join([
    "Analysis",
    "The Rail Link's Second Life",
    "By Jane Doe",
    "The rail link between Khasan and Rajin was rebuilt after 2008 and opened to freight in 2013.",
    "Its future depends on sanctions, on coal and on the politics of both capitals.",
    "Jane Doe writes about transport in Northeast Asia.",
]) + "\n"
# The tests that read the real corpus; each must hold for any number of articles.
CORPUS_TESTS = ["tests/test_build.py", "tests/test_sidebar.py", "tests/test_scaffold.py",
                "tests/test_page_weight.py", "tests/test_check_fixtures.py::test_real_corpus_is_clean",
                "tests/test_cli.py::test_clean_corpus_exits_0"]


def _glossator(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "glossator", *args, "--root", str(project)],
                          capture_output=True, text=True, timeout=300)


def _copy_repository(dest: Path) -> Path:
    """The working tree as git sees it (tracked and new files, not ignored ones): a clone, with changes."""
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, check=True).stdout
    for name in filter(None, listed.decode("utf-8").split("\0")):
        source, target = ROOT / name, dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():  # docs/articles links to corpus/articles
            target.symlink_to(os.readlink(source))
        elif source.is_file():
            shutil.copy2(source, target)
    return dest


def _add_article(project: Path) -> str:
    """Seed, record and draft as docs/contributing/adding-an-article.md says; returns the stem."""
    (project / "seeds" / "005_sixtharticle00.txt").write_text(SEED, encoding="utf-8")
    made = _glossator(project, "new", "source", "doe-2024-rail", "--url", "https://example.org/rail-link",
                      "--title", "The Rail Link's Second Life", "--type", "analysis", "--kind", "press",
                      "--author", "Doe, Jane", "--outlet", "Example Review", "--date", "2024-05-06")
    assert made.returncode == 0, made.stdout + made.stderr
    imported = _glossator(project, "import", "005_sixtharticle00.txt", "--source", "doe-2024-rail")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    (draft,) = (project / "corpus" / "articles").glob("2024-*.md")
    text = draft.read_text(encoding="utf-8")
    # The contributor confirms the guesses (deleting the comment) and writes the card's line.
    front, body = text.split("\n---\n", 1)
    kept = [line for line in front.splitlines() if not line.startswith("#")]
    kept.insert(1, "summary: A test article on the Khasan–Rajin rail link.")
    draft.write_text("\n".join(kept) + "\n---\n" + body, encoding="utf-8")
    return draft.stem


def test_a_sixth_article_passes_the_checks_and_the_corpus_tests(tmp_path: Path) -> None:
    project = _copy_repository(tmp_path / "reader")
    stem = _add_article(project)
    check = _glossator(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "TCH710" in check.stdout and f"no position for {stem}" in check.stdout  # the reminder
    assert check.stdout.rstrip().endswith("reminders.")
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(project / "tools")}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-m", "not slow", "-p", "no:cacheprovider",
                             "--basetemp", str(tmp_path / "inner"), *CORPUS_TESTS],
                            cwd=project, capture_output=True, text=True, timeout=1800, env=env)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout.splitlines()[-1]
