"""Handouts carry everything their assignment names (issue #16), for every shipped assignment:
the name line, each article reading's paragraphs in full and numbered, the timeline events of
each named period, each named claim's thesis, row of stances and quotes, and the questions
with lines to answer on, both in the web handout and in its PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

from glossator.corpus import load_corpus
from glossator.ranges import parse_range
from glossator.sphinxext.timeline import events_in_period

from .conftest import ROOT

CORPUS = load_corpus(ROOT)
KEYS = sorted(k for k, v in CORPUS.assignments.items() if isinstance(v, dict))


def fold(text: str) -> str:
    """Letters and digits only, case folded: PDF text breaks lines, hyphenates and curls quotes."""
    return re.sub(r"[\W_]+", "", text).casefold()


def expected(key: str) -> dict[str, list[str]]:
    """What the handout of ``key`` must show, by kind."""
    data = CORPUS.assignments[key]
    want: dict[str, list[str]] = {"paragraphs": [], "events": [], "claims": [], "questions": []}
    for reading in data.get("readings") or []:
        if "article" in reading:
            article = CORPUS.article(reading["article"])
            first, last = parse_range(reading["paragraphs"]) if reading.get("paragraphs") else (1, len(article.paragraphs))
            want["paragraphs"] += [article.paragraphs[n - 1].text for n in range(first, last + 1)]
        elif "claim" in reading:
            claim = CORPUS.claims[reading["claim"]]
            want["claims"] += [claim["title"], claim["thesis"]]
            want["claims"] += [p["quote"] for p in claim["positions"].values() if p.get("quote")]
        elif reading.get("section") == "timeline":
            events = events_in_period(CORPUS, reading.get("from"), reading.get("to"))
            assert events, f"{key}: the period names no event"
            want["events"] += [e["title"] for _, e in events]
    want["questions"] = [str(q) for q in data.get("questions") or []]
    return want


def test_every_assignment_names_something_of_each_kind_somewhere() -> None:
    """The shipped assignments, together, exercise every part of a handout."""
    kinds = {kind for key in KEYS for kind, items in expected(key).items() if items}
    assert kinds == {"paragraphs", "events", "claims", "questions"}


@pytest.mark.parametrize("key", KEYS)
def test_the_web_handout_is_complete(html_build: Path, key: str) -> None:
    page = lxml.html.parse(str(html_build / "assignments" / f"{key}-handout.html")).getroot()
    handout = page.find_class("glossator-handout")[0]
    text = fold(handout.text_content())
    assert handout.find_class("glossator-name-line")[0].text_content().startswith("Name: ___")
    for kind, items in expected(key).items():
        missing = [item[:60] for item in items if fold(item) not in text]
        assert missing == [], f"{key}: {kind} missing from the handout"
    numbered = [p.text_content() for p in handout.xpath(".//blockquote//p")]
    assert all(re.match(r"¶\d+ ", p) for p in numbered) and len(numbered) == len(expected(key)["paragraphs"])
    questions = handout.xpath(".//ol/li[.//div[contains(@class, 'glossator-answer')]]")
    assert len(questions) == len(expected(key)["questions"])
    assert all(len(q.find_class("glossator-answer-line")) == 6 for q in questions)


def pdf_text(pdf: Path) -> str:
    """The PDF's text page by page, without the page number in each page's foot (pdftotext
    puts it where the last line ends, inside a word the page breaks)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
    texts = []
    for number in range(1, pages + 1):
        page = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        lines = page.rstrip().split("\n")
        last = lines[-1].rstrip()
        if last.endswith(str(number)):
            lines[-1] = last[: -len(str(number))]
        else:  # the number ended a line above (a short last line)
            for index in range(len(lines) - 1, -1, -1):
                if lines[index].rstrip().endswith(str(number)):
                    lines[index] = lines[index].rstrip()[: -len(str(number))]
                    break
        texts.append("\n".join(lines))
    return "\n".join(texts)


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing (pdftotext)")
@pytest.mark.parametrize("key", KEYS)
def test_the_pdf_handout_is_complete(pdf_build: Path, key: str) -> None:
    pdf = pdf_build / f"handout-{key}.pdf"
    text = fold(pdf_text(pdf))
    assert fold("Name:") in text
    for kind, items in expected(key).items():
        missing = [item[:60] for item in items if fold(item) not in text]
        assert missing == [], f"{key}: {kind} missing from {pdf.name}"
    tex = (pdf_build / f"handout-{key}.tex").read_text(encoding="utf-8")
    assert tex.count(r"\rule{\linewidth}{0.4pt}") == 6 * len(expected(key)["questions"]), "answer lines"
