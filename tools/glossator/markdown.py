"""Parse MyST articles with the same markdown-it parser Sphinx uses, into located blocks.

Block tokens carry a 0-based, end-exclusive ``map``; inline children carry none, so their
line and column are recovered by finding their raw form in the parent's source, in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .seedroles import DIRECTIVE_ROLES

# One list, used by both this parser and docs/conf.py, so the check sees what Sphinx sees.
# Typographic replacements (smartquotes, replacements) are deliberately absent: they would
# change the articles' characters.
MYST_EXTENSIONS = ["colon_fence", "deflist", "fieldlist"]

# Directives that carry seed text, and the role each gives its paragraphs (its own name).
STRUCTURAL_DIRECTIVES = {name: name for name in DIRECTIVE_ROLES}

# Roles in seed text, by what a reader sees of them (docs/contributing/checks.md, FID412).
# Cross-references accept ``title <target>`` and then show the title; without a title they show
# a generated label (a page's or heading's title, "¶3", "Gray 2020"), which is not seed text,
# except ``term``, which then shows its own content.
XREF_ROLES = {"term", "para", "cite", "doc", "ref", "numref", "footcite"}
# Every other role shows its whole content: ``{abbr}`a <b>``` shows "a <b>", and the
# explanation of ``{abbr}`NATO (North Atlantic …)``` shows as a tooltip and in the PDF.
_EXPLICIT_TITLE = re.compile(r"^(?P<title>.+?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)
_OPTION_LINE = re.compile(r"^:[\w-]+:")


@dataclass
class InlineRef:
    """A role, footnote reference or link found inside a block, with its position."""

    kind: str  # "role", "footnote", "link", "html"
    name: str  # role name, footnote label, link href or raw html
    target: str  # role target (explicit target or content)
    title: str  # explicit title, or "" when none
    line: int
    col: int


@dataclass
class Block:
    """A paragraph-level unit of an article: one seed line's worth of text."""

    role: str
    text: str
    line: int  # 1-based first line in the article file
    end_line: int  # 1-based last line
    raw: str
    refs: list[InlineRef] = field(default_factory=list)
    para: int | None = None  # ¶ number for body paragraphs and list items


@dataclass
class Footnote:
    label: str
    line: int
    text: str
    refs: list[InlineRef] = field(default_factory=list)
    raw: str = ""


@dataclass
class Directive:
    name: str
    line: int
    end_line: int
    content: str


@dataclass
class ParsedDocument:
    """What an article file holds, in order."""

    front_matter: str | None
    front_matter_line: int
    blocks: list[Block]
    footnotes: list[Footnote]
    targets: list[tuple[str, int]]
    directives: list[Directive]
    stray: list[tuple[int, str]]  # block tokens that are not allowed in an article body
    html_blocks: list[tuple[int, str]]


_PARSER: MarkdownIt | None = None


def parser() -> MarkdownIt:
    """The MyST markdown-it parser, configured as docs/conf.py configures Sphinx."""
    global _PARSER
    if _PARSER is None:
        from markdown_it.renderer import RendererHTML
        from myst_parser.config.main import MdParserConfig
        from myst_parser.parsers.mdit import create_md_parser

        _PARSER = create_md_parser(
            MdParserConfig(enable_extensions=set(MYST_EXTENSIONS)), RendererHTML
        )
        # The word count only fills the parser's env (for Sphinx's reading-time
        # substitutions); tokens are the same without it, and it was a tenth of the parse.
        _PARSER.disable("wordcount", ignoreInvalid=True)
        _PARSER.inline.ruler.at("myst_role", _myst_role)
    return _PARSER


_ROLE_NAME = re.compile(r"\{([a-zA-Z0-9\_\-\+\:]+)\}")


def _myst_role(state, silent: bool) -> bool:  # noqa: ANN001 - markdown-it's StateInline
    """mdit_py_plugins' ``myst_role`` rule, the same tokens, without copying the rest of the
    source at every role (``state.src[state.pos:]``), which made 100k roles take 45 s."""
    src = state.src
    match = _ROLE_NAME.match(src, state.pos)
    if not match:
        return False
    start = pos = match.end()
    while pos < len(src) and src[pos] == "`":
        pos += 1
    if pos >= len(src):
        return False
    ticks = pos - start
    if not ticks:
        return False
    close = src.find("`" * ticks, pos + 1)
    if close < 0:
        return False
    if not silent:
        token = state.push("myst_role", "", 0)
        token.meta = {"name": match.group(1)}
        token.content = src[pos:close].replace("\n", " ")
    state.pos = close + ticks
    return True


