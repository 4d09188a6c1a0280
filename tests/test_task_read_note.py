"""Student task 2, Read a note, on every article at every device.

Wide screens (1366 px and wider): each note sits in the margin, level with its marker or
directly below the note before it; no two overlap and none leaves the screen. Narrower
screens: a marker is a button; tapping it, or Enter on it, opens the note in a labelled region
right after the marker's paragraph; Escape closes it and the focus goes back to the marker.
Everywhere: markers are targets of at least 24 × 24 px, and marker and note link to each other.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .browser_support import Device, keep_screenshot, needs_chromium
from .conftest import ROOT

pytestmark = [needs_chromium, pytest.mark.slow]

ARTICLES = sorted(p.stem for p in (ROOT / "corpus" / "articles").glob("*.md"))
BESIDE_FROM = 1366  # widths from which the notes must be beside the text
TOLERANCE = 2  # px

GEOMETRY = """() => {
  const marks = [...document.querySelectorAll("article[role=main] a.footnote-reference")]
    .filter(a => a.offsetParent !== null);
  const seen = new Set();
  return marks.flatMap(a => {
    const id = decodeURIComponent(a.getAttribute("href").slice(1));
    if (seen.has(id)) return [];
    seen.add(id);
    const note = document.getElementById(id);
    const m = a.getBoundingClientRect(), n = note.getBoundingClientRect();
    const back = note.querySelector("a[role=doc-backlink]");
    // A long note shows its first lines and a "More of note N" button just below them.
    const more = note.nextElementSibling;
    const end = more && more.matches("button.glossator-note-more") && !more.hidden
      ? more.getBoundingClientRect().bottom : n.bottom;
    return [{id, marker: [m.left, m.top, m.width, m.height], note: [n.left, n.top, n.right, n.bottom], end,
             back: back && back.getAttribute("href") === "#" + a.id,
             apparatus: a.classList.contains("glossator-apparatus") && note.classList.contains("glossator-apparatus"),
             fontSize: parseFloat(getComputedStyle(note).fontSize)}];
  });
}"""


# Notes are set again when fonts load, on resize and when the text moves (a requestAnimationFrame
# later): measure once markers and notes have kept their places for a few frames, with fonts
# loaded and no transition running, never mid-way.
SETTLED = """(frames) => {
  const parts = [...document.querySelectorAll(
    "article[role=main] a.footnote-reference, article[role=main] button.glossator-noteref, article[role=main] aside.footnote")];
  const key = document.body.className + "|" + innerWidth + "|" + parts.map(e => {
    const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height].join(","); }).join(";");
  const s = window.__glossatorSettle || (window.__glossatorSettle = {key: null, count: 0});
  s.count = key === s.key ? s.count + 1 : 0;
  s.key = key;
  return s.count >= frames && document.fonts.status === "loaded" && document.getAnimations().length === 0;
}"""


def settle(page: Page) -> None:
    """Wait until the notes' layout has come to rest (SETTLED)."""
    page.wait_for_function(SETTLED, arg=3, polling="raf")


def _beside(page: Page) -> bool:
    return page.evaluate("document.body.classList.contains('glossator-notes-beside')")


@pytest.mark.parametrize("article", ARTICLES)
def test_read_a_note(device_page: Page, site: str, device: Device, article: str) -> None:
    page = device_page
    page.goto(f"{site}/articles/{article}.html")
    page.wait_for_load_state("load")
    if device.width >= BESIDE_FROM:
        expect(page.locator("body.glossator-notes-beside")).to_have_count(1)
    settle(page)
    if _beside(page):
        _check_beside(page, device, article)
    else:
        _check_inline(page, device, article)


def _check_beside(page: Page, device: Device, article: str) -> None:
    notes = _check_places(page, device.width, device.height, article)
    assert len(notes) >= 5, article
    # A long note opens in full from its "More" button, and the notes below it make room.
    more = page.get_by_role("button", name=re.compile(r"^More of note \d+$")).first
    if more.count():
        more.click()
        expect(page.get_by_role("button", name=re.compile(r"^Less of note \d+$")).first).to_have_attribute("aria-expanded", "true")
        settle(page)
        after = page.evaluate(GEOMETRY)
        for before, now in zip(after, after[1:], strict=False):
            assert now["note"][1] >= before["end"] - 0.5, (article, now["id"], "overlaps after expanding")
    if article == ARTICLES[0]:
        page.locator("article a.footnote-reference").first.scroll_into_view_if_needed()
        keep_screenshot(page, f"task2-read-a-note-{page.viewport_size['width']}")


