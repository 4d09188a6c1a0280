"""Run realistic student queries through the reader's own search, in Chromium, and report
where the expected page ranks. Used to judge (and guard) search quality:
    .venv/bin/python tools/search_eval.py [_build/html]
"""

from __future__ import annotations

import sys
from pathlib import Path

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]

# (query, the page a student asking it should find near the top)
QUERIES = [
    ("guest workers", "articles/2020-04-gray-vladivostok-visit"),
    ("Vostochny", "articles/2023-tertitskiy-summit-words-and-deeds"),
    ("six-party talks", "articles/2019-kireeva-zakharova-takeaways"),
    ("Khasan Rajin", "articles/2019-kireeva-zakharova-takeaways"),
    ("Rodong Sinmun", "articles/2023-tertitskiy-summit-words-and-deeds"),
    ("sanctions relief", "articles/2020-04-gray-vladivostok-visit"),
    ("Shoigu", "articles/2019-jamestown-vladivostok-summit"),
    ("Choe Son Hui", "articles/2020-04-gray-vladivostok-visit"),
    ("friendship treaty", "articles/2019-kireeva-zakharova-takeaways"),
    ("Wagner", "articles/2023-tertitskiy-summit-words-and-deeds"),
    ("Matsegora", "articles/2020-04-gray-vladivostok-visit"),
    ("Pompeo", "articles/2019-04-25-kim-jong-un-in-russia"),
]


def ranks(site: Path, browser=None) -> list[tuple[str, str, int | None, list[str]]]:
    """Rank of the expected page for each query; uses ``browser`` if given, else starts one."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            try:
                return ranks(site, own)
            finally:
                own.close()
    rows = []
    page = browser.new_page()
    for query, expected in QUERIES:
        page.goto(f"{site.as_uri()}/search.html?q={query}")
        page.wait_for_selector("#search-results li", timeout=15000)
        hrefs = page.eval_on_selector_all("#search-results li > a", "els => els.map(e => e.getAttribute('href'))")
        pages = [h.split(".html")[0].lstrip("./") for h in hrefs]
        rank = next((i + 1 for i, p in enumerate(pages) if p == expected), None)
        rows.append((query, expected, rank, pages[:5]))
    page.close()
    return rows


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html").resolve()
    rows = ranks(site)
    print(f"{'query':<20} {'rank':>4}  top results")
    for query, _expected, rank, top in rows:
        print(f"{query:<20} {rank if rank else '-':>4}  {', '.join(t.split('/')[-1][:28] for t in top)}")
    found = [r for _, _, r, _ in rows if r]
    mrr = sum(1 / r for r in found) / len(rows)
    top1 = sum(1 for r in found if r == 1)
    top3 = sum(1 for r in found if r <= 3)
    print(f"top-1: {top1}/{len(rows)}  top-3: {top3}/{len(rows)}  MRR: {mrr:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
