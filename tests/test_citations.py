"""Citations (issue #15): CSL formatting, bad records, styles that are missing or broken, the
exports, the edition's metadata, Zotero's reading of the pages, and the same words in HTML,
PDF and EPUB. The built-site tests reuse the session's strict builds (tests/conftest.py)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import lxml.html
import pytest

from glossator import csl, exports
from glossator.corpus import load_corpus
from glossator.sphinxext.citations import article_keys, read_cff

from .conftest import ROOT

SCHEMAS = ROOT / "tools" / "glossator" / "schemas"
CORPUS = load_corpus(ROOT)
ITEMS = csl.corpus_items(CORPUS.sources)

GRAY = {"type": "analysis", "kind": "press", "title": "Did Kim’s Vladivostok Visit Reshape Russia-North Korea Relations?",
        "authors": ["Gray, Niall"], "outlet": "The Diplomat", "date": "2020-04", "url": "https://thediplomat.com/2020/04/x/"}
PAIR = {"type": "news", "kind": "press", "title": "Takeaways", "authors": ["Kireeva, Anna", "Zakharova, Liudmila"],
        "outlet": "The Diplomat", "date": "2019-04-30"}
SUPPLIED = {"type": "analysis", "kind": "institute", "title": "A title the editors supplied", "title_supplied": True,
            "organisation": "Example Institute", "outlet": "Example Institute"}
NO_AUTHOR = {"type": "news", "kind": "press", "title": "Summit ends", "outlet": "The Paper", "date": "2019-04-26"}
NO_TITLE = {"type": "news", "kind": "wire", "organisation": "Reuters", "outlet": "The Paper", "date": "2019-04-26"}
RECORDS = {"gray": GRAY, "pair": PAIR, "supplied": SUPPLIED, "no-author": NO_AUTHOR, "no-title": NO_TITLE}


@pytest.fixture(scope="module")
def formatter() -> csl.Formatter:
    return csl.Formatter([csl.csl_item(k, v) for k, v in RECORDS.items()])


def text(formatter: csl.Formatter, style: str, key: str) -> str:
    return formatter.reference(style, key, whole=True).text


# -- records to CSL --------------------------------------------------------------------------

def test_every_record_is_a_valid_csl_json_item() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMAS / "csl-data.json").read_text(encoding="utf-8"))
    jsonschema.validate(ITEMS, schema)
    assert len(ITEMS) == len([r for r in CORPUS.sources.values() if isinstance(r, dict)])
    by_key = {item["id"]: item for item in ITEMS}
    for key, record in CORPUS.sources.items():
        item = by_key[key]
        assert item["type"] == csl.csl_type(record)
        if record.get("date"):
            assert item["issued"]["date-parts"][0] == [int(p) for p in str(record["date"]).split("-")]
        else:
            assert "issued" not in item  # never an invented date
        if record.get("title_supplied"):
            assert item["title"] == f"[{record['title']}]"
        names = [a.get("family") or a.get("literal") for a in item.get("author", [])]
        assert names == [str(a).split(",")[0].strip() for a in record.get("authors") or []] or (
            not record.get("authors") and names in ([], [record.get("organisation")]))
        if isinstance(record.get("via"), dict):
            assert item["archive_location"] == record["via"]["url"]


def test_the_styles_required_are_the_official_ones() -> None:
    titles = {name: csl.style_title(name) for name in csl.STYLES}
    assert titles == {
        "apa": "APA Style 7th edition",
        "chicago-author-date": "Chicago Manual of Style 18th edition (author-date)",
        "chicago-notes-bibliography": "Chicago Manual of Style 18th edition (notes and bibliography)",
        "modern-language-association": "MLA Handbook 9th edition (in-text citations)",
        "harvard-cite-them-right": "Cite Them Right 12th edition (author-date/Harvard)",
    }
    assert "CC BY-SA 3.0" in (ROOT / "tools" / "glossator" / "styles" / "README.md").read_text(encoding="utf-8") or \
        "Attribution-ShareAlike 3.0" in (ROOT / "tools" / "glossator" / "styles" / "README.md").read_text(encoding="utf-8")


# -- each style's forms ----------------------------------------------------------------------

def test_an_article_in_each_style(formatter: csl.Formatter) -> None:
    assert text(formatter, "chicago-author-date", "gray") == (
        "Gray, Niall. 2020. “Did Kim’s Vladivostok Visit Reshape Russia-North Korea Relations?” The Diplomat, "
        "April. https://thediplomat.com/2020/04/x/.")
    assert text(formatter, "chicago-notes-bibliography", "gray") == (
        "Gray, Niall. “Did Kim’s Vladivostok Visit Reshape Russia-North Korea Relations?” The Diplomat, April 2020. "
        "https://thediplomat.com/2020/04/x/.")
    assert text(formatter, "apa", "gray") == (
        "Gray, N. (2020, April). Did Kim’s Vladivostok Visit Reshape Russia-North Korea Relations? The Diplomat. "
        "https://thediplomat.com/2020/04/x/")
    assert text(formatter, "modern-language-association", "pair") == (
        "Kireeva, Anna, and Liudmila Zakharova. “Takeaways.” The Diplomat, 30 Apr. 2019.")
    assert text(formatter, "harvard-cite-them-right", "pair") == (
        "Kireeva, A. and Zakharova, L. (2019) ‘Takeaways’, The Diplomat, 30 April.")  # en-GB: its default-locale
    # Alone or in the whole bibliography, an entry is the same.
    for style in csl.STYLES:
        for key in RECORDS:
            assert formatter.entry(style, formatter.items[key]) == formatter.reference(style, key, whole=True), (style, key)
    # The outlet in italics, in the HTML the pages use.
    assert "<i>The Diplomat</i>" in formatter.reference("apa", "gray").html


def test_paragraph_locators_and_notes(formatter: csl.Formatter) -> None:
    pair = formatter.items["pair"]
    assert formatter.cite("apa", pair, "11").text == "(Kireeva & Zakharova, 2019, para. 11)"
    assert formatter.cite("chicago-author-date", pair, "11").text == "(Kireeva and Zakharova 2019, para. 11)"
    assert formatter.cite("modern-language-association", pair, "11").text == "(Kireeva and Zakharova, par. 11)"
    assert formatter.cite("chicago-notes-bibliography", pair, "11").text == (
        "Anna Kireeva and Liudmila Zakharova, “Takeaways,” The Diplomat, April 30, 2019, para. 11.")


def test_missing_author_date_or_title_render_as_each_style_says(formatter: csl.Formatter) -> None:
    # No author: the title (APA, MLA) or the outlet (Chicago, for a newspaper) comes first, once.
    assert text(formatter, "apa", "no-author") == "Summit ends. (2019, April 26). The Paper."
    assert text(formatter, "modern-language-association", "no-author") == "“Summit Ends.” The Paper, 26 Apr. 2019."
    assert text(formatter, "chicago-author-date", "no-author") == "The Paper. 2019. “Summit Ends.” April 26."
    # No date: "n.d." (APA, Chicago) or "no date" (Cite Them Right); none is invented.
    assert "(n.d.)" in text(formatter, "apa", "supplied")
    assert " n.d. " in text(formatter, "chicago-author-date", "supplied")
    assert "(no date)" in text(formatter, "harvard-cite-them-right", "supplied")
    # A title the editors supplied is in brackets in every style.
    for style in csl.STYLES:
        assert re.search(r"\[A title the editors supplied\]", text(formatter, style, "supplied"), re.IGNORECASE), style
    # No title at all: nothing stands in for it.
    for style in csl.STYLES:
        entry = text(formatter, style, "no-title")
        assert "Untitled" not in entry and "[" not in entry and "Reuters" in entry, (style, entry)


def test_an_edition_reprint_names_the_original_and_the_edition(formatter: csl.Formatter) -> None:
    edition = csl.Edition("An Annotated Reader", ("The Editors",), "2026", "The Project", "1", "https://reader.example/")
    reprint = csl.edition_item(formatter.items["gray"], edition, "articles/gray.html", "p4")
    assert reprint["URL"] == "https://reader.example/articles/gray.html#p4"
    apa = formatter.entry("apa", reprint).text
    assert apa.startswith("Gray, N. (2026). Did Kim’s Vladivostok Visit")
    assert "In The Editors (ed.), An Annotated Reader." in apa and "(Original work published 2020" in apa
    assert formatter.cite("apa", reprint, "4").text == "(Gray, 2020/2026, para. 4)"
    note = formatter.cite("chicago-notes-bibliography", reprint, "4").text
    assert "in An Annotated Reader, ed. The Editors" in note and "repr., The Project, 2026" in note
    assert note.endswith("para. 4, https://reader.example/articles/gray.html#p4.")
    # Without a public address the reprint carries none.
    local = csl.edition_item(formatter.items["gray"], csl.Edition("R", ("E",), "2026"), "articles/gray.html", "p4")
    assert "URL" not in local


def test_unknown_style_names_the_styles_available() -> None:
    with pytest.raises(csl.StyleError) as error:
        csl.load_style("chicago-17th")
    message = str(error.value)
    assert "unknown citation style 'chicago-17th'" in message
    for name in csl.STYLES:
        assert name in message


def test_a_style_that_does_not_parse_is_named(tmp_path: Path) -> None:
    (tmp_path / "broken.csl").write_text("<style xmlns='http://purl.org/net/xbiblio/csl'><info>", encoding="utf-8")
    with pytest.raises(csl.StyleError) as error:
        csl.load_style("broken", [tmp_path])
    assert str(tmp_path / "broken.csl") in str(error.value) and "does not parse" in str(error.value)


# -- exports ---------------------------------------------------------------------------------

def test_bibtex_parses_back_with_pybtex() -> None:
    import codecs

    from pybtex.database import parse_string

    parsed = parse_string(exports.bibtex(ITEMS), "bibtex")
    assert list(parsed.entries) == [item["id"] for item in ITEMS]
    for item in ITEMS:
        entry = parsed.entries[item["id"]]
        fields = {k.lower(): codecs.decode(v, "ulatex") if k.lower() not in exports.VERBATIM else v
                  for k, v in entry.fields.items()}
        expected = {"title", "url", "urldate", "year", "month", "date", "volume", "number", "note",
                    "journal", "howpublished", "publisher", "institution"}
        assert set(fields) <= expected
        assert len(entry.persons.get("author", [])) == len(item.get("author", []))
        assert ("year" in fields) == ("issued" in item) and ("month" in fields) == (len(item.get("issued", {}).get(
            "date-parts", [[]])[0]) > 1)
        assert fields.get("url") == item.get("URL")
        assert ("urldate" in fields) == ("accessed" in item)
        assert fields.get("title", "").removeprefix("{").removesuffix("}") == item.get("title", "")
        assert (fields.get("journal") or fields.get("howpublished")) == item.get("container-title")
        assert (fields.get("publisher") or fields.get("institution")) == item.get("publisher")
        assert ("note" in fields) == ("archive_location" in item)


def test_ris_parses_back_with_rispy() -> None:
    import rispy

    parsed = rispy.loads(exports.ris(ITEMS))
    assert [entry["id"] for entry in parsed] == [item["id"] for item in ITEMS]
    for entry, item in zip(parsed, ITEMS, strict=True):
        assert entry.get("title") == item.get("title")
        assert entry.get("urls") == ([exports.ris_url(item["URL"])] if item.get("URL") else None)
        assert entry.get("year") == (str(item["issued"]["date-parts"][0][0]) if "issued" in item else None)
        assert entry["type_of_reference"] == exports.RIS_TYPES[item["type"]]


# -- the edition ------------------------------------------------------------------------------

def test_citation_cff_is_valid() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMAS / "cff-schema-1.2.0.json").read_text(encoding="utf-8"))
    cff = read_cff(ROOT / "CITATION.cff")
    jsonschema.validate(json.loads(json.dumps(cff, default=str)), schema)
    assert cff["title"] == "Russia and North Korea, 2019–2023: An Annotated Reader"


# -- the built site ---------------------------------------------------------------------------

def _tree(html_build: Path, page: str):
    return lxml.html.parse(str(html_build / page)).getroot()


def _meta(tree, name: str) -> list[str]:
    return [m.get("content") for m in tree.xpath(f"//meta[@name='{name}']")]


def zotero_embedded_metadata(tree) -> dict:
    """What Zotero's "Embedded Metadata" translator makes of a page's Highwire tags, by its rules
    (zotero/translators, Embedded Metadata.js at 2814370: ``HIGHWIRE_MAPPINGS``, the item type
    from ``citation_journal_title`` → journalArticle, ``citation_technical_report_institution``
    → report, ``citation_inbook_title`` → bookSection, else ``citation_title`` → journalArticle
    as a guess; ``processHighwireCreators`` and ``ZU.cleanAuthor`` for the names; the first
    value of a tag wins)."""
    names = [m.get("name") for m in tree.xpath("//meta[starts-with(@name, 'citation_')]")]
    hw_type = guess = None
    for name in names:
        if name == "citation_journal_title":
            hw_type = "journalArticle"
        elif name == "citation_technical_report_institution":
            hw_type = "report"
        elif name in ("citation_book_title", "citation_inbook_title"):
            hw_type = "bookSection"
        elif name in ("citation_title", "citation_series_title"):
            guess = guess or "journalArticle"
    authors = _meta(tree, "citation_author")
    creators = []
    for node in authors:
        parts = re.split(r"\s*;\s*", node)
        if len(parts) == 1 and len(authors) == 1:
            by_comma = re.split(r"\s*,\s*", parts[0])
            if len(by_comma) > 1 and " " in by_comma[0] and " " in by_comma[1]:
                parts = by_comma
        for creator in parts:
            creator = creator.strip()
            if "," in creator:  # cleanAuthor with useComma: "Last, First"
                last, first = (p.strip() for p in creator.split(",", 1))
            else:
                first, _, last = creator.rpartition(" ")
            creators.append((last, first))
    first = {name: (_meta(tree, name) or [None])[0] for name in
             ("citation_title", "citation_publication_date", "citation_date", "citation_journal_title",
              "citation_public_url", "citation_publisher", "citation_technical_report_institution")}
    date = first["citation_publication_date"] or first["citation_date"]
    return {"itemType": hw_type or guess, "title": first["citation_title"], "creators": creators,
            "date": date.replace("/", "-") if date else None, "publicationTitle": first["citation_journal_title"],
            "url": first["citation_public_url"]}


ZOTERO_TYPES = {"article-newspaper": "journalArticle", "article-magazine": "journalArticle", "report": "report",
                "webpage": "journalArticle"}  # a web page with citation_title: the translator's guess


def test_zotero_reads_every_article_page(html_build: Path) -> None:
    assert CORPUS.articles
    rows = []
    for article in CORPUS.articles:
        key = article.meta["source"]
        record = CORPUS.sources[key]
        item = csl.csl_item(key, record)
        got = zotero_embedded_metadata(_tree(html_build, f"{article.docname}.html"))
        expected_title = f"[{record['title']}]" if record.get("title_supplied") else record["title"]
        assert got["itemType"] == ZOTERO_TYPES[item["type"]], article.stem
        assert got["title"] == expected_title, article.stem
        assert got["creators"] == [tuple(p.strip() for p in str(a).split(",", 1)) for a in record.get("authors") or []]
        assert got["date"] == (str(record["date"]) if record.get("date") else None), article.stem
        assert got["url"] == record.get("url"), article.stem
        rows.append(f"{article.stem}: {got['itemType']} | {got['title']} | "
                    f"{'; '.join(f'{last}, {first}' for last, first in got['creators']) or '(no person)'} | "
                    f"{got['date'] or 'n.d.'} | {got['publicationTitle'] or '-'}")
    print("\nZotero Embedded Metadata, as read from each article page:\n" + "\n".join(rows))


def test_json_ld_describes_the_original_and_the_edition(html_build: Path) -> None:
    for article in CORPUS.articles:
        tree = _tree(html_build, f"{article.docname}.html")
        blocks = tree.xpath("//script[@type='application/ld+json']")
        assert len(blocks) == 1
        data = json.loads(blocks[0].text)
        record = CORPUS.sources[article.meta["source"]]
        assert data["@type"] in ("NewsArticle", "ScholarlyArticle", "Report")
        assert data["headline"].strip("[]") == record["title"]
        assert data["workExample"]["isPartOf"]["name"] == read_cff(ROOT / "CITATION.cff")["title"]
        assert "url" not in data["workExample"]  # html_baseurl is not set: no invented address
    home = _tree(html_build, "index.html")
    data = json.loads(home.xpath("//script[@type='application/ld+json']")[0].text)
    assert data["@type"] == "Book" and data["name"] == read_cff(ROOT / "CITATION.cff")["title"]
    assert _meta(home, "citation_title") == [data["name"]]
    assert _meta(home, "citation_editor") == ["The Glossator editors"]


def test_the_policy_runs_no_data_block(html_build: Path) -> None:
    """A JSON-LD block is data: the page's policy lists no hash for it, and the audit allows it
    only because its type is not a script type."""
    from glossator.sphinxext.audit import audit_page, script_hash

    page = (html_build / f"{CORPUS.articles[0].docname}.html").read_bytes()
    tree = lxml.html.document_fromstring(page)
    block = tree.xpath("//script[@type='application/ld+json']")[0].text
    policy = tree.xpath("//meta[@http-equiv='Content-Security-Policy']")[0].get("content")
    assert script_hash(block) not in policy
    assert audit_page(page, "page", None) == []
    as_script = page.replace(b'type="application/ld+json"', b'type="text/javascript"')
    assert any("not the site's own" in p for p in audit_page(as_script, "page", None))


def test_exports_are_built_and_linked(html_build: Path) -> None:
    import rispy
    from pybtex.database import parse_file

    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMAS / "csl-data.json").read_text(encoding="utf-8"))
    bibliography = _tree(html_build, "bibliography.html")
    assert {a.get("href") for a in bibliography.xpath("//p[@class='glossator-cite-exports']/a")} == {
        "citations/bibliography.bib", "citations/bibliography.ris", "citations/bibliography.json"}
    sets = {"bibliography": [item["id"] for item in ITEMS]}
    for article in CORPUS.articles:
        sets[article.stem] = [k for k in article_keys(article) if k in CORPUS.sources]
        page = _tree(html_build, f"{article.docname}.html")
        links = {a.get("href") for a in page.xpath("//section[@id='glossator-how-to-cite']//p[@class='glossator-cite-exports']/a")}
        assert links == {f"../citations/{article.stem}.{s}" for s in ("bib", "ris", "json")}
    for stem, keys in sets.items():
        items = json.loads((html_build / "citations" / f"{stem}.json").read_text(encoding="utf-8"))
        jsonschema.validate(items, schema)
        assert [i["id"] for i in items] == keys
        assert list(parse_file(str(html_build / "citations" / f"{stem}.bib"), "bibtex").entries) == keys
        with open(html_build / "citations" / f"{stem}.ris", encoding="utf-8") as handle:
            assert [e["id"] for e in rispy.load(handle)] == keys
    assert sets[CORPUS.articles[0].stem][0] == CORPUS.articles[0].meta["source"]


def test_paragraph_citations_name_the_edition_and_say_the_address_is_local(html_build: Path) -> None:
    cff = read_cff(ROOT / "CITATION.cff")
    for article in CORPUS.articles:
        tree = _tree(html_build, f"{article.docname}.html")
        data = json.loads(tree.xpath("//div[@data-glossator-citations]")[0].get("data-glossator-citations"))
        assert [s["id"] for s in data["styles"]] == list(csl.STYLES)
        assert data["local"] and data["default"] == csl.DEFAULT_STYLE
        for style in data["styles"]:
            form = style["paragraph_cite"] + style.get("paragraph_reference", "")
            assert cff["title"] in form and data["sentinel"] in form, (article.stem, style["id"])
            assert "http" not in style["paragraph_cite"].split(cff["title"])[-1] or "#p" not in form
        marks = tree.xpath("//a[contains(@class, 'glossator-pnum')]")
        assert len(marks) == len(article.paragraphs)
        for number, mark in enumerate(marks, 1):
            citation = mark.get("data-citation")
            assert f"para. {number})" in citation and cff["title"] in citation
            assert "no public web address" in citation and "#p" not in citation


def test_reference_works_are_notes_only_in_chicago_notes_bibliography() -> None:
    """Chicago lists a well-known reference work in notes only: its bibliography has no entry
    for it, and How to cite gives the note alone."""
    key = next(k for k, r in CORPUS.sources.items() if isinstance(r, dict) and r.get("type") == "reference")
    formatter = csl.Formatter(ITEMS)
    assert formatter.reference("chicago-notes-bibliography", key).text == ""
    assert formatter.cite("chicago-notes-bibliography", formatter.items[key]).text


def test_bibliography_page_is_the_default_style(html_build: Path) -> None:
    formatter = csl.Formatter(ITEMS)
    entries = formatter.bibliography(csl.DEFAULT_STYLE)
    tree = _tree(html_build, "bibliography.html")
    shown = {p.get("id"): " ".join(p.text_content().split()) for p in tree.xpath("//p[contains(@class, 'glossator-source')]")}
    assert len(shown) == len(ITEMS)
    for key, rendered in entries.items():
        assert shown[f"src-{key}"].startswith(rendered.text), key
        record = CORPUS.sources[key]
        if isinstance(record.get("via"), dict):
            assert f"Accessed via {record['via']['outlet']}" in shown[f"src-{key}"]
    order = [p.get("id") for p in tree.xpath("//p[contains(@class, 'glossator-source')]")]
    assert order == [f"src-{k}" for k in entries]  # the style's own order
    # ... which a student can read down: by the entries' first letters, as printed.
    firsts = [_filing_letter(p.text_content()) for p in tree.xpath("//p[contains(@class, 'glossator-source')]")]
    assert firsts == sorted(firsts)


def _filing_letter(entry: str) -> str:
    """The letter an entry files under: its first letter or digit, past quotes and brackets."""
    return re.sub(r"^[\W_]+", "", entry)[:1].casefold()


@pytest.mark.parametrize("style", csl.STYLES)
def test_every_style_lists_its_bibliography_by_author_as_printed(style: str) -> None:
    # citeproc-py sorted by the HTML it rendered ("<i>Yonhap …</i>" before "ABC News"), put
    # an empty key first and a substituted title's pieces apart: csl._sort_text.
    entries = [r.text for r in csl.Formatter(ITEMS).bibliography(style).values() if r.text]
    firsts = [_filing_letter(text) for text in entries]
    assert firsts == sorted(firsts)


# -- configuration, on the small teaching project ---------------------------------------------

TEACHING = Path(__file__).resolve().parent / "roots" / "teaching"


def _teaching_build(tmp_path: Path, *extra: str, conf: str = "", builder: str = "html") -> tuple[subprocess.CompletedProcess, Path]:
    import shutil
    import sys

    project = tmp_path / "project"
    shutil.copytree(TEACHING, project, symlinks=True)
    if conf:
        with open(project / "docs" / "conf.py", "a", encoding="utf-8") as handle:
            handle.write("\n" + conf + "\n")
    out = project / "_build" / builder
    result = subprocess.run([sys.executable, "-m", "sphinx", "-b", builder, "-n", "-W", "--keep-going", "-q",
                             "-d", str(out.parent / "doctrees"), *extra, str(project / "docs"), str(out)],
                            capture_output=True, text=True, timeout=600, env={"NO_COLOR": "1", **__import__("os").environ})
    return result, out


def test_an_unknown_style_stops_the_build_and_names_the_styles(tmp_path: Path) -> None:
    result, _ = _teaching_build(tmp_path, "-D", "glossator_citation_style=chicago-17th")
    assert result.returncode != 0
    assert "unknown citation style 'chicago-17th'" in result.stderr
    assert all(name in result.stderr for name in csl.STYLES)
    assert "Traceback" not in result.stderr


def test_a_broken_style_file_stops_the_build_and_names_the_file(tmp_path: Path) -> None:
    styles = tmp_path / "csl"
    styles.mkdir()
    conf = f"glossator_csl_dirs = [{str(styles)!r}]\nglossator_citation_styles = ['apa', 'house']"
    result, _ = _teaching_build(tmp_path / "missing", conf=conf)
    assert result.returncode != 0 and "unknown citation style 'house'" in result.stderr
    (styles / "house.csl").write_text("<style xmlns='http://purl.org/net/xbiblio/csl' class='in-text'>", encoding="utf-8")
    result, _ = _teaching_build(tmp_path / "broken", conf=conf)
    assert result.returncode != 0
    assert f"{styles / 'house.csl'}: the CSL style does not parse" in result.stderr
    assert "Traceback" not in result.stderr


def test_with_a_base_address_the_paragraph_citation_links_the_paragraph(tmp_path: Path) -> None:
    result, out = _teaching_build(tmp_path, "-D", "html_baseurl=https://reader.example/edition/")
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    tree = lxml.html.parse(str(out / "articles" / "mini.html")).getroot()
    mark = tree.xpath("//a[@href='#p2']")[0]
    citation = mark.get("data-citation")
    assert "https://reader.example/edition/articles/mini.html#p2" in citation and "para. 2)" in citation
    assert "no public web address" not in citation
    data = json.loads(tree.xpath("//div[@data-glossator-citations]")[0].get("data-glossator-citations"))
    assert data["local"] == ""


# -- the same words in HTML, EPUB and PDF; the edition's metadata everywhere ------------------

def _squash(text: str) -> str:
    """Text with whitespace and hyphens removed (line breaks and LaTeX's hyphenation differ)."""
    import unicodedata

    return re.sub(r"[\s\-‐]+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.slow
def test_pdf_and_epub_print_the_bibliography_word_for_word(html_build: Path, epub_build: Path, pdf_build: Path) -> None:
    keys = [article.meta["source"] for article in CORPUS.articles][:5]
    assert len(keys) == 5
    html_tree = _tree(html_build, "bibliography.html")
    epub_tree = lxml.html.parse(str(epub_build / "bibliography.xhtml")).getroot()
    lines = subprocess.run(["pdftotext", str(pdf_build / "glossator-reader.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout.replace("\f", "\n").splitlines()
    # The running head (the book's title) and foot (chapter, page) interrupt an entry at a page break.
    # Where a word is hyphenated across the break, pdftotext joins its first half to the foot
    # ("attriAppendix B. Bibliography"): cut the foot from the end of such a line.
    title = read_cff(ROOT / "CITATION.cff")["title"]
    lines = [re.sub(r"(?<=\w)(Appendix [A-Z]|Chapter \d+)\. .*$", "", line) for line in lines]
    pdf = _squash("\n".join(line for line in lines if line.strip() != title and not re.fullmatch(
        r"\s*(\d+|(Appendix [A-Z]|Chapter \d+)\. .*)\s*", line)))
    for key in keys:
        web = " ".join(html_tree.xpath(f"//p[@id='src-{key}']")[0].text_content().split())
        book = " ".join(epub_tree.xpath(f"//*[@id='src-{key}']")[0].text_content().split())
        assert web == book, key
        assert _squash(web) in pdf, key


@pytest.mark.slow
def test_the_edition_metadata_is_the_same_in_the_pdf_and_on_the_about_page(html_build: Path, pdf_build: Path) -> None:
    cff = read_cff(ROOT / "CITATION.cff")
    info = subprocess.run(["pdfinfo", str(pdf_build / "glossator-reader.pdf")], capture_output=True, text=True,
                          check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    assert fields["Title"] == cff["title"]
    assert fields["Author"] == ", ".join(a["name"] for a in cff["authors"])
    assert fields["Subject"] == " ".join(cff["abstract"].split())
    assert fields["Keywords"] == ", ".join(cff["keywords"])
    about = _tree(html_build, "about.html")
    edition = "//dl[contains(@class, 'glossator-edition')]"
    names = [" ".join(dt.text_content().split()).rstrip(":") for dt in about.xpath(f"{edition}/dt")]
    values = [" ".join(dd.text_content().split()) for dd in about.xpath(f"{edition}/dd")]
    listed = dict(zip(names, values, strict=True))
    assert listed["Title"] == cff["title"] and listed["Version"] == cff["version"]
    assert listed["Editors"] == ", ".join(a["name"] for a in cff["authors"])
    assert listed["Released"] == cff["date-released"] and listed["Licence"] == cff["license"]


# -- the labels of {cite} links: the default style's own citation, disambiguated by it ---------

TWINS = {
    "tass-a": {"type": "news", "kind": "wire", "title": "Summit opens", "organisation": "TASS", "outlet": "Kommersant",
               "date": "2019-04-24"},
    "tass-b": {"type": "news", "kind": "wire", "title": "Summit ends", "organisation": "TASS", "outlet": "Kommersant",
               "date": "2019-04-25"},
    "tass-c": {"type": "news", "kind": "wire", "title": "Talks planned", "organisation": "TASS", "outlet": "Kommersant",
               "date": "2018-05-01"},
}


@pytest.fixture(scope="module")
def twins() -> csl.Formatter:
    return csl.Formatter([csl.csl_item(k, v) for k, v in {**RECORDS, **TWINS}.items()])


def test_a_label_is_the_styles_citation_without_its_parentheses(twins: csl.Formatter) -> None:
    labels = {style: {k: r.text for k, r in twins.labels(style).items()} for style in csl.STYLES}
    assert labels["chicago-author-date"]["gray"] == "Gray 2020"
    assert labels["chicago-author-date"]["pair"] == "Kireeva and Zakharova 2019"
    assert labels["apa"]["gray"] == "Gray, 2020"
    assert labels["apa"]["pair"] == "Kireeva & Zakharova, 2019"
    assert labels["harvard-cite-them-right"]["pair"] == "Kireeva and Zakharova, 2019"
    assert labels["modern-language-association"]["gray"] == "Gray"
    # A notes-bibliography style: its short note (the form of a second citation), without the full stop.
    assert labels["chicago-notes-bibliography"]["gray"] == (
        "Gray, “Did Kim’s Vladivostok Visit Reshape Russia-North Korea Relations?”")
    # No author, no date: as the style's citation says, nothing invented.
    assert labels["apa"]["supplied"] == "[A title the editors supplied], n.d."
    for style in csl.STYLES:
        if twins.is_note(style):
            continue
        for key in RECORDS:  # the in-text citation itself, less the layout's "(" and ")"
            assert twins.cite(style, twins.item(style, key)).text == f"({labels[style][key]})", (style, key)


def test_the_same_author_and_year_are_told_apart_as_the_style_says(twins: csl.Formatter) -> None:
    ad = {k: r.text for k, r in twins.labels("chicago-author-date").items()}
    # The letters follow the style's bibliography order: within a year, by title ("Summit ends" first).
    assert (ad["tass-b"], ad["tass-a"], ad["tass-c"]) == ("TASS 2019a", "TASS 2019b", "TASS 2018")
    assert ad["gray"] == "Gray 2020"  # not ambiguous: no suffix
    # The entries carry the same letters, so a reader finds the label in the bibliography.
    assert twins.reference("chicago-author-date", "tass-b", whole=True).text.startswith("TASS. 2019a. ")
    assert twins.reference("chicago-author-date", "tass-a", whole=True).text.startswith("TASS. 2019b. ")
    # APA orders them by date, so its letters fall the other way.
    assert twins.reference("apa", "tass-a", whole=True).text.startswith("TASS. (2019a, April 24).")
    assert twins.labels("apa")["tass-b"].text == "TASS, 2019b"
    assert twins.cite("apa", twins.item("apa", "tass-b")).text == "(TASS, 2019b)"
    assert {twins.labels("harvard-cite-them-right")[k].text for k in TWINS} == {"TASS, 2019a", "TASS, 2019b", "TASS, 2018"}
    assert "year-suffix" not in twins.items["tass-a"]  # the data (and the exports) keep none
    # MLA cites by author alone and adds the title when that is ambiguous (its disambiguate="true").
    mla = {k: r.text for k, r in twins.labels("modern-language-association").items()}
    assert mla["tass-a"] == "TASS, “Summit Opens”" and mla["tass-c"] == "TASS, “Talks Planned”"
    assert mla["gray"] == "Gray"
    assert len({ad[k] for k in TWINS}) == len({mla[k] for k in TWINS}) == 3


def test_the_styles_own_date_forms_and_locale() -> None:
    """Each style's access date in its guide's form: Cite Them Right and MLA day-month-year,
    Chicago and APA month-day-year; a style without a default-locale takes the project's language."""
    record = {"type": "analysis", "kind": "press", "title": "A page", "authors": ["Gray, Niall"], "outlet": "The Diplomat",
              "url": "https://example.org/a", "accessed": "2020-05-05"}
    formatter = csl.Formatter([csl.csl_item("page", record)])
    entry = {style: formatter.reference(style, "page", whole=True).text for style in csl.STYLES}
    assert "(Accessed: 5 May 2020)" in entry["harvard-cite-them-right"]
    assert "Accessed 5 May 2020." in entry["modern-language-association"]
    assert "Accessed May 5, 2020." in entry["chicago-author-date"]
    assert "Accessed May 5, 2020." in entry["chicago-notes-bibliography"]
    assert "Retrieved May 5, 2020, from https://example.org/a" in entry["apa"]
    # The project's language, for the styles that set no locale of their own.
    british = csl.Formatter([csl.csl_item("page", record)], language="en_GB")
    assert "Accessed 5 May 2020." in british.reference("chicago-author-date", "page", whole=True).text
    assert "(Accessed: 5 May 2020)" in csl.Formatter([csl.csl_item("page", record)], language="en-US").reference(
        "harvard-cite-them-right", "page", whole=True).text
    assert csl.style_locale("harvard-cite-them-right", language="en") == "en-GB"
    assert csl.style_locale("apa", language="en") == "en-US"
    assert csl.style_locale("apa", language="fr") == "fr-FR"


def test_harvard_names_the_original_date_of_a_reprinted_work(formatter: csl.Formatter) -> None:
    edition = csl.Edition("An Annotated Reader", ("The Editors",), "2026", "The Project", "1", "https://reader.example/")
    reprint = csl.edition_item(formatter.items["gray"], edition, "articles/gray.html", "p4")
    harvard = formatter.entry("harvard-cite-them-right", reprint).text
    assert harvard.startswith("Gray, N. (2026) ‘Did Kim’s Vladivostok Visit")
    assert "in The Editors (ed.) An Annotated Reader." in harvard
    assert "(Originally published in The Diplomat, 2020)" in harvard, harvard
    # An ordinary work has no such note.
    assert "Originally" not in formatter.entry("harvard-cite-them-right", formatter.items["gray"]).text


def test_no_date_no_author_no_title_in_every_style(formatter: csl.Formatter) -> None:
    """Each style's own words for what a record lacks, and never an invented value."""
    no_date = {style: text(formatter, style, "supplied") for style in csl.STYLES}
    assert "(n.d.)" in no_date["apa"] and "n.d." in no_date["chicago-author-date"]
    assert "n.d." in no_date["chicago-notes-bibliography"] and "(no date)" in no_date["harvard-cite-them-right"]
    assert not re.search(r"\d", no_date["modern-language-association"])  # MLA leaves a missing date out
    for style in csl.STYLES:
        assert not re.search(r"\b(19|20)\d\d\b", no_date[style]), (style, no_date[style])
        no_author = text(formatter, style, "no-author")
        assert "Anon" not in no_author and ("Summit" in no_author.split(".")[0] or no_author.startswith("The Paper")), (
            style, no_author)


def _note_labels(tree) -> list[tuple[str, str]]:
    """(record key, shown label) of every {cite} link on a page."""
    return [(link.get("href").rsplit("#src-", 1)[1], " ".join(link.text_content().split()))
            for link in tree.xpath("//a[@href][.//span[contains(@class, 'glossator-cite')]]")
            if "#src-" in link.get("href")]


def test_note_labels_are_the_default_styles_citations_in_html_and_epub(html_build: Path, epub_build: Path) -> None:
    labels = {key: label.text for key, label in csl.Formatter(ITEMS).labels(csl.DEFAULT_STYLE).items()}
    # The style told every record apart (2019a, 2019b; "n.d.-a"): no two share a label.
    assert len(set(labels.values())) == len(labels)
    assert any(re.search(r"\d{4}[a-z]\b", label) for label in labels.values())
    shown = 0
    for article in CORPUS.articles:
        web = _note_labels(_tree(html_build, f"{article.docname}.html"))
        book = _note_labels(lxml.html.parse(str(epub_build / f"{article.docname}.xhtml")).getroot())
        assert web and web == book, article.stem
        for key, label in web:
            assert label == labels[key], (article.stem, key, label)
        shown += len(web)
    # The bibliography entry of a disambiguated label carries the same letter.
    bibliography = _tree(html_build, "bibliography.html")
    twin = next(k for k, label in labels.items() if re.search(r"\d{4}a$", label))
    entry = " ".join(bibliography.xpath(f"//p[@id='src-{twin}']")[0].text_content().split())
    assert re.search(labels[twin].rsplit(" ", 1)[-1], entry), (twin, entry)
    assert shown > 100


@pytest.mark.slow
def test_the_pdf_prints_the_same_note_labels(html_build: Path, pdf_build: Path) -> None:
    labels = {key: label.text for key, label in csl.Formatter(ITEMS).labels(csl.DEFAULT_STYLE).items()}
    cited = {key for article in CORPUS.articles for key, _ in _note_labels(_tree(html_build, f"{article.docname}.html"))}
    pdf = _squash(subprocess.run(["pdftotext", str(pdf_build / "glossator-reader.pdf"), "-"],
                                 capture_output=True, text=True, check=True).stdout)
    suffixed = sorted(k for k in cited if re.search(r"\d{4}[a-z]$", labels[k]))
    assert suffixed  # the notes cite some disambiguated records
    for key in suffixed:
        assert _squash(labels[key]) in pdf, (key, labels[key])