def _check_places(page: Page, width: int, height: int, article: str) -> list[dict]:
    """Every note beside the text: level with its marker or just below the note before it, over
    no other note, on the screen, within a screen of its marker. Returns the notes' geometry."""
    notes = page.evaluate(GEOMETRY)
    assert notes, (article, width, "no note shown")
    previous_bottom = None
    for note in notes:
        x, y, w, h = note["marker"]
        left, top, right, _ = note["note"]
        assert w >= 24 and h >= 24, (article, note["id"], "marker target", w, h)
        assert note["back"] and note["apparatus"], (article, note["id"])
        assert left >= 0 and right <= width, (article, width, note["id"], "off the screen", left, right)
        assert left >= x + w, (article, note["id"], "note not in the margin")
        level = abs(top - y) <= TOLERANCE
        below = previous_bottom is not None and previous_bottom <= top <= previous_bottom + note["fontSize"] * 1.2 + TOLERANCE
        assert level or below, (article, note["id"], "neither level with its marker nor below the note before", top, y,
                                previous_bottom)
        assert previous_bottom is None or top >= previous_bottom - 0.5, (article, note["id"], "overlaps the note before")
        assert top >= y - TOLERANCE, (article, note["id"], "note above its marker")
        # Long notes show their first lines only, so crowding never carries a note a whole screen
        # away from its marker (the book theme's Gray article had one 4,786 px away).
        assert top - y <= height, (article, note["id"], "a screen below its marker", top - y)
        previous_bottom = note["end"]
    return notes


# Narrow screens: each marker button stands where its marker link was; the link still leads to
# the note, and the note's back-link leads to the button, the marker the reader sees.
LINKED = """() => [...document.querySelectorAll("article[role=main] button.glossator-noteref")].map(b => {
  const link = b.previousElementSibling;
  const note = link && link.matches("a.footnote-reference")
    ? document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1))) : null;
  const backs = note ? [...note.querySelectorAll("a[role=doc-backlink]")].map(a => a.getAttribute("href")) : [];
  return [b.textContent, !!note && note.classList.contains("footnote"), !!b.id && backs.includes("#" + b.id),
          b.offsetParent !== null, link ? link.offsetParent === null : false];
})"""


def _check_inline(page: Page, device: Device, article: str) -> None:
    markers = page.get_by_role("button", name=re.compile(r"^Note \d+$"))
    count = markers.count()
    assert count >= 5, article
    linked = page.evaluate(LINKED)
    assert len(linked) == count, (article, len(linked), count)
    for number, to_note, back, shown, link_hidden in linked:
        assert to_note and back and shown and link_hidden, (article, number, "marker and note do not link to each other",
                                                            to_note, back, shown, link_hidden)
    for index in sorted({0, count // 2, count - 1}):
        marker = markers.nth(index)
        marker.scroll_into_view_if_needed()
        box = marker.bounding_box()
        assert box and box["width"] >= 24 and box["height"] >= 24, (article, index, box)
        expect(marker).to_have_attribute("aria-expanded", "false")
        number = marker.inner_text().strip()
        if index == 0:
            marker.focus()
            page.keyboard.press("Enter")
        elif device.touch:
            marker.tap()
        else:
            marker.click()
        region = page.get_by_role("region", name=f"Note {number}")
        expect(region).to_be_visible()
        expect(marker).to_have_attribute("aria-expanded", "true")
        expect(marker).to_have_attribute("aria-controls", region.get_attribute("id"))
        # Right after the marker's paragraph, not in the middle of it.
        after = region.evaluate("""(r) => { const m = document.querySelector("[aria-controls='" + r.id + "']");
            const block = m.closest("p, li, dd, blockquote, td, th, figcaption, h1, h2, h3, h4, h5, h6");
            let prev = r.previousElementSibling;
            while (prev && prev.classList.contains("glossator-note-panel")) prev = prev.previousElementSibling;
            return prev === block && r.getBoundingClientRect().top >= block.getBoundingClientRect().bottom - 1
                   && r.classList.contains("glossator-apparatus"); }""")
        assert after, (article, number)
        text = region.inner_text()
        assert len(text) > 20 and f"Note {number}" in text
        if index == 0 and article == ARTICLES[0]:
            keep_screenshot(page, f"task2-read-a-note-{page.viewport_size['width']}")
        if index == 0:
            region.focus()
        page.keyboard.press("Escape")
        expect(region).to_have_count(0)
        expect(marker).to_have_attribute("aria-expanded", "false")
        expect(marker).to_be_focused()


# From a phone held sideways to a desktop, as a reader resizes the window: the widths where the
# layout changes (Furo's navigation drawer below 63em, its contents drawer below 82em, the notes'
# 12em column) and some between them, going back and forth across each.
SWEEP = [1024, 1160, 1240, 1366, 1500, 1920, 1100, 1200, 1000, 1120, 1160, 900, 1700, 1080, 1300]


def test_notes_keep_their_places_at_every_width(browser, site: str) -> None:
    """Wherever the notes are beside the text, on opening the page or after the window is
    resized to that width, no note overlaps another, leaves the screen or strays from its
    marker; from 1366 px they are always beside it."""
    from .browser_support import open_page

    article = "2020-04-gray-vladivostok-visit"  # the most crowded margin
    for page in open_page(browser, viewport={"width": SWEEP[0], "height": 900}):
        page.goto(f"{site}/articles/{article}.html")
        page.wait_for_load_state("load")
        beside_at = []
        for width in SWEEP:
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_function("(w) => innerWidth === w", arg=width)
            settle(page)
            if width >= BESIDE_FROM:
                assert _beside(page), (width, "notes not beside the text")
            if _beside(page):
                beside_at.append(width)
                _check_places(page, width, 900, f"{article} resized to {width}")
        assert len(beside_at) >= 6, beside_at
