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


def test_the_notebook_cites_in_the_style_chosen_in_the_cite_box(page, site: str) -> None:
    """A note's paragraph citation on "My notebook" follows the style the reader chose in a
    cite box (remembered in this browser), not the default style it was saved in."""
    from .test_notebook import ACROSS_TERMS, _highlight, _open

    _open(page, f"{site}/{ARTICLE}")
    forms = _forms(page)
    _highlight(page, "p4", ACROSS_TERMS, "green")
    notebook_link = page.get_by_role("navigation", name="Main").get_by_role("link", name="My notebook")
    notebook_link.click()
    page.wait_for_load_state("load")
    item = page.locator("li.glossator-nb-item").filter(has_text=ACROSS_TERMS)
    default = forms[csl.DEFAULT_STYLE]
    expect(item.locator(".glossator-nb-citation")).to_contain_text(default["paragraph_cite"].replace("98765", "4"))

    _open(page, f"{site}/{ARTICLE}")
    page.get_by_role("button", name="Cite paragraph 2").click()
    page.get_by_role("dialog", name="Citation for paragraph 2").get_by_label("Citation style").select_option("apa")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My notebook").click()
    page.wait_for_load_state("load")
    citation = page.locator("li.glossator-nb-item").filter(has_text=ACROSS_TERMS).locator(".glossator-nb-citation")
    expect(citation).to_contain_text("(Kireeva & Zakharova, 2019/2026, para. 4)")
    expect(citation).to_contain_text(forms["apa"]["paragraph_reference"])
    expect(citation).not_to_contain_text(default["paragraph_cite"].replace("98765", "4"))
    # A note style gives its note; the Markdown export says the same.
    page.evaluate("() => localStorage.setItem('glossator-citation-style', 'chicago-notes-bibliography')")
    page.reload()
    note = forms["chicago-notes-bibliography"]["paragraph_cite"].replace("98765", "4")
    expect(citation).to_contain_text(note)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export Markdown").click()
    assert f"Citation: {note}" in Path(download.value.path()).read_text(encoding="utf-8")
