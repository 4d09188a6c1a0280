"""CIT2xx: citations resolve, records are complete, and every note is sourced."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date

from ..corpus import Corpus
from ..diagnostics import Diagnostic, rule
from ..schema import VIA_FIELDS, note_body, valid_date
from .common import roles, split_url
from .teaching import teaching_citations

ARCHIVE_HOSTS = ("web.archive.org", "archive.org", "archive.today", "archive.ph", "archive.is",
                 "archive.li", "perma.cc", "webcitation.org", "ghostarchive.org")
# A quotation of six words or more, in curly or straight double quotes.
QUOTATION = re.compile(r"“([^”]+)”|\"([^\"]+)\"")


def _glossary_citations(corpus: Corpus) -> Iterator[tuple[str, int, str]]:
    path = corpus.rel(corpus.glossary_path)
    for _key, entry in corpus.glossary.items():
        if isinstance(entry, dict) and isinstance(entry.get("sources"), list):
            sources = entry["sources"]
            for index, source in enumerate(sources):
                line = sources.line_of(index) if hasattr(sources, "line_of") else entry.line
                yield path, line, str(source)


def cited_keys(corpus: Corpus) -> set[str]:
    keys = {loc.ref.target for loc in roles(corpus, "cite")}
    keys |= {key for _, _, key in _glossary_citations(corpus)}
    keys |= {key for _, _, key in teaching_citations(corpus)}
    keys |= {str(a.meta.get("source")) for a in corpus.articles if a.meta.get("source")}
    return keys


@rule("CIT201", "a citation key is not in the bibliography")
def check_cite_keys(corpus: Corpus) -> Iterator[Diagnostic]:
    """``{cite}`` keys, and the ``sources`` of glossary entries, timeline events and claims, name
    records of ``corpus/sources.yml``.

    Bad:  {cite}`gray-2020`
    Good: {cite}`gray-2020-diplomat`
    """
    from difflib import get_close_matches

    if not corpus.loaded(corpus.sources_path):
        return
    known = [str(k) for k in corpus.sources]

    def hint(key: str) -> str:
        close = get_close_matches(key, known, n=1)
        return f"; did you mean '{close[0]}'?" if close else "; add a record to corpus/sources.yml"

    for loc in roles(corpus, "cite"):
        if loc.ref.target not in corpus.sources:
            yield Diagnostic(loc.article.rel, loc.ref.line, loc.ref.col, "CIT201",
                             f"citation key '{loc.ref.target}' is not in corpus/sources.yml{hint(loc.ref.target)}")
    for path, line, key in [*_glossary_citations(corpus), *teaching_citations(corpus)]:
        if key not in corpus.sources:
            yield Diagnostic(path, line, 1, "CIT201", f"source '{key}' is not in corpus/sources.yml{hint(key)}")


@rule("CIT202", "a bibliography record is never cited")
def check_uncited(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every record is cited somewhere: by a note, a glossary entry, or as an article's source.

    Bad:  a record nobody cites
    Good: remove it, or cite it where it supports a statement
    """
    used = cited_keys(corpus)
    path = corpus.rel(corpus.sources_path)
    for key in corpus.sources:
        if str(key) not in used:
            yield Diagnostic(path, corpus.sources.line_of(key), 1, "CIT202", f"record '{key}' is never cited")


@rule("CIT203", "a bibliography record lacks a required field")
def check_required_fields(corpus: Corpus) -> Iterator[Diagnostic]:
    """Records have type, title, author or organisation, outlet and date; a URL (or a reason in
    ``unverified`` why none was found) and, with a URL, the date it was accessed. Reference
    works may be undated; other records without a date say why in ``unverified``.

    Bad:  a record with a title and a URL only
    Good: type, title, authors, outlet, date, url, accessed
    """
    path = corpus.rel(corpus.sources_path)
    for key, record in corpus.sources.items():
        if not isinstance(record, dict):
            continue
        line = corpus.sources.line_of(key)
        missing = [f for f in ("type", "title", "outlet") if not record.get(f)]
        # A reference work may be undated; any other record says in 'unverified' why it is.
        if not record.get("date") and record.get("type") != "reference" and not record.get("unverified"):
            missing.append("date (or 'unverified' saying why it is unknown)")
        if not record.get("authors") and not record.get("organisation"):
            missing.append("authors or organisation")
        if not record.get("url") and not record.get("unverified"):
            missing.append("url (or 'unverified' saying why there is none)")
        if record.get("url") and not record.get("accessed"):
            missing.append("accessed")
        if missing:
            yield Diagnostic(path, line, 1, "CIT203", f"record '{key}' lacks {', '.join(missing)}")
        if record.get("type") and record.get("type") not in corpus.vocabulary.source_types:
            yield Diagnostic(path, record.line_of("type"), 1, "CIT203",
                             f"record '{key}': type must be one of {', '.join(corpus.vocabulary.source_types)}")


