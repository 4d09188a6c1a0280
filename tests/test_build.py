"""Real Sphinx builds of the reader: HTML, EPUB and LaTeX/PDF, nitpicky, with zero warnings."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from glossator.checks.fidelity import expected_lines, fold
from glossator.corpus import load_corpus

from .conftest import ROOT, sphinx_build

sphinx = sphinx_build


def _visible_text(page: Path) -> str:
    """The page's text as a reader sees it in the article, without the editors' marks.

    Paragraph numbers, note numbers and the sidenotes the theme places inside paragraphs
    are removed; inline elements are joined without adding spaces.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for tag in soup.select("script, style, a.glossator-pnum, a.footnote-reference, sup, "
                           "span.sidenote, span.marginnote, label.margin-toggle, input.margin-toggle"):
        tag.decompose()
    return fold(html.unescape(soup.get_text("")))


def test_html_builds_without_warnings(html_build: Path) -> None:
    assert (html_build / "index.html").exists()
    for page in ("about", "glossary", "bibliography"):
        assert (html_build / f"{page}.html").exists()


def test_every_seed_line_is_in_the_html_unaltered(html_build: Path) -> None:
    """No typographic substitution or escaping changes a character of the articles."""
    corpus = load_corpus(ROOT)
    assert corpus.articles
    for article in corpus.articles:
        page = _visible_text(html_build / f"{article.docname}.html")
        for expected in expected_lines(article):
            assert expected.text in page, f"{article.stem}: seed line {expected.seed_line} altered in HTML"


def test_article_page_has_header_and_numbered_paragraphs(html_build: Path) -> None:
    corpus = load_corpus(ROOT)
    for article in corpus.articles:
        page = (html_build / f"{article.docname}.html").read_text(encoding="utf-8")
        numbers = re.findall(r'<p [^>]*\bid="p(\d+)"', page)
        assert numbers == [str(n) for n in range(1, len(article.paragraphs) + 1)]
        assert "glossator-article-header" in page


def test_landing_page_has_a_card_per_article(html_build: Path) -> None:
    page = (html_build / "index.html").read_text(encoding="utf-8")
    assert page.count("sd-card ") >= 5
    for article in load_corpus(ROOT).articles:
        assert f'href="{article.docname}.html"' in page


def test_epub_builds_and_passes_epubcheck(epub_build: Path) -> None:
    epub = next(epub_build.glob("*.epub"))
    jar = Path("/usr/share/java/epubcheck.jar")
    if not jar.exists() or not shutil.which("java"):
        pytest.skip("epubcheck is not installed (tools/scripts/system-deps.sh epub)")
    check = subprocess.run(["java", "-jar", str(jar), str(epub)], capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "0 fatals / 0 errors / 0 warnings" in check.stdout + check.stderr, check.stdout + check.stderr


def test_latex_builds_with_chapters_and_paragraph_numbers(latex_build: Path) -> None:
    tex = (latex_build / "glossator-reader.tex").read_text(encoding="utf-8")
    articles = len(load_corpus(ROOT).articles)
    assert tex.count(r"\chapter{") >= articles + 3  # about, the articles, glossary, bibliography
    assert r"\glossatorpnum{1}" in tex


def test_pdf_has_every_title(pdf_build: Path) -> None:
    tmp_path = pdf_build
    pdf = tmp_path / "glossator-reader.pdf"
    text = fold(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)
    corpus = load_corpus(ROOT)
    for article in corpus.articles:
        title = corpus.sources[article.meta["source"]]["title"]
        # LaTeX may hyphenate a long title across lines; compare the first words.
        assert " ".join(fold(title).split()[:4]) in text, title
    assert "Appendix A. Glossary" in text or "APPENDIX" in text.upper()
    assert "Khasan" in text and "border settlement" in text  # a glossary definition
    assert "Correction." in text  # notes are typeset as footnotes
    # The index lists the pages where a term is used, not only where it is defined.
    assert re.search(r"Kim Jong Un, \d+(, \d+){3,}", text)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "Pages:" in info
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "CJK" in fonts  # Korean and Chinese names are set in Noto CJK
    for log in tmp_path.glob("*.log"):
        assert "Missing character" not in log.read_text(encoding="utf-8", errors="replace"), log.name
    # One handout per assignment, with the assigned paragraphs' words.
    assert "Handout:" not in text
    for key, assignment in corpus.assignments.items():
        handout = fold(subprocess.run(["pdftotext", str(tmp_path / f"handout-{key}.pdf"), "-"],
                                      capture_output=True, text=True).stdout)
        assert "Handout:" in handout and "¶" in handout, key
        reading = next(r for r in assignment["readings"] if "article" in r)
        first = int(str(reading["paragraphs"]).split("-")[0])
        words = fold(corpus.article(reading["article"]).paragraphs[first - 1].text).split()[:5]
        assert " ".join(words) in handout, key


def _entry_text(page, key: str) -> str:
    from lxml import html as lxml_html

    tree = lxml_html.parse(str(page)).getroot()
    found = tree.xpath(f'//p[@id="src-{key}"]')
    assert found, f"no bibliography entry for {key}"
    return " ".join(found[0].text_content().split())


def test_bibliography_names_the_copy_read_and_marks_supplied_titles(html_build: Path) -> None:
    """A record read through a mirror says so ("accessed via …", with the copy's address), a
    title the editors supplied is shown in [brackets], and no placeholder title reaches a reader."""
    corpus = load_corpus(ROOT)
    page = html_build / "bibliography.html"
    with_via = [(k, r) for k, r in corpus.sources.items() if isinstance(r.get("via"), dict)]
    supplied = [(k, r) for k, r in corpus.sources.items() if r.get("title_supplied")]
    assert with_via and supplied
    for key, record in with_via:
        text = _entry_text(page, key)
        assert "ccessed via " + record["via"]["outlet"] in text, key
        assert record["via"]["url"] in text, key
    for key, record in supplied:
        text = _entry_text(page, key)
        assert f"[{' '.join(record['title'].split())}]" in text, key
        assert f"“{record['title']}" not in text, key
    shown = page.read_text(encoding="utf-8")
    assert "[title not shown" not in shown and "[headline not shown" not in shown


def test_a_supplied_article_title_is_marked_as_the_editors(html_build: Path) -> None:
    """Where the seed has no title and the published one was not seen, the page's heading is the
    editors' [title], marked as apparatus, and the header says so."""
    from lxml import html as lxml_html

    corpus = load_corpus(ROOT)
    articles = [a for a in corpus.articles if corpus.sources[a.meta["source"]].get("title_supplied")
                and not any(c.role == "title" for c in a.classes)]
    assert articles
    for article in articles:
        tree = lxml_html.parse(str(html_build / f"{article.docname}.html")).getroot()
        title = f"[{corpus.sources[article.meta['source']]['title']}]"
        # The article's own heading (the one with its permalink; a theme may repeat the title).
        headings = [h for h in tree.xpath("//h1[a[contains(@class, 'headerlink')]]") if title in h.text_content()]
        assert len(headings) == 1, article.stem
        assert {"glossator-apparatus", "glossator-supplied-title"} <= set(headings[0].get("class", "").split())
        assert tree.xpath('//*[contains(@class, "glossator-supplied-title-note")]')
