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


def _index(html_build: Path) -> tuple[dict, dict[str, dict]]:
    """The header and every shard of the built search index, as data."""
    import json

    folder = html_build / "_static" / "glossator-search"
    header = json.loads((folder / "index.js").read_text(encoding="utf-8").split("=", 1)[1].rstrip(";\n"))
    parts = {}
    for path in (folder / "index").glob("*.js"):
        text = path.read_text(encoding="utf-8")
        name = re.match(r'^\(window\.GLOSSATOR_SEARCH_PARTS=window\.GLOSSATOR_SEARCH_PARTS\|\|\{\}\)\["(\w+)"\]=', text)
        assert name and name.group(1) == path.stem, path
        parts[path.stem] = json.loads(text[name.end():].rstrip(";\n"))
    return header, parts


def _passages(header: dict, parts: dict[str, dict]) -> list[tuple[str, str, str, str, str]]:
    """Every passage, in id order: (link, anchor, label, text, the text shard holding it)."""
    import bisect

    starts = header["docs"][::2]
    found = []
    for k, first in enumerate(header["texts"]):
        part = parts[f"t{k}"]
        for i, (anchor, label, text) in enumerate(part["passages"]):
            doc = bisect.bisect_right(starts, first + i) - 1
            found.append((part["docs"][str(doc)][0], anchor, label, text, f"t{k}"))
    return found


def test_passage_index_is_a_script_of_the_page_text(html_build: Path) -> None:
    """The index is loaded by search.html only, and holds the articles' words, not apparatus."""
    search = (html_build / "search.html").read_text(encoding="utf-8")
    assert "glossator-search/index.js" in search
    assert "glossator-search/index.js" not in (html_build / GRAY).read_text(encoding="utf-8")
    # Sphinx's whole-site index is not what the search page ranks with, so it is not loaded.
    assert "searchindex.js" not in search
    header, parts = _index(html_build)
    passages = _passages(header, parts)
    assert len(passages) == header["n"]
    gray = {anchor: text for link, anchor, _label, text, _shard in passages if link == GRAY}
    assert "Matsegora" in gray["p4"] and not re.search(r"¶\d", gray["p4"]), "the article's words, no ¶ marks"
    assert not any("System Settings" in text for *_rest, text, _shard in passages)


# -- the chunked index (sphinxext/searchindex.py): what a query loads, and that it is enough --

CHUNK_QUERIES = ["Matsegora", "sanctions relief", "Vladivostock", "Kim Jong-un", '"refined petroleum"', "oil"]


def _shard_requests(page) -> list[str]:
    """Record the names of the index shards the page requests (p3, b0, t12 …)."""
    names: list[str] = []

    def seen(request) -> None:
        found = re.search(r"/glossator-search/index/(\w+)\.js$", request.url)
        if found:
            names.append(found.group(1))

    page.on("request", seen)
    return names


