"""The ``glossator`` command: ``glossator check`` and friends.

Exit codes: 0 clean, 1 findings, 2 usage error or unreadable input. Never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .diagnostics import EMITTERS, FAMILIES, REGISTRY


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors, as we want
        self.print_usage(sys.stderr)
        self.exit(2, f"glossator: error: {message}\n")


def _split_codes(value: str | None) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()] if value else []


def _cmd_check(args: argparse.Namespace) -> int:
    from .checks import run_checks
    from .corpus import UnusableInput, find_root, load_corpus

    for code in _split_codes(args.select) + _split_codes(args.ignore):
        if not any(known.startswith(code) for known in REGISTRY):
            print(f"glossator: error: unknown code or prefix '{code}' (see 'glossator check --list')", file=sys.stderr)
            return 2
    if args.list:
        for family, title in FAMILIES.items():
            rules = [r for r in sorted(REGISTRY.values(), key=lambda r: r.code) if r.family == family]
            if rules:
                print(f"{family}  {title}")
                for entry in rules:
                    print(f"  {entry.code}  {entry.summary}")
        return 0
    root = Path(args.root).resolve() if args.root else find_root(Path.cwd())
    if root is None or not (root / "corpus" / "articles").is_dir():
        print("glossator: error: no corpus/articles folder here or above; run inside a project or pass --root", file=sys.stderr)
        return 2
    only: list[Path] | None = None
    if args.paths:
        only = []
        for raw in args.paths:
            path = Path(raw)
            if not path.exists():
                print(f"glossator: error: {raw}: no such file or folder", file=sys.stderr)
                return 2
            only.extend(sorted(path.rglob("*.md")) if path.is_dir() else [path])
    try:
        corpus = load_corpus(root, only)
        findings = run_checks(corpus, _split_codes(args.select), _split_codes(args.ignore))
    except UnusableInput as exc:
        print(f"glossator: error: {exc}", file=sys.stderr)
        return 2
    output = EMITTERS[args.format](findings)
    if output:
        print(output)
    return 1 if findings else 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="glossator", description="Check and build an annotated reading corpus.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    check = commands.add_parser("check", help="check the corpus; report problems as path:line:col: CODE message")
    check.add_argument("paths", nargs="*", help="article files or folders to check (default: the whole corpus)")
    check.add_argument("--format", choices=sorted(EMITTERS), default="text", help="output format (default: text)")
    check.add_argument("--select", metavar="CODES", help="only these codes or prefixes, comma-separated (e.g. FID,GLO301)")
    check.add_argument("--ignore", metavar="CODES", help="skip these codes or prefixes, comma-separated")
    check.add_argument("--list", action="store_true", help="list every check code with its summary")
    check.add_argument("--root", help="project folder holding corpus/ and seeds/ (default: found from the current folder)")
    check.set_defaults(handler=_cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - a contributor must never see a traceback
        print(f"glossator: internal error: {type(exc).__name__}: {exc}; please report it with the command you ran",
              file=sys.stderr)
        return 2
