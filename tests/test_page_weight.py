"""What an article page makes a browser download, and the icons it shows. tools/bench.py
measures the weight (docs/performance.md); these tests guard the target and the icons.

Furo draws its icons as inline SVG: ``<use href="#svg-…">`` in the page points at a
``<symbol>`` of the same page, and its stylesheet's ``mask-image: var(--icon-…)`` at a custom
property holding an SVG data URI. An icon that points at nothing is a missing glyph.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path

from glossator.corpus import load_corpus

from .conftest import ROOT

MAX_ARTICLE_KIB = 400  # everything the browser fetches for an article page, uncompressed
USE = re.compile(r'<use\s+(?:xlink:)?href="#([^"]+)"')
SYMBOL = re.compile(r'<symbol\s+id="([^"]+)"')
VAR_USE = re.compile(r"var\((--icon-[a-z0-9-]+)\)")
VAR_DEF = re.compile(r"(--icon-[a-z0-9-]+)\s*:\s*(?:url\(|var\(--icon-)")
FONT_URL = re.compile(r"@font-face\s*\{[^}]*?url\(\s*['\"]?([^'\")?#]+)", re.S)


def _bench() -> dict:
    return runpy.run_path(str(ROOT / "tools" / "bench.py"), run_name="bench")


def test_every_article_page_weighs_at_most_the_target(html_build: Path) -> None:
    page_weight = _bench()["page_weight"]
    site = html_build.resolve()
    articles = sorted((site / "articles").glob("*.html"))
    assert [a.stem for a in articles] == sorted(a.docname.removeprefix("articles/") for a in load_corpus(ROOT).articles)
    for article in articles:
        totals, heavy, outside = page_weight(site, article)
        total = sum(raw for raw, _ in totals.values())
        assert outside == [], outside
        assert total <= MAX_ARTICLE_KIB * 1024, (article.name, total // 1024, heavy[:5])


def test_every_svg_icon_a_page_uses_is_defined_on_it(html_build: Path) -> None:
    checked = 0
    for page in html_build.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        missing = set(USE.findall(text)) - set(SYMBOL.findall(text))
        assert not missing, f"{page.relative_to(html_build)}: no symbol for {sorted(missing)}"
        checked += bool(USE.search(text))
    assert checked >= 30


def test_every_icon_the_stylesheets_use_is_defined(html_build: Path) -> None:
    sheets = {css: css.read_text(encoding="utf-8") for css in (html_build / "_static").rglob("*.css")}
    defined = {name for text in sheets.values() for name in VAR_DEF.findall(text)}
    used = {name for text in sheets.values() for name in VAR_USE.findall(text)}
    assert used, "the theme's stylesheet draws icons from --icon-* properties"
    assert used <= defined, sorted(used - defined)


def test_every_font_a_stylesheet_declares_is_served(html_build: Path) -> None:
    """A @font-face whose file is absent shows boxes; an icon font is not needed at all."""
    for css in (html_build / "_static").rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "Font Awesome" not in text, css.name
        for url in FONT_URL.findall(text):
            if not url.startswith("data:"):
                assert (css.parent / url).is_file(), f"{css.name}: {url} is not in the output"


# Icon fonts (Font Awesome and the like) put their glyphs in Unicode's Private Use Areas: a
# page or stylesheet that asks for one shows a missing-glyph box unless an icon font is served,
# and none is (Furo's icons are SVG). Written as a character or as a CSS escape (`"\f0c9"`).
PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
PRIVATE_USE_ESCAPE = re.compile(r"\\0*(?:e[0-9a-f]{3}|f[0-8][0-9a-f]{2}|f[0-9a-f]{4}|10[0-9a-f]{4})(?![0-9a-f])", re.I)


def icon_font_glyphs(site: Path) -> list[tuple[str, str]]:
    """(file, code point) for each private-use character a built page, script or stylesheet asks for."""
    found = []
    for path in sorted([*site.rglob("*.html"), *site.rglob("*.css"), *site.rglob("*.js")]):
        text = path.read_text(encoding="utf-8", errors="replace")
        chars = [f"U+{ord(c):04X}" for c in PRIVATE_USE.findall(text)]
        if path.suffix == ".css":
            chars += [f"U+{m.group(0).lstrip(chr(92)).lstrip('0').upper()}" for m in PRIVATE_USE_ESCAPE.finditer(text)]
        found += [(path.relative_to(site).as_posix(), c) for c in sorted(set(chars))]
    return found


def test_no_page_or_stylesheet_asks_for_an_icon_font_glyph(html_build: Path) -> None:
    assert icon_font_glyphs(html_build) == []


def test_optional_assets_load_where_the_page_uses_them_and_never_on_an_article(html_build: Path) -> None:
    """sphinx-design's files and Pygments' sheet come with every page whose body uses them (so
    nothing shows unstyled) and never with an article page, which uses neither: they would take
    80 KiB of its 400 KiB budget."""
    from glossator.sphinxext.layout import OPTIONAL_ASSETS

    for assets, used in OPTIONAL_ASSETS:
        users = 0
        for page in html_build.rglob("*.html"):
            head, body = page.read_text(encoding="utf-8").split("</head>", 1)
            linked = {name for name in assets if re.search(rf'(?:href|src)="[^"]*{re.escape(name)}', head)}
            name = page.relative_to(html_build).as_posix()
            if used.search(body):
                users += 1
                # The stylesheet at least (sphinx-design adds its tab script only where there are tabs).
                assert any(n.endswith(".css") for n in linked), (name, sorted(assets), "used but not loaded")
            if name.startswith("articles/"):
                assert not linked, (name, sorted(linked), "loaded by an article page")
        assert users, f"no page uses {sorted(assets)}: the test proves nothing"
