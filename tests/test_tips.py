"""Tooltips (glossator.sphinxext.tips): what each link previews, in real builds.

The browser tests (tests/test_browser.py) show a tip on hover and on keyboard focus; these
tests read the tip scripts the build writes, and check that serial, parallel and incremental
builds agree.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from glossator.corpus import load_corpus

from .conftest import ROOT, sphinx_build

ROOTS = Path(__file__).resolve().parent / "roots"
TIPS = Path("_static", "glossator-tips", "pages")


def _tips(html: Path, page: str) -> dict[str, str]:
    text = (html / TIPS / f"{page}.js").read_text(encoding="utf-8")
    assert text.startswith("glossatorTips(") and text.endswith(");\n")
    return json.loads(text[len("glossatorTips("):-len(");\n")])


def _build(docs: Path, out: Path, *extra: str) -> None:
    result = sphinx_build("html", out, *extra, docs=docs, timeout=600)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr


def _teaching_copy(tmp_path: Path) -> Path:
    project = tmp_path / "teaching"
    shutil.copytree(ROOTS / "teaching", project)
    return project


def test_a_term_previews_its_definition_without_ids_or_links(html_build: Path) -> None:
    tips = _tips(html_build, "articles/2019-kireeva-zakharova-takeaways")
    tip = tips["../glossary.html#term-Khasan"]
    assert tip.startswith("<dt>Khasan</dt><dd>") and "border settlement" in tip
    assert "Appears in" not in tip  # the usage list belongs on the glossary page
    assert " id=" not in tip and "<a " not in tip and 'class="headerlink"' not in tip


def test_a_term_with_other_names_previews_the_definition_after_them(html_build: Path) -> None:
    tips = _tips(html_build, "articles/2019-kireeva-zakharova-takeaways")
    tip = tips["../glossary.html#term-1718-Sanctions-Committee"]
    assert "<dd><p>Subsidiary body of the UN Security Council" in tip


def test_a_paragraph_link_previews_the_words_without_the_notes(html_build: Path) -> None:
    tips = _tips(html_build, "articles/2019-kireeva-zakharova-takeaways")
    para = [tip for href, tip in tips.items() if re.search(r"\.html#p\d+$", href)]
    assert para, "the article links paragraphs of other articles"
    for tip in para:
        assert tip.startswith('<p class="glossator-para">')
        assert "sidenote" not in tip and "margin-toggle" not in tip and "¶" not in tip


def test_every_link_to_a_term_record_or_paragraph_has_a_tip(html_build: Path) -> None:
    pattern = re.compile(r'<a class="reference internal" href="([^"]*(?:#term-|#src-|\.html#p\d)[^"]*)"')
    for article in load_corpus(ROOT).articles:
        page = (html_build / f"{article.docname}.html").read_text(encoding="utf-8")
        body = page[page.index("<article"):page.index("</article>")]
        tips = _tips(html_build, article.docname)
        missing = sorted({href for href in pattern.findall(body)} - tips.keys())
        assert missing == [], f"{article.docname}: no tip for {missing[:5]}"


def test_the_page_names_its_tip_script_and_loads_the_vendored_tippy(html_build: Path) -> None:
    page = (html_build / "articles/2019-kireeva-zakharova-takeaways.html").read_text(encoding="utf-8")
    assert '<meta name="glossator-tips" content="../_static/glossator-tips/pages/articles/' in page
    for script in ("popper-2.11.8.min.js", "tippy-bundle-6.3.7.umd.min.js", "glossator-tips.js"):
        assert f'src="../_static/glossator-tips/{script}' in page
    assert "unpkg.com" not in page and "cdn" not in page.lower()


def test_parallel_build_writes_the_same_tips_as_a_serial_one(tmp_path: Path) -> None:
    project = _teaching_copy(tmp_path)
    _build(project / "docs", tmp_path / "serial")
    _build(project / "docs", tmp_path / "parallel", "-j", "2")
    serial = sorted(p.relative_to(tmp_path / "serial") for p in (tmp_path / "serial" / TIPS).rglob("*.js"))
    parallel = sorted(p.relative_to(tmp_path / "parallel") for p in (tmp_path / "parallel" / TIPS).rglob("*.js"))
    assert serial and serial == parallel
    for rel in serial:
        assert (tmp_path / "serial" / rel).read_bytes() == (tmp_path / "parallel" / rel).read_bytes(), rel


def test_editing_a_definition_updates_the_tips_of_pages_that_link_the_term(tmp_path: Path) -> None:
    project = _teaching_copy(tmp_path)
    out = tmp_path / "html"
    _build(project / "docs", out)
    before = _tips(out, "articles/mini")
    assert any("Where the meaning lives." in tip for tip in before.values())
    glossary = project / "corpus" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        "Where the meaning lives.", "Where the meaning was revised."), encoding="utf-8")
    _build(project / "docs", out)
    after = _tips(out, "articles/mini")
    assert any("Where the meaning was revised." in tip for tip in after.values())
    assert not any("Where the meaning lives." in tip for tip in after.values())


def test_a_tip_of_several_elements_with_an_image_is_relocated_whole() -> None:
    """A page's tip (a title and paragraphs) with an image: every element kept, the path moved."""
    from glossator.sphinxext.tips import _relocate

    tip = '<h1>Title</h1><p>A map <img src="map.png" alt="a map"></p><p>More.</p>'
    assert _relocate(tip, "articles", "") == '<h1>Title</h1><p>A map <img src="articles/map.png" alt="a map"></p><p>More.</p>'
