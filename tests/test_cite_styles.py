"""The citation style menu in a real Chromium: in the cite box and in "How to cite", every
style pre-rendered in the page, the choice remembered, and all of it from file:// with no
network (issue #15)."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import expect

from glossator import csl

from .browser_support import needs_chromium

pytestmark = needs_chromium
ARTICLE = "articles/2019-kireeva-zakharova-takeaways.html"


def _forms(page) -> dict:
    raw = page.locator("div.glossator-cite-data").get_attribute("data-glossator-citations")
    return {style["id"]: style for style in json.loads(raw)["styles"]}


def test_the_style_menu_switches_the_cite_box_and_how_to_cite(page, site: str) -> None:
    page.goto(f"{site}/{ARTICLE}")
    forms = _forms(page)
    section = page.locator("#glossator-how-to-cite")
    menu = section.get_by_label("Citation style")
    expect(menu).to_have_value(csl.DEFAULT_STYLE)
    # One style shown at a time: the default first.
    expect(section.locator(f".glossator-cite-style-{csl.DEFAULT_STYLE}")).to_be_visible()
    expect(section.locator(".glossator-cite-style-apa")).to_be_hidden()

    menu.select_option("apa")
    expect(section.locator(".glossator-cite-style-apa")).to_be_visible()
    expect(section.locator(f".glossator-cite-style-{csl.DEFAULT_STYLE}")).to_be_hidden()
    expect(section.locator(".glossator-cite-style-apa")).to_contain_text(forms["apa"]["reference"])

    # The cite box opens in the style chosen, and its own menu changes both.
    page.get_by_role("button", name="Cite paragraph 3").click()
    dialog = page.get_by_role("dialog", name="Citation for paragraph 3")
    box_menu = dialog.get_by_label("Citation style")
    expect(box_menu).to_have_value("apa")
    expect(dialog.locator(".glossator-citebox-text")).to_contain_text("(Kireeva & Zakharova, 2019/2026, para. 3)")
    box_menu.select_option("chicago-notes-bibliography")
    text = dialog.locator(".glossator-citebox-text")
    expect(text).to_contain_text(forms["chicago-notes-bibliography"]["paragraph_cite"].replace("98765", "3"))
    expect(menu).to_have_value("chicago-notes-bibliography")
    expect(section.locator(".glossator-cite-style-chicago-notes-bibliography")).to_be_visible()

    # Remembered on the next page.
    page.goto(f"{site}/articles/2020-04-gray-vladivostok-visit.html")
    expect(page.locator("#glossator-how-to-cite").get_by_label("Citation style")).to_have_value("chicago-notes-bibliography")


def test_every_style_works_from_a_file_with_no_network(browser, html_build: Path) -> None:
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto((html_build / ARTICLE).as_uri())
    forms = _forms(page)
    page.get_by_role("button", name="Cite paragraph 2").click()
    dialog = page.get_by_role("dialog", name="Citation for paragraph 2")
    menu = dialog.get_by_label("Citation style")
    for style in csl.STYLES:
        menu.select_option(style)
        expected = forms[style]["paragraph_cite"].replace("98765", "2")
        expect(dialog.locator(".glossator-citebox-text")).to_contain_text(expected)
    assert all(url.startswith(("file://", "data:", "about:")) for url in requests), requests
    context.close()
