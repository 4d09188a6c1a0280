"""The ``glossator`` command: ``glossator check`` and friends.

Exit codes: 0 clean, 1 findings, 2 usage error or unreadable input. Never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from .diagnostics import EMITTERS, FAMILIES, REGISTRY, failures


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
    # The whole corpus is always loaded: whether a term or source is used, or a paragraph
    # exists, depends on every file. PATHS only limit which files' findings are shown.
    shown: set[Path] | None = None
    if args.paths:
        shown = set()
        for raw in args.paths:
            path = Path(raw)
            if not path.exists():
                print(f"glossator: error: {raw}: no such file or folder", file=sys.stderr)
                return 2
            shown |= {p.resolve() for p in (path.rglob("*") if path.is_dir() else [path]) if p.is_file()}
    try:
        corpus = load_corpus(root)
        # The corpus lives as long as the command, so the collector need not walk it again
        # during the rules (at 100× that walking cost about a sixth of their time).
        gc.freeze()
        if args.online:
            from .online import check_online

            corpus.findings.extend(check_online(corpus, root))
        findings = run_checks(corpus, _split_codes(args.select), _split_codes(args.ignore))
    except UnusableInput as exc:
        print(f"glossator: error: {exc}", file=sys.stderr)
        return 2
    finally:
        gc.unfreeze()
    if shown is not None:
        findings = [d for d in findings if (root / d.path).resolve() in shown]
    output = EMITTERS[args.format](findings, docs_url=corpus.vocabulary.docs_url)
    if output:
        emit(output)
    return 1 if failures(findings) else 0


def emit(text: str) -> None:
    """Print ``text``; a reader that stops early (``| head -1``) ends the output, quietly."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        # Point stdout at /dev/null, so that the interpreter's last flush does not report
        # the broken pipe; the command's exit status still says what was found.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _cmd_verify_pdf(args: argparse.Namespace) -> int:
    """Compare each article's words in a built PDF with its seed (glossator/pdfcheck.py)."""
    import subprocess

    from .corpus import UnusableInput, find_root
    from .pdfcheck import verify_pdf

    root = Path(args.root).resolve() if args.root else find_root(Path.cwd())
    if root is None or not (root / "corpus" / "articles").is_dir():
        print("glossator: error: no corpus/articles folder here or above; run inside a project or pass --root",
              file=sys.stderr)
        return 2
    pdf = Path(args.pdf)
    if not pdf.is_file():
        print(f"glossator: error: {pdf}: no such PDF; build it first with 'make pdf'", file=sys.stderr)
        return 2
    try:
        problems = verify_pdf(pdf, root)
    except UnusableInput as exc:
        print(f"glossator: error: {exc}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as exc:
        print(f"glossator: error: {pdf}: poppler could not read the PDF ({exc.cmd[0]} exit {exc.returncode})",
              file=sys.stderr)
        return 2
    for problem in problems:
        print(problem)
    if problems:
        print(f"The PDF's text differs from the seeds in {len(problems)} place(s).", file=sys.stderr)
        return 1
    print(f"{pdf}: every article's words are its seed's.")
    return 0


def _cmd_sources(args: argparse.Namespace) -> int:
    """Print the bibliography's counts by kind and its mirrors without a traced original."""
    from .corpus import UnusableInput, find_root, load_corpus
    from .sourcecounts import count_sources, format_counts

    root = Path(args.root).resolve() if args.root else find_root(Path.cwd())
    if root is None or not (root / "corpus" / "articles").is_dir():
        print("glossator: error: no corpus/articles folder here or above; run inside a project or pass --root",
              file=sys.stderr)
        return 2
    try:
        corpus = load_corpus(root)
    except UnusableInput as exc:
        print(f"glossator: error: {exc}", file=sys.stderr)
        return 2
    emit(format_counts(count_sources(corpus.sources), list_mirrors=args.mirrors))
    return 0


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The command's parser; for ``glossator check`` without the other commands, whose modules
    take a third of the time the check needs to start (``make bench``: the import ratio)."""
    parser = _Parser(prog="glossator", description="Check and build an annotated reading corpus.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    check = commands.add_parser("check", help="check the corpus; report problems as path:line:col: CODE message")
    check.add_argument("paths", nargs="*", help="article files or folders to check (default: the whole corpus)")
    check.add_argument("--format", choices=sorted(EMITTERS), default="text", help="output format (default: text)")
    check.add_argument("--select", metavar="CODES", help="only these codes or prefixes, comma-separated (e.g. FID,GLO301)")
    check.add_argument("--ignore", metavar="CODES", help="skip these codes or prefixes, comma-separated")
    check.add_argument("--list", action="store_true", help="list every check code with its summary")
    check.add_argument("--online", action="store_true",
                       help="also check external URLs for real (Sphinx linkcheck; results cached a week)")
    check.add_argument("--root", help="project folder holding corpus/ and seeds/ (default: found from the current folder)")
    check.set_defaults(handler=_cmd_check)
    verify = commands.add_parser("verify-pdf", help="check that each article's words in a built PDF are its seed's")
    verify.add_argument("pdf", nargs="?", default="_build/latex/glossator-reader.pdf",
                        help="the reader's PDF (default: _build/latex/glossator-reader.pdf)")
    verify.add_argument("--root", help="project folder holding corpus/ and seeds/ (default: found from the current folder)")
    verify.set_defaults(handler=_cmd_verify_pdf)
    sources = commands.add_parser("sources", help="count the bibliography's records by kind, and its untraced mirrors")
    sources.add_argument("--mirrors", action="store_true", help="also list the keys of the records left as mirrors")
    sources.add_argument("--root", help="project folder holding corpus/ and seeds/ (default: found from the current folder)")
    sources.set_defaults(handler=_cmd_sources)
    words = sys.argv[1:] if argv is None else argv
    if words[:1] == ["check"] and not {"-h", "--help"} & set(words):
        return parser
    from .importer import add_import_parser
    from .init import add_init_parser
    from .scaffold import add_new_parser

    add_new_parser(commands)  # glossator new term|source|note|event
    add_import_parser(commands)  # glossator import SEED
    lms = commands.add_parser("lms", help="build an IMS Common Cartridge 1.1 of links into the reader, and a syllabus")
    lms.add_argument("--base-url", help="the reader's public address (default: html_baseurl of docs/conf.py)")
    lms.add_argument("--out", default="_build/lms", help="folder to write into (default: _build/lms)")
    lms.add_argument("--html", default="_build/html",
                     help="the built reader: only the handout PDFs in its downloads/ are linked (default: _build/html)")
    lms.add_argument("--root", help="project folder holding corpus/ and docs/ (default: found from the current folder)")
    lms.set_defaults(handler=_cmd_lms)
    add_init_parser(commands)  # glossator init DIR
    return parser


def _cmd_lms(args: argparse.Namespace) -> int:
    from .lms.cartridge import CartridgeError, base_url_of, build, read_conf
    from .scaffold import ScaffoldError, project_root

    try:
        root = project_root(args.root)
        conf = read_conf(root)
        base = base_url_of(conf, args.base_url or os.environ.get("GLOSSATOR_BASEURL"))
        html_dir = Path(args.html)
        downloads = html_dir / "downloads"
        pdfs = {p.name for p in downloads.glob("handout-*.pdf")} if html_dir.is_dir() else None
        written = build(root, root / args.out if not Path(args.out).is_absolute() else Path(args.out), base,
                        str(conf.get("project") or "Reader"), pdfs)
    except (CartridgeError, ScaffoldError) as err:
        print(f"glossator: error: {err}", file=sys.stderr)
        return 2
    print("Validated against the IMS Common Cartridge 1.1 schemas; written:")
    for path in written.values():
        print(f"  {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output other than the findings' (help, --list): nothing was found
        return 0
    except Exception as exc:  # noqa: BLE001 - a contributor must never see a traceback
        print(f"glossator: internal error: {type(exc).__name__}: {exc}; please report it with the command you ran",
              file=sys.stderr)
        return 2
