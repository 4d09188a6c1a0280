"""What students see on every screen: one search box, whose magnifier leaves the query
readable; body text at a readable measure; "Back to top" never over the text on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .browser_support import Device, keep_screenshot, needs_chromium

pytestmark = [needs_chromium, pytest.mark.slow]

ARTICLE = "articles/2019-kireeva-zakharova-takeaways.html"

CHARS_PER_LINE = """(p) => {
  // The characters on each line of a paragraph, from the boxes of its text, line by line.
  const lines = new Map();
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let node;
  while ((node = walker.nextNode())) {
    if (node.parentElement.closest(".glossator-apparatus, .glossator-pnum")) continue;
    for (let i = 0; i < node.length; i++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      const r = range.getClientRects()[0];
      if (!r) continue;
      const key = Math.round(r.top / 4);
      lines.set(key, (lines.get(key) || 0) + 1);
    }
  }
  return [...lines.values()];
}"""


def test_one_search_box_and_its_magnifier_leaves_the_query_readable(device_page: Page, site: str, device: Device) -> None:
    page = device_page
    page.goto(f"{site}/{ARTICLE}")
    if device.narrow:
        toggle = page.get_by_role("button", name="Site navigation")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        # The drawer slides in; measure where the boxes come to rest, not mid-slide.
        page.wait_for_function("() => document.getAnimations().length === 0")
    boxes = page.get_by_role("search").get_by_role("textbox").locator("visible=true")
    shown = [i for i in range(boxes.count()) if boxes.nth(i).evaluate(
        "el => { const r = el.getBoundingClientRect(); return r.right > 0 && r.left < innerWidth; }")]
    assert len(shown) == 1, f"{len(shown)} search boxes on screen"
    box = boxes.nth(shown[0])
    box.fill("Matsegora")
    overlap = box.evaluate("""(input) => {
        const icon = getComputedStyle(input.parentElement, "::before");
        const left = input.parentElement.getBoundingClientRect().left + parseFloat(icon.left);
        const iconRight = left + parseFloat(icon.width);
        const textLeft = input.getBoundingClientRect().left + parseFloat(getComputedStyle(input).paddingLeft);
        return iconRight - textLeft;
    }""")
    assert overlap <= 0, f"the magnifier covers {overlap:.1f} px of the query"
    keep_screenshot(page, f"polish-search-{device.name}")


def test_body_text_has_a_readable_measure(device_page: Page, site: str, device: Device) -> None:
    if device.width < 1366:
        pytest.skip("the measure is set for laptops and wider; narrower screens fill their width")
    page = device_page
    page.goto(f"{site}/{ARTICLE}")
    for para in ("p1", "p3", "p9"):
        counts = page.locator(f"p#{para}").evaluate(CHARS_PER_LINE)
        full = sorted(counts[:-1])  # the last line of a paragraph is short
        assert full, para
        median = full[len(full) // 2]
        assert 60 <= median <= 80, (para, counts)


def test_back_to_top_never_covers_the_text_on_a_phone(device_page: Page, site: str, device: Device) -> None:
    if not device.touch:
        pytest.skip("phones and tablets")
    page = device_page
    page.goto(f"{site}/{ARTICLE}")
    page.mouse.wheel(0, 3000)
    page.wait_for_function("() => scrollY > 2000")
    page.mouse.wheel(0, -400)  # Furo shows the button when the reader scrolls back up
    page.wait_for_function("() => scrollY < 2700")
    button = page.get_by_role("link", name="Back to top")
    if button.is_visible():
        covered = button.evaluate("""(b) => { const r = b.getBoundingClientRect();
            return [...document.querySelectorAll("article p, article li, article dd")].some(p => {
              const q = p.getBoundingClientRect();
              return q.left < r.right && r.left < q.right && q.top < r.bottom && r.top < q.bottom; }); }""")
        assert not covered, "Back to top covers the text"
    else:
        expect(button).to_be_hidden()
    keep_screenshot(page, f"polish-back-to-top-{device.name}")


def test_dark_mode_switches_the_page_and_keeps_the_notes_readable(page: Page, site: str) -> None:
    page.goto(f"{site}/{ARTICLE}")
    toggle = page.get_by_role("button", name="Toggle Light / Dark / Auto color theme").locator("visible=true")
    luminance = """(el) => { const c = getComputedStyle(el).backgroundColor.match(/\\d+(\\.\\d+)?/g).map(Number);
        return (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255; }"""
    for _ in range(3):  # auto, light, dark in some order: one of them is dark
        if page.evaluate("document.body.dataset.theme") == "dark":
            break
        toggle.click()
    assert page.evaluate("document.body.dataset.theme") == "dark"
    assert page.locator("body").evaluate(luminance) < 0.2
    note = page.locator("article aside.footnote").first
    colour = note.evaluate("el => getComputedStyle(el).color.match(/\\d+/g).map(Number)")
    assert sum(colour) / 3 > 128, f"note text {colour} on a dark page"
    keep_screenshot(page, "polish-dark-mode-laptop")
