"""The reader on paper (the PDF) and on an e-reader (the EPUB), read from the built files.

Every test reads what a student gets: the PDF through poppler (pdftotext, pdfinfo, pdffonts)
and the LaTeX log and index that made it, the EPUB as the zip an e-reader opens.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from glossator.checks.fidelity import fold
from glossator.corpus import load_corpus

from .conftest import ROOT, SOURCE_DATE_EPOCH

READER = "glossator-reader"

# -- PDF helpers ------------------------------------------------------------------------------

OVERFULL = re.compile(r"^Overfull \\hbox \((?P<points>[\d.]+)pt too wide\) (?P<where>.*)$", re.M)
# A line may stick out by up to 1 pt: invisible, and what TeX's own \hfuzz tolerates (0.1 pt)
# plus rounding in fonts' side bearings.
OVERFULL_TOLERANCE_PT = 1.0

# A page is *near-empty* when the text inside its text block (the page without its top and
# bottom 56 pt, where the running head and the folio sit) has fewer than this many non-space
# characters: about a line of body text. The title page (page 1) is a page of its own by design.
NEAR_EMPTY_CHARS = 100
HEAD_FOOT_PT = 56


def _pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def _page_size(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M).groups()
    return float(width), float(height)


def _page_text(pdf: Path, number: int) -> str:
    return _pdftotext(pdf, "-f", str(number), "-l", str(number))


def _body_text(pdf: Path, number: int) -> str:
    """The text of page ``number`` inside the text block: no running head, no folio."""
    width, height = _page_size(pdf)
    return _pdftotext(pdf, "-f", str(number), "-l", str(number), "-x", "0", "-y", str(HEAD_FOOT_PT),
                      "-W", str(int(width)), "-H", str(int(height - 2 * HEAD_FOOT_PT)))


def near_empty_pages(pdf: Path) -> list[tuple[int, int]]:
    """(page, characters) of each near-empty page after the title page (NEAR_EMPTY_CHARS)."""
    found = []
    for number in range(2, _pages(pdf) + 1):
        characters = len(re.sub(r"\s", "", _body_text(pdf, number)))
        if characters < NEAR_EMPTY_CHARS:
            found.append((number, characters))
    return found


def overfull_lines(log: Path) -> list[str]:
    """The log's overfull lines wider than the tolerance, as TeX reported them."""
    text = log.read_text(encoding="utf-8", errors="replace")
    return [m.group(0) for m in OVERFULL.finditer(text) if float(m.group("points")) > OVERFULL_TOLERANCE_PT]


def _title(markdown: Path) -> str:
    first = next(line for line in markdown.read_text(encoding="utf-8").splitlines() if line.startswith("# "))
    return first[2:].strip()


WEB_ONLY = [ROOT / "docs" / "performance.md", *sorted((ROOT / "docs" / "contributing").glob("*.md"))]


# -- PDF ---------------------------------------------------------------------------------------

def test_no_line_runs_into_the_margin(pdf_build: Path) -> None:
    """No overfull line over 1 pt in the reader or in a handout (URLs, tables, long words)."""
    logs = sorted(pdf_build.glob("*.log"))
    assert any(log.stem == READER for log in logs) and any(log.stem.startswith("handout-") for log in logs)
    overfull = {log.name: lines for log in logs if (lines := overfull_lines(log))}
    assert not overfull, overfull


def test_every_link_in_the_pdf_has_its_target(pdf_build: Path) -> None:
    """No dangling link: LaTeX finds the anchor of every internal reference (claims, assignments…)."""
    for log in sorted(pdf_build.glob("*.log")):
        text = log.read_text(encoding="utf-8", errors="replace").replace("\n", "")
        undefined = sorted(set(re.findall(r"Hyper reference `([^']*)' on page \d+ *undefined", text)))
        assert undefined == [], (log.name, undefined)
        assert "There were undefined references" not in text, log.name


def test_no_near_empty_pages(pdf_build: Path) -> None:
    pdf = pdf_build / f"{READER}.pdf"
    assert _pages(pdf) > 20
    assert near_empty_pages(pdf) == []
    for handout in pdf_build.glob("handout-*.pdf"):
        assert near_empty_pages(handout) == [], handout.name


def _unmarked(tex: str) -> str:
    return re.sub(r"\\glossatorseed\{([^{}]*)\}", r"\1", tex)


