"""One cache (memo.py): derived values live in ``corpus.memo`` / ``article.memo`` and die with
the loaded corpus, so nothing computed from one project or one version of a file survives into
the next check or build run in the same process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import lxml.html

from glossator.checks import run_checks
from glossator.checks.common import glossary_names
from glossator.checks.fidelity import expected_lines
from glossator.corpus import load_corpus
from glossator.memo import Memo

from .conftest import copy_project

ROOTS = Path(__file__).resolve().parent / "roots"


def test_a_memo_computes_once_and_forgets_on_request() -> None:
    memo, calls = Memo(), []
    assert memo.get("k", lambda: calls.append(1) or "v") == "v"
    assert memo.get("k", lambda: calls.append(1) or "w") == "v"
    assert calls == [1] and "k" in memo
    memo.forget("k")
    assert memo.get("k", lambda: "w") == "w"
    assert memo.table("t") is memo.table("t")


def test_a_docs_page_edited_between_two_checks_in_one_process_is_read_again(tmp_path: Path) -> None:
    # Two docs pages define one label: LNK104. Once one of them no longer does, a second check
    # in the same process must not report it (a process-wide cache of the docs' labels did).
    project = copy_project(ROOTS / "second-reader", tmp_path / "second")
    first, second = project / "docs" / "first-extra.md", project / "docs" / "second-extra.md"
    first.write_text("(twice)=\n# First\n", encoding="utf-8")
    second.write_text("(twice)=\n# Second\n", encoding="utf-8")
    found = [d for d in run_checks(load_corpus(project)) if d.code == "LNK104"]
    assert [(d.path, "twice" in d.message) for d in found] == [("docs/second-extra.md", True)]
    second.write_text("(once)=\n# Second\n", encoding="utf-8")
    assert [d for d in run_checks(load_corpus(project)) if d.code == "LNK104"] == []


def test_an_edit_between_two_loads_gives_new_derived_values(tmp_path: Path) -> None:
    project = copy_project(ROOTS / "second-reader", tmp_path / "second")
    corpus = load_corpus(project)
    names = glossary_names(corpus)
    essay = corpus.article("1841-emerson-self-reliance")
    assert essay is not None
    units = expected_lines(essay)
    assert glossary_names(corpus) is names and expected_lines(essay) is units  # memoised
    glossary = project / "corpus" / "glossary.yml"
    key = next(iter(corpus.glossary))
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace(f"term: {corpus.glossary[key]['term']}", "term: Quite Another Term", 1),
                        encoding="utf-8")
    again = load_corpus(project)
    assert "quite another term" in glossary_names(again) and "quite another term" not in names


# Two builds of two projects in one Python process, as a test session or an editor's server
# may run them, then each project built alone: the pages must be the same.
_TWO_BUILDS = """
import sys
from sphinx.cmd.build import build_main
for docs, out in zip(sys.argv[1::2], sys.argv[2::2]):
    code = build_main(["-b", "html", "-q", "-n", "-W", "--keep-going", "-d", out + ".doctrees", docs, out])
    if code:
        sys.exit(code)
"""


def _pages(out: Path) -> dict[str, str]:
    """Each page's main content, as text (the build time and asset hashes left out)."""
    pages = {}
    for path in sorted(out.rglob("*.html")):
        if "_static" in path.parts or path.name in {"search.html", "genindex.html"}:
            continue
        main = lxml.html.parse(str(path)).getroot().find_class("bd-article") or \
            lxml.html.parse(str(path)).getroot().xpath("//article")
        pages[path.relative_to(out).as_posix()] = " ".join(main[0].text_content().split()) if main else ""
    return pages


def test_two_projects_built_in_one_process_share_nothing(tmp_path: Path) -> None:
    second = copy_project(ROOTS / "second-reader", tmp_path / "second")
    minimal = copy_project(ROOTS / "minimal", tmp_path / "minimal")
    env = {"NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-c", _TWO_BUILDS, str(second / "docs"), str(tmp_path / "one-a"),
                          str(minimal / "docs"), str(tmp_path / "one-b")],
                         capture_output=True, text=True, timeout=600, env=env)
    assert run.returncode == 0, run.stdout + run.stderr
    for docs, out in ((second / "docs", tmp_path / "alone-a"), (minimal / "docs", tmp_path / "alone-b")):
        alone = subprocess.run([sys.executable, "-c", _TWO_BUILDS, str(docs), str(out)],
                               capture_output=True, text=True, timeout=600, env=env)
        assert alone.returncode == 0, alone.stdout + alone.stderr
    assert _pages(tmp_path / "one-a") == _pages(tmp_path / "alone-a")
    together, alone = _pages(tmp_path / "one-b"), _pages(tmp_path / "alone-b")
    assert together == alone and together
    # Nothing of the first project's corpus reached the second's pages.
    assert not any("Emerson" in text or "Gettysburg" in text for text in together.values())
