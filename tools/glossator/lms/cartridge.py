"""``glossator lms``: the reader as a thin IMS Common Cartridge, and a one-page syllabus.

A *thin* cartridge (as Pressbooks exports one) holds links, not content: the course site
imports modules of web links into the published reader, so the reader stays the one copy
of the text. One module per assignment: its page, each reading (a paragraph range
``article.html#p4-p13``, a timeline period, a claim), its handout page and handout PDF. One
module per article.

**Version 1.1** (IMS Common Cartridge 1.1.0), not 1.3: every system that imports 1.3 imports
1.1 (Canvas, Blackboard, Brightspace), Moodle's own importer (``backup/cc``) reads 1.0 and 1.1
only, a thin cartridge uses nothing 1.2 or 1.3 added (web links and the organisation are
unchanged), and the 1.1 schemas are public in Moodle's source, so the manifest is validated
against them (``schemas/imscc-1.1``, see ``SOURCE.md`` there).

The address of the reader comes from ``html_baseurl`` in ``docs/conf.py`` (or ``--base-url``):
a cartridge of relative links would point into the course site, so without one it refuses.
"""

from __future__ import annotations

import hashlib
import html
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree as ET

from ..corpus import Corpus
from ..ranges import parse_range, range_anchor, range_text

CC = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOMM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
WL = "http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (f"{CC} http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd "
                   f"{LOMM} http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd")
WL_LOCATION = f"{WL} http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imswl_v1p1.xsd"
SCHEMAS = Path(__file__).parent / "schemas" / "imscc-1.1"
MANIFEST_XSD = SCHEMAS / "ccv1p1_imscp_v1p2_v1p0.xsd"
WEBLINK_XSD = SCHEMAS / "ccv1p1_imswl_v1p1.xsd"
# A fixed date for every member of the zip: the same corpus gives the same bytes.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)


class CartridgeError(Exception):
    """A problem the user must fix (printed as ``glossator: error: …``, exit 2)."""


@dataclass
class Link:
    title: str
    page: str  # relative to the reader's root, with its fragment: articles/x.html#p4-p13


@dataclass
class Module:
    title: str
    links: list[Link] = field(default_factory=list)


def _slug_id(*parts: str) -> str:
    """An xs:ID: a letter first, then letters, digits, '_' and '-', unique for ``parts``."""
    digest = hashlib.sha1("\x00".join(parts).encode()).hexdigest()[:10]
    return f"I_{digest}"


def modules(corpus: Corpus, pdfs: set[str] | None = None) -> list[Module]:
    """The cartridge's modules: one per assignment (in file order), then one per article.

    ``pdfs`` are the handout PDFs the web reader has (``downloads/handout-<key>.pdf``); None
    means every assignment has one, as ``make reader`` builds them."""
    from ..sphinxext.doctree import anchor_id
    from ..sphinxext.timeline import events_in_period

    titles = {a.stem: _article_title(corpus, a) for a in corpus.articles}
    labels = {a.stem: _article_label(corpus, a) for a in corpus.articles}
    result: list[Module] = []
    for key, data in sorted(corpus.assignments.items()):
        if not isinstance(data, dict):
            continue
        module = Module(f"Assignment: {data.get('title') or key}")
        module.links.append(Link(f"{data.get('title') or key}: the assignment", f"assignments/{key}.html"))
        for reading in data.get("readings") or []:
            if not isinstance(reading, dict):
                continue
            if "article" in reading:
                stem = str(reading["article"])
                span = parse_range(reading.get("paragraphs", "")) if reading.get("paragraphs") is not None else None
                label = labels.get(stem, stem)
                if span:
                    module.links.append(Link(f"Read {label}, {range_text(*span)}: {titles.get(stem, stem)}",
                                             f"articles/{stem}.html#{range_anchor(*span)}"))
                else:
                    module.links.append(Link(f"Read {label}: {titles.get(stem, stem)}", f"articles/{stem}.html"))
            elif "claim" in reading:
                claim = corpus.claims.get(reading["claim"])
                title = claim.get("title") if isinstance(claim, dict) else reading["claim"]
                claim_key = str(reading["claim"])  # not `key`: that names the assignment's handout below
                module.links.append(Link(f"Claim: {title}", f"claims/{claim_key}.html#{anchor_id('claim', claim_key)}"))
            elif reading.get("section") == "timeline":
                start, end = reading.get("from"), reading.get("to")
                events = events_in_period(corpus, start, end)
                span = f", {start} to {end}" if start and end else f", from {start}" if start else f", to {end}" if end else ""
                fragment = f"#{anchor_id('event', events[0][0])}" if events else ""
                module.links.append(Link(f"The timeline{span}", f"timeline.html{fragment}"))
            elif reading.get("section") == "glossary":
                module.links.append(Link("The glossary", "glossary.html"))
            elif reading.get("section") == "claims":
                module.links.append(Link("The claims compared", "claims/index.html"))
        module.links.append(Link(f"Handout to print: {data.get('title') or key}", f"assignments/{key}-handout.html"))
        if pdfs is None or f"handout-{key}.pdf" in pdfs:
            module.links.append(Link(f"Handout (PDF): {data.get('title') or key}", f"downloads/handout-{key}.pdf"))
        result.append(module)
    for article in corpus.articles:
        result.append(Module(f"Article: {titles[article.stem]} ({labels[article.stem]})",
                             [Link(f"{titles[article.stem]} ({labels[article.stem]})", f"articles/{article.stem}.html")]))
    return result


