"""Citations in the Citation Style Language: every record of ``corpus/sources.yml`` as a CSL-JSON
item, formatted by citeproc-py with the official CSL styles (``styles/``, CC BY-SA 3.0).

One home for citation formatting: the bibliography page, "How to cite", the cite box, the
exports and the PDF/EPUB all take their text from here. Nothing is formatted by hand: the
record becomes CSL data and the style decides. What a record does not know stays out of the
data, so each style says it in its own way ("n.d.", the title first, a supplied title in
brackets), never with an invented value.

citeproc-py (pinned in pyproject.toml) lacks four rules of the CSL 1.0.2 specification that
these styles rely on; :func:`_patch_citeproc` adds them, and :func:`_tidy` applies the
locale's punctuation rules to the output (see each for what and why).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

STYLE_DIR = Path(__file__).parent / "styles"
DEFAULT_STYLE = "chicago-author-date"
STYLES = ("chicago-author-date", "chicago-notes-bibliography", "apa", "modern-language-association",
          "harvard-cite-them-right")

# A record's ``type`` (and, for analysis, its ``kind``) as a CSL item type.
UNFORMATTED = {"archive", "archive_location"}
PERIODICAL_TYPES = {"article-newspaper", "article-magazine", "article-journal", "entry-encyclopedia"}


class StyleError(Exception):
    """A style that is not there or does not parse: the message names the file or the choices."""


@dataclass(frozen=True)
class Rendered:
    """One formatted citation or entry: HTML (``<i>``, ``<b>`` and escaped text) and plain text."""

    html: str
    text: str


@dataclass(frozen=True)
class Edition:
    """This edition, as the work that reprints the articles (for paragraph citations)."""

    title: str
    editors: tuple[str, ...]
    year: str
    publisher: str = ""
    version: str = ""
    base_url: str = ""  # html_baseurl; empty when the site has no public address


# -- records to CSL-JSON -----------------------------------------------------------------------

def _date(value: Any) -> dict | None:
    """{'date-parts': [[2019, 4, 25]]} from '2019-04-25', '2019-04' or '2019'; None if unknown."""
    text = str(value or "").strip()
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        return None
    return {"date-parts": [[int(part) for part in text.split("-")]]}


def _name(author: str) -> dict:
    """'Gray, Niall' -> family and given; a name without a comma is kept whole (literal)."""
    family, comma, given = str(author).partition(",")
    if comma and family.strip() and given.strip():
        return {"family": family.strip(), "given": given.strip()}
    return {"literal": str(author).strip()}


def csl_type(record: Mapping[str, Any]) -> str:
    """The CSL item type of a record: its ``type``, refined by its ``kind`` for analysis."""
    kind = str(record.get("kind") or "")
    match str(record.get("type") or ""):
        case "news":
            return "article-newspaper"
        case "analysis":
            if kind == "institute" and not record.get("volume"):
                return "report"
            return "webpage" if kind == "mirror" else "article-magazine"
        case "official":
            return "report"
        case "reference":
            return "entry-encyclopedia"
        case "dataset":
            return "dataset"
    return "webpage"


def csl_item(key: str, record: Mapping[str, Any]) -> dict:
    """A record as a CSL-JSON item (valid against ``schemas/csl-data.json``)."""
    kind = csl_type(record)
    item: dict[str, Any] = {"id": key, "type": kind}
    title = str(record.get("title") or "").strip()
    if title:
        # A title the editors supplied is a description, which every style puts in brackets.
        item["title"] = f"[{title}]" if record.get("title_supplied") else title
    outlet = str(record.get("outlet") or "").strip()
    organisation = str(record.get("organisation") or "").strip()
    authors = [_name(a) for a in record.get("authors") or [] if str(a).strip()]
    if not authors and organisation and organisation != outlet:
        authors = [{"literal": organisation}]  # the organisation wrote it (a wire agency, a ministry)
    if authors:
        item["author"] = authors
    if outlet:
        if kind in PERIODICAL_TYPES or kind == "webpage":
            item["container-title"] = outlet
        else:
            item["publisher"] = outlet
    if record.get("publisher"):
        item["publisher"] = str(record["publisher"])
    for name in ("volume", "issue"):
        if record.get(name):
            item[name] = str(record[name])
    for name, variable in (("date", "issued"), ("accessed", "accessed")):
        parsed = _date(record.get(name))
        if parsed:
            item[variable] = parsed
    if record.get("url"):
        item["URL"] = str(record["url"])
    via = record.get("via")
    if isinstance(via, Mapping) and via.get("url"):
        # The copy actually read: CSL's archive is "where the item can be found".
        item["archive"] = str(via.get("outlet") or "")
        item["archive_location"] = str(via["url"])  # never URL: that is the original's address
    elif record.get("archive_url"):
        item["archive_location"] = str(record["archive_url"])
    return item


def corpus_items(sources: Mapping[str, Any]) -> list[dict]:
    """Every record of the bibliography as a CSL-JSON item, in the file's order."""
    return [csl_item(str(key), record) for key, record in sources.items() if isinstance(record, Mapping)]


