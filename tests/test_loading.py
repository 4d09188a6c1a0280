"""The fast corpus loading gives exactly what the reference loaders give.

``yamlio._load`` builds values from libyaml's node tree in one pass; PyYAML's constructor
dispatch with the constructors registered on ``_StrictLoader`` (the loader before the fast
pass) is the reference, for values, types, lines, shared aliases and error messages.
"""

from __future__ import annotations

import gc
import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from glossator import yamlio
from glossator.corpus import load_corpus
from glossator.markdown import parse_document
from glossator.synth import make_synthetic
from glossator.yamlio import LineDict, LineList, YamlError, load_yaml_text

from .conftest import ROOT

TRICKY = """\
# scalars as SafeLoader resolves them, except that dates stay strings
plain: text with:colon and #hash
single: 'it''s'
double: "tab\\tand \\u00e9"
empty:
tilde: ~
nulls: [null, Null, NULL, ~, '']
bools: [yes, No, TRUE, off, On, false, y, n]
ints: [0, -12, +7, 017, 0x1F, 0b101, 1_000, 190:20:30, 0o17]
floats: [1.5, -.5, 6.8523015e+5, 1e3, .inf, -.Inf, .NaN, 190:20:30.15, 1_0.5]
dates: [2019-04-25, 2019-04, 2019, 2001-12-14t21:59:43.10-05:00, 2002-12-14 21:59:43.10 -5]
'2019-04-25': quoted date key
2020-01-01: plain date key
1: int key
no: bool key
~: null key
3.5: float key
literal: |
  first line
    indented

  after a blank
folded: >-
  folded
  text
plain_multi: a plain scalar
  over two lines
quoted_multi: "a quoted scalar
  over two lines"
seed_lines:
  - {lines: 1, role: chrome, reason: "a link"}
  -   {lines: 3-4, role: title}
  - lines: 5
    role: body
nested: [[1, [2, [3]]], {a: {b: [c]}}, []]
empty_map: {}
anchors:
  base: &base {a: 1, b: [x, y]}
  again: *base
  list: &list [1, 2]
  list_again: *list
  scalar: &s shared text
  scalar_again: *s
"""

# Documents the fast pass leaves to PyYAML's constructor; the result must be the same.
UNUSUAL = {
    "merge": "base: &b {a: 1, b: 2}\nchild:\n  <<: *b\n  c: 3\n",
    "merge list": "x: &x {a: 1}\ny: &y {b: 2}\nz:\n  <<: [*x, *y]\n  c: 3\n",
    "value key": "=: value key\n",
    "explicit tags": "a: !!str 123\nb: !!int '5'\nc: !!float '1'\nd: !!timestamp 2019-01-01\n"
                     "e: !!binary aGVsbG8=\nf: !!set {x, y}\ng: !!omap [{k: v}]\nh: !!map {k: v}\n",
    "explicit str key": "!!str 1: one\n",
}

ERRORS = {
    "duplicate": "a: 1\nb: 2\na: 3\n",
    "nested duplicate": "top:\n  inner:\n    k: 1\n    k: 2\n",
    "flow duplicate": "x: {k: 1, k: 2}\n",
    "same int": "1: a\n0x1: b\n",
    "same bool": "yes: a\ntrue: b\n",
    "same null": "~: a\nnull: b\n",
    "list key": "? [a, b]\n: c\n",
    "map key": "? {a: 1}\n: c\n",
    "recursive list": "a: &a [*a]\n",
    "recursive map": "a: &a {b: *a}\n",
    "merge then override": "a: &a {x: 1}\nb:\n  <<: *a\n  x: 2\n",
    "merge of a scalar": "a:\n  <<: 5\n",
    "merge of a list of scalars": "a:\n  <<: [1]\n",
    "unknown tag": "a: !foo bar\n",
    "undefined alias": "a: *nope\n",
    "unclosed": "title: [unclosed\n",
    "bad indent": "a:\n  b: 1\n c: 2\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "duplicate after error-free siblings": "ok: [1, 2]\nm: {k: 1}\nm: 2\n",
    "duplicate before a merge": "a: &a {x: 1}\nb:\n  k: 1\n  k: 2\n  <<: 5\n",
}


def reference(text: str) -> Any:
    """The loader before the fast pass: PyYAML's constructor with Glossator's constructors."""
    return yaml.load(text, Loader=yamlio._StrictLoader)  # noqa: S506


