"""Instructor tasks (issue #16) in a real Chromium: link a range of paragraphs, build an
assignment by clicking, open its share link, print it, contribute its YAML, and meet a
clear message, never a blank page, when a link names what the reader does not have."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from glossator.checks import run_checks
from glossator.corpus import load_corpus

from .browser_support import ARTEFACTS, AXE, axe_violations, keep_screenshot, needs_chromium
from .conftest import ROOT

pytestmark = [needs_chromium]

KIREEVA = "2019-kireeva-zakharova-takeaways"
BRIEFING = "2019-04-25-kim-jong-un-in-russia"
QUESTION = "What did Russia and North Korea each want from the summit?"


def _fold(text: str) -> str:
    """Letters and digits only, case folded: PDF text breaks lines and hyphenates."""
    return re.sub(r"[\W_]+", "", text).casefold()


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT)


def _errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_a_range_link_scrolls_to_its_first_paragraph_and_marks_the_range(page: Page, site: str) -> None:
    errors = _errors(page)
    page.goto(f"{site}/articles/{BRIEFING}.html#p4-p13")
    marked = page.locator(".glossator-in-range")
    expect(marked).to_have_count(10)
    assert [marked.nth(i).get_attribute("id") for i in range(10)] == [f"p{n}" for n in range(4, 14)]
    expect(page.locator("#p3")).not_to_have_class(re.compile("glossator-in-range"))
    # The browser knows no element "p4-p13": the script scrolls ¶4 to the top of the window.
    page.wait_for_function("() => { const r = document.getElementById('p4').getBoundingClientRect();"
                           " return r.top >= 0 && r.top < window.innerHeight / 2; }")
    page.evaluate("() => { window.location.hash = '#p2-p3'; }")
    expect(marked).to_have_count(2)
    expect(page.locator("#p2")).to_have_class(re.compile("glossator-in-range"))
    expect(page.locator("#p4")).not_to_have_class(re.compile("glossator-in-range"))
    assert errors == []


def _build_by_clicking(page: Page, site: str) -> str:
    """Build an assignment as an instructor would; returns the share link."""
    page.goto(f"{site}/assignments/builder.html")
    page.get_by_label("Title", exact=True).fill("Week 3: what each side wanted")
    page.get_by_label("Due", exact=True).fill("Before the seminar of week 3")
    page.get_by_label("Instructions", exact=True).fill("Read the paragraphs, then the events of April 2019.")
    page.locator("summary", has_text="Takeaways From the Long-Awaited").click()
    page.get_by_role("button", name="¶3 of Kireeva and Zakharova 2019", exact=True).click()
    page.get_by_role("button", name="¶5 of Kireeva and Zakharova 2019", exact=True).click()
    expect(page.get_by_role("textbox", name="Paragraphs of Kireeva and Zakharova 2019")).to_have_value("3–5")
    page.get_by_role("button", name="Add paragraphs of Kireeva and Zakharova 2019").click()
    page.get_by_label("From", exact=True).fill("2019-04")
    page.get_by_label("To", exact=True).fill("2019-04")
    page.get_by_role("button", name="Add timeline period").click()
    page.get_by_label("North Korean workers in Russia").check()
    page.get_by_label("Question 1").fill(QUESTION)
    page.get_by_role("button", name="Add question").click()
    page.get_by_label("Question 2").fill("Which of these aims depended on the United States?")
    expect(page.locator("#glossator-assign")).to_have_attribute("data-ready", "true")
    return page.get_by_label("Share link").input_value()


@pytest.mark.slow
def test_build_share_print_and_contribute_an_assignment(page: Page, site: str, corpus, real_project: Path) -> None:
    errors = _errors(page)
    link = _build_by_clicking(page, site)
    assert "/assignments/read.html#a=" in link
    readings = page.get_by_role("region", name="Readings").get_by_role("listitem")
    expect(readings).to_have_text([re.compile(r"Kireeva and Zakharova 2019, ¶3–5"), re.compile("The timeline, 2019-04 to 2019-04"),
                                   re.compile("Claim: North Korean workers in Russia")])
    page.locator("summary", has_text="Takeaways From the Long-Awaited").scroll_into_view_if_needed()
    keep_screenshot(page, "builder-articles")
    yaml_text = page.get_by_label("YAML for corpus/assignments").input_value()
    name = page.locator(".glossator-assign-file").inner_text()
    page.get_by_role("heading", name="Share, print, contribute").scroll_into_view_if_needed()
    keep_screenshot(page, "builder-outputs")
    if AXE.is_file():  # the filled-in builder (the accessibility suite sees it empty)
        assert axe_violations(page) == []

    # The share link, in a new page: exactly the chosen paragraphs, then the questions.
    view = page.context.new_page()
    errors += _errors(view)
    view.goto(link)
    expect(view.get_by_role("button", name="Print")).to_be_visible()
    paragraphs = view.locator(".glossator-view-para")
    expect(paragraphs).to_have_count(3)
    article = corpus.article(KIREEVA)
    for index, number in enumerate((3, 4, 5)):
        text = paragraphs.nth(index).inner_text()
        assert text == f"¶{number} {article.paragraphs[number - 1].text}"
    # With the editors' notes on those paragraphs and the glossary entries they mark.
    notes = {f.label for f in article.doc.footnotes}
    expected_notes = sum(1 for n in (3, 4, 5) for r in article.paragraphs[n - 1].refs if r.kind == "footnote" and r.name in notes)
    expect(view.locator(".glossator-view-note")).to_have_count(expected_notes)
    assert expected_notes > 0
    expect(view.get_by_role("heading", name="Glossary")).to_be_visible()
    expect(view.get_by_role("link", name="¶3", exact=True)).to_have_attribute("href", f"../articles/{KIREEVA}.html#p3")
    expect(view.get_by_role("link", name=re.compile(r"Read ¶3–5 in the reader"))).to_have_attribute(
        "href", f"../articles/{KIREEVA}.html#p3-p5")
    expect(view.get_by_role("heading", name="The timeline, 2019-04 to 2019-04")).to_be_visible()
    expect(view.get_by_role("heading", name="Claim: North Korean workers in Russia")).to_be_visible()
    expect(view.get_by_role("listitem").filter(has_text=QUESTION)).to_be_visible()
    expect(view.get_by_role("alert")).to_have_count(0)
    keep_screenshot(view, "reading-view")
    if AXE.is_file():
        assert axe_violations(view) == []

    # Printed (Chromium's own print to PDF): the paragraphs, the questions and the name line.
    if shutil.which("pdftotext"):
        pdf = ARTEFACTS / "assignment-view.pdf"
        view.pdf(path=str(pdf), format="A4")
        printed = _fold(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
        for number in (3, 4, 5):
            assert _fold(article.paragraphs[number - 1].text) in printed, f"¶{number} is not in the printed handout"
        assert _fold(QUESTION) in printed and _fold("Name:") in printed
        assert _fold("in the reader, with the notes and glossary") not in printed, "the reader's links are on paper"

    # The YAML, pasted into the corpus as it stands, passes glossator check.
    assert name.startswith("corpus/assignments/") and name.endswith(".yml")
    (real_project / name).write_text(yaml_text, encoding="utf-8")
    findings = run_checks(load_corpus(real_project))
    assert [d.text() for d in findings] == []
    assert "week-3-what-each-side-wanted" in load_corpus(real_project).assignments
    assert errors == []


@pytest.mark.parametrize("fragment, message", [
    (f"r={KIREEVA}:20-30", "¶20–30 of Kireeva and Zakharova 2019 is past the end of the article, which has ¶1–14."),
    (f"r={KIREEVA}:9-3", "¶9–3 of Kireeva and Zakharova 2019 runs backwards: write 3–9."),
    ("r=no-such-article:1-3", "This assignment names an article the reader does not have: “no-such-article”."),
    ("a=zAAAA-not-an-assignment", "This assignment link is damaged or incomplete"),
])
def test_a_bad_link_says_what_is_wrong(page: Page, site: str, fragment: str, message: str) -> None:
    errors = _errors(page)
    page.goto(f"{site}/assignments/read.html#{fragment}")
    expect(page.get_by_role("alert")).to_contain_text(message)
    assert errors == []


def test_a_reading_list_link_spans_articles(page: Page, site: str, corpus) -> None:
    page.goto(f"{site}/assignments/read.html#r={KIREEVA}:4-6,{BRIEFING}:13")
    expect(page.locator(".glossator-view-para")).to_have_count(4)
    expect(page.get_by_role("heading", name=re.compile(r"\(Kireeva and Zakharova 2019\), ¶4–6$"))).to_be_visible()
    expect(page.locator(".glossator-view-para").last).to_have_text(f"¶13 {corpus.article(BRIEFING).paragraphs[12].text}")
    expect(page.get_by_role("alert")).to_have_count(0)


@pytest.mark.slow
def test_the_builder_works_from_a_file(browser, html_build: Path) -> None:
    """Opened from disk (file://, where fetch is refused), the builder and its link work."""
    context = browser.new_context()
    page = context.new_page()
    errors = _errors(page)
    page.goto((html_build / "assignments" / "builder.html").as_uri())
    page.get_by_label("Title", exact=True).fill("From the disk")
    page.locator("summary", has_text="Kim Jong-Un in Russia").click()
    page.get_by_role("textbox", name=re.compile("^Paragraphs of Unidentified")).fill("4–13")
    page.get_by_role("button", name=re.compile("^Add paragraphs of Unidentified")).click()
    expect(page.locator("#glossator-assign")).to_have_attribute("data-ready", "true")
    link = page.get_by_label("Share link").input_value()
    assert link.startswith("file://")
    page.goto(link)
    expect(page.locator(".glossator-view-para")).to_have_count(10)
    assert errors == []
    context.close()


def test_a_range_past_the_end_is_refused_in_the_builder(page: Page, site: str) -> None:
    page.goto(f"{site}/assignments/builder.html")
    page.locator("summary", has_text="Putin and Kim’s Vladivostok Summit").click()
    page.get_by_role("textbox", name="Paragraphs of The Jamestown Foundation 2019").fill("4-9")
    page.get_by_role("button", name="Add paragraphs of The Jamestown Foundation 2019").click()
    expect(page.get_by_role("alert")).to_have_text(
        "¶4–9 of The Jamestown Foundation 2019 is past the end of the article, which has ¶1–6.")
    expect(page.get_by_role("region", name="Readings").get_by_role("listitem")).to_have_count(0)
