"""What an article page makes a browser download: icon fonts trimmed to the icons shown
(glossator.sphinxext.iconfonts). tools/bench.py measures the weight; these tests guard it."""

from __future__ import annotations

from pathlib import Path

from fontTools.ttLib import TTFont

from glossator.sphinxext.iconfonts import icon_codepoints, used_icons


def test_icon_fonts_keep_every_icon_the_site_shows_and_little_else(html_build: Path) -> None:
    static = html_build / "_static"
    codepoints, fonts = icon_codepoints(static.rglob("*.css"))
    assert fonts, "the theme's stylesheets declare the icon fonts"
    texts = [p.read_text(encoding="utf-8") for p in html_build.rglob("*.html")]
    shown = used_icons(texts) & codepoints.keys()
    assert {"fa-magnifying-glass", "fa-bars", "fa-moon"} <= shown
    cmaps = {font.name: set(TTFont(font).getBestCmap() or {}) for font in fonts}
    for name in shown:
        assert any(codepoints[name] & cmap for cmap in cmaps.values()), f"{name} lost its glyph"
    for font in fonts:
        assert font.stat().st_size < 10 * 1024, f"{font.name} was not trimmed"


def test_icon_classes_are_read_from_stylesheet_rules(tmp_path: Path) -> None:
    css = tmp_path / "icons.css"
    css.write_text('.fa-magnifying-glass,.fa-search{--fa:"\\f002"}.fa-moon{--fa:"\\f186"}'
                   '@font-face{font-family:Font Awesome\\ 7 Free;src:url(fonts/fa-solid-900.woff2)}', encoding="utf-8")
    codepoints, fonts = icon_codepoints([css])
    assert codepoints == {"fa-magnifying-glass": {0xF002}, "fa-search": {0xF002}, "fa-moon": {0xF186}}
    assert fonts == {(tmp_path / "fonts" / "fa-solid-900.woff2").resolve()}
    assert used_icons(['<i class="fa-solid fa-moon"></i>']) == {"fa-solid", "fa-moon"}