def edition_item(original: Mapping[str, Any], edition: Edition, page: str, anchor: str = "") -> dict:
    """The article as reprinted in this edition: a chapter of the edition, with the original's
    date and publisher as CSL's ``original-*`` variables, so each style uses its own form for a
    republished work (APA "(Original work published …)", Chicago "originally published …")."""
    item: dict[str, Any] = {"id": f"{original['id']}--edition", "type": "chapter"}
    for name in ("author", "title"):
        if name in original:
            item[name] = original[name]
    item["container-title"] = edition.title
    item["editor"] = [{"literal": name} for name in edition.editors]
    if edition.publisher:
        item["publisher"] = edition.publisher
    if edition.year:
        item["issued"] = {"date-parts": [[int(edition.year)]]}
    if "issued" in original:
        item["original-date"] = original["issued"]
    outlet = original.get("container-title") or original.get("publisher")
    if outlet:
        item["original-publisher"] = outlet
    if edition.base_url:
        item["URL"] = edition.base_url.rstrip("/") + "/" + page + (f"#{anchor}" if anchor else "")
    return item


# -- styles ------------------------------------------------------------------------------------

def style_path(name: str, directories: Iterable[Path] = ()) -> Path:
    """The file of a style: the project's own directories first, then the vendored styles."""
    for directory in [*directories, STYLE_DIR]:
        path = Path(directory) / f"{name}.csl"
        if path.is_file():
            return path
    raise StyleError(f"unknown citation style '{name}': the styles available are "
                     f"{', '.join(available_styles(directories))} (files *.csl in "
                     f"{', '.join(str(d) for d in [*directories, STYLE_DIR])})")


def available_styles(directories: Iterable[Path] = ()) -> list[str]:
    names: set[str] = set()
    for directory in [*directories, STYLE_DIR]:
        names.update(path.stem for path in Path(directory).glob("*.csl"))
    return sorted(names)


LOCALES_JSON = "locales.json"  # the CSL locales' table of primary dialects ("en" -> "en-US")


@cache
def _default_locale(path: Path, mtime: float) -> str:
    from lxml import etree

    try:
        root = etree.parse(str(path)).getroot()
    except (etree.XMLSyntaxError, OSError) as error:
        raise StyleError(f"{path}: the CSL style does not parse: {error}") from None
    return str(root.get("default-locale") or "")


def locale_of(language: str | None) -> str:
    """The CSL locale of a project language ('en' -> 'en-US', 'en_GB' -> 'en-GB', 'fr' ->
    'fr-FR'), by the primary dialects of the CSL locales that citeproc-py ships; en-US when
    citeproc-py has no locale for it."""
    import json

    from citeproc.frontend import LOCALES_PATH

    tag = str(language or "").replace("_", "-").strip()
    if tag and (Path(LOCALES_PATH) / f"locales-{tag}.xml").is_file():
        return tag
    dialects = json.loads((Path(LOCALES_PATH) / LOCALES_JSON).read_text(encoding="utf-8"))["primary-dialects"]
    return dialects.get(tag.split("-")[0].lower(), "en-US")


def style_locale(name: str, directories: Iterable[Path] = (), language: str | None = "en") -> str:
    """The locale a style is formatted in: its own ``default-locale`` (CSL 1.0.2: the style's
    locale unless the user chooses one), else the project's language."""
    path = style_path(name, directories).resolve()
    return locale_of(_default_locale(path, path.stat().st_mtime) or language)


