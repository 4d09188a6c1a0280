"""A payload in every contributor field reaches HTML, EPUB and LaTeX only as escaped text.

The builds run without ``-W``: an injected date or key is an error the check reports, and the
point here is what the build writes anyway. Each field has its own marker, so a leak names it.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import lxml.html
import pytest

from .conftest import sphinx_build
from .injection import Injector, inject

MUST_RENDER = {  # fields shown to readers today: a run that shows none of them proves nothing
    "source.title", "source.outlet", "source.authors", "article.summary", "seed_line.reason",
    "glossary.aliases", "claim.title", "assignment.title", "chrome line", "title of",
    "via.outlet", "vocabulary.scripts.ko",
}


def build(project: Path, builder: str) -> tuple[Path, subprocess.CompletedProcess]:
    out = project / "_build" / builder
    result = sphinx_build(builder, out, docs=project / "docs", strict=False, clean_env=True, env={"PATH": "/usr/bin:/bin"})
    return out, result


DATA_BLOCKS = {"application/ld+json", "application/json"}


def html_leaks(name: str, markup: bytes | str, injector: Injector) -> tuple[list[str], set[str]]:
    """Unescaped payloads in one page, and the markers that show as text."""
    tree = lxml.html.document_fromstring(markup) if markup else None
    leaks, shown = [], set()
    if tree is None:
        return leaks, shown
    text = tree.text_content()
    for mark, where in injector.fields.items():
        if mark in text:
            shown.add(where)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        attrs = " ".join(f"{k}={v}" for k, v in element.attrib.items())
        data_block = element.tag == "script" and element.get("type") in DATA_BLOCKS
        if data_block:
            # A data block (JSON-LD) holds the fields as data, never run; it must hold no markup.
            if "<" in (element.text or ""):
                leaks.append(f"{name}: markup inside <script type={element.get('type')}>")
            continue
        marks = [m for m in injector.fields if m in attrs or (element.tag == "script" and m in (element.text or ""))]
        if element.tag == "script" and marks or "onerror" in element.attrib or element.get("id", "").startswith("raw"):
            leaks.append(f"{name}: <{element.tag} {attrs[:80]}> from "
                         f"{[injector.fields[m] for m in marks] or 'an injected field'}")
    return leaks, shown


def _check_rendered(shown: set[str], html: bool = False) -> None:
    wanted = MUST_RENDER if html else MUST_RENDER - {"article.summary"}  # the cards are on the web page only
    missing = [want for want in wanted if not any(want in where for where in shown)]
    assert not missing, f"these fields never reached the page, so their escaping is untested: {missing}"


@pytest.fixture(scope="module")
def injected(tmp_path_factory) -> tuple[Path, Injector]:
    from .conftest import ROOT, copy_project

    project = copy_project(ROOT, tmp_path_factory.mktemp("inject") / "project")
    return project, inject(project)


def test_every_text_field_is_escaped_in_html(injected) -> None:
    project, injector = injected
    out, result = build(project, "html")
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    leaks, shown = [], set()
    for page in sorted(out.rglob("*.html")):
        found, seen = html_leaks(page.relative_to(out).as_posix(), page.read_bytes(), injector)
        leaks += found
        shown |= seen
    assert not leaks, "\n".join(leaks)
    _check_rendered(shown, html=True)


def test_every_text_field_is_escaped_in_epub(injected) -> None:
    project, injector = injected
    out, result = build(project, "epub")
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    leaks, shown = [], set()
    for book in out.glob("*.epub"):
        with zipfile.ZipFile(book) as archive:
            for name in archive.namelist():
                if name.endswith((".xhtml", ".html", ".ncx", ".opf")):
                    data = archive.read(name)
                    if name.endswith((".ncx", ".opf")):
                        assert b"<script" not in data and b"<img" not in data, name
                        continue
                    found, seen = html_leaks(name, data, injector)
                    leaks += found
                    shown |= seen
    assert not leaks, "\n".join(leaks)
    _check_rendered(shown)


def test_every_text_field_is_escaped_in_latex(injected) -> None:
    project, injector = injected
    out, result = build(project, "latex")
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    shown = set()
    for tex in out.glob("*.tex"):
        text = tex.read_text(encoding="utf-8")
        assert "\\input{/etc/passwd}" not in text, f"{tex.name}: an unescaped LaTeX command from a field"
        shown |= {where for mark, where in injector.fields.items() if mark in text}
    _check_rendered(shown)


def test_reference_fields_never_leak(tmp_path: Path) -> None:
    """Keys, dates, URLs, seeds and enumerations with a payload: errors, never markup or a crash."""
    from .conftest import ROOT, copy_project

    project = copy_project(ROOT, tmp_path / "project")
    injector = inject(project, references=True)
    out, result = build(project, "html")
    assert "Traceback" not in result.stderr and "Exception occurred" not in result.stderr, result.stderr[-3000:]
    leaks = []
    for page in sorted(out.rglob("*.html")):
        leaks += html_leaks(page.relative_to(out).as_posix(), page.read_bytes(), injector)[0]
    assert not leaks, "\n".join(leaks)
