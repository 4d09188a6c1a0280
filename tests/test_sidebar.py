"""The sidebar's page list (glossator.sphinxext.sidebar) against Sphinx's own toctree at one
level, as Furo shows it, and the search scripts that only the search page loads."""

from __future__ import annotations

import re
from pathlib import Path

from glossator.corpus import load_corpus

from .conftest import ROOT, sphinx_build

NAV = re.compile(r'<nav class="sidebar-tree".*?</nav>', re.S)


def _nav(page: Path) -> str | None:
    found = NAV.search(page.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", found.group(0)) if found else None


def test_sidebar_is_sphinxs_own_one_level_toctree_on_every_page(html_build: Path, tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    result = sphinx_build("html", theme, "-D", "glossator_sidebar=0")
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    pages = sorted(html_build.rglob("*.html"))
    compared = 0
    for page in pages:
        ours = _nav(page)
        theirs = _nav(theme / page.relative_to(html_build))
        assert ours == theirs, page.relative_to(html_build)
        compared += ours is not None
    assert compared >= 30


def test_sidebar_marks_the_page_or_its_section_as_current(html_build: Path) -> None:
    article = _nav(html_build / "articles" / "2019-kireeva-zakharova-takeaways.html") or ""
    assert article.count("current current-page") == 1
    assert '<a class="current reference internal" href="#">Takeaways' in article
    claim = _nav(html_build / "claims" / "bilateral-trade.html") or ""
    assert '<li class="toctree-l1 current current-page"><a class="reference internal" href="index.html">' in claim


def test_only_the_search_page_loads_the_search_index(html_build: Path) -> None:
    # The search page ranks Glossator's passage index (sphinxext/search.py), not searchindex.js.
    index = r'<script [^>]*src="[^"]*(searchindex\.js|glossator-search/passages\.js|glossator-search/index\.js)"'
    for page in html_build.rglob("*.html"):
        loads = re.search(index, page.read_text(encoding="utf-8")) is not None
        assert loads == (page.name == "search.html"), page.relative_to(html_build)


def test_a_long_part_lists_the_current_page_and_a_link_to_all(tmp_path: Path) -> None:
    out = tmp_path / "capped"
    result = sphinx_build("html", out, "-D", "glossator_sidebar_max_entries=3")
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    article = _nav(out / "articles" / "2019-kireeva-zakharova-takeaways.html") or ""
    assert '<a class="current reference internal" href="#">Takeaways' in article
    assert "2019-jamestown-vladivostok-summit.html" not in article
    all_articles = f"All {len(load_corpus(ROOT).articles)} articles"
    assert ('<li class="toctree-l1 glossator-sidebar-all">'
            f'<a class="reference internal" href="../index.html">{all_articles}</a></li>') in article
    teaching = _nav(out / "timeline.html") or ""
    assert 'href="articles/' not in teaching and all_articles in teaching  # no article is current here
    assert '<a class="current reference internal" href="#">Timeline</a>' in teaching and "All 4 teaching" in teaching