@cache
def _load(path: Path, mtime: float, locale: str = "en-US") -> Any:
    _patch_citeproc()
    from citeproc import CitationStylesStyle
    from lxml import etree

    try:
        style = CitationStylesStyle(str(path), locale=locale, validate=False)
    except (etree.XMLSyntaxError, OSError) as error:
        raise StyleError(f"{path}: the CSL style does not parse: {error}") from None
    except Exception as error:  # citeproc-py raises bare errors on elements it cannot model
        raise StyleError(f"{path}: citeproc-py cannot use this CSL style: {type(error).__name__}: {error}") from None
    root = style.root
    if not root.tag.endswith("}style") or root.find("{http://purl.org/net/xbiblio/csl}bibliography") is None:
        raise StyleError(f"{path}: not a CSL style with a bibliography (root <{etree.QName(root).localname}>)")
    return style


def load_style(name: str, directories: Iterable[Path] = (), language: str | None = "en") -> Any:
    path = style_path(name, directories)
    return _load(path.resolve(), path.stat().st_mtime, style_locale(name, directories, language))


def style_title(name: str, directories: Iterable[Path] = ()) -> str:
    """The style's own title, e.g. 'APA Style 7th edition'."""
    info = load_style(name, directories).root.find("{http://purl.org/net/xbiblio/csl}info")
    title = info.find("{http://purl.org/net/xbiblio/csl}title") if info is not None else None
    return " ".join((title.text or name).split()) if title is not None else name


def is_note_style(name: str, directories: Iterable[Path] = ()) -> bool:
    return load_style(name, directories).root.get("class") == "note"


# -- formatting --------------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]+>")
_CLOSE = r"((?:</[a-z]+>)*)"


def _tidy(markup: str) -> str:
    """The locale's punctuation rules that citeproc-py does not apply (CSL 1.0.2, "Punctuation
    in quotes" and the collapsing of adjacent marks): a period or comma after a closing quote
    moves inside it (en-US), and a mark after a question or exclamation mark, or a second
    period, is dropped, so 'Relations?”.' is 'Relations?”'."""
    markup = re.sub("”" + _CLOSE + r"([.,])", r"\2”\1", markup)
    markup = re.sub(r"([?!])" + _CLOSE + r"([”’]?)" + _CLOSE + r"[.,]", r"\1\2\3\4", markup)
    markup = re.sub(r"(?<![.])\." + _CLOSE + r"([”’]?)" + _CLOSE + r"\.(?!\.)", r".\1\2\3", markup)
    return markup


def _rendered(markup: str) -> Rendered:
    markup = _tidy(str(markup).strip())
    return Rendered(markup, " ".join(html.unescape(_TAG.sub("", markup)).split()))


def _for_styles(item: dict) -> dict:
    """The item as the styles get it: without the copy read (archive), which is for the
    exports (the pages say "accessed via …" themselves, and the styles print an archive only for
    archival material), and with a supplied [title] kept as the editors wrote it: CSL rich
    text's ``nocase`` stops a style's title case from changing a description into a title."""
    shown = {k: v for k, v in item.items() if k not in UNFORMATTED}
    title = shown.get("title", "")
    if title.startswith("[") and title.endswith("]"):
        shown["title"] = f'<span class="nocase">{title}</span>'
    return shown


