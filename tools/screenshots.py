"""Regenerate the screenshots shown in the README: an article on a desktop and on a phone,
and a page of the PDF. Run by `make screenshots` after the HTML and PDF are built."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "_static" / "screenshots"
ARTICLE = ROOT / "_build" / "html" / "articles" / "2019-kireeva-zakharova-takeaways.html"
PDF = ROOT / "_build" / "latex" / "glossator-reader.pdf"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]


def pages() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        desktop = browser.new_page(viewport={"width": 1366, "height": 900})
        desktop.goto(ARTICLE.as_uri() + "#p2")
        desktop.hover("p.glossator-para a[href='../glossary.html#term-Khasan']")
        desktop.wait_for_timeout(600)
        desktop.screenshot(path=str(OUT / "article-desktop.png"))
        phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
        phone.goto(ARTICLE.as_uri())
        phone.wait_for_timeout(400)
        phone.screenshot(path=str(OUT / "article-phone.png"))
        browser.close()


def pdf_page(number: int = 9) -> None:
    if not PDF.exists() or not shutil.which("pdftoppm"):
        sys.exit("build the PDF first (make pdf) and install poppler-utils")
    stem = OUT / "pdf-page"
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", "-f", str(number), "-l", str(number),
                    str(PDF), str(stem)], check=True)


if __name__ == "__main__":
    if not ARTICLE.exists():
        sys.exit("build the HTML first (make html)")
    OUT.mkdir(parents=True, exist_ok=True)
    pages()
    pdf_page()
    for path in sorted(OUT.glob("*.png")):
        print(f"  {path.relative_to(ROOT)}  {path.stat().st_size // 1024} KiB")
