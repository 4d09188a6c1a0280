"""One diagnostic type, one registry of rules, and the emitters that print findings."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

# Where the rules are documented, by default; a project sets its own as ``docs_url`` in
# corpus/glossator.yml (glossator.vocabulary), and the command passes it to the emitters.
DOCS_URL = "https://glossator.readthedocs.io/en/latest/contributing/checks.html"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A finding at a 1-based line and column of a file, as a compiler reports it."""

    path: str
    line: int
    col: int
    code: str
    message: str

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"


@dataclass(frozen=True)
class Rule:
    """A check code: its family, one-line summary and the function that finds it. A
    ``reminder`` is reported but never fails the check: work that is due, not an error."""

    code: str
    family: str
    summary: str
    doc: str
    func: Callable[..., Iterator[Diagnostic]] = field(compare=False)
    reminder: bool = False


FAMILIES = {
    "LNK": "Links and cross-references",
    "CIT": "Citations and notes",
    "GLO": "Glossary",
    "FID": "Fidelity to the seed text",
    "SEC": "Unsafe content",
    "YML": "Data files",
    "TCH": "Teaching apparatus",
}

REGISTRY: dict[str, Rule] = {}


def rule(code: str, summary: str, reminder: bool = False) -> Callable[[Callable[..., Iterator[Diagnostic]]], Rule]:
    """Register a check function under ``code``; its docstring is the catalogue entry."""

    def register(func: Callable[..., Iterator[Diagnostic]]) -> Rule:
        family = code[:3]
        if family not in FAMILIES:
            raise ValueError(f"unknown family in code {code}")
        if code in REGISTRY:
            raise ValueError(f"code {code} registered twice")
        entry = Rule(code, family, summary, (func.__doc__ or "").strip(), func, reminder)
        REGISTRY[code] = entry
        return entry

    return register


def is_reminder(finding: Diagnostic) -> bool:
    entry = REGISTRY.get(finding.code)
    return entry is not None and entry.reminder


def failures(findings: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The findings that fail the check: all but the reminders."""
    return [d for d in findings if not is_reminder(d)]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def code_url(code: str, docs_url: str = DOCS_URL) -> str:
    return f"{docs_url}#{code.lower()}"


def emit_text(findings: Iterable[Diagnostic], docs_url: str = DOCS_URL) -> str:
    found = sorted(findings)
    lines = [d.text() + (" (reminder, not a failure)" if is_reminder(d) else "") for d in found]
    failed = failures(found)
    reminders = len(found) - len(failed)
    also = f"; {_plural(reminders, 'reminder')}" if reminders else ""
    if failed:
        files = len({d.path for d in failed})
        lines.append(f"Found {_plural(len(failed), 'problem')} in {_plural(files, 'file')}{also}.")
    else:
        lines.append(f"All checks passed{also}.")
    return "\n".join(lines)


def emit_json(findings: Iterable[Diagnostic], docs_url: str = DOCS_URL) -> str:
    rows = [
        {
            "code": d.code,
            "path": d.path,
            "line": d.line,
            "column": d.col,
            "message": d.message,
            "severity": "reminder" if is_reminder(d) else "error",
            "url": code_url(d.code, docs_url),
        }
        for d in sorted(findings)
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def _github_escape(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def emit_github(findings: Iterable[Diagnostic], docs_url: str = DOCS_URL) -> str:
    return "\n".join(
        f"::{'warning' if is_reminder(d) else 'error'} file={d.path},line={d.line},col={d.col},"
        f"title={d.code}::{_github_escape(d.message)}"
        for d in sorted(findings)
    )


EMITTERS: dict[str, Callable[..., str]] = {  # (findings, docs_url) -> the printed form
    "text": emit_text,
    "json": emit_json,
    "github": emit_github,
}
