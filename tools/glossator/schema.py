"""The fields each kind of corpus record may have, with their types and which are required."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

# A date in a record: YYYY, YYYY-MM or YYYY-MM-DD; the form is the precision. The one home of
# date checks: the checks (CIT204, TCH706) and `glossator new` use date_problem/valid_date.
DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def date_problem(value: Any) -> str | None:
    """What is wrong with ``value`` as a date ("must be YYYY, …" or "is not a real date"), or None."""
    text = str(value)
    if not DATE.match(text):
        return "must be YYYY, YYYY-MM or YYYY-MM-DD"
    if len(text) == 10:
        try:
            date.fromisoformat(text)
        except ValueError:
            return "is not a real date"
    return None


def valid_date(value: Any) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD, and a real day."""
    return date_problem(value) is None

SOURCE_TYPES = ("news", "official", "analysis", "reference", "dataset")


@dataclass(frozen=True)
class SourceKind:
    """What kind of publisher a record's work comes from, and whether it is a source of record."""

    slug: str
    label: str
    of_record: bool  # may a correction or disagreement rest on it?


# The vocabulary of a record's ``kind``: one list, read by the checks, the bibliography and the docs.
SOURCE_KINDS = {
    k.slug: k
    for k in (
        SourceKind("primary", "primary document or official record", True),
        SourceKind("wire", "wire agency", True),
        SourceKind("press", "newspaper or magazine", True),
        SourceKind("institute", "research institute", True),
        SourceKind("reference", "reference work", False),
        SourceKind("mirror", "mirror, repost or aggregator", False),
    )
}


@dataclass(frozen=True)
class NoteKind:
    """A kind of editorial note: how its text begins, its label's prefix, and how it is sourced."""

    slug: str
    lead: str  # the Markdown the note begins with ("" for a context note)
    prefix: str  # the label's prefix, e.g. ``corr-``
    name: str  # how the apparatus summary names it
    sourcing: str  # "optional" (cites only what bears on it), "cite", or "record" (a source of record)
    counted: bool = False  # counted by kind in the article's apparatus summary


NOTE_KINDS = {
    k.slug: k
    for k in (
        NoteKind("context", "", "cont-", "context note", "cite"),
        NoteKind("correction", "**Correction.**", "corr-", "correction", "record", True),
        NoteKind("disagreement", "**Disagreement.**", "disp-", "disagreement", "record", True),
        NoteKind("source", "**The article’s source.**", "cita-", "note on the article’s source", "cite"),
        NoteKind("sic", "***Sic.***", "sic-", "[sic] note", "optional", True),
        NoteKind("next", "**What happened next.**", "next-", "what-happened-next note", "cite"),
        NoteKind("across", "**Across the articles.**", "across-", "cross-article note", "cite", True),
    )
}


def display_title(record: dict) -> str:
    """A record's title as readers see it: a title the editors supplied (``title_supplied``) in
    [brackets], so that it is never taken for the published one."""
    title = str(record.get("title") or "Untitled")
    return f"[{title}]" if record.get("title_supplied") or not record.get("title") else title


def note_body(raw: str) -> str:
    """A note's Markdown without its ``[^label]:`` definition."""
    return raw.split("]:", 1)[1].strip() if raw.startswith("[^") and "]:" in raw else raw.strip()


def note_kind(raw: str, kinds: dict[str, NoteKind] | None = None) -> NoteKind:
    """The kind a note's lead-in declares (a note with no lead-in is a context note), among
    ``kinds`` (default: these defaults; a corpus passes ``corpus.vocabulary.note_kinds``)."""
    kinds = NOTE_KINDS if kinds is None else kinds
    body = note_body(raw)
    # The longest lead first: a project's "**Correction of a date.**" is not a correction.
    for kind in sorted(kinds.values(), key=lambda k: -len(k.lead)):
        if kind.lead and body.startswith(kind.lead):
            return kind
    return kinds.get("context") or NOTE_KINDS["context"]


def kind_of_label(label: str, kinds: dict[str, NoteKind] | None = None) -> NoteKind | None:
    """The kind a note's label names by its prefix, if any."""
    kinds = NOTE_KINDS if kinds is None else kinds
    return next((k for k in sorted(kinds.values(), key=lambda k: -len(k.prefix)) if label.startswith(k.prefix)), None)
