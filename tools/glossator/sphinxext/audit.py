"""The published pages' own guard: a Content-Security-Policy, and an audit of what was written.

**Which inline scripts are the site's own.** Whatever the theme, its inline scripts are
written in its templates, and a contributor's could only arrive through a template *value*
(the page body, a title). So, at ``builder-inited``, a Jinja preprocessor tags every
``<script`` written in a template's source with a marker that is random for each build, and
the scripts extensions add with ``add_js_file(None, body=…)`` get it through ``js_tag``. A
page's rendered HTML is then rewritten once: each tagged script's text is hashed (SHA-256),
the markers are removed, and a ``<meta http-equiv="Content-Security-Policy">`` naming those
hashes goes first in ``<head>`` (a ``<meta>`` CSP works from ``file://`` too). An inline
script without the marker, wherever it came from, has no hash: the browser refuses to run it
and the audit fails the build. The marker never reaches the output, so builds stay
reproducible.

**The audit** (``build-finished``, HTML and EPUB builders) parses every written page with lxml
and fails the build, naming the page, on: an inline script whose hash the page's policy does
not list; a script file that is not in the output; an inline event-handler attribute
(``on*=``); a ``javascript:``, ``vbscript:`` or non-image ``data:`` URL; any resource (img,
script, stylesheet, icon, iframe, object, embed, media, ``url()`` in a style or a stylesheet,
so fonts and MathJax too) loaded from off the site.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from jinja2.ext import Extension
from sphinx.application import Sphinx
from sphinx.util import logging

from .htmlbuild import HTML_BUILDERS

logger = logging.getLogger(__name__)

AUDITED_BUILDERS = HTML_BUILDERS | {"epub"}
# The policy of every page; ``{scripts}`` is the hashes of its own inline scripts.
POLICY = ("default-src 'self'; script-src 'self'{scripts}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
          "frame-src 'none'; base-uri 'none'; form-action 'self'")
# Script types that are data, not code (HTML: a type that is not JavaScript is a data block).
DATA_BLOCKS = {"application/ld+json", "application/json"}
_TEMPLATE_SCRIPT = re.compile(r"<script\b", re.IGNORECASE)
# Script data ends at the first "</script" (HTML's tokenizer rule), whatever the attributes.
_SCRIPT_END = re.compile(r"</script", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>(\s*<meta\s+charset=[^>]*>)?", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]*)\3""", re.IGNORECASE)
# Elements that load what their attribute names; <a href> only links, so it is not here.
_RESOURCE_ATTRS = {"img": ("src", "srcset"), "script": ("src",), "iframe": ("src",), "frame": ("src",),
                   "embed": ("src",), "object": ("data",), "source": ("src", "srcset"), "video": ("src", "poster"),
                   "audio": ("src",), "track": ("src",), "input": ("src",), "image": ("href",), "use": ("href",)}
_LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "prefetch", "modulepreload",
                 "manifest", "dns-prefetch", "preconnect", "mask-icon"}
_URL_ATTRS = {"href", "src", "srcset", "action", "formaction", "poster", "data", "background", "cite",
              "xlink:href", "{http://www.w3.org/1999/xlink}href"}


class _MarkScripts(Extension):
    """Tag every ``<script`` in a template's source with this build's marker."""

    marker = ""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return _TEMPLATE_SCRIPT.sub(f"<script {self.marker}", source)


def setup_audit(app: Sphinx) -> None:
    app.add_config_value("glossator_audit", True, "html", [bool])
    app.connect("builder-inited", _install, priority=900)
    app.connect("html-page-context", _mark_js_tag, priority=900)
    app.connect("build-finished", _audit, priority=900)


def _install(app: Sphinx) -> None:
    if app.builder.name not in AUDITED_BUILDERS or not app.config.glossator_audit:
        return
    marker = f"data-glossator-own-{secrets.token_hex(8)}"
    app._glossator_script_marker = marker  # type: ignore[attr-defined]
    app._glossator_page_hashes = {}  # type: ignore[attr-defined]  # output path -> hashes
    environment = app.builder.templates.environment
    environment.add_extension(_MarkScripts)
    environment.extensions[_MarkScripts.identifier].marker = marker  # type: ignore[attr-defined]
    if environment.cache is not None:
        environment.cache.clear()  # a template compiled before now would lack the marker
    templates = app.builder.templates
    render = templates.render

    def render_with_policy(template: str, context: dict) -> str:
        output, hashes = own_scripts(render(template, context), marker)
        if app.builder.name in HTML_BUILDERS:
            output = with_policy(output, hashes, allowed_origins(app))
        app._glossator_page_hashes[context.get("pagename", template)] = hashes  # type: ignore[attr-defined]
        return output

    templates.render = render_with_policy  # type: ignore[method-assign]


