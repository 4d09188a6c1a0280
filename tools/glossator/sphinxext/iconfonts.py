"""Trim the theme's icon fonts to the icons the site shows.

pydata-sphinx-theme ships Font Awesome's whole solid, regular and brands fonts (112, 19 and
108 KiB as WOFF2) for the dozen icons a page shows: the solid font alone was the heaviest
file an article page made a phone download (docs/performance.md). When the HTML build
finishes, this module reads which ``fa-*`` icon classes the written pages and the theme's
scripts use, looks up their code points in the theme's stylesheets, and rewrites each icon
font in the output with only those glyphs (fontTools' subsetter). The source fonts in the
theme's package are not touched; Sphinx copies them afresh on every build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

HTML_BUILDERS = {"html", "dirhtml"}
ICON_CLASS = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
# Font Awesome 6/7 stylesheets: `.fa-magnifying-glass,.fa-search{--fa:"\f002"}`
ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+\s*,\s*)*\.fa-[a-z0-9-]+)\s*\{\s*--fa\s*:\s*"((?:\\[0-9a-fA-F]+)+)"')
FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")
FONT_URL = re.compile(r"url\(\s*['\"]?([^'\")]+\.woff2)['\"]?\s*\)")
SKIP_SCRIPTS = {"fontawesome.js"}  # the SVG variant of the same icons; not loaded (docs/_templates)


def setup_iconfonts(app: Sphinx) -> None:
    app.add_config_value("glossator_trim_icon_fonts", True, "html", [bool])
    app.connect("build-finished", _trim)


def _trim(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not app.config.glossator_trim_icon_fonts or app.builder.name not in HTML_BUILDERS:
        return
    try:
        from fontTools import subset  # noqa: F401 - only to know it is there
    except ImportError:
        logger.info("icon fonts left whole: fontTools is not installed")
        return
    out = Path(app.outdir)
    static = out / "_static"
    codepoints, fonts = icon_codepoints(static.rglob("*.css"))
    if not fonts:
        return
    used = used_icons(_site_texts(out, static))
    keep = sorted({cp for name in used for cp in codepoints.get(name, ())})
    before = after = 0
    for font in sorted(fonts):
        if font.is_file():
            before += font.stat().st_size
            subset_font(font, keep)
            after += font.stat().st_size
    logger.info(f"icon fonts: {len(used & codepoints.keys())} icons kept, {before // 1024} KiB -> {after // 1024} KiB")


def _site_texts(out: Path, static: Path) -> Iterable[str]:
    for path in out.rglob("*.html"):
        yield path.read_text(encoding="utf-8", errors="replace")
    for path in static.rglob("*.js"):
        if path.name not in SKIP_SCRIPTS:
            yield path.read_text(encoding="utf-8", errors="replace")


def icon_codepoints(stylesheets: Iterable[Path]) -> tuple[dict[str, set[int]], set[Path]]:
    """Each icon class's code points, and the WOFF2 files of the icon font faces."""
    codepoints: dict[str, set[int]] = {}
    fonts: set[Path] = set()
    for css in stylesheets:
        text = css.read_text(encoding="utf-8", errors="replace")
        rules = ICON_RULE.findall(text)
        if not rules:
            continue
        for selectors, escapes in rules:
            points = {int(code, 16) for code in escapes.split("\\") if code}
            for selector in selectors.split(","):
                codepoints.setdefault(selector.strip().lstrip("."), set()).update(points)
        for face in FONT_FACE.findall(text):
            if "Font Awesome" in face:
                fonts.update((css.parent / url).resolve() for url in FONT_URL.findall(face))
    return codepoints, fonts


def used_icons(texts: Iterable[str]) -> set[str]:
    """Every ``fa-*`` class named in the given HTML and scripts."""
    found: set[str] = set()
    for text in texts:
        if "fa-" in text:
            found.update(ICON_CLASS.findall(text))
    return found


def subset_font(path: Path, codepoints: list[int]) -> None:
    """Rewrite a WOFF2 font with only the glyphs of ``codepoints`` (those it has)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(path)
    cmap = font.getBestCmap() or {}
    present = [cp for cp in codepoints if cp in cmap]
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=present)
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(path)
