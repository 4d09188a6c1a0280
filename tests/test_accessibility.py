"""axe-core (from npm, pinned in package-lock.json, installed by `make setup`) with its default
rules, `label-content-name-mismatch` among them, on every page of the built reader: no serious
or critical violation, on a laptop and on a phone (where the notes open in place, and one is
opened before the check)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .browser_support import DEVICES, axe_violations, needs_axe, needs_chromium, open_page

pytestmark = [needs_chromium, needs_axe, pytest.mark.slow]


def _load(page, url: str):
    page.goto(url)
    page.wait_for_load_state("load")
    return page


def test_axe_finds_nothing_serious_on_any_page(page, site: str, html_build: Path) -> None:
    pages = sorted(p.relative_to(html_build).as_posix() for p in html_build.rglob("*.html"))
    assert len(pages) >= 40
    found = {path: v for path in pages if (v := axe_violations(_load(page, f"{site}/{path}")))}
    assert found == {}


def test_axe_finds_nothing_serious_on_any_page_on_a_phone(browser, site: str, html_build: Path) -> None:
    phone = next(d for d in DEVICES if d.name == "phone")
    pages = iter(open_page(browser, **phone.context_options()))
    page = next(pages)
    found = {}
    for path in sorted(p.relative_to(html_build).as_posix() for p in html_build.rglob("*.html")):
        _load(page, f"{site}/{path}")
        marker = page.get_by_role("button", name="Note 1")
        if marker.count():
            marker.first.click()  # an open note is part of the page too
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    next(pages, None)
    assert found == {}