def _suffix(index: int) -> str:
    """The year-suffix of the index-th ambiguous cite: a … z, aa, ab … (CSL 1.0.2)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _ignore(_: Any) -> None:
    return None


class Formatter:
    """The CSL items of a corpus, formatted in each style on demand (cached).

    Each style sees the items as disambiguated for it (:meth:`item`): CSL's disambiguation
    belongs to the citation processor, which citeproc-py 0.11 does not do; :meth:`_disambiguate`
    runs the specification's steps that these styles use, with citeproc-py rendering every
    cite (see there)."""

    def __init__(self, items: Iterable[dict], directories: Iterable[Path] = (), language: str | None = "en") -> None:
        self.items = {item["id"]: _for_styles(item) for item in items}
        self.directories = tuple(Path(d) for d in directories)
        self.language = language
        self._bibliographies: dict[str, dict[str, Rendered]] = {}
        self._styled: dict[str, dict[str, dict]] = {}  # style -> key -> item with its year-suffix
        self._flags: dict[str, frozenset[str]] = {}  # style -> keys whose cites take disambiguate="true"
        self._labels: dict[str, dict[str, Rendered]] = {}

    def style(self, name: str) -> Any:
        return load_style(name, self.directories, self.language)

    def is_note(self, name: str) -> bool:
        return self.style(name).root.get("class") == "note"

    def _engine(self, name: str, items: list[dict], flags: frozenset[str] | None = None) -> Any:
        from citeproc import CitationStylesBibliography, formatter
        from citeproc.source.json import CiteProcJSON

        style = self.style(name)
        # Which cites render their ``disambiguate="true"`` branches (read by the patched cs:if).
        style.root._glossator_disambiguate = self._flags.get(name, frozenset()) if flags is None else flags
        return CitationStylesBibliography(style, CiteProcJSON(items), formatter.html)

    def item(self, name: str, key: str) -> dict:
        """A record's item as the style formats it: with the year-suffix its disambiguation gave."""
        return self._disambiguate(name)[key]

    # -- disambiguation (CSL 1.0.2, "Disambiguation") --------------------------------------

    def _cites(self, name: str, items: list[dict], flags: frozenset[str] | None = None,
               bare: bool = False) -> dict[str, Rendered]:
        """Each item cited alone, in one document: a note style's second (short) citation, an
        in-text style's citation; ``bare`` without the layout's own prefix and suffix."""
        from citeproc import Citation, CitationItem

        engine = self._engine(name, items, flags)
        citations = [Citation([CitationItem(item["id"])]) for item in items]
        for citation in citations:
            engine.register(citation)
        if self.is_note(name):
            # Each item as already cited (and then another work), so that its note is the
            # "subsequent" short form: the cites citeproc-py keeps of the document so far.
            earlier = [CitationItem(item["id"]) for item in items] + [CitationItem("glossator-no-such-work")]
            Citation(earlier)
            engine._cites.extend(earlier)
        layout = engine.style.root.citation.layout
        affixes = {k: layout.attrib.pop(k) for k in ("prefix", "suffix") if bare and k in layout.attrib}
        try:
            return {item["id"]: _rendered(engine.cite(citation, _ignore)) for item, citation in zip(items, citations, strict=True)}
        finally:
            layout.attrib.update(affixes)

    def _disambiguate(self, name: str) -> dict[str, dict]:
        """The items of one style, disambiguated as the style asks, in the specification's
        order: cites that render alike are ambiguous; step 3 renders them with their
        ``disambiguate="true"`` branches (MLA adds the title), keeping that where it tells a
        cite apart; step 4 gives those still alike a year-suffix (2019a, 2019b) when the style
        sets ``disambiguate-add-year-suffix``, in the style's bibliography order. Steps 1 and
        2 (adding names and given names) are not run: no two records here differ only there.
        Every comparison is of citeproc-py's own rendering of the style."""
        if name in self._styled:
            return self._styled[name]
        from collections import defaultdict

        items = dict(self.items)
        self._flags[name] = frozenset()
        shown = self._cites(name, list(items.values()), bare=True)

        def alike(keys: Iterable[str], rendered: Mapping[str, Rendered]) -> list[list[str]]:
            groups: dict[str, list[str]] = defaultdict(list)
            for key in keys:
                groups[rendered[key].text.casefold()].append(key)
            return [group for group in groups.values() if len(group) > 1]

        ambiguous = alike(items, shown)
        citation = self.style(name).root.citation
        if ambiguous and any(e.get("disambiguate") == "true" for e in self.style(name).root.iter()):
            trial = frozenset(key.lower() for group in ambiguous for key in group)
            again = self._cites(name, [items[k] for group in ambiguous for k in group], trial, bare=True)
            told = {key for group in ambiguous for key in group
                    if sum(again[k].text.casefold() == again[key].text.casefold() for k in group) == 1}
            self._flags[name] = frozenset(key.lower() for key in told)
            shown |= {key: again[key] for key in told}
            ambiguous = [left for group in ambiguous for left in alike([k for k in group if k not in told], again)]
        if ambiguous and citation.get("disambiguate-add-year-suffix") == "true":
            for group in ambiguous:
                for index, key in enumerate(self._bibliography_order(name, [items[k] for k in group])):
                    items[key] = {**items[key], "year-suffix": _suffix(index)}
            shown |= self._cites(name, [items[k] for group in ambiguous for k in group], bare=True)
        self._styled[name] = items
        self._labels[name] = shown
        return items

    def _bibliography_order(self, name: str, items: list[dict]) -> list[str]:
        """The keys of some items in the order of the style's bibliography (its cs:sort)."""
        from citeproc import Citation, CitationItem

        engine = self._engine(name, items)
        by_lower = {item["id"].lower(): item["id"] for item in items}
        for item in items:
            engine.register(Citation([CitationItem(item["id"])]))
        engine.sort()
        return [by_lower[key] for key in engine.keys]

    def labels(self, name: str) -> dict[str, Rendered]:
        """Each record's label for a link to the bibliography: the style's own citation of it,
        without the layout's enclosing affixes ("Gray 2020" for "(Gray 2020)"; a note style's
        short note without its full stop), disambiguated as the style says."""
        self._disambiguate(name)
        return self._labels[name]

    def date(self, name: str, value: Any) -> str:
        """A date ('2020-05-05') as the style's locale writes one in running text ("May 5,
        2020" in en-US, "5 May 2020" in en-GB): for what a page adds to an entry ("Accessed via
        …"), which the style itself has no variable for. Empty when the date is not one."""
        parsed = _date(value)
        if parsed is None:
            return ""
        locale = style_locale(name, self.directories, self.language)
        return _date_style(locale).render(parsed)

    # -- entries and citations -------------------------------------------------------------

    def bibliography(self, name: str) -> dict[str, Rendered]:
        """Every entry in the style, keyed by record, in the style's own order (its cs:sort:
        author, then date, in the author-date styles), with the year-suffixes of its
        disambiguation (2019a, 2019b)."""
        if name not in self._bibliographies:
            from citeproc import Citation, CitationItem

            items = list(self._disambiguate(name).values())
            engine = self._engine(name, items)
            by_lower = {key.lower(): key for key in self.items}
            for item in items:
                engine.register(Citation([CitationItem(item["id"])]))
            engine.sort()  # a student looks an entry up by its author, where the style puts it
            rendered = {}
            for item in engine.items:  # one at a time, to know which is which
                entry = engine.style.render_bibliography([item])
                rendered[by_lower[item.key]] = _rendered(entry[0] if entry else "")
            self._bibliographies[name] = rendered
        return self._bibliographies[name]

    def reference(self, name: str, key: str, whole: bool = False) -> Rendered:
        """One record's entry: from the style's whole bibliography when it has been made (or
        ``whole``), so it agrees with the bibliography page, else formatted alone (a style's
        whole bibliography takes seconds)."""
        if whole or name in self._bibliographies:
            return self.bibliography(name)[key]
        return self.entry(name, self.item(name, key))

    def entry(self, name: str, item: dict) -> Rendered:
        """The bibliography entry of one item (a record's as :meth:`item` gives it, or an
        edition item)."""
        from citeproc import Citation, CitationItem

        engine = self._engine(name, [item])
        engine.register(Citation([CitationItem(item["id"])]))
        entries = engine.bibliography()  # none where a style lists such works in notes only
        return _rendered(entries[0] if entries else "")

    def cite(self, name: str, item: dict, locator: str | None = None, label: str = "paragraph") -> Rendered:
        """A first citation of one item: the in-text citation, or the full note of a note style."""
        from citeproc import Citation, CitationItem
        from citeproc.source import Locator

        engine = self._engine(name, [item])
        cited = CitationItem(item["id"], locator=Locator(label, locator)) if locator else CitationItem(item["id"])
        citation = Citation([cited])
        engine.register(citation)
        return _rendered(engine.cite(citation, _ignore))


