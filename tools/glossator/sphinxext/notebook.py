"""The student's notebook: highlights and notes kept in the reader's own browser.

Everything happens in ``static/glossator-notebook/notebook.js``: a student selects words of an
article, highlights them in a colour and may add a note; the notebook page
(``{reader-notebook}``) lists them by article and ¶, filters, prints, and exports them as
Markdown and as W3C Web Annotation JSON-LD. Notes live in ``localStorage`` under a key of this
reader and edition, and nothing is sent anywhere.

The Python side only says what the script needs to know, in a ``<meta name="glossator-notebook">``
on every web page: the storage key (``project`` and ``version`` from the configuration), the
page's address relative to the site root (the stable source of an annotation's target, the same
from ``file://`` and http), the notebook page's address, and an article's title.

``glossator_hypothesis = True`` adds the Hypothesis client (an online service; off by default),
and opens the page's Content-Security-Policy and the audit to its origins only then.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .htmlbuild import HTML_BUILDERS, ship_static

HYPOTHESIS_SCRIPT = "https://hypothes.is/embed.js"
# What the Hypothesis client loads once embed.js runs: its boot script and styles from the CDN,
# its sidebar in a frame, and its API. Only allowed when glossator_hypothesis is on.
HYPOTHESIS_ORIGINS: dict[str, tuple[str, ...]] = {
    "script-src": ("https://hypothes.is", "https://cdn.hypothes.is"),
    "style-src": ("https://cdn.hypothes.is",),
    "font-src": ("https://cdn.hypothes.is",),
    "img-src": ("https://hypothes.is", "https://cdn.hypothes.is"),
    "connect-src": ("https://hypothes.is", "https://api.hypothes.is", "https://cdn.hypothes.is"),
    "frame-src": ("https://hypothes.is",),
}


class NotebookDirective(SphinxDirective):
    """``{reader-notebook}``: where the notebook page's script lays out the student's notes.

    Without scripts (or outside the web reader) it says what the page is for.
    """

    has_content = False

    def run(self) -> list[nodes.Node]:
        holder = nodes.container(classes=["glossator-notebook"])
        self.set_source_info(holder)
        holder += nodes.paragraph(
            "", "Your highlights and notes appear here. The notebook works in the web reader, "
                "with JavaScript on; it keeps everything in this browser.",
            classes=["glossator-notebook-fallback"])
        return [holder, self._citations()]

    def _citations(self) -> nodes.Node:
        """Every article's paragraph citation in every style (the cite box's forms, by page
        address), so a note is cited in the style the reader chose, as its article would."""
        from .access import corpus_of
        from .citations import article_page, citations_of, notebook_data_node

        corpus = corpus_of(self.env.app)
        self.env.note_dependency(str(corpus.sources_path))
        self.env.note_dependency(str(corpus.root / "CITATION.cff"))
        return notebook_data_node(citations_of(self.env.app), {
            article_page(article): str(article.meta["source"]) for article in corpus.articles
            if article.meta.get("source") in corpus.sources})


def storage_key(app: Sphinx) -> str:
    """The localStorage key of this reader and edition: one student's notes per edition."""
    return f"glossator.notebook:{app.config.project}@{app.config.version}"


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    from .access import article_of
    from .safe import html_element

    if app.builder.name not in HTML_BUILDERS:
        return
    notebook = app.config.glossator_notebook_page
    title = app.env.titles.get(pagename)
    article = article_of(app, pagename) is not None
    meta = html_element(
        "meta", name="glossator-notebook", content=storage_key(app),
        data_page=app.builder.get_target_uri(pagename),
        data_notebook=context["pathto"](notebook) if notebook in app.env.found_docs else None,
        data_title=title.astext() if article and title is not None else None,
        data_edition=f"{app.config.project} ({app.config.version})",
    )
    context["metatags"] = context.get("metatags", "") + "\n" + meta
    # Only the pages that use them get the scripts (Sphinx keeps what is added here to this
    # page). An article gets a small loader that fetches the rest when it is needed.
    folder = "glossator-notebook"
    if article:
        app.builder.add_js_file(f"{folder}/notebook-loader.js", defer="defer")
    elif pagename == notebook:
        app.builder.add_css_file(f"{folder}/notebook.css")
        app.builder.add_css_file(f"{folder}/notebook-page.css")
        app.builder.add_js_file(f"{folder}/notebook.js", defer="defer")
        app.builder.add_js_file(f"{folder}/notebook-page.js", defer="defer")


def _install(app: Sphinx) -> None:
    ship_static(app, "glossator-notebook")
    if app.builder.name in HTML_BUILDERS and app.config.glossator_hypothesis:
        from .audit import allow_origins

        app.add_js_file(HYPOTHESIS_SCRIPT, loading_method="async")
        allow_origins(app, HYPOTHESIS_ORIGINS)


def setup_notebook(app: Sphinx) -> None:
    app.add_config_value("glossator_notebook_page", "notebook", "html", [str])
    app.add_config_value("glossator_hypothesis", False, "html", [bool])
    app.add_directive("reader-notebook", NotebookDirective)
    app.connect("builder-inited", _install)
    app.connect("html-page-context", _page_context)
