"""Load corpus YAML strictly: duplicate keys are errors and every mapping keeps its key lines.

PyYAML's default loaders silently keep the last of two duplicate keys, which loses data
written by a contributor. This loader refuses them and records where each key stands, so
that every later check can point at a file and line.

libyaml composes the node tree; one recursive pass (``_build``) turns it into values, since
PyYAML's constructor dispatch was most of the load time of a large corpus. Documents that
pass does not cover fall back to the constructors registered on ``_StrictLoader``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


class YamlError(Exception):
    """A YAML file that cannot be used, with the 1-based position of the fault."""

    def __init__(self, path: str, line: int, col: int, message: str, code: str | None = None) -> None:
        super().__init__(f"{path}:{line}:{col}: {message}")
        self.path, self.line, self.col, self.message, self.code = path, line, col, message, code


# Bounded work: an alias can repeat a whole subtree, and aliases of aliases grow exponentially
# (a few hundred bytes held the check for half a minute). The corpus needs neither anchors nor
# aliases, nor nesting deeper than a position inside a claim (five levels); MAX_DEPTH leaves room.
MAX_DEPTH = 32
# An anchor or alias is '&' or '*' followed by a name, where a node can start. Text without this
# pattern has none, and skips the event scan that finds them exactly.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:?-])[&*][^\s,\[\]{}]", re.MULTILINE)


class _Bounded(Exception):
    def __init__(self, mark: Any, message: str) -> None:
        self.mark, self.message = mark, message


def _refuse_anchors(text: str) -> None:
    """Raise ``_Bounded`` at the first anchor or alias (libyaml's parser is iterative: safe on any input)."""
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent):
            raise _Bounded(event.start_mark, f"YAML alias '*{event.anchor}' is not allowed: write the value out "
                                             "(aliases can multiply a file's size without limit)")
        if getattr(event, "anchor", None):
            raise _Bounded(event.start_mark, f"YAML anchor '&{event.anchor}' is not allowed: write each value out")


