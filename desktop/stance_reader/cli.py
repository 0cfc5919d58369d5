"""Command line: the window (default), `analyze` and `export`. Every capability here works headless.

Heavy imports (spaCy, Qt, peewee) happen inside the command that needs them so `--help` and
`--version` answer at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from stance_reader import __version__

SUBCOMMANDS = ("analyze", "export")
EXPORT_FORMATS = ("md", "csv", "xlsx", "json", "html", "pdf", "docx")


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stance-reader",
        description="Offline reader that shows speakers, hedges and firm commitments in news articles. "
        f"Subcommands: {', '.join(SUBCOMMANDS)} (see 'stance-reader SUBCOMMAND --help').",
    )
    parser.add_argument("file", nargs="?", type=Path, help="article to open (default: a bundled sample)")
    parser.add_argument("--version", action="version", version=f"stance-reader {__version__}")
    parser.add_argument("--db", help="database path or URL (default: STANCE_READER_DB or the data folder)")
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="OUT.png",
        help="render the window offscreen once analysis has finished, save it as PNG and exit",
    )
    parser.add_argument("--theme", choices=("light", "dark"), help="colour theme for this run")
    parser.add_argument("--size", default="1400x900", help="window size for --screenshot (WxH)")
    return parser


def _analyze_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stance-reader analyze",
        description="Analyse an article (readable summary or JSON) or a JSONL batch of {id, text} lines.",
    )
    parser.add_argument("article", nargs="?", type=Path, help="article file to analyse")
    parser.add_argument("--jsonl", type=Path, metavar="IN.jsonl", help="batch input: one {id, text} per line")
    parser.add_argument("--out", type=Path, metavar="OUT.jsonl", help="batch output (default: stdout)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output for ARTICLE")
    parser.add_argument(
        "--processes", "-j", type=int, default=1, help="worker processes for --jsonl (0 = all cores)"
    )
    parser.add_argument("--batch-size", type=int, default=32, help="texts per nlp.pipe batch")
    parser.add_argument(
        "--min-confidence",
        type=_probability,
        metavar="P",
        help="keep hedges and commitments the model scored at least P (0..1); "
        "default: each kind's own model threshold. Marks found by rules alone are always kept",
    )
    return parser


def _probability(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a probability from 0 to 1, not {value!r}")
    return number


def _export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stance-reader export", description="Export saved highlights into a report format."
    )
    parser.add_argument("--format", "-f", choices=EXPORT_FORMATS, required=True)
    parser.add_argument("--db", help="database path or URL")
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--doc", type=int, metavar="ID", help="one document's highlights")
    scope.add_argument("--all", action="store_true", help="every document (default)")
    parser.add_argument("--kind", action="append", default=[], help="only this kind (repeatable)")
    parser.add_argument("--speaker", action="append", default=[], help="only this speaker (repeatable)")
    parser.add_argument("--tag", action="append", default=[], help="only this tag (repeatable)")
    parser.add_argument("--query", help="full-text search filter")
    parser.add_argument("--automatic", action="store_true", help="include the automatic marks too")
    parser.add_argument("--out", "-o", type=Path, required=True, help="destination file")
    return parser


def _fail(message: str, code: int = 1) -> int:
    print(f"stance-reader: error: {message}", file=sys.stderr)
    return code


def _run_analyze(argv: Sequence[str]) -> int:
    args = _analyze_parser().parse_args(argv)
    from stance_reader.services import analysis

    if args.jsonl:
        if not args.jsonl.is_file():
            return _fail(f"cannot read {args.jsonl}: no such file")
        processes = args.processes or (os.cpu_count() or 1)
        count = analysis.analyze_jsonl(
            args.jsonl,
            args.out,
            processes=processes,
            batch_size=args.batch_size,
            min_confidence=args.min_confidence,
        )
        print(f"analysed {count} texts", file=sys.stderr)
        return 0
    if not args.article:
        return _fail("give an ARTICLE or --jsonl IN.jsonl", 2)
    return _analyze_one(args.article, args.format, args.min_confidence)


def _analyze_one(path: Path, fmt: str, min_confidence: float | None) -> int:
    """One article: a summary or JSON on stdout; progress on stderr when it is long."""
    from stance_reader.documents import DocumentError, is_large_file, load_article
    from stance_reader.services import analysis
    from stance_reader.services.progress import ProgressLine

    if is_large_file(path):  # reading and normalising 30 MB takes seconds: say so at once
        print(f"reading {path.name} ({path.stat().st_size / 1e6:.1f} MB)…", file=sys.stderr, flush=True)
    try:
        article = load_article(path)
    except DocumentError as exc:
        return _fail(str(exc))
    long = len(article.text) >= analysis.PROGRESS_FROM_CHARS
    progress = ProgressLine(article.text, sys.stderr) if long else None
    try:
        result = analysis.decided_analysis(article, min_confidence, progress.update if progress else None)
    except analysis.TextTooLong as exc:
        return _fail(f"cannot analyse {path.name}: {exc}")
    except KeyboardInterrupt:  # Ctrl-C: stop between chunks' work without a traceback
        print(file=sys.stderr)
        return _fail("stopped", 130)
    if progress is not None:
        progress.finish()
    if fmt == "json":
        analysis.write_json(article, result, sys.stdout)  # streamed: a long text's JSON is never one string
        print()
    else:
        analysis.write_summary(article, result, sys.stdout)
    return 0


def _run_export(argv: Sequence[str]) -> int:
    args = _export_parser().parse_args(argv)
    from stance_reader.services import exporting

    try:
        count = exporting.export_cli(
            fmt=args.format,
            db=args.db,
            doc_id=args.doc,
            kinds=args.kind,
            speakers=args.speaker,
            tags=args.tag,
            query=args.query,
            include_automatic=args.automatic,
            out=args.out,
        )
    except (OSError, ValueError, LookupError) as exc:
        return _fail(str(exc))
    print(f"exported {count} passages to {args.out}", file=sys.stderr)
    return 0


def _run_gui(argv: Sequence[str]) -> int:
    args = _gui_parser().parse_args(argv)
    if args.file is not None and not args.file.exists():
        return _fail(f"cannot open {args.file}: no such file")
    if args.file is not None and not os.access(args.file, os.R_OK):
        return _fail(f"cannot open {args.file}: permission denied")
    if args.screenshot is None and not _display_available():
        return _fail(
            "no display found (DISPLAY/WAYLAND_DISPLAY unset). To check the window without a screen, run "
            "'stance-reader --screenshot OUT.png [FILE]'; to analyse headless, 'stance-reader analyze FILE'."
        )
    if args.screenshot is None:
        problem = _x11_plugin_problem()
        if problem:
            return _fail(problem)
    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        return _fail(f"--size must look like 1400x900, not {args.size!r}", 2)
    from stance_reader.app import run_gui

    return run_gui(
        file=args.file, db=args.db, screenshot=args.screenshot, theme=args.theme, size=(width, height)
    )


def _display_available() -> bool:
    """True when Qt can plausibly open a window; checked first so Qt never dies on a missing plugin."""
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in {"offscreen", "minimal", "vnc"}:
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _x11_plugin_problem() -> str | None:
    """Why Qt's X11 (xcb) platform plugin cannot load here, or None.

    Qt aborts the process with a raw "could not load the Qt platform plugin" when the plugin's system
    libraries are missing, so we dlopen the plugin first and turn the loader's error into advice.
    """
    uses_xcb = os.environ.get("QT_QPA_PLATFORM", "xcb").startswith("xcb") and os.environ.get("DISPLAY")
    if not sys.platform.startswith("linux") or not uses_xcb or os.environ.get("WAYLAND_DISPLAY"):
        return None
    import ctypes
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    plugin = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists():
        return None
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        missing = str(exc).split(":")[0] if "cannot open shared object" in str(exc) else str(exc)
        return (
            f"cannot open a window on this X11 display: Qt's xcb plugin needs {missing}, which is not "
            "installed (Debian/Ubuntu: apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 "
            "libxcb-shape0 libxkbcommon-x11-0). Meanwhile 'stance-reader --screenshot OUT.png' and "
            "'stance-reader analyze FILE' work without it."
        )
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Qt writes PDF font tables in hash order; a fixed seed makes exports byte-identical across runs.
    os.environ.setdefault("QT_HASH_SEED", "0")
    if argv and argv[0] == "analyze":
        return _run_analyze(argv[1:])
    if argv and argv[0] == "export":
        return _run_export(argv[1:])
    return _run_gui(argv)


if __name__ == "__main__":
    raise SystemExit(main())
