"""Student task 1, Navigate: from an article, open the navigation and go to another article,
the glossary, the timeline and an assignment, by tap or click and by keyboard alone; close the
navigation with Escape and by tapping outside it. At every device of tests/browser_support.py.

Where the screen is wide enough the navigation is always shown and there is nothing to open;
where it is a drawer, the test opens it with the button named "Navigation".
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .browser_support import Device, keep_screenshot, needs_chromium

pytestmark = [needs_chromium, pytest.mark.slow]

ARTICLE = "articles/2019-kireeva-zakharova-takeaways.html"
# (what, the link's name in the navigation, the page it leads to)
DESTINATIONS = [
    ("article", re.compile(r"Vladivostok Visit Reshape"), r"articles/2020-04-gray-vladivostok-visit\.html"),
    ("glossary", re.compile(r"^Glossary$"), r"/glossary\.html"),
    ("timeline", re.compile(r"^Timeline$"), r"/timeline\.html"),
    ("assignment", re.compile(r"^Assignments$"), r"/assignments/index\.html"),
]
ASSIGNMENT = re.compile(r"Week 1: The 2019 Vladivostok summit")


def _nav(page: Page):
    return page.get_by_role("navigation", name="Main")


def _toggle(page: Page):
    return page.get_by_role("button", name=re.compile(r"^(Open |Close )?(site )?navigation$|primary sidebar", re.I))


def _shown(locator) -> bool:
    """On the screen: a closed drawer is still laid out, just beside the viewport."""
    return locator.evaluate("el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > 0"
                            " && r.left < window.innerWidth && getComputedStyle(el).visibility !== 'hidden'; }")


def _activate(page: Page, device: Device, locator) -> None:
    """Tap on a touch screen, click elsewhere."""
    if device.touch:
        locator.tap()
    else:
        locator.click()


def tab_to(page: Page, locator, limit: int = 250) -> None:
    """Press Tab until ``locator`` has the keyboard focus, as a keyboard user would."""
    target = locator.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("el => document.activeElement === el", target):
            return
    raise AssertionError(f"Tab never reached {locator}")


def _open(page: Page, device: Device, keyboard: bool, key: str = "Enter") -> bool:
    """Show the navigation; False where it was shown already (wide screens)."""
    first = _nav(page).get_by_role("link").first
    if _shown(first):
        return False
    toggle = _toggle(page).locator("visible=true")
    expect(toggle).to_have_count(1)
    if keyboard:
        tab_to(page, toggle)
        page.keyboard.press(key)
    else:
        _activate(page, device, toggle)
    expect(first).to_be_in_viewport()
    expect(toggle.first).to_have_attribute("aria-expanded", "true")
    # The drawer slides in: what is measured or tapped next must be where it comes to rest.
    page.wait_for_function("() => document.getAnimations().length === 0")
    return True


@pytest.mark.parametrize("what, name, url", DESTINATIONS, ids=[d[0] for d in DESTINATIONS])
def test_navigate_by_pointer(device_page: Page, site: str, device: Device, what: str, name, url: str) -> None:
    page = device_page
    page.goto(f"{site}/{ARTICLE}")
    _open(page, device, keyboard=False)
    link = _nav(page).get_by_role("link", name=name)
    link.scroll_into_view_if_needed()  # a student scrolls a long list
    expect(link).to_be_in_viewport()
    if what == "article":
        keep_screenshot(page, f"task1-navigate-{device.name}")
    _activate(page, device, link)
    expect(page).to_have_url(re.compile(url))
    if what == "assignment":
        _activate(page, device, page.get_by_role("main").get_by_role("link", name=ASSIGNMENT))
        expect(page.get_by_role("heading", level=1, name=ASSIGNMENT)).to_be_visible()


@pytest.mark.parametrize("what, name, url", DESTINATIONS, ids=[d[0] for d in DESTINATIONS])
def test_navigate_by_keyboard(device_page: Page, site: str, device: Device, what: str, name, url: str) -> None:
    page = device_page
    page.goto(f"{site}/{ARTICLE}")
    _open(page, device, keyboard=True, key=" " if what in {"glossary", "assignment"} else "Enter")
    link = _nav(page).get_by_role("link", name=name)
    tab_to(page, link)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(url))
    if what == "assignment":
        tab_to(page, page.get_by_role("main").get_by_role("link", name=ASSIGNMENT))
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1, name=ASSIGNMENT)).to_be_visible()


def test_close_navigation_with_escape_and_outside(device_page: Page, site: str, device: Device) -> None:
    page = device_page
    page.goto(f"{site}/{ARTICLE}")
    first = _nav(page).get_by_role("link").first
    if not _open(page, device, keyboard=True):
        expect(first).to_be_in_viewport()  # wide screens: always shown, nothing to close
        expect(_toggle(page).locator("visible=true")).to_have_count(0)
        return
    toggle = page.locator("button[aria-expanded='true']")
    expect(toggle).to_have_count(1)
    toggle = page.get_by_role("button", name=toggle.get_attribute("aria-label"))
    page.keyboard.press("Escape")
    expect(first).not_to_be_in_viewport()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    _open(page, device, keyboard=False)
    box = _nav(page).bounding_box()
    assert box is not None
    # A tap on the page beside the drawer, not on a link.
    x, y = min(device.width - 8, box["x"] + box["width"] + 20), device.height // 2
    if device.touch:
        page.touchscreen.tap(x, y)
    else:
        page.mouse.click(x, y)
    expect(first).not_to_be_in_viewport()
    expect(toggle).to_have_attribute("aria-expanded", "false")
