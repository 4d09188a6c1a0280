"""Trim the theme's icon fonts to the icons the site shows.

pydata-sphinx-theme ships Font Awesome's whole solid, regular and brands fonts (112, 19 and
108 KiB as WOFF2) for the dozen icons a page shows: the solid font alone was the heaviest
file an article page made a phone download (docs/performance.md). When the HTML build
finishes, this module reads which ``fa-*`` icon classes the written pages and the theme's
scripts use, looks up their code points in the theme's stylesheets, and rewrites each icon
font in the output with only those glyphs (fontTools' subsetter). The source fonts in the
theme's package are not touched; Sphinx copies them afresh on every build.

An incremental build scans only the pages it wrote, adding their icons to the set kept in the
doctree folder (a removed icon keeps its glyph until the next full build), and reuses the
trimmed font kept there when neither the font nor the set of icons changed.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .htmlbuild import HTML_BUILDERS, build_start

logger = logging.getLogger(__name__)

ICON_CLASS = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
# Font Awesome 6/7 stylesheets: `.fa-magnifying-glass,.fa-search{--fa:"\f002"}`
ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+\s*,\s*)*\.fa-[a-z0-9-]+)\s*\{\s*--fa\s*:\s*"((?:\\[0-9a-fA-F]+)+)"')
FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")
FONT_URL = re.compile(r"url\(\s*['\"]?([^'\")]+\.woff2)['\"]?\s*\)")
SKIP_SCRIPTS = {"fontawesome.js"}  # the SVG variant of the same icons; not loaded (docs/_templates)
CACHE = "glossator-iconfonts"  # under the doctree folder


def setup_iconfonts(app: Sphinx) -> None:
    app.add_config_value("glossator_trim_icon_fonts", True, "html", [bool])
    app.connect("build-finished", _trim)


def _trim(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not app.config.glossator_trim_icon_fonts or app.builder.name not in HTML_BUILDERS:
        return
    out = Path(app.outdir)
    static = out / "_static"
    codepoints, fonts = icon_codepoints(static.rglob("*.css"))
    if not fonts:
        return
    cache = Path(app.doctreedir) / CACHE
    used = _used_so_far(cache, _site_texts(out, static, since=build_start(app)))
    keep = sorted({cp for name in used for cp in codepoints.get(name, ())})
    before = after = 0
    for font in sorted(fonts):
        if not font.is_file():
            continue
        before += font.stat().st_size
        key = hashlib.sha256(font.read_bytes() + repr(keep).encode()).hexdigest()[:20]
        trimmed = cache / f"{font.stem}-{key}.woff2"
        if not trimmed.is_file():
            for stale in cache.glob(f"{font.stem}-*.woff2"):
                stale.unlink()
            try:
                subset_font(font, keep, trimmed)
            except ImportError:
                logger.info("icon fonts left whole: fontTools is not installed")
                return
        shutil.copyfile(trimmed, font)
        after += font.stat().st_size
    logger.info(f"icon fonts: {len(used & codepoints.keys())} icons kept, {before // 1024} KiB -> {after // 1024} KiB")


def _used_so_far(cache: Path, texts: Iterable[str]) -> set[str]:
    """The icons named by the pages written in this build and in earlier ones."""
    record = cache / "icons.json"
    try:
        known = set(json.loads(record.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        known = set()
    used = known | used_icons(texts)
    if used != known:
        cache.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps(sorted(used)), encoding="utf-8")
    return used


def _site_texts(out: Path, static: Path, since: int) -> Iterable[str]:
    """The HTML pages written since ``since`` (ns) and the scripts in ``_static``."""
    for path in out.rglob("*.html"):
        if path.stat().st_mtime_ns >= since:
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


def subset_font(path: Path, codepoints: list[int], dest: Path) -> None:
    """Write to ``dest`` the WOFF2 font ``path`` with only the glyphs of ``codepoints``."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # The trimmed font keeps the source font's 'modified' date: saving would write the build's
    # time into it, and two builds of one commit would differ (tests/test_reproducible.py).
    font = TTFont(path, recalcTimestamp=False)
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
    dest.parent.mkdir(parents=True, exist_ok=True)
    temporary = dest.with_suffix(".tmp")
    font.save(temporary)
    temporary.replace(dest)
