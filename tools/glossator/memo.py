"""The one cache of derived values: a memo that lives on a loaded corpus (or article).

Whatever is worked out from the corpus more than once (the glossary's names, a seed's
expected units, the summaries, the build's citations …) is kept in ``corpus.memo`` or
``article.memo`` under a key, and computed by the first caller that asks. The memo belongs
to the loaded model, so it dies with it: loading the corpus again (the next ``glossator
check``, the next Sphinx build, in the same process or not) starts with an empty memo, and no
value outlives the files it was made from. Nothing is cached at module level.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    """Values computed once per loaded model, by key."""

    __slots__ = ("_values",)

    def __init__(self) -> None:
        self._values: dict[Hashable, Any] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value under ``key``, computed by ``compute()`` the first time it is asked for."""
        try:
            return self._values[key]
        except KeyError:
            value = self._values[key] = compute()
            return value

    def table(self, key: Hashable) -> dict:
        """A dictionary kept under ``key``, for values memoised per argument (a URL, a path)."""
        return self.get(key, dict)

    def forget(self, key: Hashable) -> None:
        """Drop the value under ``key``: what it was made from changed within the model's life."""
        self._values.pop(key, None)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._values

    def __repr__(self) -> str:
        return f"Memo({sorted(map(str, self._values))})"