def test_notes_are_numbered_per_article(latex_build: Path) -> None:
    """Each article's notes count from 1 (LaTeX prints the number each note is given)."""
    tex = (latex_build / f"{READER}.tex").read_text(encoding="utf-8")
    corpus = load_corpus(ROOT)
    chapters = re.split(r"\\chapter\{", tex)[1:]
    seen = 0
    for article in corpus.articles:
        title_start = fold(corpus.sources[article.meta["source"]]["title"]).split()[0]
        # The LaTeX build marks each word of an article's own text \glossatorseed{...} (the PDF
        # fidelity check, sphinxext/outputcheck.py): read the title without the marks.
        chapter = next(c for c in chapters if _unmarked(re.sub(r"\\sphinxhyphen\{\}", "-", c[:600])).lstrip("{[}")
                       .startswith(title_start.lstrip("[")))
        numbers = [int(n) for n in re.findall(r"\\begin\{footnote\}\[(\d+)\]", chapter)]
        assert numbers, article.stem
        assert numbers == list(range(1, len(numbers) + 1)), (article.stem, numbers[:5])
        seen += 1
    assert seen == len(corpus.articles) > 0


def test_student_pdf_leaves_out_the_web_only_pages(latex_build: Path, pdf_build: Path) -> None:
    tex = (latex_build / f"{READER}.tex").read_text(encoding="utf-8")
    chapters = re.findall(r"\\chapter\{(.*)\}", tex)
    assert "Glossary" in chapters and "Bibliography" in chapters
    for page in WEB_ONLY:
        assert _title(page) not in chapters, page.name
        assert f"\\label{{\\detokenize{{{page.relative_to(ROOT / 'docs').with_suffix('').as_posix()}::doc}}}}" not in tex
    outline = _pdftotext(pdf_build / f"{READER}.pdf", "-f", "1", "-l", "6")
    assert "Performance" not in outline and "Contributing" not in outline


def test_web_only_pages_stay_on_the_web(html_build: Path) -> None:
    for page in WEB_ONLY:
        assert (html_build / page.relative_to(ROOT / "docs").with_suffix(".html")).exists(), page.name
    sidebar = (html_build / "glossary.html").read_text(encoding="utf-8")
    assert 'href="performance.html"' in sidebar and 'href="contributing/index.html"' in sidebar


def _index_items(ind: Path) -> list[str]:
    """The first-level entries of the index, as printed (hyphen macros folded, case kept)."""
    text = ind.read_text(encoding="utf-8")
    text = re.sub(r"\\sphinxhyphen\s*\{\}", "-", text)
    return re.findall(r"^\s*\\item \\spxentry\{(.*?)\}", text, re.M)


def test_index_has_no_duplicate_entries(pdf_build: Path) -> None:
    items = _index_items(pdf_build / f"{READER}.ind")
    assert len(items) > 50
    repeated = [item for item, count in Counter(items).items() if count > 1]
    assert repeated == []
    # Another name of a glossary entry points to the entry, not to the same page again.
    ind = re.sub(r"\\sphinxhyphen\s*\{\}", "-", (pdf_build / f"{READER}.ind").read_text(encoding="utf-8"))
    alias = next(line for line in ind.splitlines() if "{Choe Ryong Hae}" in line)
    assert "see" in alias and "Choe Ryong-hae" in alias and "hyperpage" not in alias, alias


def test_index_is_set_in_the_body_font(pdf_build: Path) -> None:
    pdf = pdf_build / f"{READER}.pdf"
    last = _pages(pdf)
    first = next(n for n in range(last, 1, -1) if _page_text(pdf, n).lstrip().upper().startswith("INDEX"))
    fonts = subprocess.run(["pdffonts", "-f", str(first), "-l", str(last), str(pdf)],
                           capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:] if line.strip()]
    assert any("NotoSerif-Regular" in name for name in names), names
    # The monospace font is Noto Sans Mono CJK (conf.py), which the PDF names NotoSansCJK…;
    # no index entry is in a CJK script, so any CJK or Mono font here is the typewriter face.
    assert not [name for name in names if "Mono" in name or "CJK" in name], names