def split_role(content: str) -> tuple[str, str]:
    """Split ``title <target>`` into (title, target); ("", content) when there is no title."""
    match = _EXPLICIT_TITLE.match(content.strip())
    if match:
        return match["title"].strip(), match["target"].strip()
    return "", content.strip()


def role_text(name: str, content: str) -> str:
    """The text a reader sees for a role, as far as it is the contributor's own.

    A cross-reference without a title shows a generated label: "" here (FID412 refuses it
    in seed text). Any other role shows its whole content.
    """
    if name not in XREF_ROLES:
        return content
    title, target = split_role(content)
    if title:
        return title
    return target if name == "term" else ""


def visible_span(name: str, content: str) -> tuple[int, int]:
    """Where, within a role's content, the text that ``role_text`` returns stands."""
    text = role_text(name, content)
    start = content.find(text) if text else 0
    return (start, start + len(text)) if start >= 0 else (0, 0)


class _Locator:
    """Finds successive raw fragments in a block's source to give line and column.

    Positions only move forward, so the line count is carried from one answer to the next:
    counting from the block's start each time made a paragraph of many roles quadratic
    (100k roles took 45 s; ``make bench``, hostile inputs)."""

    def __init__(self, raw: str, first_line: int, first_col: int = 1) -> None:
        self.raw, self.first_line, self.first_col, self.pos = raw, first_line, first_col, 0
        self._index, self._line, self._line_start = 0, first_line, 0  # the last answer

    def find(self, needle: str) -> tuple[int, int]:
        index = self.raw.find(needle, self.pos) if needle else -1
        if index < 0:
            index = self.pos
        else:
            self.pos = index + len(needle)
        return self.at(index)

    def at(self, index: int) -> tuple[int, int]:
        if index < self._index:  # never happens in order; stay exact if it does
            self._index, self._line, self._line_start = 0, self.first_line, 0
        newlines = self.raw.count("\n", self._index, index)
        if newlines:
            self._line += newlines
            self._line_start = self.raw.rfind("\n", self._index, index) + 1
        self._index = index
        line = self._line
        col = index - self._line_start + 1
        return line, (col + self.first_col - 1 if line == self.first_line else col)


def inline_text(token: Token, raw: str, first_line: int) -> tuple[str, list[InlineRef]]:
    """Plain text of an inline token with annotation markup removed, and its references."""
    parts: list[str] = []
    refs: list[InlineRef] = []
    locate = _Locator(raw, first_line)
    for child in token.children or []:
        kind = child.type
        if kind == "text":
            locate.find(child.content)
            parts.append(child.content)
        elif kind in {"softbreak", "hardbreak"}:
            parts.append(" ")
        elif kind == "code_inline":
            locate.find(child.content)
            parts.append(child.content)
        elif kind == "myst_role":
            name = child.meta.get("name", "")
            line, col = locate.find("{" + name + "}`")
            locate.find(child.content)
            title, target = split_role(child.content)
            refs.append(InlineRef("role", name, target, title, line, col))
            parts.append(role_text(name, child.content))
        elif kind == "footnote_ref":
            label = child.meta.get("label", "")
            line, col = locate.find(f"[^{label}]")
            refs.append(InlineRef("footnote", label, label, "", line, col))
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
            line, col = locate.find("[")
            refs.append(InlineRef("link", href, href, "", line, col))
        elif kind == "html_inline":
            line, col = locate.find(child.content)
            refs.append(InlineRef("html", child.content, "", "", line, col))
            parts.append(child.content)
        elif kind == "image":
            line, col = locate.find("![")
            src = str(child.attrs.get("src", ""))
            refs.append(InlineRef("link", src, "", "", line, col))
            # Its alt text is read aloud and shown when the image fails: FID410 refuses it.
            refs.append(InlineRef("image", src, src, child.content, line, col))
    return "".join(parts), refs


def _directive_name(info: str) -> str | None:
    match = re.match(r"^\{([\w:.-]+)\}", info.strip())
    return match.group(1) if match else None


def _directive_body(content: str) -> tuple[str, int]:
    """Strip a directive's option lines; return the body and how many lines were skipped."""
    lines = content.split("\n")
    skipped = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            skipped = end + 1
    else:
        while skipped < len(lines) and _OPTION_LINE.match(lines[skipped]):
            skipped += 1
    return "\n".join(lines[skipped:]), skipped