class _DateStyle:
    """A CSL style that prints one date in a locale's ``text`` form, through citeproc-py."""

    TEMPLATE = ('<?xml version="1.0" encoding="utf-8"?>'
                '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" default-locale="{locale}">'
                '<info><title>A date</title><id>glossator-date</id><updated>2026-01-01T00:00:00+00:00</updated></info>'
                '<citation><layout><date variable="accessed" form="text"/></layout></citation>'
                '<bibliography><layout><date variable="accessed" form="text"/></layout></bibliography></style>')

    def __init__(self, locale: str) -> None:
        import io

        _patch_citeproc()
        from citeproc import CitationStylesStyle

        self.style = CitationStylesStyle(io.BytesIO(self.TEMPLATE.format(locale=locale).encode()), locale=locale,
                                         validate=False)

    def render(self, parsed: dict) -> str:
        from citeproc import CitationStylesBibliography, formatter
        from citeproc.source.json import CiteProcJSON

        engine = CitationStylesBibliography(self.style, CiteProcJSON([{"id": "d", "type": "webpage", "accessed": parsed}]),
                                            formatter.plain)
        from citeproc import Citation, CitationItem

        engine.register(Citation([CitationItem("d")]))
        return str(engine.bibliography()[0]).strip()


@cache
def _date_style(locale: str) -> _DateStyle:
    return _DateStyle(locale)


