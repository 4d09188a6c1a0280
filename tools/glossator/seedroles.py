"""What a seed line can be: the one list of seed-line roles, and all that depends on a role.

A ``seed_lines`` entry of an article's front matter gives a range of seed lines a role. The
checks (what the article must write for it, FID405), the Markdown reader (which directives
carry seed text), the importer (which roles it wraps in a directive), the extension (which
directives it registers) and the name index (how it names a place in the article) all read
this table; docs/contributing/article-format.md describes it for contributors.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SeedRole:
    """One role a seed line can have."""

    name: str
    meaning: str  # what such a line is
    shape: str  # how the article writes it (FID405 names it)
    directive: bool = False  # written inside ``:::{name}`` … ``:::``
    place: str = ""  # how the name index names a mention there ("" for ¶-numbered text)


SEED_ROLES: dict[str, SeedRole] = {role.name: role for role in (
    SeedRole("title", "the article's title", "a '# ' heading", place="the title"),
    SeedRole("dek", "standfirst under the title", "a {dek} directive", directive=True, place="the standfirst"),
    SeedRole("byline", "author, date or publication line", "a {byline} directive", directive=True,
             place="the byline"),
    SeedRole("caption", "image caption or credit", "a {caption} directive", directive=True, place="a caption"),
    SeedRole("heading", "section heading", "a '## ' heading", place="a heading"),
    SeedRole("body", "body paragraph", "a paragraph"),
    SeedRole("list", "list item", "a list item"),
    SeedRole("pull-quote", "pull-quote repeating a sentence of the body", "a {pull-quote} directive",
             directive=True, place="a pull-quote"),
    SeedRole("bio", "author biography", "a {bio} directive", directive=True, place="the biography"),
    SeedRole("chrome", "site chrome dropped from the edition (needs a reason)", "left out of the article"),
)}

DROPPED_ROLE = "chrome"  # the one role whose lines the edition leaves out
# Roles written as a directive of their own name, in the seed's order.
DIRECTIVE_ROLES: tuple[str, ...] = tuple(name for name, role in SEED_ROLES.items() if role.directive)
# The ones the extension defines; docutils has its own ``pull-quote`` directive.
EXTENSION_DIRECTIVES: tuple[str, ...] = tuple(name for name in DIRECTIVE_ROLES if name != "pull-quote")
