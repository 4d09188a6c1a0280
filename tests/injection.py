"""Inject a hostile payload into every contributor field of a scratch project.

The list of fields comes from ``glossator.schema``: a field added there is injected here
without anyone remembering to. Each field gets its own marker (``Z17Z``), so a leak names it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import yaml

from glossator import schema

# What a hostile contributor would write: HTML, an event handler, a MyST raw role, and a
# LaTeX primitive. Escaped, every character of it shows as text.
PAYLOAD = ('{mark}<script>alert("{mark}")</script><img src=x onerror="alert(1)">'
           '{{raw}}`html <b id="raw{mark}">`\\input{{/etc/passwd}}')

# Fields that name something else (a key, a file, an enumerated value, a date, a URL) rather
# than text a reader sees. Injecting into them breaks what they point at, so that the free-text
# run would render less; they are injected in their own run, which asserts safety only.
REFERENCE_FIELDS = {
    "source": {"type", "date", "accessed", "url", "archive_url", "via"},  # via: its own fields below
    "via": {"url", "accessed"},
    "glossary": {"category", "related", "sources"},
    "article": {"seed", "seed_sha256", "source", "seed_lines"},
    "timeline": {"date", "sources", "paragraphs"},
    "claim": {"positions", "independent"},
    "position": {"stance", "paragraph"},
    "independent": {"sources"},
    "assignment": {"readings"},
    "reading": {"article", "paragraphs", "section", "from", "to", "claim"},
    "seed_line": {"lines", "role"},
}

KINDS = {
    "source": schema.SOURCE_FIELDS,
    "via": schema.VIA_FIELDS,  # a source's ``via``: the copy read, with its own outlet
    "glossary": schema.GLOSSARY_FIELDS,
    "article": schema.ARTICLE_FIELDS,
    "timeline": schema.TIMELINE_FIELDS,
    "claim": schema.CLAIM_FIELDS,
    "position": schema.POSITION_FIELDS,
    "independent": schema.INDEPENDENT_FIELDS,
    "assignment": schema.ASSIGNMENT_FIELDS,
    "reading": schema.READING_FIELDS,
    "seed_line": schema.SEED_LINE_FIELDS,
}


class Injector:
    """Hands out one marker per (file, field) and remembers which is which."""

    def __init__(self, references: bool) -> None:
        self.references = references  # inject the reference fields (True) or the text fields
        self.fields: dict[str, str] = {}  # marker -> "kind.field in file"

    def payload(self, where: str) -> str:
        mark = f"Z{len(self.fields)}Z"
        self.fields[mark] = where
        return PAYLOAD.format(mark=mark)

    def wanted(self, kind: str, name: str) -> bool:
        return (name in REFERENCE_FIELDS[kind]) == self.references

    def record(self, kind: str, record: dict, where: str) -> None:
        """Inject into every field of ``kind`` that the schema lists, present or not."""
        for name, field in KINDS[kind].items():
            if (kind, name) == ("source", "via"):
                # A record of its own, where the source has one: inject its text or reference fields.
                if isinstance(record.get(name), dict):
                    self.record("via", record[name], f"{where}/via")
                continue
            if name in REFERENCE_FIELDS[kind] and not self.references:
                self._nested(kind, name, record, where)
            if not self.wanted(kind, name):
                continue
            label = f"{kind}.{name} in {where}"
            if field.kind == "list":
                record[name] = [self.payload(label)]
            elif field.kind == "map":
                record[name] = {"ko": self.payload(label)}
            else:
                record[name] = self.payload(label)

    def _nested(self, kind: str, name: str, record: dict, where: str) -> None:
        """The text fields of records inside a record (positions, readings, seed_lines)."""
        value = record.get(name)
        inner = {("claim", "positions"): "position", ("assignment", "readings"): "reading",
                 ("article", "seed_lines"): "seed_line"}.get((kind, name))
        if inner and isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, dict):
                    self.record(inner, item, f"{where}/{key}")
        elif inner and isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    self.record(inner, item, f"{where}[{index}]")
        elif (kind, name) == ("claim", "independent") and isinstance(value, dict):
            self.record("independent", value, where)


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)


def inject(project: Path, references: bool = False) -> Injector:
    """Put a payload in every schema field of every data file and article of ``project``."""
    injector = Injector(references)
    corpus = project / "corpus"
    for name, kind in (("sources.yml", "source"), ("glossary.yml", "glossary"),
                       ("timeline.yml", "timeline"), ("claims.yml", "claim")):
        path = corpus / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key, record in data.items():
            injector.record(kind, record, f"corpus/{name}:{key}")
        path.write_text(_dump(data), encoding="utf-8")
    if not references:
        _inject_vocabulary(corpus, injector)
    for path in sorted((corpus / "assignments").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        injector.record("assignment", data, f"corpus/assignments/{path.name}")
        path.write_text(_dump(data), encoding="utf-8")
    for path in sorted((corpus / "articles").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front)
        if not references:
            body = _inject_seed(project, body, meta, injector)
        injector.record("article", meta, f"corpus/articles/{path.name}")
        path.write_text(f"---\n{_dump(meta)}---\n{body}", encoding="utf-8")
    return injector


def _inject_seed(project: Path, body: str, meta: dict, injector: Injector) -> str:
    """A new contributor's seed: its dropped chrome lines and its title are text too."""
    seed = project / "seeds" / meta["seed"]
    lines = seed.read_text(encoding="utf-8").split("\n")
    for entry in meta["seed_lines"]:
        first, _, last = str(entry["lines"]).partition("-")
        if entry["role"] == "chrome":
            lines[int(first) - 1] = injector.payload(f"chrome line {first} of seeds/{seed.name}")
        elif entry["role"] == "title":
            number = int(first)
            new = injector.payload(f"title of seeds/{seed.name}")
            lines[number - 1] = new
            # The heading is written escaped in MyST, as a contributor would to show the characters.
            escaped = re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", new)
            body = re.sub(r"(?m)^# .*$", lambda _, escaped=escaped: f"# {escaped}", body, count=1)
    data = "\n".join(lines)
    seed.write_text(data, encoding="utf-8")
    meta["seed_sha256"] = hashlib.sha256(data.encode("utf-8")).hexdigest()
    return body


def _inject_vocabulary(corpus: Path, injector: Injector) -> None:
    """corpus/glossator.yml: the names a reader shows for scripts, note kinds and source kinds.
    (Its lists hold names that must be lower-case words, YML608, so they are not text.)"""
    path = corpus / "glossator.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    data = data or {}
    where = "corpus/glossator.yml"
    data.setdefault("scripts", {})
    for tag in ("ko", "ru", "zh", "ja"):  # the tags the injected ``native`` names use, and others
        data["scripts"][tag] = injector.payload(f"vocabulary.scripts.{tag} in {where}")
    data.setdefault("source_kinds", {})["facsimile"] = {"label": injector.payload(f"vocabulary.source_kinds in {where}"),
                                                        "of_record": True}
    data.setdefault("note_kinds", {})["context"] = {"name": injector.payload(f"vocabulary.note_kinds in {where}")}
    path.write_text(_dump(data), encoding="utf-8")
