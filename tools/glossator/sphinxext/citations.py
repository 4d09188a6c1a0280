"""Citations in the build: the styles configured, the edition (``CITATION.cff``), and the
doctree and page forms of what :mod:`glossator.csl` formats.

- ``glossator_citation_style`` (default ``chicago-author-date``) is the style of the
  bibliography page, of the PDF and EPUB's first form, and of the cite box until a reader
  chooses another; ``glossator_citation_styles`` the others offered; ``glossator_csl_dirs``
  folders (relative to ``conf.py``) of a project's own ``*.csl`` files. A style that is not
  there, or does not parse, stops the build with a message naming the styles or the file.
- The edition is read from ``CITATION.cff`` in the project root (title, editors, year,
  version); its address is ``html_baseurl``. Without one, paragraph citations say the copy is
  local and give no address: none is invented.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lxml.html
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .. import csl
from ..corpus import Article
from ..memo import Memo
from ..yamlio import YamlError, load_yaml_file
from .access import corpus_of

logger = logging.getLogger(__name__)

# The paragraph number of a citation template: replaced by each paragraph's own number, in the
# text and in the address (#p98765). Five digits no article reaches and no record holds.
SENTINEL = "98765"
LOCAL_NOTE = ("This copy of the edition has no public web address (its pages are local files), "
              "so the citation gives none: cite the edition's published address when it has one.")
_URL = re.compile(r"https?://[^\s<>\"]+")


@dataclass
class Citations:
    """What a build formats: the styles, the corpus as CSL items, and the edition."""

    styles: csl.StyleSet
    formatter: csl.Formatter
    edition: csl.Edition
    cff: dict
    memo: Memo = field(default_factory=Memo, repr=False, compare=False)  # formatted forms, by article

    def original(self, key: str) -> dict:
        return self.formatter.items[key]

    def label(self, name: str) -> str:
        return self.styles.title(name)

    def cite_label(self, key: str) -> csl.Rendered | None:
        """The label of a link to a record's entry: the default style's citation of it (see
        :meth:`csl.Formatter.labels`); None for a key that is not in the bibliography."""
        return self.formatter.labels(self.styles.default).get(key)

    def article_forms(self, key: str, page: str, number: str | int | None = None) -> dict[str, dict[str, str]]:
        """Per style: the article's reference (or note), its in-text citation, and one
        paragraph as reprinted in this edition (``number``, default the sentinel)."""
        number = str(number or SENTINEL)
        cache = self.memo.table("article_forms")
        if (key, page, number) not in cache:
            cache[(key, page, number)] = self._article_forms(key, page, number)
        return cache[(key, page, number)]

    def _article_forms(self, key: str, page: str, number: str) -> dict[str, dict[str, str]]:
        original = self.original(key)
        reprint = csl.edition_item(original, self.edition, page, f"p{number}")
        forms: dict[str, dict[str, str]] = {}
        for name in self.styles.names:
            note = self.styles.is_note(name)
            # The default style's entry is the bibliography page's (its 2019a/2019b included).
            reference = self.formatter.reference(name, key, whole=name == self.styles.default)
            work = self.formatter.cite(name, self.formatter.item(name, key))
            para_cite = self.formatter.cite(name, reprint, number)
            forms[name] = {
                "label": self.label(name),
                "note": "1" if note else "",
                "reference_html": reference.html, "reference": reference.text,
                "cite_html": work.html, "cite": work.text,
                "paragraph_cite_html": para_cite.html, "paragraph_cite": para_cite.text,
            }
            if not note:
                entry = self.formatter.entry(name, reprint)
                forms[name] |= {"paragraph_reference_html": entry.html, "paragraph_reference": entry.text}
        return forms

    def paragraph_text(self, forms: dict[str, str], number: int | str) -> str:
        """One style's paragraph citation as one line of text, for copying."""
        if forms["note"]:
            text = forms["paragraph_cite"]
        else:
            text = f"{forms['paragraph_reference']} In the text: {forms['paragraph_cite']}"
        if not self.edition.base_url:
            text += " " + LOCAL_NOTE
        return text.replace(SENTINEL, str(number))


def citations_of(app: Sphinx) -> Citations:
    """The build's citations, made once (at ``builder-inited``, before parallel readers fork)."""
    return corpus_of(app).memo.get("citations", lambda: _citations(app))