def shape(value: Any) -> Any:
    """Everything a check can observe: types, values, lines and columns."""
    if isinstance(value, LineDict):
        return ("LineDict", value.line, [(shape(k), shape(v), value.key_lines[k]) for k, v in value.items()],
                dict(value.key_lines) == {k: value.line_of(k) for k in value})
    if isinstance(value, LineList):
        return ("LineList", value.line, value.item_lines, value.item_cols, [shape(v) for v in value])
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        return (type(value).__name__, repr(value))
    return (type(value).__name__, value)


def sharing(value: Any) -> list[int]:
    """For each collection met depth-first, the index of its first occurrence: aliases share."""
    seen: dict[int, int] = {}
    order: list[int] = []

    def walk(item: Any) -> None:
        if isinstance(item, (LineDict, LineList)):
            order.append(seen.setdefault(id(item), len(seen)))
            for child in (item.values() if isinstance(item, LineDict) else item):
                walk(child)

    walk(value)
    return order


def assert_same(text: str, name: str = "") -> None:
    expected, actual = reference(text), yamlio._load(text)
    assert shape(actual) == shape(expected), name
    assert sharing(actual) == sharing(expected), name


def fast_pass_only(text: str) -> Any:
    """The fast pass alone, without the fallback: it must cover the corpus's documents."""
    node = yaml.compose(text, Loader=yamlio._StrictLoader)
    return None if node is None else yamlio._build(node, {})


def corpus_yaml(root: Path) -> list[tuple[str, str]]:
    """(name, text) of every data file and article front matter under ``root``."""
    files = sorted((root / "corpus").rglob("*.yml"))
    found = [(p.relative_to(root).as_posix(), p.read_text(encoding="utf-8")) for p in files]
    for path in sorted((root / "corpus" / "articles").glob("*.md")):
        front = parse_document(path.read_text(encoding="utf-8")).front_matter
        if front is not None:
            found.append((path.relative_to(root).as_posix(), front))
    return found


def test_real_corpus_loads_as_before() -> None:
    texts = corpus_yaml(ROOT)
    assert len(texts) > 10
    for name, text in texts:
        assert_same(text, name)
        assert shape(fast_pass_only(text)) == shape(reference(text)), name


def test_synthetic_corpus_loads_as_before(tmp_path: Path) -> None:
    """The generated corpus writes shared values out: no anchors or aliases, which YML606 refuses."""
    root = make_synthetic(2, tmp_path / "synthetic", ROOT)
    texts = corpus_yaml(root)
    assert texts and not any("&id" in text for _, text in texts)
    for name, text in texts:
        assert_same(text, name)
        fast_pass_only(text)


def test_tricky_sample_loads_as_before() -> None:
    assert_same(TRICKY)
    data = fast_pass_only(TRICKY)
    assert data["dates"] == ["2019-04-25", "2019-04", 2019, "2001-12-14t21:59:43.10-05:00",
                             "2002-12-14 21:59:43.10 -5"]
    assert data["ints"][-1] == "0o17" and data["floats"][3] == "1e3"
    assert data["anchors"]["again"] is data["anchors"]["base"]
    assert data["seed_lines"].item_cols == [5, 7, 5]


@pytest.mark.parametrize("name", sorted(UNUSUAL))
def test_unusual_documents_load_as_before(name: str) -> None:
    assert_same(UNUSUAL[name])


@pytest.mark.parametrize("text", ["", "# only a comment\n", "just a scalar\n", "- a\n- b\n", "--- 5\n"])
def test_degenerate_documents_load_as_before(text: str) -> None:
    assert_same(text)


def error_of(text: str, line_offset: int = 0) -> tuple[str, int, int]:
    with pytest.raises(YamlError) as caught:
        load_yaml_text(text, "f.yml", line_offset)
    return caught.value.message, caught.value.line, caught.value.col


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_errors_are_as_before(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = error_of(ERRORS[name], line_offset=1)
    monkeypatch.setattr(yamlio, "_load", reference)
    assert fast == error_of(ERRORS[name], line_offset=1)


def test_duplicate_key_names_both_lines() -> None:
    message, line, col = error_of("a: 1\nb: 2\na: 3\n")
    assert (line, col) == (3, 1)
    assert message == ("YAML: duplicate key 'a' (first defined on line 1); "
                       "merge the two entries, YAML would silently keep only the last")


def test_line_offset_shifts_every_line() -> None:
    data = load_yaml_text("a:\n  - x\n  - {b: 1}\n", "f.md", line_offset=1)
    assert (data.line, data.line_of("a")) == (2, 2)
    assert (data["a"].line, data["a"].item_lines, data["a"][1].line_of("b")) == (3, [3, 4], 4)


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_restores_the_garbage_collector(enabled: bool) -> None:
    """Loading pauses the collector and leaves it as it found it."""
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        load_corpus(ROOT)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
