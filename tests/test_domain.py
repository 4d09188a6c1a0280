"""The Glossator domain (sphinxext/domain.py) keeps the state one page leaves for others: a
parallel build writes what a serial one does, and an incremental build after a page changes
or goes rewrites the pages that link to it and keeps nothing of what the page used to hold."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from .conftest import sphinx_build

ROOTS = Path(__file__).resolve().parent / "roots"
TIMELINE = ":::{timeline}\n:::\n"


@pytest.fixture
def teaching(tmp_path: Path) -> Path:
    shutil.copytree(ROOTS / "teaching", tmp_path / "project", symlinks=True)
    return tmp_path / "project"


def _build(project: Path, out: Path, *extra: str) -> None:
    result = sphinx_build("html", out, *extra, docs=project / "docs")
    assert result.returncode == 0, result.stdout + result.stderr


def _domain(out: Path) -> dict:
    with (out.parent / f"{out.name}.doctrees" / "environment.pickle").open("rb") as file:
        return pickle.load(file).domaindata["glossator"]


def _page(out: Path, name: str) -> str:
    # Sphinx's search index and the build's own timestamps aside, a page is its bytes.
    return (out / name).read_text(encoding="utf-8")


def test_a_parallel_build_writes_the_pages_a_serial_one_does(teaching: Path, tmp_path: Path) -> None:
    _build(teaching, tmp_path / "serial")
    _build(teaching, tmp_path / "parallel", "-j", "2")
    pages = sorted(p.relative_to(tmp_path / "serial").as_posix() for p in (tmp_path / "serial").rglob("*.html"))
    assert "assignments/week-1.html" in pages and "claims/index.html" in pages
    assert pages == sorted(p.relative_to(tmp_path / "parallel").as_posix()
                           for p in (tmp_path / "parallel").rglob("*.html"))
    different = [p for p in pages if _page(tmp_path / "serial", p) != _page(tmp_path / "parallel", p)]
    assert different == []
    serial, parallel = _domain(tmp_path / "serial"), _domain(tmp_path / "parallel")
    assert serial == parallel
    assert serial["anchors"]["timeline"] == ("timeline", "")
    assert serial["anchors"]["claim:two-sentences"][0] == "claims/two-sentences"
    assert "event:mini-published" in serial["links"]["assignments/week-1"]


def test_moving_a_teaching_directive_rewrites_the_pages_that_link_to_it(teaching: Path, tmp_path: Path) -> None:
    out = tmp_path / "html"
    _build(teaching, out)
    assert 'href="../timeline.html#event-mini-published"' in _page(out, "assignments/week-1.html")

    # The timeline moves to a page of its own; the old page keeps only its words.
    docs = teaching / "docs"
    old = (docs / "timeline.md").read_text(encoding="utf-8")
    assert TIMELINE in old
    (docs / "timeline.md").write_text(old.replace(TIMELINE, ""), encoding="utf-8")
    (docs / "chronology.md").write_text("---\norphan: true\n---\n# Chronology\n\n" + TIMELINE, encoding="utf-8")
    _build(teaching, out)
    anchors = _domain(out)["anchors"]
    assert anchors["timeline"] == ("chronology", "")
    assert all(doc != "timeline" for doc, _ in anchors.values())  # nothing stale from the edited page
    week = _page(out, "assignments/week-1.html")
    assert 'href="../chronology.html#event-mini-published"' in week
    assert 'href="../timeline.html#event-mini-published"' not in week

    # The new page goes again, and the timeline comes back: nothing of the deleted page is kept.
    (docs / "chronology.md").unlink()
    (docs / "timeline.md").write_text(old, encoding="utf-8")
    _build(teaching, out)
    data = _domain(out)
    assert all(doc != "chronology" for doc, _ in data["anchors"].values())
    assert "chronology" not in data["links"]
    assert 'href="../timeline.html#event-mini-published"' in _page(out, "assignments/week-1.html")
