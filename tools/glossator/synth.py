"""Synthetic corpora for benchmarks: the real corpus multiplied, still check-clean.

``make_synthetic(10, dest)`` copies a project's ``corpus/``, ``seeds/`` and ``docs/`` into
``dest`` and adds nine copies of every article. Copy *k* (k = 2 … factor) gets its own

- file stem (``<stem>-s002``), so every copy is a page of its own;
- footnote labels (``[^label-s002]``) and ``(label)=`` targets, so labels stay unique;
- glossary entries and bibliography records (keys ``<key>-s002``, headwords and aliases
  ``<term> (s002)``, URLs with a ``#s002`` fragment), to which its ``{term}``, ``{cite}``,
  ``{para}``, ``{doc}`` and ``{ref}`` references are redirected.

Only the records the copies cite are copied; a record cited only by the teaching data
(timeline, claims) stays single. The teaching data is extended where it must cover every
article: each claim gets a position for each copy (the original's), and each timeline event
links the copies' paragraphs beside the original's. Assignments are left as they are.

The visible words of every article stay its seed's, so fidelity is checked in full on every
copy; the data files grow with the articles, so the glossary, bibliography, URL and
teaching checks do proportional work. Seeds are shared: a copy names the same seed file and
checksum.

Nothing here knows what the corpus is about: it works on any Glossator project.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from .markdown import split_role
from .yamlio import load_yaml_file

PARTS = ("corpus", "seeds", "docs")

_ROLE = re.compile(r"\{(term|cite|para|doc|ref)\}`([^`]*)`")
_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
_LABEL = re.compile(r"^\((?P<label>[^()\s]+)\)=[ \t]*$", re.MULTILINE)
_LINK = re.compile(r"\]\((?P<target>[^)\s#]+\.md)(?P<rest>#[^)\s]*)?\)")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_SOURCE_LINE = re.compile(r"^source:[ \t]*(?P<value>.+?)[ \t]*$", re.MULTILINE)


def key_suffix(copy: int) -> str:
    """Suffix of stems, keys and labels in copy ``copy`` (2, 3, …)."""
    return f"-s{copy:03d}"


def term_suffix(copy: int) -> str:
    """Suffix of glossary headwords and aliases in copy ``copy``."""
    return f" (s{copy:03d})"


def _plain(value: Any) -> Any:
    """LineDict/LineList (and nested) as plain dicts and lists, for yaml.safe_dump."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class _Renamer:
    """Rewrites one article's text for copy ``copy``."""

    def __init__(self, copy: int, stems: set[str], labels: set[str], sources: set[str]) -> None:
        self.copy, self.stems, self.labels, self.sources = copy, stems, labels, sources
        self.sfx, self.tsfx = key_suffix(copy), term_suffix(copy)

    def _doc(self, target: str) -> str:
        head, tail = posixpath.split(target.removesuffix(".md"))
        if tail in self.stems:
            renamed = posixpath.join(head, tail + self.sfx) if head else tail + self.sfx
            return renamed + (".md" if target.endswith(".md") else "")
        return target

    def _role(self, match: re.Match[str]) -> str:
        name, content = match[1], match[2]
        title, target = split_role(content)
        if name == "term":
            visible = title or target
            return f"{{term}}`{visible} <{target}{self.tsfx}>`"
        if name == "cite" and target in self.sources:
            target += self.sfx
        elif name == "para":
            stem, hash_, number = target.partition("#")
            if stem in self.stems:
                target = f"{stem}{self.sfx}{hash_}{number}"
        elif name == "doc":
            target = self._doc(target)
        elif name == "ref" and target in self.labels:
            target += self.sfx
        return f"{{{name}}}`{title} <{target}>`" if title else f"{{{name}}}`{target}`"

    def _front_matter(self, match: re.Match[str]) -> str:
        def source(m: re.Match[str]) -> str:
            value = m["value"].strip().strip("'\"")
            return f"source: {value}{self.sfx}" if value in self.sources else m[0]

        return _SOURCE_LINE.sub(source, match[0], count=1)

    def __call__(self, text: str) -> str:
        text = _FRONT_MATTER.sub(self._front_matter, text, count=1)
        text = _ROLE.sub(self._role, text)
        text = _FOOTNOTE.sub(lambda m: f"[^{m[1]}{self.sfx}]", text)
        text = _LABEL.sub(lambda m: f"({m['label']}{self.sfx})=" if m["label"] in self.labels else m[0], text)
        return _LINK.sub(lambda m: f"]({self._doc(m['target'])}{m['rest'] or ''})", text)