def _citations(app: Sphinx) -> Citations:
    config = app.config
    dirs = [Path(app.confdir, d) for d in config.glossator_csl_dirs]
    language = config.language or "en"  # for the styles that set no default-locale
    try:
        styles = csl.StyleSet.from_config(config.glossator_citation_style, config.glossator_citation_styles, dirs,
                                          language)
    except csl.StyleError as error:
        # Nothing can be cited without the style: stop here with the message alone (Sphinx
        # would print its own traceback report for an exception, as if it were its bug).
        logger.error(f"glossator_citation_style(s) in conf.py: {error}", type="glossator", subtype="citations")
        raise SystemExit(2) from None
    corpus = corpus_of(app)
    cff = read_cff(corpus.root / "CITATION.cff")
    edition = edition_of(cff, config)
    found = Citations(styles, csl.Formatter(csl.corpus_items(corpus.sources), dirs, language), edition, cff)
    # Every page that names a record by its label (notes, the glossary, assignments) takes
    # it from here: the default style's citation, disambiguated across the bibliography.
    corpus.cite_labels = {key: label.text for key, label in found.formatter.labels(styles.default).items()}
    return found


def read_cff(path: Path) -> dict:
    """The project's ``CITATION.cff``; empty when there is none."""
    if not path.is_file():
        return {}
    try:
        data = load_yaml_file(path)
    except YamlError as error:
        logger.error(f"{path}: {error}", type="glossator", subtype="citations")
        raise SystemExit(2) from None
    return dict(data) if isinstance(data, dict) else {}


def edition_of(cff: dict, config: Any) -> csl.Edition:
    """The edition from ``CITATION.cff``, or, without one, from the Sphinx configuration."""
    editors = tuple(str(a.get("name") or " ".join(filter(None, (a.get("given-names"), a.get("family-names")))))
                    for a in cff.get("authors") or [] if isinstance(a, dict))
    year = re.search(r"\d{4}", str(cff.get("date-released") or config.copyright or ""))
    return csl.Edition(
        title=str(cff.get("title") or config.project),
        editors=editors or (str(config.author),),
        year=year.group(0) if year else "",
        publisher=str(getattr(config, "epub_publisher", "") or ""),
        version=str(cff.get("version") or config.release or ""),
        base_url=str(config.html_baseurl or ""),
    )


# -- doctree -----------------------------------------------------------------------------------

def markup_nodes(markup: str) -> list[nodes.Node]:
    """citeproc-py's HTML (``<i>``, ``<b>``, small caps, ``<sup>``) as docutils nodes, with its
    URLs as links, so HTML, PDF and EPUB print the same words."""
    root = lxml.html.fragment_fromstring(markup or "", create_parent="span")
    return _children(root)


def _text_nodes(text: str) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    position = 0
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;:)")
        if match.start() > position:
            out.append(nodes.Text(text[position:match.start()]))
        out.append(nodes.reference(url, url, refuri=url))
        position = match.start() + len(url)
    if position < len(text):
        out.append(nodes.Text(text[position:]))
    return out


def _children(element: Any) -> list[nodes.Node]:
    out = _text_nodes(element.text or "")
    for child in element:
        inner = _children(child)
        if child.tag == "i":
            wrapper: nodes.Element = nodes.emphasis()
        elif child.tag == "b":
            wrapper = nodes.strong()
        else:
            wrapper = nodes.inline(classes=[f"csl-{child.tag}"])
        wrapper.extend(inner)
        out.append(wrapper)
        out += _text_nodes(child.tail or "")
    return out


def citation_para(markup: str, classes: tuple[str, ...] = ()) -> nodes.paragraph:
    para = nodes.paragraph(classes=["glossator-citation", *classes])
    para.extend(markup_nodes(markup))
    return para


class cite_data(nodes.General, nodes.Element):
    """A page's citation forms for the cite box and the style menu: a data attribute in HTML,
    nothing elsewhere."""


def visit_cite_data_html(self, node: cite_data) -> None:
    from .safe import html_element

    if self.builder.name != "epub":
        self.body.append(html_element("div", "", class_="glossator-cite-data glossator-apparatus", hidden="hidden",
                                      data_glossator_citations=node["payload"]))
    raise nodes.SkipNode


def skip(self, node: nodes.Node) -> None:
    raise nodes.SkipNode


def cite_data_node(citations: Citations, forms: dict[str, dict[str, str]]) -> cite_data:
    payload = {
        "default": citations.styles.default,
        "sentinel": SENTINEL,
        "local": "" if citations.edition.base_url else LOCAL_NOTE,
        "styles": [{"id": name, **forms[name]} for name in citations.styles.names],
    }
    return cite_data("", payload=json.dumps(payload, ensure_ascii=False, separators=(",", ":")))


