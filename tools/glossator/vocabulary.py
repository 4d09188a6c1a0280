"""The reader's vocabulary: one table, ``corpus/glossator.yml``, over defaults that suit this reader.

Source types, source kinds, note kinds with their sourcing rules, glossary categories, the
display names of native scripts, reading speed, how many discussion questions and learning
objectives an article has, and the address of the checks' documentation. The checks, the
scaffolding (``glossator new``) and the Sphinx extension all read ``corpus.vocabulary``, so a
project changes its vocabulary in one place and every part follows.

The table is optional, and so is each of its keys. A list (``source_types``,
``glossary_categories``) replaces the default list; a mapping (``source_kinds``,
``note_kinds``, ``scripts``) adds to the default entries, an entry of the same name replacing
(for a note kind: amending) the default one. The defaults are the vocabularies in
``glossator.schema``. Bad values are ``YML608`` findings with the file and line, and the
default is kept for that key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from .diagnostics import DOCS_URL, Diagnostic
from .schema import (
    GLOSSARY_CATEGORIES,
    NOTE_KINDS,
    SOURCE_KINDS,
    SOURCE_TYPES,
    NoteKind,
    SourceKind,
    kind_of_label,
    note_kind,
)

VOCABULARY_FILE = "glossator.yml"  # in corpus/
WORDS_PER_MINUTE = 230
QUESTIONS = (3, 5)  # discussion questions per article, when it has any (TCH714)
OBJECTIVES = (2, 5)  # learning objectives per article, when it has any (TCH720)
SOURCINGS = {
    "optional": "cites only what bears on it",
    "cite": "cites at least one record",
    "record": "cites a source of record",
}

# -- BCP 47 language tags (RFC 5646), for the glossary's ``native`` names ----------------------

_SUBTAG = re.compile(r"^[A-Za-z0-9]{1,8}$")
# Display names for the common languages and scripts; a project adds its own in ``scripts``.
LANGUAGE_NAMES = {
    "ar": "Arabic", "be": "Belarusian", "bg": "Bulgarian", "cs": "Czech", "de": "German", "el": "Greek",
    "en": "English", "es": "Spanish", "fa": "Persian", "fr": "French", "he": "Hebrew", "hi": "Hindi",
    "hy": "Armenian", "it": "Italian", "ja": "Japanese", "ka": "Georgian", "kk": "Kazakh", "ko": "Korean",
    "la": "Latin", "mn": "Mongolian", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese", "ru": "Russian",
    "sr": "Serbian", "sv": "Swedish", "th": "Thai", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "uz": "Uzbek", "vi": "Vietnamese", "yi": "Yiddish", "zh": "Chinese",
}
SCRIPT_NAMES = {
    "Arab": "Arabic", "Armn": "Armenian", "Cyrl": "Cyrillic", "Deva": "Devanagari", "Geor": "Georgian",
    "Grek": "Greek", "Hang": "Hangul", "Hani": "Han", "Hans": "Simplified", "Hant": "Traditional",
    "Hebr": "Hebrew", "Jpan": "Japanese", "Kore": "Korean", "Latn": "Latin", "Mong": "Mongolian",
    "Thai": "Thai",
}
_SCRIPT_BY_NAME = {name.lower(): code for code, name in SCRIPT_NAMES.items()} | {
    "cyrillic": "Cyrl", "hangul": "Hang", "simplified": "Hans", "traditional": "Hant", "devanagari": "Deva"}
# Languages and scripts that LaTeX sets in the CJK font.
CJK_LANGUAGES = {"ko", "zh", "ja"}
CJK_SCRIPTS = {"Hang", "Hani", "Hans", "Hant", "Jpan", "Kore", "Hira", "Kana"}


@dataclass(frozen=True)
class LanguageTag:
    """A BCP 47 tag's language and script (the other subtags are kept in ``tag`` only)."""

    tag: str
    language: str
    script: str | None


