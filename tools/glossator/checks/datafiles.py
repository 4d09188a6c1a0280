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


@rule("YML603", "a YAML value has the wrong type")
def check_value_types(corpus: Corpus) -> Iterator[Diagnostic]:
    """Values the model needs have the right shape (a list where a list is due, and so on).

    Bad:  seed_lines: all
    Good: seed_lines: [{lines: 1, role: title}]
    """
    yield from _loaded(corpus, "YML603")
