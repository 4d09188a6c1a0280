"""Student task 6, Print an article from the browser: Chromium's own print (``page.pdf()``, the
print stylesheet) at every device's window size. The notes print as numbered notes after the
text, the first page starts with the article, and none of the site's chrome is on paper."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page

from .browser_support import ARTEFACTS, Device, needs_chromium

pytestmark = [needs_chromium, pytest.mark.slow,
              pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing (pdftotext)")]

ARTICLE = "2020-04-gray-vladivostok-visit"
TITLE = "Did Kim’s Vladivostok Visit"
CHROME = ["Skip to content", "Back to top", "Site navigation", "On this page", "Made with", "Search", "Contents",
          "Next", "Previous", "Copyright"]


def _text(pdf: Path, *pages: str) -> str:
    return subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_print_an_article(device_page: Page, site: str, device: Device) -> None:
    page = device_page
    page.goto(f"{site}/articles/{ARTICLE}.html")
    page.wait_for_load_state("load")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTEFACTS / f"task6-print-{device.name}.pdf"
    page.pdf(path=str(pdf), format="A4")
    # The first printed page as a picture too, beside the PDF, for a reviewer to glance at.
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(pdf.with_suffix(""))], check=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    first = _text(pdf, "-f", "1", "-l", "1")
    assert TITLE in " ".join(first.split()), "the first page does not start with the article"
    assert "¶1" in first or pages > 1
    text = _text(pdf, "-layout")  # a note's number stays on its first line
    flat = " ".join(text.split())
    for chrome in CHROME:
        assert chrome not in flat, f"{chrome!r} printed"
    # Numbered notes: the markers in the text, then every note after the text, in order.
    # At most three digits: a CSL reprint citation prints its original year as "[2019]".
    markers = [int(n) for n in re.findall(r"\[(\d{1,3})\]", flat)]
    assert max(markers) >= 15
    # After the text's last marker, each note's number once, in order, before its words.
    last = max(markers)
    after = flat[flat.index(f"[{last}]") + len(f"[{last}]"):]
    after = after[after.index("[1] "):]
    numbers = [int(n) for n in re.findall(r"\[(\d{1,3})\] \S", after)]
    assert numbers == list(range(1, max(markers) + 1)), numbers
    assert "An allusion to Kim Jong Un" in flat  # a note's own words