@dataclass
class StyleSet:
    """The styles a build offers, the default first, with their titles."""

    names: list[str]
    default: str
    directories: tuple[Path, ...] = field(default=())

    @classmethod
    def from_config(cls, default: str, names: Iterable[str], directories: Iterable[Path] = (),
                    language: str | None = "en") -> StyleSet:
        dirs = tuple(Path(d) for d in directories)
        chosen = list(dict.fromkeys([default, *names]))
        for name in chosen:
            load_style(name, dirs, language)  # raises StyleError naming the file or the choices
        return cls(chosen, default, dirs)

    def title(self, name: str) -> str:
        return style_title(name, self.directories)

    def is_note(self, name: str) -> bool:
        return is_note_style(name, self.directories)


# -- citeproc-py's gaps ------------------------------------------------------------------------

_PATCHED = False


_QUOTES = "\"'“”‘’«»„‚"


def _sort_text(key: str) -> str:
    """A rendered sort key as the text a reader sorts by: no markup, entities read, no
    quotation marks (a style's ``quotes="true"`` is formatting, like italics), and from its
    first letter or digit on (a supplied "[title]" or "(LEAD) …" files under its first word)."""
    text = html.unescape(re.sub(r"<[^>]*>", "", key))
    return re.sub(r"^[\W_]+", "", text.translate({ord(q): None for q in _QUOTES})).strip()


