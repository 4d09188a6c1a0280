"""The teaching apparatus: citation forms, reading time, generated pages, and real builds of a
small reader (tests/roots/teaching) in HTML, LaTeX and EPUB with zero warnings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from glossator.checks import run_checks
from glossator.corpus import Article, load_corpus
from glossator.markdown import parse_document
from glossator.sphinxext.apparatus import caveats
from glossator.sphinxext.corpusview import reading_minutes
from glossator.sphinxext.pages import page_text, write_pages
from glossator.yamlio import LineDict

from .conftest import sphinx_build

ROOTS = Path(__file__).resolve().parent / "roots"
BUILD_TIMEOUT = 300

UNDATED = {"title": "A title the editors supplied", "title_supplied": True, "organisation": "Example Institute",
           "outlet": "Example Institute", "unverified": "The page gives no date."}


# -- pure functions (the citation forms themselves: tests/test_citations.py) -----------------

def test_caveats_say_what_is_missing() -> None:
    notes = caveats(UNDATED)
    assert any("No URL" in n for n in notes) and any("n.d." in n for n in notes)
    assert any("The page gives no date." in n for n in notes)
    assert caveats({"title": "T", "url": "https://example.org/", "date": "2020-04-24"}) == []


def test_reading_time_rounds_up_at_230_words_a_minute() -> None:
    def article(words: int) -> Article:
        text = "# Title\n\n" + " ".join(["word"] * words) + "\n"
        meta = LineDict()
        meta.key_lines = {}
        return Article(Path("a.md"), "a.md", "a", text, parse_document(text), meta)

    assert reading_minutes(article(230)) == 1
    assert reading_minutes(article(231)) == 2
    assert reading_minutes(article(0)) == 1


def test_generated_pages_are_rewritten_and_pruned_but_hand_pages_kept(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("# Claims\n", encoding="utf-8")
    (tmp_path / "hand.md").write_text("# By hand\n", encoding="utf-8")
    write_pages(tmp_path, {"a": page_text("corpus/claims.yml", "A *claim*", "claim", "a"),
                           "hand": page_text("corpus/claims.yml", "Hand", "claim", "hand")})
    assert "# A \\*claim\\*\n\n:::{claim} a\n:::" in (tmp_path / "a.md").read_text(encoding="utf-8")
    assert (tmp_path / "hand.md").read_text(encoding="utf-8") == "# By hand\n"
    write_pages(tmp_path, {})
    assert not (tmp_path / "a.md").exists()
    assert (tmp_path / "index.md").exists() and (tmp_path / "hand.md").exists()
    write_pages(tmp_path / "missing", {"a": "x"})  # no folder: nothing is created
    assert not (tmp_path / "missing").exists()


# -- the small reader ------------------------------------------------------------------------

def copy_root(dest: Path) -> Path:
    shutil.copytree(ROOTS / "teaching", dest, symlinks=True)
    return dest


def build(builder: str, project: Path, out: Path) -> None:
    result = sphinx_build(builder, out, docs=project / "docs", timeout=BUILD_TIMEOUT)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_root(tmp_path_factory.mktemp("teaching") / "project")
    out = project / "_build" / "html"
    build("html", project, out)
    return out


def page(html: Path, name: str) -> str:
    return (html / name).read_text(encoding="utf-8")


def test_root_checks_clean() -> None:
    assert [d.text() for d in run_checks(load_corpus(ROOTS / "teaching"))] == []


def test_article_page_has_before_you_read_box(html: Path) -> None:
    text = page(html, "articles/mini.html")
    box = text[text.index("glossator-before-you-read"):text.index('id="p1"')]
    assert "Before you read" in box and "Watch the paragraph numbers." in box
    assert "<strong>Reading time:</strong> about 1 minute" in box
    assert "<li><p>Name the heading.</p></li>" in box
    for term in ("term-body-paragraph", "term-Heading", "term-student", "term-words"):
        assert f'href="../glossary.html#{term}"' in box


def test_article_page_ends_with_questions_and_how_to_cite(html: Path) -> None:
    text = page(html, "articles/mini.html")
    end = text[text.index('id="glossator-questions"'):]
    assert "<li><p>What does the heading announce?</p></li>" in end
    # Every configured style, formatted by CSL (tests/test_citations.py holds the forms).
    assert "Doe, Jane, and Richard Roe. 2020. “A Mini Title.” <em>Example Review</em>, January 2." in end
    assert "Doe, J., &amp; Roe, R. (2020, January 2). A Mini Title. <em>Example Review</em>." in end
    assert "(Doe &amp; Roe, 2020/20" in end and "para. 1)" in end


def test_timeline_orders_events_and_links_sources_and_paragraphs(html: Path) -> None:
    text = page(html, "timeline.html")
    assert text.index("<strong>2019</strong> — The almanac year") < text.index(
        "<strong>2 January 2020</strong> — The mini article appears")
    assert 'href="bibliography.html#src-mini-2020"' in text
    assert 'href="articles/mini.html#p1"><span>Doe and Roe 2020, ¶1</span>' in text
    assert 'id="event-mini-published"' in text


def test_claims_matrix_and_claim_page(html: Path) -> None:
    matrix = page(html, "claims/index.html")
    assert 'href="two-sentences.html#claim-two-sentences-mini"><span class="xref teaching">Supports</span>' in matrix
    claim = page(html, "claims/two-sentences.html")
    assert "<strong>Thesis:</strong> The first paragraph has two sentences." in claim
    assert "“It has two sentences.”" in claim
    assert 'href="../articles/mini.html#p1"><span class="xref para">¶1</span>' in claim
    assert 'href="../bibliography.html#src-almanac-2019"' in claim


def test_assignment_links_straight_to_paragraphs(html: Path) -> None:
    text = page(html, "assignments/week-1.html")
    # A range links to the range: range.js scrolls to ¶1 and marks ¶1–2.
    assert 'href="../articles/mini.html#p1-p2"><span class="xref para">¶1–2</span>' in text
    assert 'href="../timeline.html#event-mini-published"' in text
    assert 'href="../claims/two-sentences.html#claim-two-sentences"' in text
    assert "<strong>Due:</strong> Before the first seminar" in text
    assert 'href="week-1.html#assignment-week-1"' in page(html, "assignments/index.html")


def test_handout_quotes_the_assigned_paragraphs_word_for_word(html: Path) -> None:
    corpus = load_corpus(ROOTS / "teaching")
    mini = corpus.article("mini")
    text = page(html, "assignments/week-1-handout.html")
    assert "Handout: Week 1: the mini article" in text
    for number in (1, 2):
        assert f"<strong>¶{number} </strong>{mini.paragraphs[number - 1].text}" in text
    assert "¶3 " not in text  # only the assigned range
    assert "A note that cites" not in text  # the words of the article, not the editors' notes
    assert "Why two sentences?" in text
    assert 'href="week-1-handout.html"' in page(html, "assignments/week-1.html")


def test_people_places_index_links_paragraphs(html: Path) -> None:
    text = page(html, "people-places.html")
    people = text[text.index('id="people"'):text.index('id="places"')]
    assert 'glossary.html#term-student' in people and ">the biography<" in people
    places = text[text.index('id="places"'):text.index('id="organisations"')]
    assert 'href="articles/mini.html#p2"' in places and ">a heading<" in places


@pytest.mark.parametrize("builder", ["latex", "epub"])
def test_root_builds_in_latex_and_epub(builder: str, tmp_path: Path) -> None:
    project = copy_root(tmp_path / "project")
    build(builder, project, tmp_path / builder)
    if builder == "latex":
        tex = (tmp_path / builder / "teaching.tex").read_text(encoding="utf-8")
        assert "Reading time:" in tex and "Before you read" in tex
        assert "Handout" not in tex  # the reader's PDF leaves the handouts to their own PDFs
        handout = (tmp_path / builder / "handout-week-1.tex").read_text(encoding="utf-8")
        assert "Handout: Week 1: the mini article" in handout and "It has two sentences." in handout


def test_without_teaching_data_pages_say_so_and_generated_pages_go(tmp_path: Path) -> None:
    project = copy_root(tmp_path / "project")
    build("html", project, tmp_path / "first")
    assert (project / "docs" / "claims" / "two-sentences.md").exists()
    for name in ("timeline.yml", "claims.yml"):
        (project / "corpus" / name).unlink()
    shutil.rmtree(project / "corpus" / "assignments")
    build("html", project, tmp_path / "second")
    assert not (project / "docs" / "claims" / "two-sentences.md").exists()
    assert not (project / "docs" / "assignments" / "week-1.md").exists()
    assert "No events have been added to the timeline yet." in page(tmp_path / "second", "timeline.html")
    assert "No claims have been compared yet." in page(tmp_path / "second", "claims/index.html")
    assert "No assignments have been written yet." in page(tmp_path / "second", "assignments/index.html")
    assert "glossator-before-you-read" in page(tmp_path / "second", "articles/mini.html")