def _mark_js_tag(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Scripts that extensions add inline (``add_js_file(None, body=…)``) are the site's own too."""
    marker = getattr(app, "_glossator_script_marker", None)
    js_tag = context.get("js_tag")
    if marker is None or js_tag is None:
        return

    def marked(js: Any) -> str:
        return _TEMPLATE_SCRIPT.sub(f"<script {marker}", js_tag(js))

    context["js_tag"] = marked


def script_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def own_scripts(output: str, marker: str) -> tuple[str, list[str]]:
    """Remove ``marker`` from the page, returning the hashes of the inline scripts it tagged."""
    hashes: list[str] = []
    pieces: list[str] = []
    position = 0
    tag = f"<script {marker}"
    while True:
        start = output.find(tag, position)
        if start < 0:
            pieces.append(output[position:])
            break
        pieces.append(output[position:start] + "<script")
        open_end = output.index(">", start) + 1
        opening = output[start + len(tag):open_end]
        close = _SCRIPT_END.search(output, open_end)
        end = close.start() if close else len(output)
        if "src=" not in opening.lower():
            text = output[open_end:end]
            if script_hash(text) not in hashes:
                hashes.append(script_hash(text))
        pieces.append(opening)
        position = open_end
    return "".join(pieces), hashes


def allow_origins(app: Sphinx, origins: dict[str, tuple[str, ...]]) -> None:
    """Let every page load from ``origins`` (per CSP directive, e.g. ``{"script-src": (…,)}``).

    Only for an online feature a project turns on by configuration (the Hypothesis client of
    ``notebook.py``): the policy names the origins and the audit accepts resources from them.
    """
    allowed: dict[str, list[str]] = getattr(app, "_glossator_allowed_origins", {})
    for directive, values in origins.items():
        allowed.setdefault(directive, [])
        allowed[directive] += [v for v in values if v not in allowed[directive]]
    app._glossator_allowed_origins = allowed  # type: ignore[attr-defined]


def allowed_origins(app: Sphinx) -> dict[str, list[str]]:
    return getattr(app, "_glossator_allowed_origins", {})


def policy(hashes: list[str], extra: dict[str, list[str]] | None = None) -> str:
    text = POLICY.format(scripts="".join(" " + h for h in hashes))
    if not extra:
        return text
    directives = [d.split(" ") for d in text.split("; ")]
    names = [d[0] for d in directives]
    directives += [[name, "'self'"] for name in extra if name not in names]
    return "; ".join(" ".join([d[0], *[v for v in d[1:] if not (d[0] in extra and v == "'none'")],
                               *extra.get(d[0], [])]) for d in directives)


def with_policy(output: str, hashes: list[str], extra: dict[str, list[str]] | None = None) -> str:
    """The page with its policy as the first thing in ``<head>`` (after ``<meta charset>``)."""
    match = _HEAD.search(output)
    if match is None:
        return output
    meta = f'\n    <meta http-equiv="Content-Security-Policy" content="{policy(hashes, extra)}">'
    return output[:match.end()] + meta + output[match.end():]


# -- the audit --------------------------------------------------------------------------------

def _off_site(url: str) -> bool:
    """Whether loading ``url`` goes to the network: a host, or a network scheme. (``res:``, which
    e-readers use for their built-in fonts, and ``data:`` stay on the device.)"""
    url = url.strip()
    parts = urlsplit(url)
    return bool(parts.netloc) or url.startswith("//") or parts.scheme.lower() in ("http", "https", "ftp", "ws", "wss")


def _bad_scheme(url: str, image: bool) -> str | None:
    scheme = urlsplit(url.strip().replace("\t", "").replace("\n", "")).scheme.lower()
    if scheme in ("javascript", "vbscript"):
        return f"a {scheme}: URL"
    if scheme == "data" and not (image and url.strip()[5:].lower().startswith("image/")):
        return "a data: URL that is not an image"
    return None


def audit_page(markup: bytes, page: str, hashes: list[str] | None, allowed: tuple[str, ...] = ()) -> list[str]:
    """What is wrong with one written page (empty when nothing); ``allowed`` are origins that a
    project's opt-in online feature may load from (see :func:`allow_origins`)."""
    problems: list[str] = []
    try:
        tree = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        return []  # an empty page holds nothing to run
    if hashes is None:  # read back what the page allows
        metas = tree.xpath('//meta[translate(@http-equiv, "CONTENT-SECURITY-POLICY", "content-security-policy")'
                           '="content-security-policy"]')
        if not metas:
            return [f"{page}: no Content-Security-Policy"]
        hashes = re.findall(r"'sha256-[A-Za-z0-9+/=]+'", metas[0].get("content", ""))
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        for name, value in element.attrib.items():
            lowered = name.lower()
            if lowered.startswith("on"):
                problems.append(f"{page}: <{tag}> has an inline event handler {name}=")
            refresh = tag == "meta" and lowered == "content" and element.get("http-equiv", "").lower() == "refresh"
            if lowered in _URL_ATTRS or refresh:
                target = re.split(r"url\s*=", value, maxsplit=1, flags=re.IGNORECASE)[-1] if refresh else value
                bad = _bad_scheme(target, image=tag in ("img", "source") and lowered in ("src", "srcset"))
                if bad:
                    problems.append(f"{page}: <{tag} {name}> is {bad}")
            if lowered == "style":
                problems += [f"{page}: <{tag} style> loads {url} from off the site" for url in _css_urls(value) if _off_site(url)]
        loads = list(_RESOURCE_ATTRS.get(tag, ()))
        if tag == "link" and _LOADING_RELS & set(element.get("rel", "").lower().split()):
            loads.append("href")
        for name in loads:
            value = element.get(name)
            if not value:
                continue
            for url in ([u.strip().split(" ")[0] for u in value.split(",")] if name == "srcset" else [value]):
                if _off_site(url) and not _origin_allowed(url, allowed):
                    problems.append(f"{page}: <{tag} {name}> loads {url} from off the site")
        if tag == "script":
            # A script file must be on the site (off-site sources are reported above); a missing
            # local one is a broken link, not a way in.
            if element.get("src"):
                pass
            elif (element.get("type") or "").strip().lower() in DATA_BLOCKS:
                pass  # a data block (JSON-LD): the browser never runs it, whatever its text
            elif script_hash(element.text or "") not in hashes:
                snippet = " ".join((element.text or "").split())[:50]
                problems.append(f"{page}: an inline <script> that is not the site's own: {snippet!r}")
        if tag == "base":
            problems.append(f"{page}: a <base> element")
        if tag == "style":
            problems += [f"{page}: <style> loads {url} from off the site" for url in _css_urls(element.text or "")
                         if _off_site(url)]
    return problems


def _origin_allowed(url: str, allowed: tuple[str, ...]) -> bool:
    parts = urlsplit(url.strip())
    return f"{parts.scheme}://{parts.netloc}" in allowed


def _css_urls(css: str) -> list[str]:
    # A stylesheet's only ways to name another resource are url() and @import strings.
    return [m[2] or m[4] for m in _CSS_URL.finditer(css)]


def audit_output(out: Path, page_hashes: dict[str, list[str]] | None = None, epub: bool = False,
                 allowed: tuple[str, ...] = ()) -> list[str]:
    """Every problem in the pages and stylesheets under ``out``."""
    problems: list[str] = []
    for path in sorted(out.rglob("*")):
        if path.suffix not in (".html", ".xhtml", ".css") or not path.is_file():
            continue
        page = path.relative_to(out).as_posix()
        if path.suffix == ".css":
            css = path.read_text(encoding="utf-8", errors="replace")
            problems += [f"{page}: loads {url} from off the site" for url in _css_urls(css) if _off_site(url)]
            continue
        if path.parts[len(out.parts)] == "_static":
            continue  # theme template fragments copied as static files, never linked as pages
        hashes = None
        if epub:
            hashes = (page_hashes or {}).get(page.rsplit(".", 1)[0], [])
        problems += audit_page(path.read_bytes(), page, hashes, allowed)
    return problems


def _audit(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in AUDITED_BUILDERS or not app.config.glossator_audit:
        return
    out = Path(app.outdir)
    epub = app.builder.name == "epub"
    allowed = tuple(dict.fromkeys(o for origins in allowed_origins(app).values() for o in origins))
    problems = audit_output(out, getattr(app, "_glossator_page_hashes", {}), epub=epub, allowed=allowed)
    for problem in problems:
        logger.error(f"unsafe output: {problem}", type="glossator", subtype="audit")
    if problems:
        app.statuscode = 1  # fails the build with or without -W