def _copy_glossary(glossary: dict, copy: int, sources: set[str]) -> dict:
    sfx, tsfx = key_suffix(copy), term_suffix(copy)
    result = {}
    for key, entry in glossary.items():
        entry = _plain(entry)
        if isinstance(entry, dict):
            if "term" in entry:
                entry["term"] = f"{entry['term']}{tsfx}"
            if isinstance(entry.get("aliases"), list):
                entry["aliases"] = [f"{alias}{tsfx}" for alias in entry["aliases"]]
            if isinstance(entry.get("related"), list):
                entry["related"] = [f"{other}{sfx}" if other in glossary else other for other in entry["related"]]
            if isinstance(entry.get("sources"), list):
                entry["sources"] = [f"{s}{sfx}" if s in sources else s for s in entry["sources"]]
        result[f"{key}{sfx}"] = entry
    return result


def _copy_sources(records: dict, copy: int) -> dict:
    sfx = key_suffix(copy)
    result = {}
    for key, record in records.items():
        record = _plain(record)
        if isinstance(record, dict) and isinstance(record.get("url"), str):
            url = record["url"]
            record["url"] = f"{url}-s{copy:03d}" if "#" in url else f"{url}#s{copy:03d}"
        result[f"{key}{sfx}"] = record
    return result


def _cited_keys(texts: list[str], glossary: dict) -> set[str]:
    """Source keys the articles cite (roles and front matter) or the glossary lists."""
    keys: set[str] = set()
    for text in texts:
        keys |= {split_role(m[2])[1] for m in _ROLE.finditer(text) if m[1] == "cite"}
        front = _FRONT_MATTER.match(text)
        source = _SOURCE_LINE.search(front[0]) if front else None
        if source:
            keys.add(source["value"].strip().strip("'\""))
    for entry in glossary.values():
        if isinstance(entry, dict) and isinstance(entry.get("sources"), list):
            keys |= {str(s) for s in entry["sources"]}
    return keys


def _extend_claims(path: Path, stems: set[str], factor: int) -> None:
    """Each claim's position on an article, repeated for every copy of that article."""
    claims = _plain(load_yaml_file(path, path.name))
    if not isinstance(claims, dict):
        return
    for claim in claims.values():
        positions = claim.get("positions") if isinstance(claim, dict) else None
        if isinstance(positions, dict):
            for stem, position in list(positions.items()):
                if stem in stems:
                    for copy in range(2, factor + 1):
                        positions[f"{stem}{key_suffix(copy)}"] = position
    path.write_text(_dump(claims), encoding="utf-8")


def _extend_timeline(path: Path, stems: set[str], factor: int) -> None:
    """Each event's paragraph links, repeated for every copy of the article linked."""
    events = _plain(load_yaml_file(path, path.name))
    if not isinstance(events, dict):
        return
    for event in events.values():
        links = event.get("paragraphs") if isinstance(event, dict) else None
        if isinstance(links, list):
            extra = []
            for copy in range(2, factor + 1):
                for link in links:
                    stem, hash_, number = str(link).partition("#")
                    if stem in stems:
                        extra.append(f"{stem}{key_suffix(copy)}{hash_}{number}")
            links += extra
    path.write_text(_dump(events), encoding="utf-8")