def parse_tag(tag: str) -> tuple[LanguageTag | None, str]:
    """(the tag, "") for a well-formed BCP 47 language tag, else (None, what is wrong).

    The syntax of RFC 5646: language (2-3 letters with up to three 3-letter extlangs, or 4-8
    letters), then an optional script of four letters, a region of two letters or three
    digits, variants, extensions and a private use part. Case does not matter."""
    text = str(tag)
    parts = text.split("-")
    if not text or any(not _SUBTAG.match(p) for p in parts):
        return None, "subtags are 1 to 8 letters or digits, joined by '-'"
    language, rest = parts[0], parts[1:]
    if not language.isalpha() or not 2 <= len(language) <= 8:
        return None, f"the language subtag '{language}' must be 2 to 8 letters (an ISO 639 code such as ko or sr)"
    if len(language) <= 3:
        extlangs = 0
        while rest and len(rest[0]) == 3 and rest[0].isalpha() and extlangs < 3:
            rest, extlangs = rest[1:], extlangs + 1
    script = None
    if rest and len(rest[0]) == 4 and not rest[0][0].isdigit():
        if not rest[0].isalpha():
            return None, f"the script subtag '{rest[0]}' must be four letters, an ISO 15924 code such as Cyrl"
        script, rest = rest[0].title(), rest[1:]
    if rest and ((len(rest[0]) == 2 and rest[0].isalpha()) or (len(rest[0]) == 3 and rest[0].isdigit())):
        rest = rest[1:]
    while rest and (5 <= len(rest[0]) <= 8 or (len(rest[0]) == 4 and rest[0][0].isdigit())):
        # Well-formed as a variant, but a script's name where its code belongs is a mistake.
        code = _SCRIPT_BY_NAME.get(rest[0].lower())
        if code:
            return None, f"'{rest[0]}' is a script's name, not its subtag: write {language}-{code}"
        rest = rest[1:]  # variants
    while rest and len(rest[0]) == 1 and rest[0].lower() != "x":  # extensions: a singleton, then subtags
        singleton, rest = rest[0], rest[1:]
        if not rest or len(rest[0]) < 2:
            return None, f"the extension '{singleton}' needs a subtag of 2 to 8 letters or digits"
        while rest and len(rest[0]) >= 2:
            rest = rest[1:]
    if rest and rest[0].lower() == "x":
        if len(rest) < 2:
            return None, "the private use part 'x' needs a subtag"
        rest = []
    if rest:
        bad = rest[0]
        if len(bad) == 4:
            return None, f"the script subtag '{bad}' must follow the language and be four letters"
        return None, f"the subtag '{bad}' is out of place (order: language-Script-REGION-variant)"
    return LanguageTag(text, language.lower(), script), ""


# -- The table -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Vocabulary:
    """What the project calls things, and the numbers its checks hold articles to."""

    source_types: tuple[str, ...] = SOURCE_TYPES
    source_kinds: dict[str, SourceKind] = field(default_factory=lambda: dict(SOURCE_KINDS))
    note_kinds: dict[str, NoteKind] = field(default_factory=lambda: dict(NOTE_KINDS))
    glossary_categories: tuple[str, ...] = GLOSSARY_CATEGORIES
    scripts: dict[str, str] = field(default_factory=dict)  # tag -> display name, over the common names
    words_per_minute: int = WORDS_PER_MINUTE
    questions: tuple[int, int] = QUESTIONS
    objectives: tuple[int, int] = OBJECTIVES
    docs_url: str = DOCS_URL
    path: str = f"corpus/{VOCABULARY_FILE}"

    def note_kind(self, raw: str) -> NoteKind:
        """The kind a note's lead-in declares (a note with no lead-in is a context note)."""
        return note_kind(raw, self.note_kinds)

    def kind_of_label(self, label: str) -> NoteKind | None:
        """The kind a note's label names by its prefix, if any."""
        return kind_of_label(label, self.note_kinds)

    def script_name(self, tag: str) -> str:
        """How the glossary names a native script: the table's name, else the language's and
        the script's common names ("Serbian (Cyrillic)"), else the tag."""
        if tag in self.scripts:
            return self.scripts[tag]
        parsed, _ = parse_tag(tag)
        if parsed is None or parsed.language not in LANGUAGE_NAMES:
            return tag
        name = LANGUAGE_NAMES[parsed.language]
        return f"{name} ({SCRIPT_NAMES[parsed.script]})" if parsed.script in SCRIPT_NAMES else name

    @staticmethod
    def is_cjk(tag: str) -> bool:
        """Whether LaTeX sets a name of this language tag in the CJK font."""
        parsed, _ = parse_tag(tag)
        if parsed is None:
            return False
        return parsed.script in CJK_SCRIPTS if parsed.script else parsed.language in CJK_LANGUAGES