@rule("CIT204", "a record's date is malformed or in the future")
def check_dates(corpus: Corpus) -> Iterator[Diagnostic]:
    """Dates are YYYY, YYYY-MM or YYYY-MM-DD, real, and not after today.

    Bad:  date: "25 April 2019"
    Good: date: "2019-04-25"
    """
    path = corpus.rel(corpus.sources_path)
    today = date.today().isoformat()
    for key, record in corpus.sources.items():
        if not isinstance(record, dict):
            continue
        for name in ("date", "accessed"):
            value = record.get(name)
            if value is None:
                continue
            text = str(value)
            if not valid_date(text):
                yield Diagnostic(path, record.line_of(name), 1, "CIT204",
                                 f"record '{key}': {name} '{text}' is not YYYY, YYYY-MM or YYYY-MM-DD")
            elif text > today:
                yield Diagnostic(path, record.line_of(name), 1, "CIT204", f"record '{key}': {name} {text} is in the future")


def same_page(url: str) -> str:
    """A URL reduced to what names the page: no scheme, ``www.``/``m.`` prefix, trailing slash
    or ``index.html`` (``http://www.x.org/a/`` and ``https://x.org/a`` are one page). A fragment
    is kept: it can name a part of a page that is a work of its own."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    host = parts.netloc.lower().rstrip(".")
    for prefix in ("www.", "m.", "mobile."):
        host = host.removeprefix(prefix)
    path = parts.path.removesuffix("index.html").rstrip("/")
    return host + path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def _parts_of_one_page(a: str, b: str) -> bool:
    """Two addresses of different fragments of one page (two posts of a live page, say): works
    of their own even when they share a title, an outlet and a date."""
    page_a, _, frag_a = same_page(a).partition("#")
    page_b, _, frag_b = same_page(b).partition("#")
    return page_a == page_b and frag_a != frag_b


@rule("CIT205", "two records are one work entered twice")
def check_duplicate_urls(corpus: Corpus) -> Iterator[Diagnostic]:
    """One work, one record: two records with the same page address (scheme, ``www.``, a
    trailing slash aside), or two with addresses and the same title, outlet and date (unless
    they are different fragments of one page), are one work entered twice.

    Bad:  kremlin-2019a and kremlin-2019b with one URL
    Good: one record, cited from both places
    """
    by_url: dict[str, str] = {}
    by_work: dict[tuple[str, str, str], tuple[str, str]] = {}
    path = corpus.rel(corpus.sources_path)
    for key, record in corpus.sources.items():
        if not isinstance(record, dict):
            continue
        if isinstance(record.get("url"), str):
            page = same_page(record["url"])
            if page in by_url:
                yield Diagnostic(path, record.line_of("url"), 1, "CIT205",
                                 f"record '{key}' has the URL of '{by_url[page]}'")
                continue
            by_url[page] = str(key)
        # Records without an address are left to the reviewer: nothing tells two apart but their words.
        if record.get("url") and record.get("title") and record.get("date") and not record.get("title_supplied"):
            work = (" ".join(str(record["title"]).lower().split()), str(record.get("outlet", "")).lower(),
                    str(record["date"]))
            url = str(record.get("url") or "")
            if work in by_work and not _parts_of_one_page(url, by_work[work][1]):
                yield Diagnostic(path, record.line_of("title"), 1, "CIT205",
                                 f"record '{key}' has the title, outlet and date of '{by_work[work][0]}': one work, "
                                 "one record (merge them and update the keys that cite the one removed)")
            else:
                by_work.setdefault(work, (str(key), url))


@rule("CIT206", "a footnote reference has no definition")
def check_undefined_notes(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every ``[^label]`` in the text has a ``[^label]:`` definition.

    Bad:  ``…words.[^treaty]`` with no ``[^treaty]:``
    Good: ``[^treaty]: The treaty was signed …``
    """
    for article in corpus.articles:
        defined = {note.label for note in article.doc.footnotes}
        for block in article.doc.blocks:
            for ref in block.refs:
                if ref.kind == "footnote" and ref.name not in defined:
                    yield Diagnostic(article.rel, ref.line, ref.col, "CIT206", f"footnote [^{ref.name}] is not defined")


