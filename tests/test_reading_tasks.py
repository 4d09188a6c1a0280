"""The student's reading tasks of issue #12, each in a real Chromium on every device.

3. Look up a term: hover, focus and a first tap show the definition with a link to the full
   entry; the tip meets WCAG 1.4.13 (Escape, hoverable, persistent, not over the line).
4. Read without noise: only the first use of a term is marked, a labelled switch marks every
   use, and the choice is remembered (from file:// too, and where storage is blocked).
5. Quote: copying a selection of body text gives the article's words, nothing of the apparatus.
6. Take it away: every article links to the PDF and the EPUB, every assignment to its handout
   PDF, by relative links that resolve once ``make downloads`` has placed the files.
7. Cite a paragraph: the ¶ number opens the cite box by click, tap and keyboard, Escape closes
   it and gives focus back, the page does not move, and Copy citation copies.

Elements are found by role and accessible name, or by Glossator's own classes, never by the
theme's; every test keeps a screenshot under ``_build/test-artefacts/screenshots/``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from playwright.sync_api import expect

from glossator.corpus import load_corpus

from .browser_support import axe_violations, keep_screenshot, needs_axe, needs_chromium, open_page, serve
from .conftest import ROOT

pytestmark = needs_chromium

KZ = "articles/2019-kireeva-zakharova-takeaways.html"
GRAY_STEM = "2020-04-gray-vladivostok-visit"
GRAY = f"articles/{GRAY_STEM}.html"
TIP = "[data-tippy-root]"


def _fold(text: str) -> str:
    return " ".join(text.split())


def _open(page, url: str) -> None:
    page.goto(url)
    # The tips attach once the page's tip script has loaded.
    page.wait_for_function("() => document.querySelector('a[href*=\"glossary.html#term-\"]')?._tippy")


def _line_overlap(page, link, tip) -> float:
    """How far, in px, the tip overlaps vertically any line box of the link."""
    return page.evaluate(
        """([link, tip]) => {
            const t = tip.getBoundingClientRect();
            return Math.max(0, ...[...link.getClientRects()].map(
                r => Math.min(t.bottom, r.bottom) - Math.max(t.top, r.top)));
        }""",
        [link.element_handle(), tip.element_handle()],
    )


# -- 3. Look up a term ------------------------------------------------------------------------

def test_look_up_a_term(device_page, device, site: str) -> None:
    page = device_page
    _open(page, f"{site}/{KZ}")
    link = page.get_by_role("link", name="Khasan", exact=True).first
    link.scroll_into_view_if_needed()
    # This link's own tip (another term under the pointer may open its own once this one closes).
    tip = page.locator(f"#{link.evaluate('a => a._tippy.popper.id')}")
    more = tip.get_by_role("link", name="Full entry in the glossary")

    # Keyboard focus shows the definition; Escape dismisses it and leaves focus on the term.
    link.focus()
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("border settlement")
    expect(more).to_be_visible()
    described = link.get_attribute("aria-describedby")
    assert described and page.locator(f"#{described}").count() == 1
    page.keyboard.press("Escape")
    expect(tip).to_have_count(0)
    assert page.evaluate("document.activeElement.textContent") == "Khasan"
    link.blur()

    if device.touch:
        # A first tap shows the tip instead of following the link.
        link.tap()
        expect(tip).to_be_visible()
        expect(tip).to_contain_text("border settlement")
        assert page.url.endswith(KZ)
    else:
        link.hover()
        expect(tip).to_be_visible()
        # The pointer can move onto the tip, and the tip stays there.
        tip.hover()
        expect(more).to_be_visible()
    assert _line_overlap(page, link, tip) <= 0, "the tip covers the line with the term"
    # Persistent: nothing closes it while the reader is on it. Elapsed time is what is tested.
    page.wait_for_timeout(1500)
    expect(tip).to_be_visible()
    expect(tip.locator(".tippy-box")).to_have_css("opacity", "1")  # faded in, for the screenshot
    keep_screenshot(page, f"task3-term-{device.name}")
    page.keyboard.press("Escape")
    expect(tip).to_have_count(0)

    if device.touch:
        link.tap()
        expect(tip).to_be_visible()
        link.tap()  # the second tap follows the link
    else:
        link.hover()
        tip.hover()
        more.click()
    page.wait_for_url(re.compile(r"glossary\.html#term-Khasan$"))


# -- 4. Read without noise ------------------------------------------------------------------

def _marked_terms(page) -> list[str]:
    """The glossary links a reader sees in the article's own text (not in its notes)."""
    return page.eval_on_selector_all(
        "p.glossator-para a[href*='glossary.html#term-']",
        "els => els.filter(a => !a.closest('.glossator-apparatus')).map(a => a.getAttribute('href'))",
    )


