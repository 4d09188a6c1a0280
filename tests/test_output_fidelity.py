"""The build proves fidelity on what it wrote: HTML and EPUB pages, apparatus removed, are the
seed's words; notes of several paragraphs render whole. Real Sphinx builds, no mocks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossator.checks.fidelity import expected_lines
from glossator.corpus import load_corpus
from glossator.outputtext import compare_words, differences, pdf_words, seed_words, visible_blocks

from .conftest import ROOT, sphinx_build
from .test_mutations_fidelity import GRAY, MUTATIONS, _apply

ROOTS = Path(__file__).resolve().parent / "roots"
MINI = "corpus/articles/mini.md"


def build(docs: Path, out: Path, builder: str = "html", strict: bool = True) -> subprocess.CompletedProcess:
    """A real Sphinx build; ``strict`` adds -W, so that only the output check may fail it."""
    return sphinx_build(builder, out, "-E", docs=docs, strict=strict)


@pytest.fixture
def mini_root(tmp_path: Path) -> Path:
    """A scratch copy of the small reader in the real theme."""
    dest = tmp_path / "root"
    shutil.copytree(ROOTS / "fidelity", dest, symlinks=True)
    return dest


def test_real_reader_pages_are_their_seeds(html_build: Path) -> None:
    """The session's strict build passed the output check; check it read every article."""
    corpus = load_corpus(ROOT)
    for article in corpus.articles:
        shown = visible_blocks((html_build / f"{article.docname}.html").read_bytes())
        assert [b.text for b in shown] == [e.text for e in expected_lines(article)], article.stem
        assert shown and any(b.para for b in shown)


def test_real_reader_epub_pages_are_their_seeds(epub_build: Path) -> None:
    """The session's strict EPUB build passed the output check; check it read every article."""
    corpus = load_corpus(ROOT)
    for article in corpus.articles:
        shown = visible_blocks((epub_build / f"{article.docname}.xhtml").read_bytes())
        assert [b.text for b in shown] == [e.text for e in expected_lines(article)], article.stem
        assert shown and any(b.para for b in shown)


@pytest.mark.skipif(not shutil.which("pdftohtml"), reason="needs poppler-utils")
def test_real_reader_pdf_words_are_its_seeds(pdf_build: Path) -> None:
    """`make pdf` runs glossator verify-pdf on the reader; so does the suite, on the session's PDF."""
    from glossator.pdfcheck import seed_text_of_pdf, verify_pdf

    pdf = pdf_build / "glossator-reader.pdf"
    assert verify_pdf(pdf, ROOT) == []
    # Not vacuous: the seed-coloured words read back are as many as the seeds' kept words.
    corpus = load_corpus(ROOT)
    words = [w for a in corpus.articles for e in expected_lines(a) for w in seed_words(e.text)]
    assert len(pdf_words(seed_text_of_pdf(pdf), set(words))) == len(words)


def test_apparatus_is_removed_not_guessed() -> None:
    page = ('<html><body><section><h1>Title<a class="headerlink glossator-apparatus">#</a></h1>'
            '<p id="p1"><a class="glossator-apparatus">¶1</a>One two<span class="glossator-apparatus">'
            '<sup>1</sup> a note</span> three.</p><p>Four <img alt="five"> six</p></section></body></html>')
    assert [(b.text, b.para) for b in visible_blocks(page)] == [("Title", None), ("One two three.", 1),
                                                                  ("Four five six", None)]


@pytest.mark.parametrize("name", ["abbr-angle", "doc-untitled", "nbsp", "image-inline", "duplicate-caption-gray",
                                  "dek-option"])
def test_mutation_fails_the_html_build(real_project: Path, tmp_path: Path, name: str) -> None:
    """A sample of the source mutations: the output check alone (no -W) fails the build."""
    mutation = next(m for m in MUTATIONS if m.name == name)
    _apply(real_project, mutation)
    result = build(real_project / "docs", tmp_path / "html", strict=False)
    assert result.returncode != 0, result.stderr
    errors = [line for line in result.stderr.splitlines() if "[glossator.output-fidelity]" in line]
    stem = Path(GRAY).stem
    assert errors and all(f"article '{stem}'" in line for line in errors), result.stderr
    assert any(f"{stem}.md:" in line.split(": ERROR")[0] for line in errors), errors


@pytest.mark.parametrize("name", ["em-space", "abbr-paren"])
def test_mutation_fails_the_epub_build(real_project: Path, tmp_path: Path, name: str) -> None:
    _apply(real_project, next(m for m in MUTATIONS if m.name == name))
    result = build(real_project / "docs", tmp_path / "epub", "epub", strict=False)
    errors = [line for line in result.stderr.splitlines() if "[glossator.output-fidelity]" in line]
    assert result.returncode != 0 and errors, result.stderr
    assert all("the built EPUB shows" in line and "¶1" in line for line in errors), errors


def test_whole_note_in_html_and_epub(mini_root: Path, tmp_path: Path) -> None:
    """A note of three paragraphs shows all three, in the note of HTML and in EPUB."""
    words = ["Its second paragraph goes on", "A third paragraph ends the note."]
    html = build(mini_root / "docs", tmp_path / "html")
    assert html.returncode == 0, html.stderr
    page = (tmp_path / "html" / "articles" / "mini.html").read_text(encoding="utf-8")
    import lxml.html

    notes = lxml.html.document_fromstring(page).xpath("//aside[contains(concat(' ', normalize-space(@class), ' '), ' footnote ')]")
    assert notes and any(all(w in note.text_content() for w in words) for note in notes)
    epub = build(mini_root / "docs", tmp_path / "epub", "epub")
    assert epub.returncode == 0, epub.stderr
    (book,) = (tmp_path / "epub").glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        text = archive.read("articles/mini.xhtml").decode("utf-8")
    assert all(w in text for w in words)


