"""The post-build audit and the Content-Security-Policy every page carries.

The audit's rules are tried one by one on small pages; the build tests in
tests/test_mutations_safety.py show the Sphinx build itself failing on them. The browser test
shows the policy stopping an inline script that got into a built page, over HTTP and from
``file://``, while the theme's own inline scripts still run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest
from playwright.sync_api import expect

from glossator.sphinxext.audit import audit_output, audit_page, script_hash

OWN = "document.documentElement.dataset.own = 'yes';"


def page(body: str, head: str = "", hashes: tuple[str, ...] = ()) -> bytes:
    policy = "script-src 'self'" + "".join(" " + h for h in hashes)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
            f'content="{policy}">{head}</head><body>{body}</body></html>').encode()


CASES = {
    "inline script": ("<script>alert(1)</script>", "an inline <script> that is not the site's own"),
    "event handler": ('<img src="x.png" onerror="alert(1)">', "inline event handler onerror="),
    "upper-case handler": ('<p ONCLICK="alert(1)">x</p>', "inline event handler"),
    "javascript link": ('<a href="javascript:alert(1)">x</a>', "a javascript: URL"),
    "javascript link with spaces": ('<a href=" JavaScript:alert(1)">x</a>', "a javascript: URL"),
    "vbscript link": ('<a href="vbscript:msgbox(1)">x</a>', "a vbscript: URL"),
    "data html link": ('<a href="data:text/html,&lt;script&gt;">x</a>', "a data: URL that is not an image"),
    "data script": ('<script src="data:text/javascript,alert(1)"></script>', "a data: URL that is not an image"),
    "remote image": ('<img src="https://example.org/x.png">', "loads https://example.org/x.png from off the site"),
    "protocol-relative image": ('<img src="//example.org/x.png">', "from off the site"),
    "remote srcset": ('<img src="a.png" srcset="a.png 1x, https://example.org/b.png 2x">', "from off the site"),
    "remote script": ('<script src="https://cdn.example.org/x.js"></script>', "from off the site"),
    "mathjax from a CDN": ('<script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"></script>',
                           "cdn.jsdelivr.net"),
    "iframe": ('<iframe src="https://example.org/"></iframe>', "<iframe src> loads"),
    "object": ('<object data="https://example.org/x.swf"></object>', "<object data> loads"),
    "video poster": ('<video src="v.mp4" poster="http://example.org/p.png"></video>', "<video poster> loads"),
    "remote stylesheet": ("", "<link href> loads https://example.org/x.css"),
    "font in a style attribute": ('<p style="background:url(https://example.org/f.woff2)">x</p>', "<p style> loads"),
    "font in a style element": ("<style>@font-face{src:url('https://example.org/f.woff2')}</style>", "<style> loads"),
    "meta refresh": ('<meta http-equiv="refresh" content="0; url=javascript:alert(1)">', "a javascript: URL"),
    "base": ('<base href="https://example.org/">', "a <base> element"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_audit_rule(case: str) -> None:
    body, expected = CASES[case]
    head = '<link rel="stylesheet" href="https://example.org/x.css">' if case == "remote stylesheet" else ""
    problems = audit_page(page(body, head), "p.html", None)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith("p.html: ") for p in problems)


def test_audit_passes_the_sites_own_markup() -> None:
    body = (f'<script>{OWN}</script><script src="_static/x.js"></script><img src="data:image/png;base64,AAAA">'
            '<a href="https://example.org/">an external link is fine</a><a href="#p1">¶1</a>'
            '<link rel="canonical" href="https://example.org/p.html"><p style="color:red">x</p>')
    assert audit_page(page(body, hashes=(script_hash(OWN),)), "p.html", None) == []


def test_a_page_without_a_policy_fails() -> None:
    assert audit_page(b"<html><head></head><body><p>x</p></body></html>", "p.html", None) == [
        "p.html: no Content-Security-Policy"]


def test_stylesheets_loading_fonts_from_off_the_site_fail(tmp_path: Path) -> None:
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "x.css").write_text("@import 'https://fonts.example.org/a.css';"
                                                "@font-face{src:url(fonts/a.woff2)}", encoding="utf-8")
    assert audit_output(tmp_path) == ["_static/x.css: loads https://fonts.example.org/a.css from off the site"]


def test_every_built_page_has_its_policy_first_in_head(html_build: Path) -> None:
    pages = sorted(html_build.rglob("*.html"))
    pages = [p for p in pages if "_static" not in p.parts]
    assert pages
    for path in pages:
        head = lxml.html.parse(str(path)).getroot().find("head")
        first = [child for child in head if isinstance(child.tag, str)][:2]
        assert any(c.get("http-equiv") == "Content-Security-Policy" for c in first), path
        assert "data-glossator-own" not in path.read_text(encoding="utf-8")
    assert audit_output(html_build) == []


def _with_injected_script(html_build: Path, dest: Path) -> Path:
    shutil.copytree(html_build, dest)
    index = dest / "index.html"
    text = index.read_text(encoding="utf-8")
    assert "</body>" in text
    text = text.replace("</body>", "<script>document.documentElement.dataset.injected = 'ran';</script></body>", 1)
    index.write_text(text, encoding="utf-8")
    return index


# Records the policy's refusals as the page reports them (an init script runs before the page's
# own and is the browser's, not the page's, so the policy does not apply to it).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.effectiveDirective + ' ' + (event.blockedURI || 'inline'));
});
"""


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_policy_blocks_an_injected_inline_script(scheme: str, html_build: Path, browser, tmp_path: Path) -> None:
    from .browser_support import open_page, serve

    index = _with_injected_script(html_build, tmp_path / "site")
    server = None
    if scheme == "http":
        base, server = serve(index.parent)
        url = f"{base}/index.html"
    else:
        url = index.as_uri()
    try:
        for tab in open_page(browser, viewport={"width": 1366, "height": 900}):
            tab.add_init_script(RECORD_VIOLATIONS)
            tab.goto(url, wait_until="load")
            # Wait for the refusal itself (the event is queued as a task), not for a time.
            tab.wait_for_function("() => window.__cspViolations.length >= 1")
            # One more task round: any other refusal of the parse has been reported by then.
            violations = tab.evaluate("() => new Promise((done) => setTimeout(() => done(window.__cspViolations), 0))")
            assert tab.evaluate("() => document.documentElement.dataset.injected ?? null") is None
            # Exactly one script was refused, the injected one; the theme's own inline script
            # (Furo's, which sets the colour scheme) matched its hash and ran.
            assert [v for v in violations if v.startswith("script-src")] == ["script-src-elem inline"], violations
            assert tab.evaluate("() => document.body.dataset.theme ?? null") in ("auto", "light", "dark")
            expect(tab.get_by_role("heading", level=1).first).to_be_visible()
    finally:
        if server is not None:
            server.shutdown()