DEFAULT = Vocabulary()

_KEYS = ("source_types", "source_kinds", "note_kinds", "glossary_categories", "scripts", "reading_speed",
         "questions", "objectives", "docs_url")
_SLUG = re.compile(r"^[a-z][a-z0-9-]*$")
_NOTE_FIELDS = {"lead": str, "prefix": str, "name": str, "sourcing": str, "counted": bool}
_KIND_FIELDS = {"label": str, "of_record": bool}


class _Reader:
    """Reads one table, collecting a YML608 finding for each bad value."""

    def __init__(self, data: Any, path: str) -> None:
        self.data, self.path = data, path
        self.findings: list[Diagnostic] = []

    def bad(self, mapping: Any, key: Any, message: str) -> None:
        line = mapping.line_of(key) if hasattr(mapping, "line_of") and key is not None else 1
        self.findings.append(Diagnostic(self.path, max(1, line), 1, "YML608", message))

    def words(self, key: str) -> tuple[str, ...] | None:
        value = self.data[key]
        if not isinstance(value, list) or not value:
            self.bad(self.data, key, f"'{key}' must be a non-empty list of names, e.g. [{', '.join(SOURCE_TYPES[:2])}]")
            return None
        out = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not _SLUG.match(item):
                at = value.line_of(index) if hasattr(value, "line_of") else 1
                self.findings.append(Diagnostic(self.path, at, 1, "YML608",
                                                f"'{key}': {item!r} must be a lower-case name (letters, digits, '-')"))
                return None
            if item in out:
                at = value.line_of(index) if hasattr(value, "line_of") else 1
                self.findings.append(Diagnostic(self.path, at, 1, "YML608", f"'{key}': '{item}' is listed twice"))
                return None
            out.append(item)
        return tuple(out)

    def mapping(self, key: str) -> Any:
        value = self.data[key]
        if not isinstance(value, dict):
            self.bad(self.data, key, f"'{key}' must be a mapping of names to entries")
            return None
        return value

    def bounds(self, key: str, default: tuple[int, int]) -> tuple[int, int] | None:
        value = self.data[key]
        example = f"{key}: {{min: {default[0]}, max: {default[1]}}}"
        if not isinstance(value, dict) or set(value) - {"min", "max"}:
            self.bad(self.data, key, f"'{key}' must be a mapping of 'min' and 'max', e.g. {example}")
            return None
        low, high = value.get("min", default[0]), value.get("max", default[1])
        if any(not isinstance(n, int) or isinstance(n, bool) or n < 0 for n in (low, high)) or low > high:
            self.bad(self.data, key, f"'{key}': min and max must be whole numbers, 0 or more, with min <= max; "
                                     f"got min {low!r}, max {high!r}")
            return None
        return low, high