class _NoAliases(yaml.SafeDumper):
    """Values shared between copies are written out each time: the corpus refuses YAML
    aliases (YML606), which PyYAML would otherwise write for them."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _safe_dump(data: object) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100)


def _dump(data: dict) -> str:
    return "# Generated by glossator.synth\n\n" + _safe_dump(data)


def _append_yaml(path: Path, copies: list[tuple[int, dict]]) -> None:
    """Append each copy's mapping to ``path`` as YAML, leaving the original text untouched."""
    chunks = [path.read_text(encoding="utf-8").rstrip("\n") + "\n"]
    for copy, data in copies:
        if data:
            chunks.append(f"\n# Synthetic copy {copy} (glossator.synth)\n\n")
            chunks.append(_safe_dump(data))
    path.write_text("".join(chunks), encoding="utf-8")


def copy_project(source: Path, dest: Path) -> Path:
    """Copy what checks and builds read (corpus/, seeds/, docs/), links kept as links."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        if (source / part).exists():
            shutil.copytree(source / part, dest / part, symlinks=True,
                            ignore=shutil.ignore_patterns("_build", "__pycache__"))
    return dest


def make_synthetic(factor: int, dest: Path, source: Path | None = None) -> Path:
    """A project in ``dest`` whose corpus is ``factor`` times the one under ``source``.

    ``source`` defaults to the project this package is checked out in. Factor 1 is a plain
    copy. Returns ``dest``.
    """
    if factor < 1:
        raise ValueError("factor must be at least 1")
    if source is None:
        source = Path(__file__).resolve().parents[2]
    copy_project(source, dest)
    if factor == 1:
        return dest
    corpus = dest / "corpus"
    article_paths = sorted((corpus / "articles").glob("*.md"))
    texts = {path: path.read_text(encoding="utf-8") for path in article_paths}
    stems = {path.stem for path in article_paths}
    labels = {m["label"] for text in texts.values() for m in _LABEL.finditer(text)}
    glossary_path, sources_path = corpus / "glossary.yml", corpus / "sources.yml"
    glossary = load_yaml_file(glossary_path, "glossary.yml") if glossary_path.exists() else None
    records = load_yaml_file(sources_path, "sources.yml") if sources_path.exists() else None
    glossary = glossary if isinstance(glossary, dict) else {}
    records = records if isinstance(records, dict) else {}
    source_keys = {str(k) for k in records} & _cited_keys(list(texts.values()), glossary)
    records = {k: v for k, v in records.items() if str(k) in source_keys}

    glossary_copies, source_copies = [], []
    for copy in range(2, factor + 1):
        rename = _Renamer(copy, stems, labels, source_keys)
        for path, text in texts.items():
            (path.parent / f"{path.stem}{key_suffix(copy)}.md").write_text(rename(text), encoding="utf-8")
        glossary_copies.append((copy, _copy_glossary(glossary, copy, source_keys)))
        source_copies.append((copy, _copy_sources(records, copy)))
    if glossary_path.exists():
        _append_yaml(glossary_path, glossary_copies)
    if sources_path.exists():
        _append_yaml(sources_path, source_copies)
    if (corpus / "claims.yml").exists():
        _extend_claims(corpus / "claims.yml", stems, factor)
    if (corpus / "timeline.yml").exists():
        _extend_timeline(corpus / "timeline.yml", stems, factor)
    return dest


def check(root: Path) -> list:
    """The findings of every check on the project at ``root`` (empty when check-clean)."""
    from .checks import run_checks
    from .corpus import load_corpus

    return run_checks(load_corpus(root))


def main(argv: list[str] | None = None) -> int:
    """``python -m glossator.synth FACTOR DEST``: make a synthetic project and check it."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m glossator.synth", description=main.__doc__)
    parser.add_argument("factor", type=int, help="how many times the corpus (1 = a plain copy)")
    parser.add_argument("dest", type=Path, help="folder to create the project in")
    parser.add_argument("--source", type=Path, help="project to multiply (default: this checkout)")
    args = parser.parse_args(argv)
    root = make_synthetic(args.factor, args.dest, args.source)
    findings = check(root)
    for finding in findings:
        print(finding.text())
    count = len(list((root / "corpus" / "articles").glob("*.md")))
    print(f"{root}: {count} articles, {len(findings)} findings")
    return 1 if findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