def test_pdf_words_undo_hyphenation_and_ligatures() -> None:
    seed = seed_words("The Russia-North Korea office defined a fluent line.")
    shown = pdf_words("The Russia-\nNorth Korea of\ufb01ce de-\nfined a \ufb02uent line.", set(seed))
    assert compare_words(seed, shown) == []
    assert compare_words(seed, pdf_words("The Russia-North Korea office defined a secret line.", set(seed)))


# -- Property: any visible text, through any markup, is caught by the output check -----------

WORD = st.text(alphabet=st.characters(categories=["Lu", "Ll", "Nd"], max_codepoint=0x2FFF), min_size=1, max_size=8)
SPACES = st.sampled_from(["\u00a0", "\u2003", "\u3000", "\u2009"])
CONSTRUCTS = st.sampled_from([
    "{w}", "*{w}*", "**{w}**", "`{w}`", "[{w}](https://example.org)", "{{sub}}`{w}`", "{{sup}}`{w}`",
    "{{abbr}}`{w} <{w}>`", "{{abbr}}`{w} ({w})`", "{{term}}`{w} <body paragraph>`", "{{doc}}`/glossary`",
    "{{cite}}`mini-2020`", "{{para}}`#1`", "{{ref}}`glossator-questions`", "{{doc}}`{w} </glossary>`",
    "![{w}](x.png)", "{s}",  # {s}: a space that is not U+0020 replaces one between two words
])


@pytest.mark.slow
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(construct=CONSTRUCTS, word=WORD, space=SPACES, where=st.sampled_from(["body", "heading", "bio"]))
def test_inserted_text_fails_the_build(mini_root: Path, tmp_path_factory, construct: str, word: str,
                                       space: str, where: str) -> None:
    path = mini_root / MINI
    original = path.read_text(encoding="utf-8")
    anchor = {"body": "Third body paragraph,", "heading": "## A {term}`Heading`",
              "bio": "The author is a"}[where]
    if construct == "{s}":
        # An odd space between two words (at a block's end Markdown strips it, unseen).
        cut = anchor.rindex(" ")
        mutated = original.replace(anchor, anchor[:cut] + space + anchor[cut + 1:], 1)
    else:
        mutated = original.replace(anchor, anchor + " " + construct.format(w=word), 1)
    try:
        path.write_text(mutated, encoding="utf-8")
        out = tmp_path_factory.mktemp("prop") / "html"
        result = build(mini_root / "docs", out, strict=False)
        assert result.returncode != 0, (construct, word, space, where, result.stderr)
        assert "[glossator.output-fidelity]" in result.stderr, (construct, word, space, where, result.stderr)
    finally:
        path.write_text(original, encoding="utf-8")


def test_differences_name_the_paragraph() -> None:
    corpus = load_corpus(ROOT)
    article = corpus.article(Path(GRAY).stem)
    expected = expected_lines(article)
    page = "<section>" + "".join(f'<p id="p{i}">{e.text}</p>' for i, e in enumerate(expected)) + "</section>"
    shown = visible_blocks(page.replace("inaugural", "secret"))
    (diff,) = differences(expected, shown)
    assert diff.seed_line == 16 and "secret" in diff.shown and diff.para is not None


# -- PDF: glossator verify-pdf on a real LaTeX build --------------------------------------------

def _pdf(docs: Path, out: Path) -> Path:
    result = subprocess.run([sys.executable, "-m", "sphinx", "-M", "latexpdf", str(docs), str(out), "-q",
                             "-D", "latex_engine=xelatex"], capture_output=True, text=True, timeout=900,
                            env={**os.environ, "NO_COLOR": "1"})
    pdf = out / "latex" / "fidelity.pdf"
    assert pdf.is_file(), result.stdout[-3000:] + result.stderr[-3000:]
    return pdf


def _verify(pdf: Path, root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "glossator", "verify-pdf", str(pdf), "--root", str(root)],
                          capture_output=True, text=True, timeout=600)


@pytest.mark.skipif(not (shutil.which("xelatex") and shutil.which("latexmk") and shutil.which("pdftohtml")),
                    reason="needs TeX Live (xelatex, latexmk) and poppler-utils")
def test_verify_pdf_passes_then_catches_added_words(mini_root: Path, tmp_path: Path) -> None:
    """A faithful PDF passes (and shows a note of three paragraphs whole); a word added through
    emphasis is named with article, ¶ and file:line, and an abbreviation (set in small
    capitals) is seen as a changed word."""
    pdf = _pdf(mini_root / "docs", tmp_path / "clean")
    clean = _verify(pdf, mini_root)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    # The note of three paragraphs is whole in the PDF too.
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert "Its second paragraph goes on" in text and "A third paragraph ends the note." in text
    path = mini_root / MINI
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Third body paragraph, the last.", "Third body {abbr}`paragraph`, the *very* last."),
                    encoding="utf-8")
    broken = _verify(_pdf(mini_root / "docs", tmp_path / "broken"), mini_root)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if "{abbr}" in row)
    assert f"{MINI}:{line}: article 'mini' ¶3: the PDF shows 'very' where seed line 11 has '(nothing)'" \
        in broken.stdout, broken.stdout
    assert "the PDF shows 'PARAGRAPH,' where seed line 11 has 'paragraph,'" in broken.stdout
