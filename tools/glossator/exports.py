"""The bibliography for reference managers: CSL-JSON items (:mod:`glossator.csl`) written as
CSL-JSON, BibTeX (with pybtex's writer, so quoting and braces are its own) and RIS (with rispy).

The three carry the same records and the same facts; what a record does not know is left out,
never filled in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

BIBTEX_TYPES = {"article-newspaper": "article", "article-magazine": "article", "article-journal": "article",
                "report": "techreport", "entry-encyclopedia": "misc", "webpage": "misc", "dataset": "misc",
                "chapter": "incollection"}
RIS_TYPES = {"article-newspaper": "NEWS", "article-magazine": "MGZN", "article-journal": "JOUR", "report": "RPRT",
             "entry-encyclopedia": "ENCYC", "webpage": "ELEC", "dataset": "DATA", "chapter": "CHAP"}
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# Fields biblatex reads verbatim: written as they are, where pybtex would escape "_" and "%".
VERBATIM = {"url", "urldate", "date"}


def csl_json(items: Iterable[dict]) -> str:
    return json.dumps(list(items), ensure_ascii=False, indent=2) + "\n"


def _parts(item: dict, name: str) -> list[int]:
    return list(item.get(name, {}).get("date-parts", [[]])[0])


def _person(name: dict) -> str:
    if "family" in name:
        return f"{name['family']}, {name['given']}"
    return "{" + name["literal"] + "}"  # an organisation: one name, never split into first and last


def bibtex(items: Iterable[dict]) -> str:
    """BibTeX entries, one per item, keyed by the record's key."""
    from pybtex.database import BibliographyData, Entry, Person
    from pybtex.database.output.bibtex import Writer

    class VerbatimUrls(Writer):
        def _write_field(self, stream, type, value):
            if type in VERBATIM:
                stream.write(f",\n    {type} = {self.quote(value)}")
            else:
                super()._write_field(stream, type, value)

    data = BibliographyData()
    for item in items:
        kind = BIBTEX_TYPES.get(item["type"], "misc")
        fields: dict[str, str] = {}
        if item.get("title"):
            fields["title"] = "{" + item["title"] + "}"  # as published: no case changes (pybtex escapes)
        container = item.get("container-title")
        if container:
            fields["journal" if kind == "article" else "howpublished"] = container
        if item.get("publisher"):
            fields["institution" if kind == "techreport" else "publisher"] = item["publisher"]
        for name in ("volume", "issue"):
            if item.get(name):
                fields["number" if name == "issue" else name] = str(item[name])
        issued = _parts(item, "issued")
        if issued:
            fields["year"] = str(issued[0])
        if len(issued) > 1:
            fields["month"] = MONTHS[issued[1] - 1]
        if issued:
            fields["date"] = "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(issued))
        if item.get("URL"):
            fields["url"] = item["URL"]
        accessed = _parts(item, "accessed")
        if accessed:
            fields["urldate"] = "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(accessed))
        if item.get("archive_location"):
            fields["note"] = f"Accessed via {item.get('archive') or 'a copy'}: {item['archive_location']}"
        persons = {"author": [Person(_person(n)) for n in item.get("author", [])]}
        if item.get("editor"):
            persons["editor"] = [Person(_person(n)) for n in item["editor"]]
        data.entries[item["id"]] = Entry(kind, fields=fields, persons={k: v for k, v in persons.items() if v})
    import io

    stream = io.StringIO()
    VerbatimUrls().write_stream(data, stream)
    return stream.getvalue()


def ris_url(url: str) -> str:
    """The address as a RIS UR value: one URL, its ";" percent-encoded."""
    return url.replace(";", "%3B")


def ris_entries(items: Iterable[dict]) -> list[dict]:
    """The items as rispy entries (its field names)."""
    entries = []
    for item in items:
        entry: dict = {"type_of_reference": RIS_TYPES.get(item["type"], "GEN"), "id": item["id"]}
        if item.get("title"):
            entry["title"] = item["title"]
        names = [a["literal"] if "literal" in a else f"{a['family']}, {a['given']}" for a in item.get("author", [])]
        if names:
            entry["authors"] = names
        if item.get("container-title"):
            entry["secondary_title"] = item["container-title"]
        if item.get("publisher"):
            entry["publisher"] = item["publisher"]
        for name, field in (("volume", "volume"), ("issue", "number")):
            if item.get(name):
                entry[field] = str(item[name])
        issued = _parts(item, "issued")
        if issued:
            entry["year"] = str(issued[0])
            entry["date"] = "/".join([str(issued[0]), *(f"{p:02d}" for p in issued[1:])] + [""] * (3 - len(issued)))
        if item.get("URL"):
            # RIS separates several URLs in one UR line with ";" (and rispy splits there), so a
            # ";" inside an address is written percent-encoded.
            entry["urls"] = [ris_url(item["URL"])]
        accessed = _parts(item, "accessed")
        if accessed:
            entry["access_date"] = "/".join([str(accessed[0]), *(f"{p:02d}" for p in accessed[1:])])
        if item.get("archive_location"):
            entry["notes"] = [f"Accessed via {item.get('archive') or 'a copy'}: {item['archive_location']}"]
        entries.append(entry)
    return entries


def ris(items: Iterable[dict]) -> str:
    import rispy

    return rispy.dumps(ris_entries(items))