def _article_title(corpus: Corpus, article: Any) -> str:
    from ..sphinxext.corpusview import article_title

    return article_title(corpus, article)


def _article_label(corpus: Corpus, article: Any) -> str:
    from ..sphinxext.corpusview import article_label

    return article_label(corpus, article)


def _weblink(title: str, url: str) -> bytes:
    root = ET.Element(f"{{{WL}}}webLink", {f"{{{XSI}}}schemaLocation": WL_LOCATION}, nsmap={None: WL, "xsi": XSI})
    ET.SubElement(root, f"{{{WL}}}title").text = title
    ET.SubElement(root, f"{{{WL}}}url", {"href": url, "target": "_blank"})
    return _xml(root)


def _xml(root: Any) -> bytes:
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def manifest_and_links(title: str, base_url: str, mods: list[Module]) -> tuple[bytes, dict[str, bytes]]:
    """The manifest and the web link files (name → bytes) of the cartridge."""
    manifest = ET.Element(f"{{{CC}}}manifest", {"identifier": _slug_id("manifest", title, base_url),
                                                f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION},
                          nsmap={None: CC, "lomimscc": LOMM, "xsi": XSI})
    metadata = ET.SubElement(manifest, f"{{{CC}}}metadata")
    ET.SubElement(metadata, f"{{{CC}}}schema").text = "IMS Common Cartridge"
    ET.SubElement(metadata, f"{{{CC}}}schemaversion").text = "1.1.0"
    lom = ET.SubElement(metadata, f"{{{LOMM}}}lom")
    general = ET.SubElement(lom, f"{{{LOMM}}}general")
    ET.SubElement(ET.SubElement(general, f"{{{LOMM}}}title"), f"{{{LOMM}}}string", {"language": "en"}).text = title
    organizations = ET.SubElement(manifest, f"{{{CC}}}organizations")
    organization = ET.SubElement(organizations, f"{{{CC}}}organization",
                                 {"identifier": "ORG_1", "structure": "rooted-hierarchy"})
    top = ET.SubElement(organization, f"{{{CC}}}item", {"identifier": "ROOT_1"})
    resources = ET.SubElement(manifest, f"{{{CC}}}resources")
    files: dict[str, bytes] = {}
    for index, module in enumerate(mods):
        item = ET.SubElement(top, f"{{{CC}}}item", {"identifier": _slug_id("module", str(index), module.title)})
        ET.SubElement(item, f"{{{CC}}}title").text = module.title
        for number, link in enumerate(module.links):
            ident = _slug_id("link", str(index), str(number), link.page)
            entry = ET.SubElement(item, f"{{{CC}}}item", {"identifier": f"{ident}_item", "identifierref": ident})
            ET.SubElement(entry, f"{{{CC}}}title").text = link.title
            # One folder per link: CC 1.0/1.1 section 1.4 makes every file in a learning
            # application object's folder part of it (pyslet's test_1_4_associated_content_1).
            name = f"{ident}/weblink.xml"
            files[name] = _weblink(link.title, base_url + link.page)
            resource = ET.SubElement(resources, f"{{{CC}}}resource", {"identifier": ident, "type": "imswl_xmlv1p1"})
            ET.SubElement(resource, f"{{{CC}}}file", {"href": name})
    return _xml(manifest), files


def validate(manifest: bytes, links: dict[str, bytes]) -> list[str]:
    """Problems of the cartridge; [] when it is valid. The manifest is checked against the IMS
    CC 1.1 profile of Content Packaging 1.2 (``ccv1p1_imscp_v1p2_v1p0.xsd``, with the LOM
    manifest schema it imports) and against the Schematron rules embedded in that XSD (IMS's
    rule sets 1-11: what each resource type must and must not have); each web link against
    ``ccv1p1_imswl_v1p1.xsd``."""
    from lxml import isoschematron

    parser = ET.XMLParser(no_network=True, resolve_entities=False)
    xsd = ET.parse(str(MANIFEST_XSD), parser)
    schema = ET.XMLSchema(xsd)
    # lxml's RELAX NG check of the Schematron fragment rejects IMS's element order, but the
    # rules themselves compile and run (a broken rule is found: tests/test_lms.py).
    rules = isoschematron.Schematron(xsd, store_report=True, validate_schema=False)
    weblink = ET.XMLSchema(ET.parse(str(WEBLINK_XSD), parser))
    problems = []
    document = ET.fromstring(manifest, parser)
    if not schema.validate(document):
        problems += [f"imsmanifest.xml:{e.line}: {e.message}" for e in schema.error_log]
    if not rules.validate(document):
        svrl = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
        problems += [f"imsmanifest.xml: {' '.join((f.findtext('svrl:text', namespaces=svrl) or '').split())}"
                     for f in rules.validation_report.xpath("//svrl:failed-assert", namespaces=svrl)]
    for name, data in links.items():
        if not weblink.validate(ET.fromstring(data, parser)):
            problems += [f"{name}:{e.line}: {e.message}" for e in weblink.error_log]
    return problems