def test_read_without_noise(device_page, device, site: str) -> None:
    page = device_page
    page.goto(f"{site}/{GRAY}")
    marked = _marked_terms(page)
    assert marked and len(marked) == len(set(marked)), "a term is marked more than once"
    quiet = page.locator("p.glossator-para a.glossator-term-repeat")
    assert quiet.count() > 0
    assert quiet.first.get_attribute("href") is None  # plain text: not a link, not a tab stop
    moscow = page.locator("p.glossator-para").get_by_role("link", name="Moscow", exact=True)
    assert moscow.count() == 1

    switch = page.get_by_role("switch", name="Mark every glossary term")
    switch.scroll_into_view_if_needed()
    expect(switch).to_be_visible()
    expect(switch).not_to_be_checked()
    if device.touch:
        page.get_by_text("Mark every glossary term").tap()
    else:
        switch.focus()
        page.keyboard.press("Space")
    expect(switch).to_be_checked()
    every = _marked_terms(page)
    assert len(every) == len(marked) + quiet.count()
    assert moscow.count() > 1
    # A term the switch marked previews its definition like any other.
    later = moscow.nth(1)
    later.focus()
    later_tip = page.locator(f"#{later.evaluate('a => a._tippy.popper.id')}")
    expect(later_tip).to_contain_text("Capital of Russia")
    expect(later_tip.locator(".tippy-box")).to_have_css("opacity", "1")
    keep_screenshot(page, f"task4-terms-{device.name}")
    page.keyboard.press("Escape")

    page.reload()
    switch = page.get_by_role("switch", name="Mark every glossary term")
    expect(switch).to_be_checked()  # remembered
    assert len(_marked_terms(page)) == len(every)
    switch.click()
    expect(switch).not_to_be_checked()
    page.reload()
    expect(page.get_by_role("switch", name="Mark every glossary term")).not_to_be_checked()
    assert _marked_terms(page) == marked


def test_the_term_switch_works_from_file_and_without_storage(browser, html_build: Path) -> None:
    url = (html_build / GRAY).as_uri()
    for blocked in (False, True):
        for page in open_page(browser, viewport={"width": 1366, "height": 900}):
            errors: list[str] = []
            page.on("pageerror", lambda exc, errors=errors: errors.append(exc.stack or str(exc)))
            if blocked:
                # What a browser with site data blocked does: touching localStorage throws.
                page.add_init_script("""Object.defineProperty(window, 'localStorage', {
                    get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });""")
            page.goto(url)
            switch = page.get_by_role("switch", name="Mark every glossary term")
            marked = len(_marked_terms(page))
            switch.click()
            expect(switch).to_be_checked()
            assert len(_marked_terms(page)) > marked
            page.reload()
            expect(page.get_by_role("switch", name="Mark every glossary term")).to_be_checked(checked=not blocked)
            # Only Glossator's scripts are this test's concern (the theme's own may fail).
            assert [e for e in errors if "glossator-" in e] == []


# -- 5. Quote -------------------------------------------------------------------------------

def _seed_paragraph(stem: str, number: int) -> str:
    """¶``number`` of an article as its seed has it: the seed's body and list lines, in order."""
    article = load_corpus(ROOT).article(stem)
    assert article is not None
    lines = [line for c in article.classes if c.role in {"body", "list"}
             for line in article.seed_lines[c.first - 1:c.last] if line.strip()]
    return lines[number - 1]


def _copy_selection_of(page, selector: str) -> None:
    page.eval_on_selector(selector, """p => {
        const range = document.createRange();
        range.selectNodeContents(p);
        const selection = getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }""")
    page.keyboard.press("ControlOrMeta+c")


def _clipboard(page) -> tuple[str, str]:
    return page.evaluate("""async () => {
        const [item] = await navigator.clipboard.read();
        const text = async type => item.types.includes(type) ? (await item.getType(type)).text() : "";
        return [await text("text/plain"), await text("text/html")];
    }""")