PARAGRAPH_FORMS = ("label", "note", "paragraph_cite", "paragraph_reference")


class notebook_data(nodes.General, nodes.Element):
    """The paragraph citations of every article, for the notebook page: a data attribute in
    HTML, nothing elsewhere."""


def visit_notebook_data_html(self, node: notebook_data) -> None:
    from .safe import html_element

    if self.builder.name != "epub":
        self.body.append(html_element("div", "", class_="glossator-notebook-citations glossator-apparatus",
                                      hidden="hidden", data_glossator_notebook_citations=node["payload"]))
    raise nodes.SkipNode


def notebook_data_node(citations: Citations, pages: dict[str, str]) -> notebook_data:
    """``pages``: article page address -> its record; each gets the cite box's forms (the
    same payload as :func:`cite_data_node`, its paragraph forms only)."""
    payload = {page: {
        "default": citations.styles.default, "sentinel": SENTINEL,
        "local": "" if citations.edition.base_url else LOCAL_NOTE,
        "styles": [{"id": name, **{k: v for k, v in forms.items() if k in PARAGRAPH_FORMS}}
                   for name, forms in citations.article_forms(key, page).items()],
    } for page, key in pages.items()}
    return notebook_data("", payload=json.dumps(payload, ensure_ascii=False, separators=(",", ":")))


def article_page(article: Article) -> str:
    """The reader page of an article, as the site's address names it."""
    return f"{article.docname}.html"


# -- page metadata: Highwire citation_* tags and schema.org JSON-LD ----------------------------

def _iso(parts: dict | None) -> str:
    if not parts:
        return ""
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts["date-parts"][0]))


def highwire_tags(item: dict) -> list[tuple[str, str]]:
    """The ``citation_*`` tags Zotero's Embedded Metadata translator reads, for one CSL item."""
    tags = [("citation_title", str(item.get("title", "")))]
    for name in item.get("author", []):
        if "family" in name:  # an organisation would be split into first and last names
            tags.append(("citation_author", f"{name['family']}, {name['given']}"))
    if item.get("issued"):
        tags.append(("citation_publication_date", _iso(item["issued"]).replace("-", "/")))
    container = item.get("container-title")
    if item["type"] == "report":
        tags.append(("citation_technical_report_institution", str(item.get("publisher", ""))))
    elif item["type"] == "chapter":
        tags.append(("citation_inbook_title", str(container)))
    elif container and item["type"] != "webpage":
        tags.append(("citation_journal_title", str(container)))
    for name in ("volume", "issue", "publisher"):
        if item.get(name) and not (name == "publisher" and item["type"] == "report"):
            tags.append((f"citation_{name}", str(item[name])))
    for editor in item.get("editor", []):
        tags.append(("citation_editor", editor.get("literal") or f"{editor['family']}, {editor['given']}"))
    if item.get("URL"):
        tags.append(("citation_public_url", str(item["URL"])))
    tags.append(("citation_language", "en"))
    return [(k, v) for k, v in tags if v]


def json_ld(item: dict, edition: csl.Edition, page_url: str) -> dict:
    """schema.org for the original work, said to be reprinted in this edition."""
    news = item["type"] == "article-newspaper"
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle" if news else ("Report" if item["type"] == "report" else "ScholarlyArticle"),
        "headline": item.get("title", ""),
        "name": item.get("title", ""),
    }
    authors = [{"@type": "Person", "familyName": a["family"], "givenName": a["given"],
                "name": f"{a['given']} {a['family']}"} if "family" in a else {"@type": "Organization", "name": a["literal"]}
               for a in item.get("author", [])]
    if authors:
        data["author"] = authors
    if item.get("issued"):
        data["datePublished"] = _iso(item["issued"])
    outlet = item.get("container-title") or item.get("publisher")
    if outlet:
        data["publisher"] = {"@type": "Organization", "name": outlet}
    if item.get("URL"):
        data["url"] = item["URL"]
    work = {"@type": "Book", "name": edition.title, "editor": [{"@type": "Organization", "name": e} for e in edition.editors]}
    if edition.year:
        work["datePublished"] = edition.year
    if page_url:
        work["url"] = page_url
    data["workExample"] = {"@type": "CreativeWork", "name": item.get("title", ""), "isPartOf": work,
                           **({"url": page_url} if page_url else {})}
    return data