def _fields(reader: _Reader, what: str, name: str, entry: Any, known: dict[str, type]) -> bool:
    """An entry is a mapping of known fields of the right types."""
    if not isinstance(entry, dict):
        reader.bad(reader.data, None, f"{what} '{name}' must be a mapping of fields ({', '.join(known)})")
        return False
    for key, value in entry.items():
        if key not in known:
            close = get_close_matches(str(key), list(known), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known fields: {', '.join(known)}"
            reader.bad(entry, key, f"{what} '{name}': unknown field '{key}'{hint}")
            return False
        if not isinstance(value, known[key]):
            words = "true or false" if known[key] is bool else "a text"
            reader.bad(entry, key, f"{what} '{name}': '{key}' must be {words}, not {value!r}")
            return False
    return True


def _note_kinds(reader: _Reader) -> dict[str, NoteKind] | None:
    table = reader.mapping("note_kinds")
    if table is None:
        return None
    kinds = dict(NOTE_KINDS)
    for slug, entry in table.items():
        at = table
        if not isinstance(slug, str) or not _SLUG.match(slug):
            reader.bad(at, slug, f"note kind {slug!r} must be a lower-case name (letters, digits, '-')")
            return None
        if not isinstance(entry, dict):
            reader.bad(at, slug, f"note kind '{slug}' must be a mapping of {', '.join(_NOTE_FIELDS)}")
            return None
        if not _fields(reader, "note kind", slug, entry, _NOTE_FIELDS):
            return None
        base = kinds.get(slug)
        if base is None:
            missing = [f for f in ("lead", "prefix", "name", "sourcing") if f not in entry]
            if missing:
                reader.bad(at, slug, f"new note kind '{slug}' needs {', '.join(missing)}")
                return None
            base = NoteKind(slug, "", "", "", "cite")
        kind = replace(base, **{k: v for k, v in entry.items()})
        if kind.sourcing not in SOURCINGS:
            rules = "; ".join(f"{k}: {v}" for k, v in SOURCINGS.items())
            reader.bad(entry, "sourcing", f"note kind '{slug}': sourcing '{kind.sourcing}' must be one of {rules}")
            return None
        if not kind.prefix.endswith("-") or not _SLUG.match(kind.prefix[:-1] or "-"):
            reader.bad(entry if "prefix" in entry else at, "prefix" if "prefix" in entry else slug,
                       f"note kind '{slug}': prefix '{kind.prefix}' must be a lower-case name ending in '-', e.g. var-")
            return None
        if slug != "context" and not kind.lead.strip():
            reader.bad(entry if "lead" in entry else at, "lead" if "lead" in entry else slug,
                       f"note kind '{slug}': 'lead' is how its notes begin, e.g. \"**Variant.**\"; "
                       "only the context note has none")
            return None
        kinds[slug] = kind
    for slug, kind in kinds.items():
        for other in kinds.values():
            if other.slug == slug:
                continue
            clash = ("prefix" if kind.prefix == other.prefix else
                     "lead" if kind.lead and kind.lead == other.lead else None)
            if clash and slug in table:
                reader.bad(table, slug, f"note kind '{slug}' has the same {clash} as '{other.slug}' "
                                        f"({getattr(kind, clash)!r}); each kind needs its own")
                return None
    return kinds


def _source_kinds(reader: _Reader) -> dict[str, SourceKind] | None:
    table = reader.mapping("source_kinds")
    if table is None:
        return None
    kinds = dict(SOURCE_KINDS)
    for slug, entry in table.items():
        if not isinstance(slug, str) or not _SLUG.match(slug):
            reader.bad(table, slug, f"source kind {slug!r} must be a lower-case name (letters, digits, '-')")
            return None
        if not isinstance(entry, dict) or not _fields(reader, "source kind", slug, entry, _KIND_FIELDS):
            if not isinstance(entry, dict):
                reader.bad(table, slug, f"source kind '{slug}' must be a mapping of label and of_record")
            return None
        base = kinds.get(slug)
        if base is None and set(entry) != set(_KIND_FIELDS):
            reader.bad(table, slug, f"new source kind '{slug}' needs label and of_record")
            return None
        kinds[slug] = replace(base or SourceKind(slug, "", False), **dict(entry.items()))
    return kinds


def _scripts(reader: _Reader) -> dict[str, str] | None:
    table = reader.mapping("scripts")
    if table is None:
        return None
    out = {}
    for tag, name in table.items():
        parsed, problem = parse_tag(str(tag))
        if parsed is None:
            reader.bad(table, tag, f"script '{tag}' is not a BCP 47 language tag: {problem}")
            return None
        if not isinstance(name, str) or not name.strip():
            reader.bad(table, tag, f"script '{tag}' needs its display name, e.g. {tag}: Serbian (Cyrillic)")
            return None
        out[str(tag)] = name.strip()
    return out


def read_vocabulary(data: Any, path: str) -> tuple[Vocabulary, list[Diagnostic]]:
    """The vocabulary a loaded table gives (None or empty: the defaults), and its problems."""
    reader = _Reader(data, path)
    if data is None or (isinstance(data, dict) and not data):
        return replace(DEFAULT, path=path), []
    if not isinstance(data, dict):
        reader.bad(None, None, "the vocabulary table must be a mapping of keys "
                               f"({', '.join(_KEYS)})")
        return replace(DEFAULT, path=path), reader.findings
    values: dict[str, Any] = {}
    for key in data:
        if key not in _KEYS:
            close = get_close_matches(str(key), _KEYS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(_KEYS)}"
            reader.bad(data, key, f"unknown key '{key}'{hint}")
    if "source_types" in data:
        values["source_types"] = reader.words("source_types")
    if "glossary_categories" in data:
        values["glossary_categories"] = reader.words("glossary_categories")
    if "source_kinds" in data:
        values["source_kinds"] = _source_kinds(reader)
    if "note_kinds" in data:
        values["note_kinds"] = _note_kinds(reader)
    if "scripts" in data:
        values["scripts"] = _scripts(reader)
    if "reading_speed" in data:
        speed = data["reading_speed"]
        if not isinstance(speed, int) or isinstance(speed, bool) or not 50 <= speed <= 1000:
            reader.bad(data, "reading_speed", f"'reading_speed' is words a minute, a whole number from 50 to 1000; "
                                              f"got {speed!r}")
        else:
            values["words_per_minute"] = speed
    for key, default in (("questions", QUESTIONS), ("objectives", OBJECTIVES)):
        if key in data:
            values[key] = reader.bounds(key, default)
    if "docs_url" in data:
        url = data["docs_url"]
        if not isinstance(url, str) or not re.match(r"^https?://[^\s/]+\S*$", url):
            reader.bad(data, "docs_url", f"'docs_url' must be an http(s) address of the checks' documentation; "
                                         f"got {url!r}")
        else:
            values["docs_url"] = url
    kept = {k: v for k, v in values.items() if v is not None}
    return replace(DEFAULT, path=path, **kept), reader.findings


def load_vocabulary(root: Path) -> tuple[Vocabulary, list[Diagnostic]]:
    """The vocabulary of the project at ``root`` and the table's problems, for the commands
    that do not load the whole corpus (``glossator new``)."""
    from .yamlio import YamlError, load_yaml_file

    path, shown = root / "corpus" / VOCABULARY_FILE, f"corpus/{VOCABULARY_FILE}"
    if not path.is_file():
        return replace(DEFAULT, path=shown), []
    if not path.resolve().is_relative_to(root.resolve()):
        return replace(DEFAULT, path=shown), [Diagnostic(shown, 1, 1, "SEC504", f"{shown} leads outside the project")]
    try:
        data = load_yaml_file(path, shown)
    except YamlError as err:
        return replace(DEFAULT, path=shown), [Diagnostic(err.path, err.line, err.col, "YML601", err.message)]
    return read_vocabulary(data, shown)