def _patch_citeproc() -> None:
    """Four rules of CSL 1.0.1/1.0.2 that citeproc-py 0.11 lacks, which the official styles use:

    - ``initialize="false"`` on ``cs:name``: the Chicago and MLA styles set ``initialize-with``
      for the whole style and turn it off for bibliography names, so without it "Gray, Niall"
      became "Gray, N.";
    - a ``cs:label`` for a variable the item lacks renders nothing (citeproc-py printed the
      term, so Chicago entries ended "… Edition.");
    - the variables a ``cs:substitute`` macro rendered are suppressed in the rest of the entry
      (APA gave "Title. (2019). Title." for a work without an author);
    - ``disambiguate="true"`` is true only for a cite being disambiguated (:meth:`Formatter._disambiguate`);
    - a macro's sort key is its text, not its formatted output: citeproc-py sorted by the HTML,
      so every work whose author is substituted by an italic title ("<i>Yonhap …</i>") came
      before "ABC News", and a quoted title after "Z".
    """
    global _PATCHED
    if _PATCHED:
        return
    from citeproc import model
    from citeproc.source import VariableError

    name_option = model.Name.get_option

    def get_option(self, name, context=None, sort_options=None):
        if name == "initialize-with" and self.get("initialize", "true").lower() == "false":
            return None
        return name_option(self, name, context, sort_options)

    model.Name.get_option = get_option

    label_process = model.Label.process

    def label(self, item, variable=None, plural=None, context=None, **kwargs):
        name = variable or self.get("variable")
        if name == "locator":
            if not item.has_locator:
                return None
        elif name and plural is None:
            try:
                if not item.reference[name.replace("-", "_")]:
                    return None
            except VariableError:
                return None
        return label_process(self, item, variable, plural, context, **kwargs)

    model.Label.process = label

    def variables(element, seen):
        """(tag, variable) of every element a substitute renders, through its macros."""
        for one in element.iter():
            if not isinstance(one.tag, str):
                continue
            for name in (one.get("variable") or "").split():
                yield one.tag, name
            macro = one.get("macro")
            if macro and macro not in seen and one.tag.endswith("}text"):
                seen.add(macro)
                yield from variables(one.get_macro(macro), seen)

    substitute_render = model.Substitute.render

    def substitute(self, item, context=None, **kwargs):
        self._glossator_item = item
        return substitute_render(self, item, context=context, **kwargs)

    def repress(self, child, context):
        # Only the variables the substitute printed: a macro names many (one per item type).
        layout = context.get_layout()
        item = getattr(self, "_glossator_item", None)
        for tag, name in variables(child, set()):
            try:
                value = str(item.reference[name.replace("-", "_")]) if item is not None else ""
            except VariableError:
                continue
            shown = child.render(item, context=context) if item is not None else ""
            if value and shown and value.casefold()[:20] in str(shown).casefold():
                layout.repressed.setdefault(tag, []).append(name)

    model.Substitute.render = substitute
    model.Substitute.add_to_repressed_list = repress

    if_render = model.If.render
    tests = ("type", "variable", "is-numeric", "is-uncertain-date", "locator", "position")

    def condition(self, item, context=None, delimiter="", **kwargs):
        # ``disambiguate="true"`` holds only for a cite being disambiguated (the keys
        # Formatter._disambiguate sets on the style), never in the bibliography; citeproc-py
        # took it as always true, so MLA added the title to every in-text citation.
        if self.get("disambiguate") == "true" and not any(t in self.attrib for t in tests):
            where = context if context is not None else self
            flagged = (getattr(self.get_root(), "_glossator_disambiguate", frozenset())
                       and item.key in self.get_root()._glossator_disambiguate
                       and not where.xpath_search("./ancestor::*[self::cs:bibliography]"))
            if bool(flagged) == (self.get("match") == "none"):
                raise model.ConditionFailed
            return self.render_children(item, context=context, delimiter=delimiter, **kwargs)
        return if_render(self, item, context=context, delimiter=delimiter, **kwargs)

    model.If.render = condition

    # Speed, not behaviour: citeproc-py finds a macro by an XPath search of the whole style
    # each time it meets one, and asks each macro again whether it calls a variable; both are
    # properties of the style, so they are looked up once (a third of the time otherwise).
    macros: dict[tuple[int, str], Any] = {}
    calls: dict[tuple[int, str], bool] = {}
    keep: list[Any] = []  # the roots, so that their ids stay theirs

    def get_macro(self, name):
        root = self.get_root()
        found = macros.get((id(root), name))
        if found is None:
            found = root.xpath_search(f"cs:macro[@name='{name}'][1]")[0]
            macros[(id(root), name)] = found
            keep.append(root)
        return found

    model.CitationStylesElement.get_macro = get_macro
    text_calls = model.Text.calls_variable

    def calls_variable(self):
        if "variable" in self.attrib or "macro" not in self.attrib:
            return text_calls(self)
        key = (id(self.get_root()), self.get("macro"))
        if key not in calls:
            calls[key] = text_calls(self)
        return calls[key]

    model.Text.calls_variable = calls_variable

    # A citation's cs:sort computes every sort key of its cites, even of one cite alone, which
    # is most of the time of formatting a citation (a citation of one cite is already sorted).
    sort = model.Sort.sort

    def sort_cites(self, items, context):
        return list(items) if len(items) < 2 else sort(self, items, context)

    model.Sort.sort = sort_cites

    key_sort_keys = model.Key.sort_keys

    def plain_sort_keys(self, items, context):
        # An empty key sorts last (CSL 1.0.2, "Sorting"), where citeproc-py put it first.
        # A substituted title comes back as a list of its pieces: its text is their text.
        return [(_sort_text("".join(map(str, key)) if isinstance(key, list) else key) or None)
                if isinstance(key, (str, list)) else key
                for key in key_sort_keys(self, items, context)]

    model.Key.sort_keys = plain_sort_keys

    # A cite's reference is looked up through its citation's bibliography at every variable
    # test; it never changes once the citation is registered, so it is looked up once.
    from citeproc import source

    def reference(self):
        found = self.__dict__.get("_glossator_reference")
        if found is None:
            found = self.__dict__["_glossator_reference"] = self.citation.bibliography.source[self.key]
        return found

    source.CitationItem.reference = property(reference)
    _PATCHED = True
