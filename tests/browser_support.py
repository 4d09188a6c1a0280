"""Shared pieces of the browser tests: Debian's Chromium driven by Playwright, the network cut,
the built reader served on loopback, and the devices students read on.

Every task test takes ``device`` (parametrised over :data:`DEVICES`) and ``device_page``, a page
of a fresh context of that size whose every request is recorded; a request that leaves the
machine fails the test. ``keep_screenshot(page, name)`` saves a screenshot as a test artefact
under ``_build/test-artefacts/screenshots/``.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-features=Translate,OptimizationHints,MediaRouter"]
ARTEFACTS = ROOT / "_build" / "test-artefacts" / "screenshots"
LOCAL = ("http://127.0.0.1", "file://", "data:", "blob:", "about:")

needs_chromium = pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Chromium missing (tools/scripts/system-deps.sh browser)")


@dataclass(frozen=True)
class Device:
    """A screen a student reads on."""

    name: str
    width: int
    height: int
    touch: bool = False

    @property
    def narrow(self) -> bool:
        """Below the width at which the site shows its sidebar and margin."""
        return self.width < 992

    def context_options(self) -> dict:
        options: dict = {"viewport": {"width": self.width, "height": self.height}}
        if self.touch:
            options.update(has_touch=True, is_mobile=True, device_scale_factor=2)
        return options


DEVICES = [
    Device("phone", 390, 844, touch=True),
    Device("tablet", 768, 1024, touch=True),
    Device("laptop-small", 1024, 768),
    Device("laptop", 1366, 900),
    Device("desktop", 1920, 1080),
]


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``directory`` on a free loopback port; returns the base URL and the server."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def launch(playwright):
    """Debian's Chromium, headless, with nothing that reaches for the network."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)


def open_page(browser, **options) -> Iterator:
    """A page of a fresh context whose every request URL is kept in ``page.requests``."""
    context = browser.new_context(**options)
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    outside = [url for url in page.requests if not url.startswith(LOCAL)]
    context.close()
    assert outside == [], f"requests left the machine: {outside}"


def keep_screenshot(page, name: str) -> Path:
    """Save a full-window screenshot of ``page`` as a test artefact and return its path."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / (re.sub(r"[^A-Za-z0-9_.-]+", "-", name) + ".png")
    page.screenshot(path=str(path))
    return path


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}
needs_axe = pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not installed: run `make setup` (npm ci)")


def axe_violations(page, include: list[list[str]] | None = None) -> list[tuple[str, str, int, list[str]]]:
    """The serious and critical findings of axe-core (default rules and label-content-name-mismatch).

    axe is evaluated through the DevTools protocol rather than added as a ``<script>``: the
    reader's Content-Security-Policy refuses inline scripts, as it should.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;window.axe = axe; undefined")
    result = page.evaluate("""async (include) => {
        const rules = axe.getRules().map(r => r.ruleId);
        if (!rules.includes("label-content-name-mismatch")) throw new Error("axe lacks label-content-name-mismatch");
        // Default rules, plus the experimental one the issue asks for by name.
        const context = include ? {include} : document;
        const out = await axe.run(context, {rules: {"label-content-name-mismatch": {enabled: true}}});
        return out.violations.map(v => [v.id, v.impact, v.nodes.length, v.nodes.slice(0, 2).map(n => n.target.join(" "))]);
    }""", include)
    return [(rule, impact, count, where) for rule, impact, count, where in result if impact in SERIOUS]
