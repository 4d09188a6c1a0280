"""Search that lands on the paragraph (issue #18), in Chromium with the network cut.

Each query class (an exact name, a phrase, a misspelling, a glossary alias) must find the
expected passage, name it (¶N, note, entry), quote it with the query's words marked and no
theme text, and land on its anchor, highlighted; over http and from file://.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .browser_support import needs_chromium

pytestmark = needs_chromium

GRAY = "articles/2020-04-gray-vladivostok-visit.html"
# Text of Furo's chrome and Sphinx's page furniture, which a snippet must never quote.
THEME_TEXT = ("System Settings", "Light Dark", "Skip to content", "Back to top", "Hide navigation", "Toggle",
              "Made with Sphinx", "On this page", "Copyright")

# (query, class, href of the passage that must be among the first results, its label)
CASES = [
    ("Matsegora", "exact", f"{GRAY}#p4", "¶4"),
    ('"guest workers"', "phrase", f"{GRAY}#p5", "¶5"),
    ("Vladivostock", "misspelling", "articles/2019-04-25-kim-jong-un-in-russia.html#p10", "¶10"),
    ("DPRK", "alias", "glossary.html#term-North-Korea", "North Korea"),
    ("Kim Jong-un", "alias", "glossary.html#term-Kim-Jong-Un", "Kim Jong Un"),
    ("Kim Jong Un", "alias", "glossary.html#term-Kim-Jong-Un", "Kim Jong Un"),
]


def _base(request, transport: str) -> str:
    return request.getfixturevalue("site") if transport == "http" else request.getfixturevalue("html_build").as_uri()


def _until(page, predicate: str, arg, timeout: float = 5.0) -> None:
    """Wait until ``predicate(arg)`` holds in the page (page.wait_for_function evaluates its
    predicate in a way the site's Content-Security-Policy refuses)."""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(predicate, arg):
        assert time.monotonic() < deadline, f"timed out waiting for {predicate}"
        page.wait_for_timeout(50)


def _results(page, base: str, query: str):
    page.goto(f"{base}/search.html?q={query}")
    # Sphinx's own summary line, which the search fills when it is done.
    page.locator("#search-results .search-summary").filter(has_text=re.compile(r"\S")).wait_for(timeout=15000)
    return page.locator("#search-results li")


@pytest.mark.parametrize("transport", ["http", "file"])
@pytest.mark.parametrize(("query", "kind", "href", "label"), CASES, ids=[f"{c[1]}-{c[0]}" for c in CASES])
def test_query_finds_the_passage_and_lands_on_it(page, request, transport, query, kind, href, label) -> None:
    base = _base(request, transport)
    results = _results(page, base, query)
    hrefs = results.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert href in hrefs[:5], (query, hrefs[:8])
    result = results.nth(hrefs.index(href))
    assert label in result.inner_text(), "the result names its passage"
    result.get_by_role("link").first.click()
    anchor = href.split("#")[1]
    page.wait_for_url(re.compile(f"#{anchor}$"))
    target = page.locator(f"[id='{anchor}']")
    expect(target, "landed on the passage").to_be_in_viewport(timeout=5000)
    page.wait_for_load_state("load")
    # At the top of the window (the theme scrolls there smoothly: on the glossary, ~1.5 s).
    _until(page, "id => { const top = document.getElementById(id).getBoundingClientRect().top;"
                 " return top >= 0 && top < window.innerHeight / 3; }", anchor)
    outline = target.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none", "the passage is highlighted on arrival"


def test_misspelling_offers_did_you_mean(page, site: str) -> None:
    _results(page, site, "Vladivostock")
    suggestion = page.locator(".glossator-didyoumean").get_by_role("link", name="vladivostok", exact=True)
    assert suggestion.count() == 1 and "Did you mean" in page.locator(".glossator-didyoumean").inner_text()
    assert suggestion.get_attribute("href") == "?q=vladivostok"


@pytest.mark.parametrize("transport", ["http", "file"])
@pytest.mark.parametrize("query", ["Vostochny", "Rajin", "sanctions relief"])
def test_snippets_quote_the_passage_not_the_theme(page, request, transport, query) -> None:
    results = _results(page, _base(request, transport), query)
    snippets = results.locator(".glossator-result-snippet").all_inner_texts()
    assert snippets and len(snippets) == results.count(), "every result has a snippet"
    words = [w.lower() for w in query.split()]
    for snippet in snippets:
        assert not any(chrome in snippet for chrome in THEME_TEXT), snippet
        assert any(w[:5] in snippet.lower() for w in words), (query, snippet)
    marks = results.locator("mark").all_inner_texts()
    assert marks and all(any(w[:5] in m.lower() for w in words) for m in marks), marks


def test_typing_on_the_search_page_updates_the_results_in_place(page, html_build: Path) -> None:
    _results(page, html_build.as_uri(), "Wagner")
    box = page.get_by_role("textbox", name="Search").first
    box.fill("Vladivostock")
    expect(page.locator(".glossator-didyoumean")).to_have_count(1)
    expect(page.locator("#search-results li").first).to_contain_text("Vladivostok")
    assert page.url.endswith("search.html?q=Vladivostock"), page.url
    box.fill("Shoigu")
    expect(page.locator(".glossator-didyoumean")).to_have_count(0)
    expect(page.locator("#search-results li mark").first).to_have_text("Shoigu")


def test_results_are_announced_to_screen_readers(page, site: str) -> None:
    _results(page, site, "Shoigu")
    region = page.locator("#search-results")
    assert region.get_attribute("aria-live") == "polite"
    assert re.match(r"Found \d+ passages? on \d+ pages?\.", page.get_by_role("status").inner_text())


def test_results_page_usable_on_a_phone(browser, site: str) -> None:
    from .browser_support import DEVICES, open_page

    phone = next(d for d in DEVICES if d.name == "phone")
    for page in open_page(browser, **phone.context_options()):
        results = _results(page, site, "friendship treaty")
        assert results.count() >= 3
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, "no sideways scrolling"
        for i in range(3):
            link = results.nth(i).get_by_role("link").first
            box = link.bounding_box()
            assert box and box["height"] >= 24 and box["x"] >= 0 and box["x"] + box["width"] <= phone.width
        results.first.get_by_role("link").first.tap()
        page.wait_for_url(re.compile(r"#[\w-]+$"))


def test_passage_index_is_a_script_of_the_page_text(html_build: Path) -> None:
    """The index is loaded by search.html only, and holds the articles' words, not apparatus."""
    index = (html_build / "_static" / "glossator-search" / "passages.js").read_text(encoding="utf-8")
    assert index.startswith("window.GLOSSATOR_PASSAGES=")
    assert "glossator-search/passages.js" in (html_build / "search.html").read_text(encoding="utf-8")
    assert "glossator-search/passages.js" not in (html_build / GRAY).read_text(encoding="utf-8")
    # Sphinx's whole-site index is not what the search page ranks with, so it is not loaded.
    assert "searchindex.js" not in (html_build / "search.html").read_text(encoding="utf-8")
    import json

    docs = {doc: passages for doc, _link, _title, passages in json.loads(index.split("=", 1)[1].rstrip(";\n"))}
    gray = {anchor: text for anchor, _label, text, *_ in docs[GRAY.removesuffix(".html")]}
    assert "Matsegora" in gray["p4"] and not re.search(r"¶\d", gray["p4"]), "no ¶ marks in the words"
    assert not any("System Settings" in text for passages in docs.values() for _a, _l, text, *_ in passages)