def test_quote_copies_the_article_words_only(device_page, device, site: str) -> None:
    page = device_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.goto(f"{site}/{GRAY}")
    page.locator("p#p2").scroll_into_view_if_needed()
    _copy_selection_of(page, "p#p2")
    keep_screenshot(page, f"task5-quote-{device.name}")
    text, html = _clipboard(page)
    assert _fold(text) == _fold(_seed_paragraph(GRAY_STEM, 2))
    assert html and "Sic" not in html and "¶" not in html and "glossator-apparatus" not in html
    assert _fold(lxml.html.fragment_fromstring(html, create_parent="div").text_content()) == _fold(text)

    if not device.touch:
        # With the mouse, as a reader does: press before the first word, drag past the last.
        page.evaluate("getSelection().removeAllRanges()")
        ends = page.eval_on_selector("p#p2", """p => {
            const texts = [...p.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim());
            const at = (node, offset) => {
                const range = document.createRange();
                range.setStart(node, offset);
                range.setEnd(node, offset + 1);
                return range.getBoundingClientRect();
            };
            const first = at(texts[0], texts[0].textContent.search(/\\S/));
            const last = texts[texts.length - 1];
            const end = at(last, last.textContent.trimEnd().length - 1);
            return [first.left + 1, first.top + first.height / 2, end.right, end.top + end.height / 2];
        }""")
        page.mouse.move(ends[0], ends[1])
        page.mouse.down()
        page.mouse.move(ends[2], ends[3], steps=8)
        page.mouse.up()
        page.keyboard.press("ControlOrMeta+c")
        text, _ = _clipboard(page)
        assert _fold(text) == _fold(_seed_paragraph(GRAY_STEM, 2))

    # Across two paragraphs: the words of both, in order, a paragraph break between them.
    page.eval_on_selector("p#p3", """p3 => {
        const range = document.createRange();
        range.setStartBefore(document.getElementById('p2'));
        range.setEndAfter(p3);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
    }""")
    page.keyboard.press("ControlOrMeta+c")
    text, _ = _clipboard(page)
    parts = [_fold(part) for part in re.split(r"\n\s*\n", text.strip())]
    assert parts == [_fold(_seed_paragraph(GRAY_STEM, 2)), _fold(_seed_paragraph(GRAY_STEM, 3))]


# -- 6. Downloads ---------------------------------------------------------------------------

def _expected_downloads(page: str) -> set[str]:
    """The files a page must link to, named as ``make pdf`` and ``make epub`` write them."""
    import runpy

    from sphinx.util.osutil import make_filename

    conf = runpy.run_path(str(ROOT / "docs" / "conf.py"))
    names = set()
    if page.startswith("articles/"):
        epub = conf.get("epub_basename") or make_filename(conf["project"])  # Sphinx's default
        names = {Path(conf["latex_documents"][0][1]).with_suffix(".pdf").name, f"{epub}.epub"}
    elif page.startswith("assignments/") and Path(page).stem in load_corpus(ROOT).assignments:
        names = {f"handout-{Path(page).stem}.pdf"}
    return names


def test_every_article_and_assignment_page_links_its_downloads(html_build: Path) -> None:
    pages = sorted(p.relative_to(html_build).as_posix() for p in html_build.glob("*/*.html"))
    checked = 0
    for name in pages:
        expected = _expected_downloads(name)
        if not expected:
            continue
        tree = lxml.html.parse(str(html_build / name))
        hrefs = tree.xpath("//*[contains(concat(' ', @class, ' '), ' glossator-downloads ')]//a/@href")
        assert all(not re.match(r"^[a-z]+:|^/", href) for href in hrefs), (name, hrefs)
        found = {Path(href).name for href in hrefs}
        assert found == expected, name
        for href in hrefs:
            assert (html_build / name).parent.joinpath(href).resolve().parent == (html_build / "downloads").resolve()
        checked += 1
    corpus = load_corpus(ROOT)
    assert checked == len(corpus.articles) + len(corpus.assignments) > 0


def test_the_download_links_at_every_device(device_page, device, site: str) -> None:
    page = device_page
    page.goto(f"{site}/{KZ}")
    for name, ext in (("PDF of the whole reader", ".pdf"), ("EPUB for e-readers", ".epub")):
        link = page.get_by_role("link", name=name)
        expect(link).to_be_visible()
        assert link.get_attribute("href").startswith("../downloads/") and link.get_attribute("href").endswith(ext)
    keep_screenshot(page, f"task6-downloads-{device.name}")
    page.goto(f"{site}/assignments/week-1-vladivostok-2019.html")
    handout = page.get_by_role("link", name="Handout as PDF")
    expect(handout).to_be_visible()
    assert handout.get_attribute("href") == "../downloads/handout-week-1-vladivostok-2019.pdf"


def _outputs(tmp_path: Path) -> Path:
    """A build folder with the HTML and the real PDFs and EPUB: the repository's own when
    ``make pdf`` and ``make epub`` have run, else built here."""
    from .conftest import sphinx_build

    out = tmp_path / "_build"
    latex, epub = ROOT / "_build" / "latex", ROOT / "_build" / "epub"
    if not list(epub.glob("*.epub")):
        epub = out / "epub"
        result = sphinx_build("epub", epub)
        assert result.returncode == 0, result.stderr
    if not list(latex.glob("glossator-reader.pdf")):
        if not (shutil.which("latexmk") and shutil.which("xelatex")):
            pytest.skip("TeX Live missing (tools/scripts/system-deps.sh pdf): no PDF to place")
        latex = out / "latex"
        result = sphinx_build("latex", latex)
        assert result.returncode == 0, result.stderr
        make = subprocess.run(["make", "-C", str(latex), "all-pdf"], capture_output=True, text=True, timeout=1200)
        assert make.returncode == 0, make.stdout[-3000:]
    (out / "latex").mkdir(parents=True, exist_ok=True)
    (out / "epub").mkdir(parents=True, exist_ok=True)
    for source, dest in ((latex, out / "latex"), (epub, out / "epub")):
        for path in [*source.glob("*.pdf"), *source.glob("*.epub")]:
            if path.parent != dest:
                shutil.copy2(path, dest / path.name)
    return out