def _all_results(page) -> tuple[list[str], str, str]:
    """Every result's link (after "Show more" until there is no more), the summary and the
    "Did you mean" line."""
    page.locator("#search-results .search-summary").filter(has_text=re.compile(r"\S")).wait_for(timeout=15000)
    more = page.get_by_role("button", name="Show more results")
    while more.count():
        shown = page.locator("#search-results li").count()
        more.click()
        _until(page, "n => document.querySelectorAll('#search-results li').length > n", shown)
    hrefs = page.locator("#search-results li > a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    note = page.locator(".glossator-didyoumean")
    return hrefs, page.locator("#search-results .search-summary").inner_text(), note.inner_text() if note.count() else ""


def test_a_query_loads_only_the_shards_it_needs(page, html_build: Path) -> None:
    """From file://: the postings shards of the query's stems and alias key (and of the
    corrected word's), and the text shards of the results shown; nothing else of the index."""
    from sphinx.search.en import SearchEnglish

    from glossator.sphinxext.searchindex import ALIAS, fnv, words

    header, parts = _index(html_build)
    stem = SearchEnglish({}).stem
    shard = {(link, anchor): name for link, anchor, _label, _text, name in _passages(header, parts)}

    def postings(key: str) -> str:
        return f"b{header['own'][key]}" if key in header["own"] else f"p{fnv(key) % header['shards']}"

    total = sum(p.stat().st_size for p in (html_build / "_static" / "glossator-search" / "index").glob("*.js"))
    for query, also in (("Matsegora", []), ("sanctions relief", []), ("Vladivostock", ["vladivostok"])):
        requests = _shard_requests(page)
        page.goto(f"{html_build.as_uri()}/search.html?q={query}")
        page.locator("#search-results .search-summary").filter(has_text=re.compile(r"\S")).wait_for(timeout=15000)
        hrefs = page.locator("#search-results li > a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert hrefs, query
        terms = words(query) + also
        expected = {postings(stem(w)) for w in terms} | {postings(ALIAS + " ".join(words(query)))}
        expected |= {postings(ALIAS + w) for w in also}
        expected |= {shard[tuple(h.split("#"))] for h in hrefs}
        assert len(requests) == len(set(requests)), "no shard is loaded twice"
        assert set(requests) == expected, (query, sorted(requests), sorted(expected))
        loaded = sum((html_build / "_static" / "glossator-search" / "index" / f"{n}.js").stat().st_size for n in requests)
        # Shards have a size in bytes, so at 1x a query still loads a good share; at 100x it is
        # a small one (make bench). The exact set above is the proof.
        assert loaded < total / 2, (query, loaded, total)
        # "Show more" loads the text of the next results only.
        more = page.get_by_role("button", name="Show more results")
        if more.count():
            before = len(requests)
            more.click()
            _until(page, "n => document.querySelectorAll('#search-results li').length > n", len(hrefs))
            after = page.locator("#search-results li > a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
            assert set(requests[before:]) == {shard[tuple(h.split("#"))] for h in after[len(hrefs):]} - set(requests[:before])


def test_chunked_ranking_equals_the_whole_index(browser, html_build: Path) -> None:
    """A query that loads only its shards ranks exactly as it does with every shard loaded."""
    from .browser_support import open_page

    for lazy in open_page(browser):
        for whole in open_page(browser):
            whole.goto(f"{html_build.as_uri()}/search.html")
            whole.evaluate("() => GlossatorSearch.loadAll()")
            requests = _shard_requests(whole)
            for query in CHUNK_QUERIES:
                lazy.goto(f"{html_build.as_uri()}/search.html?q={query}")
                expected = _all_results(lazy)
                assert expected[0], query
                whole.evaluate("q => { document.getElementById('search-results').replaceChildren();"
                               " Search.performSearch(q); }", query)
                assert _all_results(whole) == expected, query
            assert requests == [], "with every shard loaded, a query loads nothing more"


def test_the_builds_tokens_and_stems_are_the_pages(page, html_build: Path) -> None:
    """The index is keyed by the words and stems Python computed at build time; the page must
    cut a text into the same words and stem each indexed word the same (language_data.js
    alone stems "international" otherwise: the header carries the build's stems)."""
    from sphinx.search.en import SearchEnglish

    from glossator.sphinxext.searchindex import words

    header, parts = _index(html_build)
    texts = [text for *_rest, text, _shard in _passages(header, parts)]
    vocabulary = [entry.split(":")[0] for entry in header["vocabulary"].split(" ")]
    page.goto(f"{html_build.as_uri()}/search.html")
    in_page = page.evaluate("([texts, vocabulary]) => [texts.map(GlossatorSearch.words), vocabulary.map(GlossatorSearch.stem)]",
                            [texts, vocabulary])
    assert in_page[0] == [words(t) for t in texts]
    stem = SearchEnglish({}).stem
    assert in_page[1] == [stem(w) for w in vocabulary]


def test_the_index_splits_by_stem_and_keeps_positions() -> None:
    """build_index on a small made-up site: a frequent stem gets a shard of its own, the rest
    are hashed (standard 32-bit FNV-1a), and a posting keeps its passage's length and the
    word's positions; the vocabulary carries each word's stem, most frequent first."""
    import json

    from glossator.sphinxext import searchindex

    assert searchindex.fnv("a") == 0xE40C292C  # the published FNV-1a test value
    common = " ".join(["summit"] * 3)
    docs = [(f"articles/a{i}", f"articles/a{i}.html", f"Article {i}",
             [["p1", "¶1", f"The summits of {i}: {common} Vladivostok"], ["f1", "Note 1", "A note on summits"]])
            for i in range(400)]
    files = searchindex.build_index(docs, lambda w: w.removesuffix("s"))
    header = json.loads(files["index.js"].split("=", 1)[1].rstrip(";\n"))
    assert "summit" in header["own"] and "note" not in header["own"]
    hashed = json.loads(files[f"index/p{searchindex.fnv('note') % header['shards']}.js"].split("=", 2)[2].rstrip(";\n"))
    assert hashed["note"][:4] == [1, 4, 4 + searchindex.NOTE_WEIGHT_FLAG, 1]  # "A note on summits", position 1
    part = json.loads(files[f"index/b{header['own']['summit']}.js"].split("=", 2)[2].rstrip(";\n"))
    flat = part["summit"]
    # Passage 0: 8 tokens, "summit" 4 times at 1, 4, 5, 6; not a note, not in the title.
    assert flat[:3] == [0, 8, 4 * 4] and flat[3:7] == [1, 3, 1, 1]
    # Passage 1 (the note): id delta 1, 4 tokens, once at 3, the note flag.
    assert flat[7:11] == [1, 4, 1 * 4 + searchindex.NOTE_WEIGHT_FLAG, 3]
    assert header["vocabulary"].split(" ")[:2] == ["summit", "summits:6"]
    assert header["n"] == 800 and header["docs"][:4] == [0, 0, 2, 0]
    assert header["shards"] >= 1 and all(f"index/p{k}.js" in files for k in range(header["shards"]))