def _zip(path: Path, members: dict[str, bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members, key=lambda n: (n != "imsmanifest.xml", n)):
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, members[name])
    temporary.replace(path)


_MD_SPECIAL = "\\`*_[]()<>#|!~"


def _md(text: str) -> str:
    """A contributor's text as Markdown that shows it as written: every character Markdown
    could read as markup is escaped, so a title cannot become a link or HTML."""
    return "".join(f"\\{c}" if c in _MD_SPECIAL else c for c in " ".join(str(text).split()))


def syllabus(title: str, base_url: str, corpus: Corpus, mods: list[Module]) -> tuple[str, str]:
    """The assignments on one page, as Markdown and as HTML, every link absolute."""
    assignments = [m for m in mods if m.title.startswith("Assignment: ")]
    data = [v for _, v in sorted(corpus.assignments.items()) if isinstance(v, dict)]
    md = [f"# {_md(title)}: assignments", "", f"The reader: <{base_url}>", ""]
    body = [f"<h1>{html.escape(title)}: assignments</h1>",
            f'<p>The reader: <a href="{html.escape(base_url)}">{html.escape(base_url)}</a></p>']
    for module, assignment in zip(assignments, data, strict=True):
        heading = module.title.removeprefix("Assignment: ")
        md += [f"## {_md(heading)}", ""]
        body.append(f"<h2>{html.escape(heading)}</h2>")
        for label, name in (("For", "audience"), ("Due", "due")):
            if assignment.get(name):
                md.append(f"**{label}:** {_md(assignment[name])}  ")
                body.append(f"<p><strong>{label}:</strong> {html.escape(str(assignment[name]))}</p>")
        md.append("")
        body.append("<ul>")
        for link in module.links:
            md.append(f"- [{_md(link.title)}](<{base_url}{link.page}>)")
            body.append(f'<li><a href="{html.escape(base_url + link.page)}">{html.escape(link.title)}</a></li>')
        body.append("</ul>")
        md.append("")
        questions = [str(q) for q in assignment.get("questions") or []]
        if questions:
            md += ["Questions:", "", *(f"{n}. {_md(q)}" for n, q in enumerate(questions, 1)), ""]
            body.append("<p>Questions:</p><ol>" + "".join(f"<li>{html.escape(q)}</li>" for q in questions) + "</ol>")
    page = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{html.escape(title)}: assignments</title>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")
    return "\n".join(md).rstrip() + "\n", page


def read_conf(root: Path) -> dict[str, Any]:
    """The values ``docs/conf.py`` sets (it is run, as Sphinx runs it)."""
    from sphinx.config import eval_config_file

    conf = root / "docs" / "conf.py"
    from sphinx.util.tags import Tags

    return eval_config_file(conf, Tags()) if conf.is_file() else {}


def base_url_of(conf: dict[str, Any], given: str | None) -> str:
    """The reader's public address, ending in '/': ``given`` (``--base-url``), else
    ``html_baseurl`` of ``docs/conf.py``; a CartridgeError when neither is set."""
    value = given or str(conf.get("html_baseurl") or "")
    if not value:
        raise CartridgeError("the reader's public address is not set, and a course site needs absolute links: set "
                             "html_baseurl in docs/conf.py (or run GLOSSATOR_BASEURL=https://…/ make lms), "
                             "or pass --base-url https://…/")
    if not value.startswith(("https://", "http://")):
        raise CartridgeError(f"the reader's public address '{value}' is not an http(s) address")
    return value if value.endswith("/") else value + "/"


def build(root: Path, out: Path, base_url: str, title: str, pdfs: set[str] | None = None) -> dict[str, Path]:
    """Write the cartridge and the syllabus into ``out``; returns their paths. The manifest
    is validated first: an invalid cartridge is never written."""
    from ..corpus import load_corpus

    corpus = load_corpus(root)
    mods = modules(corpus, pdfs)
    manifest, links = manifest_and_links(title, base_url, mods)
    problems = validate(manifest, links)
    if problems:
        raise CartridgeError("the cartridge does not validate against the IMS CC 1.1 schemas:\n  " + "\n  ".join(problems))
    cartridge = out / "glossator-reader.imscc"
    _zip(cartridge, {"imsmanifest.xml": manifest, **links})
    md, page = syllabus(title, base_url, corpus, mods)
    (out / "syllabus.md").write_text(md, encoding="utf-8")
    (out / "syllabus.html").write_text(page, encoding="utf-8")
    return {"cartridge": cartridge, "markdown": out / "syllabus.md", "html": out / "syllabus.html"}