def test_make_downloads_places_the_files_the_links_point_at(tmp_path: Path, html_build: Path, browser) -> None:
    out = _outputs(tmp_path)
    shutil.copytree(html_build, out / "html")
    placed = subprocess.run(["make", "-C", str(ROOT), "downloads", f"OUT={out}"],
                            capture_output=True, text=True, timeout=120)
    assert placed.returncode == 0, placed.stdout + placed.stderr
    base, server = serve(out / "html")
    try:
        for page_name in (KZ, "assignments/fact-checking-the-articles.html"):
            for page in open_page(browser, viewport={"width": 1366, "height": 900}):
                for root in (base, (out / "html").as_uri()):
                    page.goto(f"{root}/{page_name}")
                    hrefs = page.eval_on_selector_all(".glossator-downloads a", "els => els.map(a => a.href)")
                    assert hrefs
                    for href in hrefs:
                        if href.startswith("file:"):
                            path = Path(href.removeprefix("file://"))
                            head = path.read_bytes()[:4]
                        else:
                            response = page.request.get(href)
                            assert response.status == 200, href
                            head = response.body()[:4]
                        assert head in (b"%PDF", b"PK\x03\x04"), href
    finally:
        server.shutdown()


# -- 7. Cite a paragraph --------------------------------------------------------------------

def test_cite_a_paragraph(device_page, device, site: str) -> None:
    page = device_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.goto(f"{site}/{KZ}")
    opener = page.get_by_role("button", name="Cite paragraph 3")
    opener.scroll_into_view_if_needed()
    # Furo scrolls smoothly: jump at once, so that the position read next is where the page rests.
    page.evaluate("document.getElementById('p3').scrollIntoView({block: 'center', behavior: 'instant'})")
    expect(opener).to_have_attribute("aria-expanded", "false")
    dialog = page.get_by_role("dialog", name="Citation for paragraph 3")
    before = page.evaluate("scrollY")

    opener.tap() if device.touch else opener.click()
    expect(dialog).to_be_visible()
    expect(opener).to_have_attribute("aria-expanded", "true")
    expect(dialog).to_contain_text("Kireeva")
    expect(dialog).to_contain_text("para. 3")  # the style's paragraph locator (Chicago by default)
    # At a device pixel ratio of 2 a tap can settle the page half a CSS pixel away: a jump is
    # anything more than one pixel.
    assert abs(page.evaluate("scrollY") - before) <= 1, "opening the cite box moved the page"
    assert page.url.endswith(KZ)
    keep_screenshot(page, f"task7-cite-{device.name}")

    copy = dialog.get_by_role("button", name="Copy citation")
    copy.tap() if device.touch else copy.click()
    expect(dialog).to_contain_text("Copied")
    citation = page.evaluate("navigator.clipboard.readText()")
    assert "Kireeva" in citation and "para. 3" in citation and "Copy" not in citation

    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(opener).to_have_attribute("aria-expanded", "false")
    expect(opener).to_be_focused()
    assert abs(page.evaluate("scrollY") - before) <= 1, "closing the cite box moved the page"

    # By keyboard alone: Enter opens, focus goes into the box, Escape returns it.
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    assert page.evaluate("!!document.activeElement.closest('.glossator-citebox')")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(opener).to_be_focused()
    page.keyboard.press("Space")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_have_count(0)
    expect(opener).to_be_focused()
    assert abs(page.evaluate("scrollY") - before) <= 1


# -- All of it, to a screen reader ------------------------------------------------------------

@needs_axe
def test_the_reading_apparatus_has_no_serious_accessibility_violations(page, site: str) -> None:
    """axe-core on the switch, an open tip, an open cite box and the paragraphs around them."""
    page.goto(f"{site}/{KZ}")
    page.get_by_role("switch", name="Mark every glossary term").click()
    page.get_by_role("button", name="Cite paragraph 3").click()
    link = page.get_by_role("link", name="Khasan", exact=True).first
    link.focus()
    expect(page.locator(f"#{link.evaluate('a => a._tippy.popper.id')}")).to_be_visible()
    parts = [[".glossator-terms-switch"], [".glossator-citebox"], ["[data-tippy-root]"],
             ["p.glossator-para"], [".glossator-downloads"]]
    assert axe_violations(page, include=parts) == []
