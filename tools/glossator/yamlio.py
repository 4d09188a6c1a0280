"""Load corpus YAML strictly: duplicate keys are errors and every mapping keeps its key lines.

PyYAML's default loaders silently keep the last of two duplicate keys, which loses data
written by a contributor. This loader refuses them and records where each key stands, so
that every later check can point at a file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, SequenceNode


class YamlError(Exception):
    """A YAML file that cannot be used, with the 1-based position of the fault."""

    def __init__(self, path: str, line: int, col: int, message: str) -> None:
        super().__init__(f"{path}:{line}:{col}: {message}")
        self.path, self.line, self.col, self.message = path, line, col, message


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


# libyaml's C parser when PyYAML has it (its wheels do): parsing is most of the check's time,
# and the pure-Python scanner is several times slower. The constructors below are the same.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    pass


def _construct_mapping(loader: _StrictLoader, node: MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        if key in result:
            first = result.key_lines[key]
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first defined on line {first}); "
                "merge the two entries, YAML would silently keep only the last",
                key_node.start_mark,
            )
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


def load_yaml_text(text: str, path: str, line_offset: int = 0) -> Any:
    """Parse YAML text; errors carry ``path`` and lines shifted by ``line_offset``."""
    try:
        return _shift(yaml.load(text, Loader=_StrictLoader), line_offset)  # noqa: S506
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
