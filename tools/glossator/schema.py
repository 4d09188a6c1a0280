"""The fields each kind of corpus record may have, with their types and which are required."""

from __future__ import annotations

import re
from dataclasses import dataclass

DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")

SOURCE_TYPES = ("news", "official", "analysis", "reference", "dataset")
GLOSSARY_CATEGORIES = ("person", "place", "organisation", "agreement", "event", "concept", "publication")
NATIVE_SCRIPTS = ("ko", "ru", "zh", "ja")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "str", "list", "map", "date"
    required: bool = False


SOURCE_FIELDS = {
    f.name: f
    for f in (
        Field("type", "str", True),
        Field("title", "str", True),
        Field("authors", "list"),
        Field("organisation", "str"),
        Field("outlet", "str", True),
        Field("publisher", "str"),
        Field("date", "date", True),
        Field("url", "str"),
        Field("accessed", "date"),
        Field("archive_url", "str"),
        Field("http_reason", "str"),
        Field("unverified", "str"),
        Field("seen", "str"),
        Field("note", "str"),
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
        Field("independent", "map"),
    )
}

POSITION_FIELDS = {
    f.name: f
    for f in (
        Field("stance", "str", True),
        Field("paragraph", "int"),
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

PYTHON_TYPES = {"str": (str,), "list": (list,), "map": (dict,), "date": (str, int), "int": (int,), "range": (str, int)}
TYPE_WORDS = {"str": "a text", "list": "a list", "map": "a mapping", "date": "a date as YYYY, YYYY-MM or YYYY-MM-DD",
              "int": "a whole number", "range": "a paragraph number N or a range \"N-M\""}