class LineDict(dict):
    """A mapping that remembers the 1-based line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence that remembers its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]
    item_cols: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line

    def col_of(self, index: int) -> int:
        return self.item_cols[index] if index < len(self.item_cols) else 1


# libyaml's C parser when PyYAML has it (its wheels do): the pure-Python scanner is several
# times slower. The constructors below are the reference; ``_build`` is the fast path.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    pass


def _duplicate(key: Any, first: int, key_node: Node) -> ConstructorError:
    return ConstructorError(
        None,
        None,
        f"duplicate key {key!r} (first defined on line {first}); "
        "merge the two entries, YAML would silently keep only the last",
        key_node.start_mark,
    )


def _check_hashable(key: Any, key_node: Node) -> None:
    try:
        hash(key)
    except TypeError:
        raise ConstructorError(None, None, "a mapping key must be a plain value", key_node.start_mark) from None


def _construct_mapping(loader: _StrictLoader, node: MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        _check_hashable(key, key_node)
        if key in result:
            raise _duplicate(key, result.key_lines[key], key_node)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _StrictLoader, node: SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    result.item_cols = [child.start_mark.column + 1 for child in node.value]
    return result


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)
_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence
)
# Dates stay strings: the checks validate their form and precision (2019, 2019-04, 2019-04-25).
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_STR = "tag:yaml.org,2002:str"
_MAP = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
_SEQ = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG
# Keys that make PyYAML rewrite a mapping before constructing it (``<<`` merges, ``=``).
_REWRITING_KEYS = {"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"}
# The other scalar tags implicit resolution gives, converted by PyYAML's own code.
_SAFE = SafeConstructor()
_SCALARS = {
    "tag:yaml.org,2002:null": _SAFE.construct_yaml_null,
    "tag:yaml.org,2002:bool": _SAFE.construct_yaml_bool,
    "tag:yaml.org,2002:int": _SAFE.construct_yaml_int,
    "tag:yaml.org,2002:float": _SAFE.construct_yaml_float,
}
_BUILDING = object()  # marks a collection whose children are being built


class _Unusual(Exception):
    """A document the fast builder leaves to PyYAML's constructor: explicit or unknown tags,
    merge keys, recursive aliases. That path is the reference; the fast one must agree."""


def _build(node: Node, built: dict[int, Any], depth: int = 0) -> Any:
    """The value of a composed node, as ``_StrictLoader``'s constructors would make it.

    ``built`` maps collection nodes to their values, so that aliases share one object.
    """
    if depth > MAX_DEPTH:
        raise _Bounded(node.start_mark, f"nested deeper than {MAX_DEPTH} levels; the corpus needs far fewer")
    if node.__class__ is ScalarNode:
        if node.tag == _STR:
            return node.value
        convert = _SCALARS.get(node.tag)
        if convert is None:
            raise _Unusual
        return convert(node)
    value = built.get(id(node))
    if value is _BUILDING:
        raise _Unusual
    if value is not None:
        return value
    built[id(node)] = _BUILDING
    if node.__class__ is MappingNode and node.tag == _MAP:
        value = _build_mapping(node, built, depth + 1)
    elif node.__class__ is SequenceNode and node.tag == _SEQ:
        value = _build_sequence(node, built, depth + 1)
    else:
        raise _Unusual
    built[id(node)] = value
    return value


def _build_mapping(node: MappingNode, built: dict[int, Any], depth: int) -> LineDict:
    pairs = node.value
    for key_node, _ in pairs:
        if key_node.tag in _REWRITING_KEYS:
            raise _Unusual
    result = LineDict()
    result.line = node.start_mark.line + 1
    key_lines = result.key_lines = {}
    for key_node, value_node in pairs:
        # Plain string scalars are nearly every node: take them without a call.
        if key_node.__class__ is ScalarNode and key_node.tag == _STR:
            key = key_node.value
        else:
            key = _build(key_node, built, depth)
            _check_hashable(key, key_node)
        if key in result:
            raise _duplicate(key, key_lines[key], key_node)
        if value_node.__class__ is ScalarNode and value_node.tag == _STR:
            result[key] = value_node.value
        else:
            result[key] = _build(value_node, built, depth)
        key_lines[key] = key_node.start_mark.line + 1
    return result


def _build_sequence(node: SequenceNode, built: dict[int, Any], depth: int) -> LineList:
    children = node.value
    result = LineList([_build(child, built, depth) for child in children])
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in children]
    result.item_cols = [child.start_mark.column + 1 for child in children]
    return result


def _load(text: str) -> Any:
    """Compose with libyaml, then build the values in one pass; PyYAML's constructor
    only for the rare documents the pass leaves to it."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _build(node, {})
        except _Unusual:
            return loader.construct_document(node)
    finally:
        loader.dispose()


def load_yaml_text(text: str, path: str, line_offset: int = 0) -> Any:
    """Parse YAML text; errors carry ``path`` and lines shifted by ``line_offset``."""
    try:
        if _MAYBE_ANCHOR.search(text):
            _refuse_anchors(text)
        return _shift(_load(text), line_offset)
    except _Bounded as exc:
        raise YamlError(path, exc.mark.line + 1 + line_offset, exc.mark.column + 1, exc.message, "YML606") from None
    except RecursionError:  # PyYAML's own constructor, for the rare documents with explicit tags
        raise YamlError(path, 1 + line_offset, 1, f"nested deeper than {MAX_DEPTH} levels", "YML606") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        col = mark.column + 1 if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.problem and exc.context and exc.context_mark:
            problem += f" ({exc.context} started on line {exc.context_mark.line + 1 + line_offset})"
        raise YamlError(path, line, col, f"YAML: {problem}") from None
    except yaml.YAMLError as exc:  # pragma: no cover - defensive: unmarked errors
        raise YamlError(path, 1 + line_offset, 1, f"YAML: {exc}") from None


def load_yaml_file(path: Path, display: str | None = None) -> Any:
    """Read and parse a YAML file; unreadable or malformed files raise YamlError."""
    shown = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlError(shown, 1, 1, f"cannot read file: {exc}") from None
    return load_yaml_text(text, shown)


def _shift(value: Any, offset: int) -> Any:
    if not offset:
        return value
    if isinstance(value, LineDict):
        value.line += offset
        value.key_lines = {k: v + offset for k, v in value.key_lines.items()}
        for item in value.values():
            _shift(item, offset)
    elif isinstance(value, LineList):
        value.line += offset
        value.item_lines = [v + offset for v in value.item_lines]
        for item in value:
            _shift(item, offset)
    return value
