"""The check families; importing this package registers every rule in the registry."""

from __future__ import annotations

from collections.abc import Iterable

from ..corpus import Corpus
from ..diagnostics import REGISTRY, Diagnostic
from . import citations, datafiles, fidelity, glossary, links, safety, teaching  # noqa: F401  (registers the rules)


def _matches(code: str, patterns: Iterable[str]) -> bool:
    return any(code.startswith(p.strip().upper()) for p in patterns if p.strip())


def run_checks(
    corpus: Corpus, select: list[str] | None = None, ignore: list[str] | None = None
) -> list[Diagnostic]:
    """Run every registered rule (or those selected) and return the findings, sorted."""
    # Load-time findings are reported by their own rules; any other code still gets through.
    findings = [d for d in corpus.findings if d.code not in REGISTRY]
    for code, entry in sorted(REGISTRY.items()):
        if select and not _matches(code, select):
            continue
        if ignore and _matches(code, ignore):
            continue
        findings.extend(entry.func(corpus))
    if select:
        findings = [d for d in findings if _matches(d.code, select)]
    if ignore:
        findings = [d for d in findings if not _matches(d.code, ignore)]
    return sorted(set(findings))
