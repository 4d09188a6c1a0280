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


def _beside(page: Page) -> bool:
    return page.evaluate("document.body.classList.contains('glossator-notes-beside')")


@pytest.mark.parametrize("article", ARTICLES)
def test_read_a_note(device_page: Page, site: str, device: Device, article: str) -> None:
    page = device_page
    page.goto(f"{site}/articles/{article}.html")
    page.wait_for_load_state("load")
    if device.width >= BESIDE_FROM:
        expect(page.locator("body.glossator-notes-beside")).to_have_count(1)
    if _beside(page):
        _check_beside(page, device, article)
    else:
        _check_inline(page, device, article)


def _check_beside(page: Page, device: Device, article: str) -> None:
    notes = page.evaluate(GEOMETRY)
    assert len(notes) >= 5, article
    previous_bottom = None
    for note in notes:
        x, y, w, h = note["marker"]
        left, top, right, _ = note["note"]
        assert w >= 24 and h >= 24, (article, note["id"], "marker target", w, h)
        assert note["back"] and note["apparatus"], (article, note["id"])
        assert left >= 0 and right <= device.width, (article, note["id"], "off the screen", left, right)
        assert left >= x + w, (article, note["id"], "note not in the margin")
        level = abs(top - y) <= TOLERANCE
        below = previous_bottom is not None and previous_bottom <= top <= previous_bottom + note["fontSize"] * 1.2 + TOLERANCE
        assert level or below, (article, note["id"], "neither level with its marker nor below the note before", top, y,
                                previous_bottom)
        assert previous_bottom is None or top >= previous_bottom - 0.5, (article, note["id"], "overlaps the note before")
        assert top >= y - TOLERANCE, (article, note["id"], "note above its marker")
        # Long notes show their first lines only, so crowding never carries a note a whole screen
        # away from its marker (the book theme's Gray article had one 4,786 px away).
        assert top - y <= device.height, (article, note["id"], "a screen below its marker", top - y)
        previous_bottom = note["end"]
    # A long note opens in full from its "More" button, and the notes below it make room.
    more = page.get_by_role("button", name=re.compile(r"^More of note \d+$")).first
    if more.count():
        more.click()
        expect(page.get_by_role("button", name=re.compile(r"^Less of note \d+$")).first).to_have_attribute("aria-expanded", "true")
        after = page.evaluate(GEOMETRY)
        for before, now in zip(after, after[1:], strict=False):
            assert now["note"][1] >= before["end"] - 0.5, (article, now["id"], "overlaps after expanding")
    if article == ARTICLES[0]:
        page.locator("article a.footnote-reference").first.scroll_into_view_if_needed()
        keep_screenshot(page, f"task2-read-a-note-{page.viewport_size['width']}")


def _check_inline(page: Page, device: Device, article: str) -> None:
    markers = page.get_by_role("button", name=re.compile(r"^Note \d+$"))
    count = markers.count()
    assert count >= 5, article
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