def _referenced(article) -> Counter:
    refs = [ref.name for block in article.doc.blocks for ref in block.refs if ref.kind == "footnote"]
    refs += [ref.name for note in article.doc.footnotes for ref in note.refs if ref.kind == "footnote"]
    return Counter(refs)


@rule("CIT207", "a footnote is defined but never referenced")
def check_unreferenced_notes(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every note definition is referenced from the text.

    Bad:  ``[^orphan]: …`` with no ``[^orphan]`` in the text
    Good: the reference placed after the words the note explains
    """
    for article in corpus.articles:
        used = _referenced(article)
        for note in article.doc.footnotes:
            if not used[note.label]:
                yield Diagnostic(article.rel, note.line, 1, "CIT207", f"note [^{note.label}] is never referenced")


@rule("CIT208", "a footnote is defined twice")
def check_duplicate_notes(corpus: Corpus) -> Iterator[Diagnostic]:
    """Each note label has exactly one definition.

    Bad:  two ``[^treaty]:`` definitions
    Good: ``[^treaty-2000]:`` and ``[^declaration-2001]:``
    """
    for article in corpus.articles:
        seen: dict[str, int] = {}
        for note in article.doc.footnotes:
            if note.label in seen:
                yield Diagnostic(article.rel, note.line, 1, "CIT208",
                                 f"note [^{note.label}] is already defined on line {seen[note.label]}")
            else:
                seen[note.label] = note.line


def _cited(note) -> list[str]:
    return [ref.target for ref in note.refs if ref.kind == "role" and ref.name == "cite"]


@rule("CIT209", "a note cites no source")
def check_note_sourced(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every editorial note cites at least one record with ``{cite}``, except a ***Sic.*** note,
    which cites only a source that bears on its point (a citation that supports nothing is
    worse than none).

    Bad:  [^treaty]: The treaty was signed in 2000.
    Good: [^treaty]: The treaty was signed in 2000 ({cite}`kremlin-2000-treaty`).
    """
    for article in corpus.articles:
        for note in article.doc.footnotes:
            if corpus.vocabulary.note_kind(note.raw).sourcing != "optional" and not _cited(note):
                yield Diagnostic(article.rel, note.line, 1, "CIT209", f"note [^{note.label}] cites no source")


@rule("CIT210", "a quotation in a note is not attributed")
def check_quotations(corpus: Corpus) -> Iterator[Diagnostic]:
    """A quotation of six words or more in a note is followed, in the note, by ``{cite}``
    naming where it comes from (a citation before the quotation does not attribute it).

    Bad:  {cite}`tass-2019` reports the summit. Putin said “there are no secrets in this regard”.
    Good: Putin said “there are no secrets in this regard” ({cite}`tass-2019`).
    """
    for article in corpus.articles:
        for note in article.doc.footnotes:
            for match in QUOTATION.finditer(note.raw):
                quoted = match.group(1) or match.group(2) or ""
                if len(quoted.split()) >= 6 and "{cite}" not in note.raw[match.end():]:
                    line = note.line + note.raw[: match.start()].count("\n")
                    yield Diagnostic(article.rel, line, 1, "CIT210",
                                     f"quotation “{' '.join(quoted.split()[:6])}…” is not followed by a {{cite}}")


@rule("CIT211", "an archive URL is not from an archive service")
def check_archive_urls(corpus: Corpus) -> Iterator[Diagnostic]:
    """``archive_url`` points at a web archive (Wayback Machine, archive.today, Perma.cc …).

    Bad:  archive_url: https://thediplomat.com/2020/04/...
    Good: archive_url: https://web.archive.org/web/2020.../https://thediplomat.com/...
    """
    path = corpus.rel(corpus.sources_path)
    for key, record in corpus.sources.items():
        if isinstance(record, dict) and isinstance(record.get("archive_url"), str):
            host = split_url(corpus, record["archive_url"]).netloc.lower().rstrip(".")
            if not host.endswith(ARCHIVE_HOSTS):
                yield Diagnostic(path, record.line_of("archive_url"), 1, "CIT211",
                                 f"record '{key}': archive_url host '{host}' is not a web archive")


@rule("CIT212", "a record's kind is missing or not in the list")
def check_record_kind(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every record says what kind of publisher its work comes from: ``kind`` is one of the
    vocabulary's source kinds (by default primary, wire, press, institute, reference, mirror;
    ``source_kinds`` in ``corpus/glossator.yml`` adds others). A record whose
    original was not found, only a repost or mirror, is ``mirror``.

    Bad:  kind: newspaper
    Good: kind: press
    """
    path = corpus.rel(corpus.sources_path)
    for key, record in corpus.sources.items():
        if not isinstance(record, dict):
            continue
        kind = record.get("kind")
        if kind is None:
            yield Diagnostic(path, corpus.sources.line_of(key), 1, "CIT212",
                             f"record '{key}' lacks 'kind' (one of {', '.join(corpus.vocabulary.source_kinds)})")
        elif str(kind) not in corpus.vocabulary.source_kinds:
            yield Diagnostic(path, record.line_of("kind"), 1, "CIT212",
                             f"record '{key}': kind '{kind}' is not one of {', '.join(corpus.vocabulary.source_kinds)}")


@rule("CIT213", "a record's via is incomplete or repeats its URL")
def check_via(corpus: Corpus) -> Iterator[Diagnostic]:
    """``via`` is the copy actually read, when it is not the original at ``url``: a mapping with
    its ``url``, its ``outlet`` and the date it was ``accessed``. A ``via`` at the record's own
    URL says nothing, and a mirror (``kind: mirror``) is itself the copy read.

    Bad:  via: https://www.yahoo.com/news/...
    Good: via: {url: "https://www.yahoo.com/news/...", outlet: Yahoo News, accessed: "2026-11-23"}
    """
    path = corpus.rel(corpus.sources_path)
    for key, record in corpus.sources.items():
        if not isinstance(record, dict) or "via" not in record:
            continue
        via, line = record["via"], record.line_of("via")
        if not isinstance(via, dict):  # YML603 reports a via that is not a mapping
            continue
        missing = [name for name, spec in VIA_FIELDS.items() if spec.required and not via.get(name)]
        if missing:
            yield Diagnostic(path, line, 1, "CIT213", f"record '{key}': via lacks {', '.join(missing)}")
        if isinstance(via.get("url"), str) and str(record.get("url", "")).rstrip("/") == via["url"].rstrip("/"):
            yield Diagnostic(path, via.line_of("url"), 1, "CIT213",
                             f"record '{key}': via repeats the record's url; drop it, or give the original's url")
        if record.get("kind") == "mirror":
            yield Diagnostic(path, line, 1, "CIT213",
                             f"record '{key}' is a mirror and has a via: a traced record names the original's "
                             "kind and url, and keeps the mirror as via")


# Text a title field must never hold: what an editor writes when the title was not seen.
PLACEHOLDER_TITLE = re.compile(r"not shown|not seen|not found|no title|untitled|placeholder|\bTODO\b|\bTBD\b",
                               re.IGNORECASE)


@rule("CIT214", "a title is placeholder text or an unmarked supplied title")
def check_titles(corpus: Corpus) -> Iterator[Diagnostic]:
    """A title is the one published. Where it was not seen, the editors describe the work and
    mark the title as theirs with ``title_supplied: true`` (the reader shows it in [brackets]);
    the title is never placeholder text, and brackets are never typed into it.

    Bad:  title: "[title not shown in search result]"
    Good: title: "Putin on North Korean workers in Russia", title_supplied: true
    """
    path = corpus.rel(corpus.sources_path)
    for key, record in corpus.sources.items():
        if not isinstance(record, dict) or not isinstance(record.get("title"), str):
            continue
        title, line = record["title"].strip(), record.line_of("title")
        if PLACEHOLDER_TITLE.search(title):
            yield Diagnostic(path, line, 1, "CIT214",
                             f"record '{key}': title '{title}' is placeholder text; give the published title, or "
                             "describe the work and set title_supplied: true")
        elif title.startswith("[") and title.endswith("]"):
            yield Diagnostic(path, line, 1, "CIT214",
                             f"record '{key}': a supplied title is marked with title_supplied: true, not typed in brackets")


# Quoted words in a note: 'single', ‘curly single’, “curly double” or "straight double".
QUOTED = re.compile(r"(?<![\w’])'([^']+?)'(?![\w])|‘([^’]+)’|“([^”]+)”|\"([^\"]+)\"")


READING = re.compile(r"\b[Rr]ead\b")


def _noted_blocks(article) -> dict[str, list[str]]:
    """For each note label, the plain text of the blocks (or notes) that reference it."""
    texts: dict[str, list[str]] = {}
    for block in article.doc.blocks:
        for ref in block.refs:
            if ref.kind == "footnote":
                texts.setdefault(ref.name, []).append(block.text)
    return texts


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


@rule("CIT215", "a [sic] note does not quote the words it marks, or gives no reading")
def check_sic_notes(corpus: Corpus) -> Iterator[Diagnostic]:
    """A ***Sic.*** note quotes, in quotation marks, words of the passage it is attached to, and
    gives the reading with *Read* (``Read 'North Korean'.``). A [sic] is for an error the text
    really contains: the quotation proves it is there.

    Bad:  [^sic-koran]: ***Sic.*** A typing error.
    Good: [^sic-koran]: ***Sic.*** 'North Koran'. Read 'North Korean'.
    """
    for article in corpus.articles:
        passages = _noted_blocks(article)
        for note in article.doc.footnotes:
            if corpus.vocabulary.note_kind(note.raw).slug != "sic":
                continue
            body = note_body(note.raw)
            reading = READING.search(body)
            # The words as written come before the reading; a quoted reading proves nothing.
            written = body[: reading.start()] if reading else body
            quoted = [next(g for g in m.groups() if g) for m in QUOTED.finditer(written)]
            texts = [_fold(t) for t in passages.get(note.label, [])]
            if not any(_fold(q) in t for q in quoted for t in texts):
                yield Diagnostic(article.rel, note.line, 1, "CIT215",
                                 f"[sic] note [^{note.label}] does not quote, before its reading, words of the "
                                 "passage it marks")
            if reading is None:
                yield Diagnostic(article.rel, note.line, 1, "CIT215",
                                 f"[sic] note [^{note.label}] gives no reading ('Read …')")


@rule("CIT216", "a correction or disagreement rests on no source of record")
def check_sources_of_record(corpus: Corpus) -> Iterator[Diagnostic]:
    """A **Correction.** or **Disagreement.** cites at least one source of record: a primary
    document or official record, a wire or newspaper report, a research institute's work
    (any ``kind`` but ``reference`` and ``mirror``). It never rests on Wikipedia or a repost alone.

    Bad:  **Correction.** … ({cite}`wikipedia-summit`)
    Good: **Correction.** … ({cite}`tass-2023-vostochny`; {cite}`wikipedia-summit`)
    """
    for article in corpus.articles:
        for note in article.doc.footnotes:
            if corpus.vocabulary.note_kind(note.raw).sourcing != "record":
                continue
            keys = _cited(note)
            records = [corpus.sources.get(k) for k in keys]
            kinds = [corpus.vocabulary.source_kinds.get(str(r.get("kind"))) for r in records if isinstance(r, dict)]
            if keys and not any(k is not None and k.of_record for k in kinds):
                yield Diagnostic(article.rel, note.line, 1, "CIT216",
                                 f"note [^{note.label}] rests on {', '.join(keys)} only: cite a source of record "
                                 "(a primary document, a wire or newspaper report, an institute), not only a "
                                 "reference work or a mirror")


@rule("CIT217", "a note's label and its lead-in name different kinds")
def check_note_label_kind(corpus: Corpus) -> Iterator[Diagnostic]:
    """A note's kind is written twice, in its label's prefix and in the words it begins with;
    the two agree (the sourcing rules go by the lead-in).

    Bad:  [^corr-venue]: The summit was held at Vostochny.
    Good: [^corr-venue]: **Correction.** The summit was held at Vostochny.
    """
    for article in corpus.articles:
        for note in article.doc.footnotes:
            by_label, by_lead = corpus.vocabulary.kind_of_label(note.label), corpus.vocabulary.note_kind(note.raw)
            if by_label is not None and by_label is not by_lead:
                lead = by_label.lead or "no lead-in"
                yield Diagnostic(article.rel, note.line, 1, "CIT217",
                                 f"note [^{note.label}] is labelled a {by_label.slug} note but begins as a "
                                 f"{by_lead.slug} note; begin it with {lead}, or rename the label "
                                 f"'{by_lead.prefix}…'")
