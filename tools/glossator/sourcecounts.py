"""``glossator sources``: the bibliography's counts by ``kind``, so that figures such as
"mirrors without a traced original" are reproducible from ``corpus/sources.yml``.

A record is a mirror without a traced original when its ``kind`` is ``mirror``: CIT212/CIT213
make a traced record name the original's kind and url and keep the copy read as ``via``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from .schema import SOURCE_KINDS


@dataclass
class SourceCounts:
    """What ``count_sources`` found in a bibliography."""

    total: int = 0
    by_kind: Counter = field(default_factory=Counter)
    traced: int = 0  # records whose original is at ``url`` and whose copy read is ``via``
    mirrors: list[str] = field(default_factory=list)  # keys of records left as mirrors

    @property
    def mirror_share(self) -> float:
        """Mirrors without a traced original, as a percentage of all records."""
        return 100.0 * len(self.mirrors) / self.total if self.total else 0.0


def count_sources(sources: Mapping[str, object]) -> SourceCounts:
    """Count the records of ``sources`` (key → record mapping) by ``kind``."""
    counts = SourceCounts()
    for key, record in sources.items():
        if not isinstance(record, Mapping):
            continue
        counts.total += 1
        kind = str(record.get("kind") or "(none)")
        counts.by_kind[kind] += 1
        if kind == "mirror":
            counts.mirrors.append(str(key))
        elif record.get("via"):
            counts.traced += 1
    return counts


def format_counts(counts: SourceCounts, list_mirrors: bool = False) -> str:
    """The report ``glossator sources`` prints: one line per kind, then the mirror figure."""
    lines = [f"{counts.total} records"]
    known = [k for k in SOURCE_KINDS if counts.by_kind.get(k)] + sorted(k for k in counts.by_kind if k not in SOURCE_KINDS)
    width = max((len(k) for k in known), default=0)
    for kind in known:
        label = SOURCE_KINDS[kind].label if kind in SOURCE_KINDS else "not a kind"
        lines.append(f"  {kind:<{width}}  {counts.by_kind[kind]:>4}  ({label})")
    lines.append(f"traced past a copy (via): {counts.traced}")
    lines.append(f"mirrors without a traced original: {len(counts.mirrors)} of {counts.total} "
                 f"({counts.mirror_share:.1f}%)")
    if list_mirrors:
        lines.extend(f"  {key}" for key in counts.mirrors)
    return "\n".join(lines)
