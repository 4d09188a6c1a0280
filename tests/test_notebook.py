"""The student's notebook (issue #17): highlight and note in an article, keep them in the
browser, list and export them in "My notebook", and find them again after a rebuild.

Every browser test runs in a fresh Chromium context through the shared fixtures, which fail
the test on any request that leaves the machine. A touch selection is made by script (what a
touch user's OS selection handles leave behind), then the toolbar is tapped as a finger does.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .browser_support import DEVICES, axe_violations, keep_screenshot, needs_axe, needs_chromium, open_page, serve
from .conftest import ROOT, copy_project, sphinx_build
from .test_reading_tasks import _clipboard, _copy_selection_of, _fold, _seed_paragraph

STEM = "2019-kireeva-zakharova-takeaways"
ARTICLE = f"articles/{STEM}.html"
OTHER = "articles/2020-04-gray-vladivostok-visit.html"
KEY = "glossator.notebook:Russia and North Korea, 2019–2023: An Annotated Reader@2026.1"
# In ¶2, across a note marker (a drag that starts on a link would drag the link); in ¶4, across two terms.
ACROSS_NOTE = "located at the border with North Korea, in his bullet-proof train"
ACROSS_TERMS = "the denuclearization of the Korean Peninsula"

# Select `words` in paragraph `pid`: the article's text (apparatus left out) mapped to DOM
# positions, independently of the notebook's own code.
SELECT = """([pid, words]) => {
    const p = document.getElementById(pid);
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let text = "", map = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.parentElement.closest(".glossator-apparatus")) continue;
        for (let i = 0; i < n.data.length; i++) {
            const c = /\\s/.test(n.data[i]) ? " " : n.data[i];
            if (c === " " && (text.endsWith(" ") || !text)) continue;
            text += c; map.push([n, i]);
        }
    }
    const at = text.indexOf(words);
    if (at < 0) throw new Error("not in " + pid + ": " + words);
    const range = document.createRange();
    range.setStart(map[at][0], map[at][1]);
    const last = map[at + words.length - 1];
    range.setEnd(last[0], last[1] + 1);
    map[at][0].parentElement.scrollIntoView({block: "center", behavior: "instant"});
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    const rects = range.getClientRects();
    const first = rects[0], end = rects[rects.length - 1];
    return [first.left + 1, first.top + first.height / 2, end.right - 1, end.top + end.height / 2];
}"""


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")


def _select(page, pid: str, words: str) -> list[float]:
    page.locator(f"#{pid}").scroll_into_view_if_needed()
    return page.evaluate(SELECT, [pid, words])


def _highlight(page, pid: str, words: str, colour: str = "yellow", tap: bool = False) -> None:
    _select(page, pid, words)
    choice = page.get_by_role("toolbar", name="Highlight the selected words").get_by_role("button", name=f"Highlight in {colour}")
    expect(choice).to_be_visible()
    choice.tap() if tap else choice.click()
    expect(page.get_by_role("status").filter(has_text="Highlight added")).to_have_count(1)


def _marks(page, pid: str) -> list[str]:
    """The text of each highlight in a paragraph (its <mark>s joined, white space folded)."""
    return page.evaluate("""pid => {
        const by = new Map();
        document.querySelectorAll(`#${pid} mark.glossator-highlight`).forEach(m => {
            const id = m.dataset.annotation;
            by.set(id, (by.get(id) || "") + m.textContent);
        });
        return [...by.values()].map(t => t.replace(/\\s+/g, " ").trim());
    }""", pid)


def _stored(page) -> list[dict]:
    return page.evaluate("key => JSON.parse(localStorage.getItem(key) || '{\"items\": []}').items", KEY)


# -- highlight: mouse, touch, keyboard --------------------------------------------------------

@needs_chromium
@pytest.mark.slow
def test_highlight_by_mouse_stays_after_reload_and_quotes_stay_exact(page, site: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    _open(page, f"{site}/{ARTICLE}")
    x1, y1, x2, y2 = _select(page, "p2", ACROSS_NOTE)
    page.evaluate("getSelection().removeAllRanges()")
    page.mouse.move(x1, y1)
    page.mouse.down()
    page.mouse.move(x2, y2, steps=10)
    page.mouse.up()
    toolbar = page.get_by_role("toolbar", name="Highlight the selected words")
    expect(toolbar).to_be_visible()
    toolbar.get_by_role("button", name="Highlight in blue").click()
    expect(page.get_by_role("status").filter(has_text="Highlight added")).to_have_count(1)
    assert _marks(page, "p2") == [ACROSS_NOTE]
    expect(page.get_by_role("button", name="Your blue highlight in ¶2: open")).to_be_focused()
    keep_screenshot(page, "notebook-highlight-mouse")

    page.reload()
    page.wait_for_load_state("load")
    assert _marks(page, "p2") == [ACROSS_NOTE]
    [stored] = _stored(page)
    assert stored["type"] == "Annotation" and stored["target"]["source"] == ARTICLE
    quote = stored["target"]["selector"][0]
    assert quote["type"] == "FragmentSelector" and quote["value"] == "p2"
    assert quote["refinedBy"]["type"] == "TextQuoteSelector" and quote["refinedBy"]["exact"] == ACROSS_NOTE
    position = stored["target"]["selector"][1]["refinedBy"]
    assert position["type"] == "TextPositionSelector" and position["end"] - position["start"] == len(ACROSS_NOTE)

    # Copy-as-quote of the highlighted paragraph still gives exactly the article's words.
    _copy_selection_of(page, "p#p2")
    text, html = _clipboard(page)
    assert _fold(text) == _fold(_seed_paragraph(STEM, 2))
    assert "glossator-hl-marker" not in html


@needs_chromium
@pytest.mark.slow
def test_highlight_by_touch_selection_on_a_phone(browser, site: str) -> None:
    phone = next(d for d in DEVICES if d.name == "phone")
    pages = open_page(browser, **phone.context_options())
    page = next(pages)
    _open(page, f"{site}/{ARTICLE}")
    _select(page, "p4", ACROSS_TERMS)  # what the OS selection handles leave behind
    toolbar = page.get_by_role("toolbar", name="Highlight the selected words")
    expect(toolbar).to_be_visible()
    box = toolbar.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    toolbar.get_by_role("button", name="Highlight in green").tap()
    expect(page.get_by_role("status").filter(has_text="Highlight added")).to_have_count(1)
    assert _marks(page, "p4") == [ACROSS_TERMS]
    marker = page.get_by_role("button", name="Your green highlight in ¶4: open")
    marker.tap()
    dialog = page.get_by_role("dialog", name="Your highlight in ¶4")
    expect(dialog).to_be_visible()
    dialog.get_by_role("textbox", name="Note").fill("Russia wants a seat at the table.")
    box = dialog.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    keep_screenshot(page, "notebook-highlight-touch-phone")
    dialog.get_by_role("button", name="Save").tap()
    expect(page.get_by_role("button", name="Your green highlight in ¶4, with a note: open")).to_be_visible()
    page.reload()
    page.wait_for_load_state("load")
    assert _marks(page, "p4") == [ACROSS_TERMS]
    expect(page.get_by_role("button", name="Your green highlight in ¶4, with a note: open")).to_have_count(1)
    next(pages, None)


@needs_chromium
@pytest.mark.slow
def test_highlight_and_note_by_keyboard_alone(page, site: str) -> None:
    _open(page, f"{site}/{ARTICLE}")
    pnum = page.get_by_role("button", name="Cite paragraph 4")
    pnum.focus()
    expect(pnum).to_be_focused()
    for _ in range(3):
        page.keyboard.press("Control+Shift+ArrowRight")  # "For Russia the" (a space after it is left out)
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowLeft")  # a character at a time, both ways
    expect(page.get_by_role("toolbar", name="Highlight the selected words")).to_be_visible()
    page.keyboard.press("Alt+Shift+H")
    expect(page.get_by_role("button", name="Highlight in yellow")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("button", name="Highlight in green")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Highlight added")).to_have_count(1)
    assert _marks(page, "p4") == ["For Russia the"]
    marker = page.get_by_role("button", name="Your green highlight in ¶4: open")
    expect(marker).to_be_focused()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Your highlight in ¶4")
    expect(dialog.get_by_role("radio", name="Green")).to_be_focused()
    page.keyboard.press("ArrowRight")  # the radio group: to blue
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("textbox", name="Note")).to_be_focused()
    page.keyboard.type("Whose perspective is this?")
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Save")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Note saved")).to_have_count(1)
    edited = page.get_by_role("button", name="Your blue highlight in ¶4, with a note: open")
    expect(edited).to_be_focused()
    outline = edited.evaluate("b => getComputedStyle(b).outlineStyle")
    assert outline == "solid"  # visible focus
    page.reload()
    page.wait_for_load_state("load")
    [stored] = _stored(page)
    assert {b["purpose"]: b["value"] for b in stored["body"]} == {"tagging": "blue", "commenting": "Whose perspective is this?"}


@needs_chromium
@pytest.mark.slow
def test_edit_and_delete_a_note(page, site: str) -> None:
    _open(page, f"{site}/{ARTICLE}")
    _highlight(page, "p2", ACROSS_NOTE, "pink")
    page.locator("#p2 mark.glossator-highlight").first.click()
    dialog = page.get_by_role("dialog", name="Your highlight in ¶2")
    dialog.get_by_role("textbox", name="Note").fill("First thought.")
    dialog.get_by_role("button", name="Save").click()
    page.reload()
    page.wait_for_load_state("load")
    page.get_by_role("button", name="Your pink highlight in ¶2, with a note: open").click()
    note = page.get_by_role("dialog", name="Your highlight in ¶2").get_by_role("textbox", name="Note")
    expect(note).to_have_value("First thought.")
    note.fill("Second thought.")
    page.get_by_role("dialog").get_by_role("button", name="Save").click()
    page.reload()
    page.wait_for_load_state("load")
    page.get_by_role("button", name="Your pink highlight in ¶2, with a note: open").click()
    expect(page.get_by_role("dialog").get_by_role("textbox", name="Note")).to_have_value("Second thought.")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    page.get_by_role("button", name="Your pink highlight in ¶2, with a note: open").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete highlight").click()
    expect(page.get_by_role("status").filter(has_text="Highlight deleted")).to_have_count(1)
    assert _marks(page, "p2") == []
    page.reload()
    page.wait_for_load_state("load")
    assert _marks(page, "p2") == [] and _stored(page) == []


# -- the notebook page ------------------------------------------------------------------------

def _two_articles(page, site: str) -> None:
    _open(page, f"{site}/{ARTICLE}")
    _highlight(page, "p4", ACROSS_TERMS, "green")
    page.get_by_role("button", name="Your green highlight in ¶4: open").click()
    page.get_by_role("dialog").get_by_role("textbox", name="Note").fill("Russia as a stakeholder: compare Gray ¶3.")
    page.get_by_role("dialog").get_by_role("button", name="Save").click()
    _highlight(page, "p2", ACROSS_NOTE, "yellow")
    _open(page, f"{site}/{OTHER}")
    words = page.evaluate("""() => {
        const p = document.getElementById("p2");
        const clone = p.cloneNode(true);
        clone.querySelectorAll(".glossator-apparatus").forEach(e => e.remove());
        return clone.textContent.replace(/\\s+/g, " ").trim().split(" ").slice(0, 6).join(" ");
    }""")
    _highlight(page, "p2", words, "pink")


@needs_chromium
@needs_axe
@pytest.mark.slow
def test_notebook_lists_filters_and_exports_markdown(page, site: str) -> None:
    _two_articles(page, site)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My notebook").click()
    page.wait_for_load_state("load")
    expect(page.get_by_text("Your notes stay on this device")).to_be_visible()
    items = page.locator("li.glossator-nb-item")
    expect(items).to_have_count(3)
    first = items.filter(has_text=ACROSS_TERMS)
    expect(first).to_contain_text("Russia as a stakeholder: compare Gray ¶3.")
    expect(first).to_contain_text("Kireeva and Zakharova [2019] 2026, para. 4")  # the paragraph's citation (CSL)
    expect(first.get_by_role("link", name="¶4")).to_have_attribute("href", re.compile(rf"{ARTICLE}#p4$"))
    assert axe_violations(page) == []
    keep_screenshot(page, "notebook-page")

    page.get_by_label("Colour").select_option("green")
    expect(items).to_have_count(1)
    page.get_by_label("Colour").select_option("")
    page.get_by_label("Article").select_option(ARTICLE)
    expect(items).to_have_count(2)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export Markdown").click()
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    assert "## Takeaways From the Long-Awaited Russia-North Korea Summit" in markdown
    assert f"> {ACROSS_TERMS}" in markdown and f"> {ACROSS_NOTE}" in markdown
    assert "### ¶4" in markdown and "### ¶2" in markdown
    assert "Citation: Kireeva, Anna, and Liudmila Zakharova. (2019) 2026." in markdown
    assert "Russia as a stakeholder: compare Gray ¶3." in markdown
    assert "gray" not in markdown.lower().replace("compare gray", "")  # filtered to one article
    shown = ROOT / "_build" / "test-artefacts" / "notebook-export.md"
    shown.parent.mkdir(parents=True, exist_ok=True)
    shown.write_text(markdown, encoding="utf-8")
    page.set_content(f"<pre style='white-space:pre-wrap;font-size:13px'>{markdown.replace('<', '&lt;')}</pre>")
    keep_screenshot(page, "notebook-markdown-export")

    _open(page, f"{site}/notebook.html")
    page.emulate_media(media="print")  # what Print gives: the notes, without the controls
    expect(page.get_by_role("button", name="Export Markdown")).to_be_hidden()
    expect(items.first).to_be_visible()
    page.emulate_media(media="screen")
    page.get_by_role("link", name="¶4").click()
    page.wait_for_url(re.compile(rf"{ARTICLE}#p4$"))


@needs_chromium
@pytest.mark.slow
def test_notes_work_from_a_copy_opened_from_disk(page, html_build: Path) -> None:
    _open(page, (html_build / ARTICLE).as_uri())
    _highlight(page, "p6", "security guarantees", "blue")
    page.reload()
    page.wait_for_load_state("load")
    assert _marks(page, "p6") == ["security guarantees"]
    _open(page, (html_build / "notebook.html").as_uri())
    item = page.locator("li.glossator-nb-item")
    expect(item).to_contain_text("security guarantees")
    item.get_by_role("link", name="¶6").click()
    page.wait_for_url((html_build / ARTICLE).as_uri() + "#p6")


@needs_chromium
@pytest.mark.slow
def test_json_ld_export_clear_import_round_trip_is_lossless(page, site: str, tmp_path: Path) -> None:
    _two_articles(page, site)
    before = _stored(page)
    _open(page, f"{site}/notebook.html")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export JSON-LD").click()
    exported = tmp_path / "notebook.jsonld"
    shutil.copyfile(download.value.path(), exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection" and "http://www.w3.org/ns/anno.jsonld" in data["@context"]
    assert data["total"] == 3 and data["first"]["items"] == before

    page.get_by_role("button", name="Delete all my notes").click()
    page.get_by_role("button", name="Delete them all").click()
    expect(page.get_by_role("status").filter(has_text="All your notes were deleted")).to_have_count(1)
    assert _stored(page) == []
    expect(page.locator("li.glossator-nb-item")).to_have_count(0)

    page.get_by_label("Import notes (JSON-LD)").set_input_files(str(exported))
    expect(page.get_by_role("status").filter(has_text="Imported 3 new notes")).to_have_count(1)
    assert _stored(page) == before
    page.get_by_label("Import notes (JSON-LD)").set_input_files(str(exported))  # again: no duplicates
    expect(page.get_by_role("status").filter(has_text="Imported 0 new notes; 3 already here")).to_have_count(1)
    assert _stored(page) == before

    broken = tmp_path / "broken.json"
    broken.write_text('{"type": "AnnotationCollection", "first": {"items": [{"type": "Annotation"}]}}', encoding="utf-8")
    page.get_by_label("Import notes (JSON-LD)").set_input_files(str(broken))
    expect(page.get_by_role("status").filter(has_text="Not imported: broken.json is not a notebook export")).to_have_count(1)
    assert _stored(page) == before


# -- anchors: rebuild, orphans, blocked storage ----------------------------------------------

def _changed_apparatus(project: Path) -> None:
    """A new edition: a changed note, a changed glossary entry, a sentence broken over two lines."""
    article = project / "corpus" / "articles" / f"{STEM}.md"
    text = article.read_text(encoding="utf-8")
    assert "[^cont-when-kim-arrived-at]: " in text
    text = text.replace("[^cont-when-kim-arrived-at]: ", "[^cont-when-kim-arrived-at]: In this edition the note is longer. ", 1)
    line = "For Russia the summit was important to reclaim its position"
    assert line in text
    text = text.replace(line, "For Russia the summit was important\nto reclaim its position", 1)
    article.write_text(text, encoding="utf-8")
    glossary = project / "corpus" / "glossary.yml"
    entries = glossary.read_text(encoding="utf-8")
    start = entries.index("\nkhasan:")
    definition = entries.index("definition:", start) + len("definition:")
    glossary.write_text(entries[:definition] + " A rewritten definition." + entries[definition:], encoding="utf-8")


@needs_chromium
@pytest.mark.slow
def test_highlights_reattach_after_a_rebuild_with_changed_apparatus(browser, html_build: Path, tmp_path: Path) -> None:
    served = tmp_path / "served"
    shutil.copytree(html_build, served)
    base, server = serve(served)
    try:
        pages = open_page(browser, viewport={"width": 1400, "height": 1000})
        page = next(pages)
        _open(page, f"{base}/{ARTICLE}")
        wanted = {"p2": [ACROSS_NOTE], "p4": [ACROSS_TERMS], "p6": ["security guarantees"]}
        for pid, [words] in wanted.items():
            _highlight(page, pid, words)
        before = {pid: _marks(page, pid) for pid in wanted}
        assert before == wanted

        project = copy_project(ROOT, tmp_path / "project")
        _changed_apparatus(project)
        rebuilt = tmp_path / "rebuilt"
        result = sphinx_build("html", rebuilt, docs=project / "docs")
        assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
        changed = (rebuilt / ARTICLE).read_text(encoding="utf-8")
        assert "In this edition the note is longer." in changed and changed != (served / ARTICLE).read_text(encoding="utf-8")
        shutil.rmtree(served)
        shutil.copytree(rebuilt, served)

        page.reload()
        page.wait_for_load_state("load")
        expect(page.get_by_text("In this edition the note is longer.").first).to_be_attached()
        assert {pid: _marks(page, pid) for pid in wanted} == wanted
        assert [a["glossator"]["orphaned"] for a in _stored(page)] == [False, False, False]
        expect(page.locator("#glossator-nb-orphans")).to_have_count(0)
        next(pages, None)
    finally:
        server.shutdown()


@needs_chromium
@pytest.mark.slow
def test_an_anchor_that_cannot_reattach_is_listed_as_orphaned(page, site: str) -> None:
    lost = {
        "@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:uuid:00000000-0000-4000-8000-000000000001",
        "type": "Annotation", "motivation": "commenting", "created": "2026-11-01T10:00:00.000Z",
        "modified": "2026-11-01T10:00:00.000Z",
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "blue"},
                 {"type": "TextualBody", "purpose": "commenting", "value": "My note on lost words.", "format": "text/plain"}],
        "target": {"source": ARTICLE, "selector": [
            {"type": "FragmentSelector", "value": "p3", "refinedBy": {
                "type": "TextQuoteSelector", "exact": "words that are not in any paragraph", "prefix": "", "suffix": ""}},
            {"type": "FragmentSelector", "value": "p3", "refinedBy": {"type": "TextPositionSelector", "start": 5, "end": 40}}]},
        "glossator": {"article": "Takeaways From the Long-Awaited Russia-North Korea Summit", "paragraph": 3,
                      "citation": "", "orphaned": False},
    }
    seed = json.dumps([KEY, lost])
    page.add_init_script(script=f"""(([key, item]) => {{
        if (!localStorage.getItem(key)) localStorage.setItem(key, JSON.stringify({{version: 1, items: [item]}}));
    }})({seed})""")
    _open(page, f"{site}/{ARTICLE}")
    box = page.locator("#glossator-nb-orphans")
    expect(box).to_contain_text("could not be placed")
    expect(box).to_contain_text("“words that are not in any paragraph”")
    assert page.locator("mark.glossator-highlight").count() == 0
    [kept] = _stored(page)
    assert kept["glossator"]["orphaned"] is True and kept["body"] == lost["body"]
    box.get_by_role("link", name="My notebook").click()
    page.wait_for_load_state("load")
    item = page.locator("li.glossator-nb-item")
    expect(item).to_contain_text("Orphaned")
    expect(item).to_contain_text("words that are not in any paragraph")
    expect(item).to_contain_text("My note on lost words.")


@needs_chromium
@pytest.mark.slow
def test_blocked_storage_says_so_and_keeps_the_note_for_download(page, site: str) -> None:
    page.add_init_script(script="""Storage.prototype.setItem = function () {
        throw new DOMException("The operation is insecure.", "SecurityError");
    };""")
    _open(page, f"{site}/{ARTICLE}")
    _select(page, "p4", ACROSS_TERMS)
    page.get_by_role("button", name="Highlight in yellow").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Your notes cannot be saved")
    expect(page.get_by_role("status").filter(has_text="not saved")).to_have_count(1)
    assert _marks(page, "p4") == [ACROSS_TERMS]  # still on the page
    keep_screenshot(page, "notebook-storage-blocked")
    with page.expect_download() as download:
        alert.get_by_role("button", name="Download my notes (JSON)").click()
    items = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))["first"]["items"]
    assert [a["target"]["selector"][0]["refinedBy"]["exact"] for a in items] == [ACROSS_TERMS]
    _open(page, f"{site}/notebook.html")
    page.get_by_role("button", name="Delete all my notes").click()
    page.get_by_role("button", name="Delete them all").click()
    expect(page.get_by_role("alert")).to_contain_text("Your notes cannot be saved")


# -- accessibility ----------------------------------------------------------------------------

def _contrast(page, selector: str) -> float:
    return page.evaluate("""sel => {
        const parse = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
        const lum = ([r, g, b]) => {
            const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
            return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        const line = lum(parse(getComputedStyle(document.querySelector(sel)).textDecorationColor));
        const page = lum(parse(getComputedStyle(document.body).backgroundColor));
        return (Math.max(line, page) + 0.05) / (Math.min(line, page) + 0.05);
    }""", selector)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@needs_chromium
@needs_axe
@pytest.mark.slow
def test_highlights_are_accessible_in_light_and_dark_mode(page, site: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    _open(page, f"{site}/{ARTICLE}")
    colours = ["yellow", "green", "blue", "pink"]
    words = ["Khasan located at the border", "the denuclearization of the Korean Peninsula",
             "security guarantees", "For North Korea the talks with Putin"]
    for pid, colour, text in zip(["p2", "p4", "p6", "p7"], colours, words, strict=True):
        _highlight(page, pid, text, colour)
    styles = {c: page.evaluate("c => getComputedStyle(document.querySelector('mark.glossator-hl-' + c)).textDecorationStyle", c)
              for c in colours}
    assert len(set(styles.values())) == 4, styles  # not by colour alone
    for colour in colours:
        assert _contrast(page, f"mark.glossator-hl-{colour}") >= 3, (scheme, colour)
    page.locator("#p4").scroll_into_view_if_needed()
    keep_screenshot(page, f"notebook-annotated-paragraph-{scheme}")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Your green highlight in ¶4: open").click()
    expect(page.get_by_role("dialog", name="Your highlight in ¶4")).to_be_visible()
    assert axe_violations(page) == []


# -- the optional Hypothesis client -----------------------------------------------------------

def test_hypothesis_is_off_by_default(html_build: Path) -> None:
    import lxml.html

    pages = list(html_build.rglob("*.html"))
    loading = [p for p in pages for tree in [lxml.html.parse(str(p))]
               if tree.xpath('//script[contains(@src, "hypothes.is")]')
               or "hypothes.is" in " ".join(tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content'))]
    assert pages and loading == []


@pytest.mark.slow
def test_hypothesis_option_adds_the_client_and_opens_the_policy_to_it(tmp_path: Path) -> None:
    out = tmp_path / "html"
    result = sphinx_build("html", out, "-D", "glossator_hypothesis=1")
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    page = (out / ARTICLE).read_text(encoding="utf-8")
    assert '<script async="async" src="https://hypothes.is/embed.js"></script>' in page
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    directives = {d.split()[0]: d.split()[1:] for d in policy.split("; ")}
    assert "https://hypothes.is" in directives["script-src"] and "https://hypothes.is" in directives["frame-src"]
    assert "'none'" not in directives["frame-src"]
