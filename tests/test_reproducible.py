"""Two builds of the same sources give the same bytes: every HTML file, font and the EPUB.

The builds go into different folders, a few seconds apart, so anything that records the
time, the output path or a random choice shows up as a difference.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from .conftest import sphinx_build


def _build(builder: str, out: Path, epoch: str | None) -> None:
    result = sphinx_build(builder, out, env={"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".buildinfo"}


def _differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    return sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))


@pytest.mark.parametrize("epoch", [None, "1700000000"], ids=["no-epoch", "SOURCE_DATE_EPOCH"])
def test_two_html_builds_are_byte_identical(tmp_path: Path, epoch: str | None) -> None:
    _build("html", tmp_path / "one" / "html", epoch)
    time.sleep(1.1)  # a second apart, so that a timestamp of seconds would differ
    _build("html", tmp_path / "two" / "html", epoch)
    one, two = _files(tmp_path / "one" / "html"), _files(tmp_path / "two" / "html")
    # Furo draws its icons as inline SVG; whatever fonts, scripts and styles the build writes are
    # among the files compared, byte for byte.
    assert any(name.endswith(".js") for name in one) and any(name.endswith(".css") for name in one)
    assert _differences(one, two) == []


@pytest.mark.parametrize("epoch", [None, "1700000000"], ids=["no-epoch", "SOURCE_DATE_EPOCH"])
def test_two_epub_builds_are_byte_identical(tmp_path: Path, epoch: str | None) -> None:
    _build("epub", tmp_path / "one" / "epub", epoch)
    time.sleep(2.1)  # zip timestamps have a resolution of two seconds
    _build("epub", tmp_path / "two" / "epub", epoch)
    books = [next((tmp_path / run / "epub").glob("*.epub")) for run in ("one", "two")]
    assert books[0].read_bytes() == books[1].read_bytes()
    with zipfile.ZipFile(books[0]) as book:
        assert book.namelist()[0] == "mimetype"
        assert len({info.date_time for info in book.infolist()}) == 1


def test_source_date_epoch_leaves_the_copyright_year(tmp_path: Path) -> None:
    """Sphinx rewrites the year in ``copyright`` to SOURCE_DATE_EPOCH's; the reader's stays."""
    out = tmp_path / "html"
    _build("html", out, "315532800")  # 1 January 1980
    footer = (out / "about.html").read_text(encoding="utf-8")
    assert "&#169; 2026, the Glossator editors" in footer and "1980, the Glossator" not in footer
