"""The docutils nodes the reader's features build: cross-references as the roles make them,
and the small blocks (labelled paragraphs, lists, apparatus sections) their pages are made of."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docutils import nodes
from sphinx import addnodes

from .domain import TEACHING_REFTYPE


def xref(reftype: str, target: str, text: str, fromdoc: str, domain: str = "", explicit: bool = True) -> addnodes.pending_xref:
    """A ``pending_xref`` as ``XRefRole`` builds it for ``{domain:reftype}`title <target>```."""
    classes = ["xref", domain, f"{domain}-{reftype}"] if domain else ["xref", reftype]
    node = addnodes.pending_xref("", refdoc=fromdoc, refdomain=domain, reftype=reftype,
                                 refexplicit=explicit, refwarn=True, reftarget=target)
    node += nodes.inline(text, text, classes=classes)
    return node


def cite_xref(key: str, fromdoc: str) -> addnodes.pending_xref:
    """``{cite}`key```: shows "Gray 2020", linked to the bibliography."""
    return xref("cite", key, key, fromdoc, explicit=False)


def para_xref(stem: str, number: int | str, fromdoc: str, text: str | None = None) -> addnodes.pending_xref:
    """``{para}`stem#N``` (or ``stem#N-M``): shows "Gray 2020, ¶N" (or ``text``), linked to the
    paragraph (or the range)."""
    target = f"{stem}#{number}"
    return xref("para", target, text or target, fromdoc, explicit=text is not None)


def term_xref(term: str, fromdoc: str) -> addnodes.pending_xref:
    """``{term}`term```: the word, linked to its glossary entry."""
    return xref("term", term, term, fromdoc, domain="std")


def doc_xref(docname: str, text: str, fromdoc: str) -> addnodes.pending_xref:
    """``{doc}`text </docname>```."""
    return xref("doc", "/" + docname, text, fromdoc, domain="std")


def page_xref(target: str, text: str, fromdoc: str) -> addnodes.pending_xref:
    """A link to a teaching page or anchor: ``timeline``, ``event:<id>``, ``claim:<id>`` …"""
    return xref(TEACHING_REFTYPE, target, text, fromdoc)


def joined(items: Iterable[nodes.Node], sep: str = ", ") -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for item in items:
        if result:
            result.append(nodes.Text(sep))
        result.append(item)
    return result


def para(*children: nodes.Node | str, classes: list[str] | None = None) -> nodes.paragraph:
    para = nodes.paragraph(classes=classes or [])
    for child in children:
        para += nodes.Text(child) if isinstance(child, str) else child
    return para


def labelled(label: str, *children: nodes.Node | str) -> nodes.paragraph:
    """A paragraph led by a bold label: **Thesis:** …"""
    return para(nodes.strong(label, label), *((" ", *children) if children else ()))


def bullets(items: Iterable[nodes.Node], enumerated: bool = False) -> nodes.Element:
    listing = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".") if enumerated else nodes.bullet_list(bullet="-")
    for item in items:
        listing += nodes.list_item("", item)
    return listing


def apparatus_section(ident: str, title: str, *body: nodes.Node) -> nodes.section:
    section = nodes.section(ids=[ident], names=[nodes.fully_normalize_name(title)], classes=["glossator-apparatus"])
    section += nodes.title(title, title)
    for child in body:
        section += child
    return section


def anchor_id(*parts: str) -> str:
    return nodes.make_id("-".join(parts))


def as_list(value: Any) -> list:
    return value if isinstance(value, list) else []


def items(mapping: Any) -> list[tuple[str, dict]]:
    return [(str(k), v) for k, v in mapping.items() if isinstance(v, dict)]