def _blocks_from_tokens(
    tokens: list[Token], lines: list[str], offset: int, role: str, doc: ParsedDocument
) -> list[Block]:
    """Blocks of one token stream; ``offset`` is the 0-based line where the stream starts."""
    blocks: list[Block] = []
    depth_list = 0
    in_footnote: Footnote | None = None
    heading_level = 0
    for index, tok in enumerate(tokens):
        start = tok.map[0] + offset if tok.map else None
        if tok.type == "front_matter":
            continue
        if tok.type == "footnote_reference_open":
            label = str(tok.meta.get("label", ""))
            in_footnote = Footnote(label, (start or 0) + 1, "")
            doc.footnotes.append(in_footnote)
            continue
        if tok.type == "footnote_reference_close":
            in_footnote = None
            continue
        if in_footnote is not None:
            if tok.type == "inline" and tok.map:
                raw = "\n".join(lines[start : tok.map[1] + offset])
                text, refs = inline_text(tok, raw, start + 1)
                in_footnote.text += (" " if in_footnote.text else "") + text
                in_footnote.refs.extend(refs)
                in_footnote.raw += ("\n" if in_footnote.raw else "") + raw
            elif tok.type in {"colon_fence", "fence"} and tok.map:
                doc.directives.append(
                    Directive(_directive_name(tok.info) or "", start + 1, tok.map[1] + offset, tok.content)
                )
            elif tok.type == "html_block" and tok.map:
                doc.html_blocks.append((start + 1, tok.content))
            continue
        if tok.type in {"bullet_list_open", "ordered_list_open"}:
            depth_list += 1
        elif tok.type in {"bullet_list_close", "ordered_list_close"}:
            depth_list -= 1
        elif tok.type == "heading_open":
            heading_level = int(tok.tag[1:])
        elif tok.type == "inline" and tok.map:
            parent = tokens[index - 1].type if index else ""
            raw = "\n".join(lines[start : tok.map[1] + offset])
            text, refs = inline_text(tok, raw, start + 1)
            if parent == "heading_open":
                kind = "title" if heading_level == 1 else "heading"
            elif depth_list:
                kind = "list"
            else:
                kind = role
            blocks.append(Block(kind, text, start + 1, tok.map[1] + offset, raw, refs))
        elif tok.type in {"colon_fence", "fence"} and tok.map:
            name = _directive_name(tok.info)
            end = tok.map[1] + offset
            doc.directives.append(Directive(name or "", start + 1, end, tok.content))
            if name in STRUCTURAL_DIRECTIVES:
                body, skipped = _directive_body(tok.content)
                if skipped:
                    # These directives take no options: MyST would render the lines as text.
                    first = tok.content.split("\n", 1)[0].strip()
                    doc.stray.append((start + 2, f"option block ('{first}') of {{{name}}}, which takes no options,"))
                body_start = start + 1 + skipped
                rest = tok.info.strip()[len(name) + 2:].strip()
                if rest and not skipped:
                    # Text after ``{dek}`` on the fence line is the directive's first body line.
                    body, body_start = rest + "\n" + body, start
                inner = parser().parse(body)
                blocks.extend(
                    _blocks_from_tokens(inner, lines, body_start, STRUCTURAL_DIRECTIVES[name], doc)
                )
            else:
                doc.stray.append((start + 1, f"directive {{{name}}}" if name else "code block"))
        elif tok.type == "myst_target":
            doc.targets.append((tok.content, (start or 0) + 1))
        elif tok.type == "html_block":
            doc.html_blocks.append(((start or 0) + 1, tok.content))
        elif tok.type in {"table_open", "blockquote_open", "code_block", "hr", "dl_open", "field_list_open"} and start is not None:
            doc.stray.append((start + 1, tok.type.replace("_open", "").replace("_", " ")))
    return blocks


def parse_document(text: str) -> ParsedDocument:
    """Parse an article's source into front matter, seed-text blocks and annotations."""
    tokens = parser().parse(text)
    lines = text.split("\n")
    doc = ParsedDocument(None, 0, [], [], [], [], [], [])
    if tokens and tokens[0].type == "front_matter":
        doc.front_matter = tokens[0].content
        doc.front_matter_line = 1
    doc.blocks = _blocks_from_tokens(tokens, lines, 0, "body", doc)
    number = 0
    for block in doc.blocks:
        if block.role in {"body", "list"}:
            number += 1
            block.para = number
    return doc