def edition_json_ld(citations: Citations, url: str) -> dict:
    edition = citations.edition
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Book", "name": edition.title,
                            "editor": [{"@type": "Organization", "name": e} for e in edition.editors],
                            "bookEdition": edition.version, "inLanguage": "en"}
    if edition.year:
        data["datePublished"] = edition.year
    if edition.publisher:
        data["publisher"] = {"@type": "Organization", "name": edition.publisher}
    if url:
        data["url"] = url
    return data


def _script_json(data: dict) -> str:
    # A contributor's "</script>" or "<!--" inside a data block would end it early or change how
    # the HTML parser reads it: "<", ">" and "&" are written as JSON escapes, so the block holds
    # no markup at all and reads back to the same data.
    text = json.dumps(data, ensure_ascii=False, indent=None)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _page_metadata(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    from .access import article_of, article_record
    from .htmlbuild import HTML_BUILDERS
    from .safe import html_element

    if app.builder.name not in HTML_BUILDERS or doctree is None:
        return
    citations = citations_of(app)
    base = citations.edition.base_url.rstrip("/")
    page_url = f"{base}/{pagename}.html" if base else ""
    article = article_of(app, pagename)
    key = article.meta.get("source") if article else None
    record = article_record(corpus_of(app), article) if article is not None else {}
    if record and key in citations.formatter.items:
        item = csl.csl_item(key, record)  # the data itself (the formatter's copy has style markup)
        tags = highwire_tags(item)
        data = json_ld(item, citations.edition, page_url)
    else:
        edition = csl.edition_item({"id": "edition"}, citations.edition, "")
        edition = {"type": "book", "title": citations.edition.title, "editor": edition["editor"],
                   "publisher": citations.edition.publisher, "issued": edition.get("issued"),
                   **({"URL": page_url} if page_url else {})}
        tags = highwire_tags(edition)
        data = edition_json_ld(citations, page_url)
    meta = "\n".join(html_element("meta", name=name, content=value) for name, value in tags)
    script = f'<script type="application/ld+json">{_script_json(data)}</script>'
    context["metatags"] = context.get("metatags", "") + "\n" + meta + "\n" + script


# -- exports -----------------------------------------------------------------------------------

EXPORT_DIR = "citations"
EXPORT_FORMATS = (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON"))


class export_links(nodes.General, nodes.Element):
    """Links to the BibTeX, RIS and CSL-JSON files of a set of references (HTML only: the files
    are written beside the web pages)."""

    def __init__(self, stem: str, label: str) -> None:
        super().__init__("", stem=stem, label=label)


def visit_export_links_html(self, node: export_links) -> None:
    from sphinx.util.osutil import relative_uri

    from .htmlbuild import HTML_BUILDERS
    from .safe import html_element

    if self.builder.name not in HTML_BUILDERS:
        raise nodes.SkipNode
    here = self.builder.get_target_uri(self.builder.current_docname)
    links = [html_element("a", name, href=relative_uri(here, f"{EXPORT_DIR}/{node['stem']}.{suffix}"),
                          download=f"{node['stem']}.{suffix}") for suffix, name in EXPORT_FORMATS]
    label = html_element("strong", f"{node['label']} for your reference manager:")
    self.body.append(f'<p class="glossator-cite-exports">{label} {", ".join(links)}</p>')
    raise nodes.SkipNode


def article_keys(article: Article) -> list[str]:
    """The records an article rests on: its own source, then every record its notes cite."""
    keys = [str(article.meta.get("source") or "")]
    for unit in [*article.doc.blocks, *article.doc.footnotes]:
        keys += [ref.target for ref in unit.refs if ref.kind == "role" and ref.name == "cite"]
    return [k for k in dict.fromkeys(keys) if k]


def write_exports(app: Sphinx, exception: Exception | None) -> None:
    """``citations/bibliography.*`` (every record) and ``citations/<article>.*`` (its references)."""
    from .. import exports
    from .htmlbuild import HTML_BUILDERS

    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    corpus = corpus_of(app)
    items = csl.corpus_items(corpus.sources)
    by_key = {item["id"]: item for item in items}
    sets = {"bibliography": items}
    for article in corpus.articles:
        sets[article.stem] = [by_key[k] for k in article_keys(article) if k in by_key]
    out = Path(app.outdir, EXPORT_DIR)
    out.mkdir(parents=True, exist_ok=True)
    for stem, chosen in sets.items():
        (out / f"{stem}.json").write_text(exports.csl_json(chosen), encoding="utf-8")
        (out / f"{stem}.bib").write_text(exports.bibtex(chosen), encoding="utf-8")
        (out / f"{stem}.ris").write_text(exports.ris(chosen), encoding="utf-8")


# -- the edition: About page and PDF metadata, from CITATION.cff --------------------------------

def edition_book(citations: Citations) -> dict:
    """The edition itself as a CSL item (a book, edited)."""
    edition = citations.edition
    item = {"id": "edition", "type": "book", "title": edition.title,
            "editor": [{"literal": e} for e in edition.editors]}
    if edition.publisher:
        item["publisher"] = edition.publisher
    if edition.version:
        item["version"] = edition.version
    if edition.year:
        item["issued"] = {"date-parts": [[int(edition.year)]]}
    if edition.base_url:
        item["URL"] = edition.base_url
    return item


class EditionMetadata(SphinxDirective):
    """``{edition-metadata}``: the edition's ``CITATION.cff`` as a list, and how to cite it."""

    def run(self) -> list[nodes.Node]:
        citations = citations_of(self.env.app)
        self.env.note_dependency(str(corpus_of(self.env.app).root / "CITATION.cff"))
        cff = citations.cff
        rows = [("Title", citations.edition.title), ("Editors", ", ".join(citations.edition.editors)),
                ("Version", citations.edition.version), ("Released", str(cff.get("date-released") or "")),
                ("Licence", str(cff.get("license") or "")), ("Keywords", ", ".join(map(str, cff.get("keywords") or [])))]
        fields = nodes.field_list(classes=["glossator-edition"])
        for name, value in rows:
            if value:
                fields += nodes.field("", nodes.field_name(name, name), nodes.field_body("", nodes.paragraph(value, value)))
        book = edition_book(citations)
        out: list[nodes.Node] = [fields]
        intro = "Cite the edition as a whole (here in " + citations.label(citations.styles.default) + "):"
        out.append(nodes.paragraph(intro, intro))
        out.append(citation_para(citations.formatter.entry(citations.styles.default, book).html))
        if not citations.edition.base_url:
            out.append(nodes.paragraph(LOCAL_NOTE, LOCAL_NOTE, classes=["glossator-cite-local"]))
        return out


def _pdf_metadata(app: Sphinx, config: Any) -> None:
    """The PDF's document information from CITATION.cff: title and author are Sphinx's (the
    tests hold them equal to the file's), subject and keywords are added here."""
    cff = read_cff(Path(app.confdir, config.glossator_root).resolve() / "CITATION.cff")
    if not cff:
        return

    def tex(text: str) -> str:
        return re.sub(r"([&%#_$\\{}])", r"\\\1", " ".join(str(text).split()))

    info = [f"pdfsubject={{{tex(cff.get('abstract', ''))}}}",
            f"pdfkeywords={{{tex(', '.join(map(str, cff.get('keywords') or [])))}}}"]
    elements = dict(config.latex_elements)
    setup = "\\hypersetup{" + ", ".join(info) + "}"
    elements["preamble"] = elements.get("preamble", "") + f"\n% The edition's metadata (CITATION.cff).\n{setup}\n"
    config.latex_elements = elements


def _init(app: Sphinx) -> None:
    citations_of(app)


def setup_citations(app: Sphinx) -> None:
    app.add_config_value("glossator_citation_style", csl.DEFAULT_STYLE, "env", [str])
    app.add_config_value("glossator_citation_styles", list(csl.STYLES), "env", [list])
    app.add_config_value("glossator_csl_dirs", [], "env", [list])
    app.add_node(cite_data, html=(visit_cite_data_html, None), latex=(skip, None), text=(skip, None),
                 man=(skip, None), texinfo=(skip, None))
    app.add_node(notebook_data, html=(visit_notebook_data_html, None), latex=(skip, None), text=(skip, None),
                 man=(skip, None), texinfo=(skip, None))
    app.add_node(export_links, html=(visit_export_links_html, None), latex=(skip, None), text=(skip, None),
                 man=(skip, None), texinfo=(skip, None))
    app.add_directive("edition-metadata", EditionMetadata)
    app.connect("config-inited", _pdf_metadata)
    app.connect("builder-inited", _init, priority=450)
    app.connect("build-finished", write_exports)
    app.connect("html-page-context", _page_metadata)