def test_contents_heading_and_running_head(pdf_build: Path) -> None:
    pdf = pdf_build / f"{READER}.pdf"
    pages = _pages(pdf)
    contents = next(n for n in range(2, 8) if "About this edition" in _page_text(pdf, n))
    heading = _page_text(pdf, contents).strip().splitlines()[0].strip()
    assert heading.upper() == "CONTENTS", heading
    assert "START HERE" not in fold(_pdftotext(pdf)).upper()
    repeats = [n for n in range(2, pages + 1) if "Release 2026.1" in _page_text(pdf, n)]
    assert repeats == []
    assert "Release 2026.1" in _page_text(pdf, 1)  # the title page keeps the edition


# -- EPUB --------------------------------------------------------------------------------------

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
NS = {"h": XHTML, "epub": OPS, "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
EPUB_TYPE = f"{{{OPS}}}type"


def _epub(epub_build: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(next(epub_build.glob("*.epub")))


def test_epub_notes_are_epub3_footnotes(epub_build: Path) -> None:
    """Every note reference is an EPUB 3 noteref to an <aside epub:type="footnote">, so
    e-readers show the note as a pop-up; the number shows once, without brackets."""
    corpus = load_corpus(ROOT)
    with _epub(epub_build) as epub:
        for article in corpus.articles:
            root = etree.fromstring(epub.read(f"{article.docname}.xhtml"))
            refs = root.findall(".//h:a[@role='doc-noteref']", NS)
            notes = {aside.get("id"): aside for aside in root.iterfind(".//h:aside", NS)
                     if aside.get(EPUB_TYPE) == "footnote"}
            assert len(refs) == len(article.doc.footnotes) > 0, article.stem
            assert len(notes) == len(article.doc.footnotes), article.stem
            for number, ref in enumerate(refs, 1):
                assert ref.get(EPUB_TYPE) == "noteref", etree.tostring(ref)
                assert ref.get("href", "").startswith("#")
                assert ref.get("href")[1:] in notes, ref.get("href")
                assert "".join(ref.itertext()) == str(number), etree.tostring(ref)
                assert "brackets" not in ref.get("class", "").split()  # epub.css would add [ ] again
            assert not root.xpath(".//*[contains(concat(' ', @class, ' '), ' fn-bracket ')]"), article.stem
            for aside in notes.values():
                assert aside.get("role") == "doc-footnote"
                assert "".join(aside.itertext()).strip()
            # Markers and notes are the editors' apparatus, as in the HTML reader.
            apparatus = root.xpath(".//*[contains(concat(' ', @class, ' '), ' glossator-apparatus ')]")
            inside = {id(e) for a in apparatus for e in a.iter()}
            assert all(id(ref) in inside for ref in refs) and all(id(n) in inside for n in notes.values())


def test_epub_metadata_names_editors_publisher_date_language_rights(epub_build: Path) -> None:
    with _epub(epub_build) as epub:
        opf = etree.fromstring(epub.read("content.opf"))
    meta = opf.find("opf:metadata", NS)

    def texts(tag: str) -> list[str]:
        return [(e.text or "").strip() for e in meta.findall(f"dc:{tag}", NS)]

    for tag in ("creator", "contributor", "publisher", "rights", "description", "language", "date", "title"):
        assert texts(tag) and all(t and t != "unknown" for t in texts(tag)), (tag, texts(tag))
    creator = meta.find("dc:creator", NS)
    roles = {m.text for m in meta.findall("opf:meta[@property='role']", NS) if m.get("refines") == f"#{creator.get('id')}"}
    assert roles == {"edt"}, roles  # the editors, in MARC relator terms
    assert "editors" in creator.text
    assert texts("language") == ["en"]
    assert texts("publisher") == ["The Glossator project"]
    expected = datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert texts("date") == [expected]
    assert meta.find("opf:meta[@property='dcterms:modified']", NS).text == expected
    # The articles' authors are named as contributors, each once.
    contributors = texts("contributor")
    assert len(contributors) == len(set(contributors)) >= 3
    assert any("Kireeva" in c for c in contributors), contributors
    rights = texts("rights")[0]
    assert "©" in rights or "Copyright" in rights


def test_epub_leaves_out_the_web_only_pages(epub_build: Path) -> None:
    with _epub(epub_build) as epub:
        names = set(epub.namelist())
        nav = epub.read("nav.xhtml").decode("utf-8")
    assert "glossary.xhtml" in names and "bibliography.xhtml" in names
    for page in WEB_ONLY:
        name = page.relative_to(ROOT / "docs").with_suffix(".xhtml").as_posix()
        assert name not in names, name
        assert name not in nav, name