GLOSSARY_CATEGORIES = ("person", "place", "organisation", "agreement", "event", "concept", "publication")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "str", "list", "map", "date"
    required: bool = False


SOURCE_FIELDS = {
    f.name: f
    for f in (
        Field("type", "str", True),
        Field("kind", "str", True),
        Field("title", "str", True),
        Field("title_supplied", "bool"),
        Field("authors", "list"),
        Field("organisation", "str"),
        Field("outlet", "str", True),
        Field("publisher", "str"),
        Field("volume", "str"),  # of a periodical, for the citation styles
        Field("issue", "str"),
        Field("date", "date", True),
        Field("url", "str"),
        Field("accessed", "date"),
        Field("archive_url", "str"),
        Field("http_reason", "str"),
        Field("unverified", "str"),
        Field("seen", "str"),
        Field("via", "map"),
        Field("note", "str"),
    )
}

# ``via``: the copy actually read (a mirror, a repost, an archive) when it is not the original's
# address in ``url``.
VIA_FIELDS = {
    f.name: f
    for f in (
        Field("url", "str", True),
        Field("outlet", "str", True),
        Field("accessed", "date", True),
        Field("seen", "str"),
    )
}

GLOSSARY_FIELDS = {
    f.name: f
    for f in (
        Field("term", "str", True),
        Field("aliases", "list"),
        Field("category", "str", True),
        Field("native", "map"),
        Field("definition", "str", True),
        Field("related", "list"),
        Field("sources", "list", True),
    )
}

ARTICLE_FIELDS = {
    f.name: f
    for f in (
        Field("seed", "str", True),
        Field("seed_sha256", "str", True),
        Field("source", "str", True),
        Field("summary", "str", True),
        Field("seed_lines", "list", True),
        Field("objectives", "list"),
        Field("questions", "list"),
        Field("before_you_read", "str"),
    )
}

# One entry of an article's ``seed_lines``: which seed lines, what they are, why dropped.
SEED_LINE_FIELDS = {
    f.name: f
    for f in (
        Field("lines", "range", True),
        Field("role", "str", True),
        Field("reason", "str"),
        Field("wrapped", "bool"),
    )
}

# The teaching apparatus: corpus/timeline.yml, corpus/claims.yml, corpus/assignments/*.yml.
STANCES = ("supports", "contradicts", "qualifies", "omits")
READING_SECTIONS = ("timeline", "glossary", "claims")

TIMELINE_FIELDS = {
    f.name: f
    for f in (
        Field("date", "date", True),
        Field("title", "str", True),
        Field("description", "str", True),
        Field("sources", "list", True),
        Field("paragraphs", "list"),
    )
}

CLAIM_FIELDS = {
    f.name: f
    for f in (
        Field("title", "str", True),
        Field("question", "str"),
        Field("thesis", "str", True),
        Field("positions", "map", True),
        Field("not_compared", "list"),
        Field("independent", "map"),
    )
}

POSITION_FIELDS = {
    f.name: f
    for f in (
        Field("stance", "str", True),
        Field("paragraph", "range"),
        Field("quote", "str"),
        Field("summary", "str"),
    )
}

INDEPENDENT_FIELDS = {f.name: f for f in (Field("summary", "str", True), Field("sources", "list", True))}

ASSIGNMENT_FIELDS = {
    f.name: f
    for f in (
        Field("title", "str", True),
        Field("audience", "str"),
        Field("due", "str"),
        Field("instructions", "str"),
        Field("readings", "list", True),
        Field("questions", "list"),
    )
}

READING_FIELDS = {
    f.name: f
    for f in (
        Field("article", "str"),
        Field("paragraphs", "range"),
        Field("note", "str"),
        Field("section", "str"),
        Field("from", "date"),
        Field("to", "date"),
        Field("claim", "str"),
    )
}

PYTHON_TYPES = {"bool": (bool,),
                "str": (str,), "list": (list,), "map": (dict,), "date": (str, int), "int": (int,), "range": (str, int)}
TYPE_WORDS = {"bool": "true or false",
              "str": "a text", "list": "a list", "map": "a mapping", "date": "a date as YYYY, YYYY-MM or YYYY-MM-DD",
              "int": "a whole number", "range": "a paragraph number N or a range \"N-M\""}
