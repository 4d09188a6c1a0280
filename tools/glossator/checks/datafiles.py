"""YML6xx: data files parse, without duplicate keys, with the types the corpus model needs.

The loader finds these problems while reading the corpus; each rule here reports its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..corpus import Corpus
from ..diagnostics import Diagnostic, rule


def _loaded(corpus: Corpus, code: str) -> Iterator[Diagnostic]:
    return (d for d in corpus.findings if d.code == code)


@rule("YML601", "a YAML file or front matter does not parse")
def check_yaml_syntax(corpus: Corpus) -> Iterator[Diagnostic]:
    """YAML syntax errors, with the line and column where parsing failed.

    Bad:  title: [unclosed
    Good: title: "[bracketed]"
    """
    yield from _loaded(corpus, "YML601")


@rule("YML602", "a YAML mapping has the same key twice")
def check_duplicate_keys(corpus: Corpus) -> Iterator[Diagnostic]:
    """Duplicate keys are errors: PyYAML would silently keep only the last one.

    Bad:  two entries both keyed ``gray-2020-diplomat``
    Good: one entry per key
    """
    yield from _loaded(corpus, "YML602")


@rule("YML606", "a YAML anchor, alias or nesting the corpus does not allow")
def check_bounded_yaml(corpus: Corpus) -> Iterator[Diagnostic]:
    """Anchors and aliases are refused, and nesting is limited to 32 levels: an alias repeats a
    whole subtree, so a few hundred bytes of aliases of aliases can stand for gigabytes.

    Bad:  ``a: &x [1, 2]`` then ``b: [*x, *x, *x]``
    Good: every value written out
    """
    yield from _loaded(corpus, "YML606")


@rule("YML607", "a file over the size or markup limit")
def check_file_size(corpus: Corpus) -> Iterator[Diagnostic]:
    """A file over its limit is not read, so that no input can make the check slow: an article
    150,000 bytes and 5,000 '[', a seed 1,000,000 bytes, a data file 1,000,000 bytes or twice
    the articles together, whichever is larger (``glossator.corpus``).

    Bad:  a 5 MB ``corpus/glossary.yml`` beside five articles
    Good: the glossary holding what the articles need
    """
    yield from _loaded(corpus, "YML607")


@rule("YML603", "a YAML value has the wrong type")
def check_value_types(corpus: Corpus) -> Iterator[Diagnostic]:
    """Values the model needs have the right shape (a list where a list is due, and so on).

    Bad:  seed_lines: all
    Good: seed_lines: [{lines: 1, role: title}]
    """
    yield from _loaded(corpus, "YML603")
    yield from check_record_types(corpus)


def _records(corpus: Corpus):
    """(path, key, record, fields) for every keyed record of every data file and front matter."""
    from ..schema import ARTICLE_FIELDS, GLOSSARY_FIELDS, SOURCE_FIELDS, VIA_FIELDS

    sources, glossary = corpus.rel(corpus.sources_path), corpus.rel(corpus.glossary_path)
    for key, record in corpus.sources.items():
        yield sources, key, record, SOURCE_FIELDS, corpus.sources.line_of(key)
        via = record.get("via") if isinstance(record, dict) else None
        if isinstance(via, dict):  # the copy read is a record of its own fields
            yield sources, f"{key}.via", via, VIA_FIELDS, record.line_of("via")
    for key, record in corpus.glossary.items():
        yield glossary, key, record, GLOSSARY_FIELDS, corpus.glossary.line_of(key)
    for article in corpus.articles:
        if article.meta:
            yield article.rel, "front matter", article.meta, ARTICLE_FIELDS, article.meta.line
    from .teaching import teaching_records

    yield from teaching_records(corpus)  # timeline events, claims and their positions, assignments


@rule("YML604", "a record has a field the corpus does not know")
def check_unknown_fields(corpus: Corpus) -> Iterator[Diagnostic]:
    """Unknown fields are errors, with a suggestion: a misspelt field is data silently lost.

    Bad:  athors: ["Gray, Niall"]
    Good: authors: ["Gray, Niall"]
    """
    from difflib import get_close_matches

    for path, key, record, fields, line in _records(corpus):
        if not isinstance(record, dict):
            continue
        for name in record:
            if name not in fields:
                close = get_close_matches(str(name), list(fields), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else f"; known fields: {', '.join(fields)}"
                at = record.line_of(name) if hasattr(record, "line_of") else line
                yield Diagnostic(path, at, 1, "YML604", f"{key}: unknown field '{name}'{hint}")


def check_record_types(corpus: Corpus) -> Iterator[Diagnostic]:
    """Wrong value types in records (reported as YML603 with the loader's findings)."""
    from ..schema import PYTHON_TYPES, TYPE_WORDS

    for path, key, record, fields, line in _records(corpus):
        if not isinstance(record, dict):
            yield Diagnostic(path, line, 1, "YML603", f"{key}: must be a mapping of fields, not {type(record).__name__}")
            continue
        for name, value in record.items():
            spec = fields.get(name)
            if spec is None or value is None:
                continue
            if not isinstance(value, PYTHON_TYPES[spec.kind]) or (isinstance(value, bool) and spec.kind != "bool"):
                at = record.line_of(name) if hasattr(record, "line_of") else line
                yield Diagnostic(path, at, 1, "YML603",
                                 f"{key}: '{name}' must be {TYPE_WORDS[spec.kind]}, not {type(value).__name__}")


@rule("YML605", "an article's front matter lacks a required field")
def check_required_front_matter(corpus: Corpus) -> Iterator[Diagnostic]:
    """Each article names its seed, checksum, source record, summary and seed line roles.

    Bad:  front matter without ``summary:``
    Good: ``summary: "One line for the landing page's card."``
    """
    from ..schema import ARTICLE_FIELDS

    for article in corpus.articles:
        if not article.meta:
            continue
        for name, spec in ARTICLE_FIELDS.items():
            if spec.required and name not in article.meta and name != "seed":  # seed: FID400
                yield Diagnostic(article.rel, article.meta.line, 1, "YML605",
                                 f"front matter lacks '{name}'")


@rule("YML608", "the vocabulary table has a bad value")
def check_vocabulary(corpus: Corpus) -> Iterator[Diagnostic]:
    """``corpus/glossator.yml``, the reader's vocabulary (source types, note kinds, native
    scripts, reading speed, question and objective counts, the docs address), holds only known
    keys with values of the right form; a key with a bad value keeps its default.

    Bad:  reading_speed: fast
    Good: reading_speed: 200
    """
    yield from _loaded(corpus, "YML608")