# -- The audit runs in the Sphinx build: each class fails a real HTML and EPUB build -----------

UNSAFE_PAGE = """# Unsafe

A maintainer's own raw HTML passes the contributor rules (tools/glossator/sphinxext/safe.py);
the audit is what stands between it and a student.

```{raw} html
<script>document.title = 'injected';</script>
<img src="local.png" alt="x" onerror="alert(1)">
<a href="javascript:alert(1)">a script link</a>
<a href="data:text/html,hello">a data page</a>
<img src="https://example.org/remote.png" alt="a remote image">
<link rel="stylesheet" href="https://fonts.example.org/font.css">
```
"""

# What the audit must say of each class, for that page (the four classes).
BUILD_FINDINGS = {
    "a script that is not the site's own": "an inline <script> that is not the site's own",
    "an inline event handler": "inline event handler onerror=",
    "a javascript: URL": "a javascript: URL",
    "a non-image data: URL": "a data: URL that is not an image",
    "an image from off the site": "loads https://example.org/remote.png from off the site",
    "a stylesheet (fonts) from off the site": "loads https://fonts.example.org/font.css from off the site",
}


@pytest.mark.parametrize("builder", ["html", "epub"])
def test_the_build_fails_on_each_class(builder: str, tmp_path: Path) -> None:
    """Without -W, the audit alone fails the build, and names the page and each problem."""
    from .conftest import sphinx_build

    root = tmp_path / "root"
    shutil.copytree(Path(__file__).resolve().parent / "roots" / "fidelity", root, symlinks=True)
    (root / "docs" / "unsafe.md").write_text(UNSAFE_PAGE, encoding="utf-8")
    index = root / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("bibliography\n", "bibliography\nunsafe\n"),
                     encoding="utf-8")
    result = sphinx_build(builder, tmp_path / builder, docs=root / "docs", strict=False)
    assert "Traceback" not in result.stderr and "Exception occurred" not in result.stderr, result.stderr[-3000:]
    errors = [line for line in result.stderr.splitlines() if "unsafe output:" in line]
    page = "unsafe.html" if builder == "html" else "unsafe.xhtml"
    assert result.returncode == 1, result.stderr[-3000:]
    for name, expected in BUILD_FINDINGS.items():
        assert any(f"unsafe output: {page}: " in line and expected in line for line in errors), (name, errors)
    assert all(f"{page}: " in line for line in errors), errors  # no other page is blamed
