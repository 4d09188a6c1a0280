"""Bounded work, piece by piece: the YAML loader's limits and the faster role rule.

The end-to-end cases (alias bombs, huge files and ranges, timed) are in
tests/test_mutations_safety.py; the figures on hostile inputs are in ``make bench``.
"""

from __future__ import annotations

import pytest

from glossator import markdown
from glossator.yamlio import MAX_DEPTH, YamlError, load_yaml_text


@pytest.mark.parametrize("text,where", [
    ("a: &x [1]\nb: *x\n", (1, 4)),
    ("a: 1\nb: &only 2\n", (2, 4)),
    ("- &x {k: v}\n- <<: *x\n", (1, 3)),
])
def test_anchors_and_aliases_are_refused(text: str, where: tuple[int, int]) -> None:
    with pytest.raises(YamlError) as raised:
        load_yaml_text(text, "x.yml")
    assert raised.value.code == "YML606" and (raised.value.line, raised.value.col) == where
    assert "not allowed" in raised.value.message


def test_ampersands_and_stars_in_text_are_fine() -> None:
    data = load_yaml_text("title: 'Kireeva & Zakharova'\nnote: a *starred* word, 5 * 3\nq: '&x *y'\n", "x.yml")
    assert data["title"] == "Kireeva & Zakharova" and data["q"] == "&x *y"


def test_nesting_is_limited() -> None:
    load_yaml_text("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH, "x.yml")
    with pytest.raises(YamlError) as raised:
        load_yaml_text("a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5), "x.yml")
    assert raised.value.code == "YML606" and "nested deeper" in raised.value.message


@pytest.mark.parametrize("source", [
    "a {term}`x` b", "{cite}``a`b`` c", "{x}`unclosed", "{x}", "{a:b}`c <d>`\n{e}`f\ng`", "\\{x}`y`",
    "{x}``", "{x}`", "{term}`Kim <kim-jong-un>`, {para}`a#1` and {doc}`/x`",
])
def test_the_role_rule_gives_the_plugins_tokens(source: str) -> None:
    from mdit_py_plugins.myst_role.index import myst_role

    parser = markdown.parser()

    def tokens() -> list:
        return [(t.type, t.content, t.meta) for block in parser.parse(source) for t in (block.children or [])]

    ours = tokens()
    parser.inline.ruler.at("myst_role", myst_role)
    try:
        theirs = tokens()
    finally:
        parser.inline.ruler.at("myst_role", markdown._myst_role)
    assert ours == theirs


def test_positions_of_many_roles_are_exact() -> None:
    text = "\n".join("w {term}`x` " * 3 for _ in range(4)) + "\n"
    doc = markdown.parse_document(text)
    refs = [(r.line, r.col) for block in doc.blocks for r in block.refs]
    assert refs == [(line, col) for line in range(1, 5) for col in (3, 15, 27)]
