"""Command line: the window (default), `analyze`, `export`, `library` (check, salvage, restore) and
`corrections` (export, report).
Every capability here works headless.

Heavy imports (spaCy, Qt, peewee) happen inside the command that needs them so `--help` and
`--version` answer at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stance_reader import __version__

SUBCOMMANDS = (
    "analyze", "export", "library", "corrections", "import", "speakers", "speaker", "import-qdpx", "batch",
)  # fmt: skip
EXPORT_FORMATS = ("md", "csv", "xlsx", "json", "html", "pdf", "docx", "qdpx")
SIGPIPE_STATUS = 141  # what a shell reports for a program ended by SIGPIPE (128 + 13)


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
        "--db",
        nargs="?",
        const="",
        metavar="PATH",
        help="open ARTICLE through the library as the window does: store it and reuse (or fill) the "
        "analysis cache. PATH or URL; without one, STANCE_READER_DB or the data folder",
    )
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
    parser.add_argument("--only-corrected", action="store_true", help="only passages the analyst corrected")
    parser.add_argument("--exclude-rejected", action="store_true", help="leave out rejected marks")
    parser.add_argument(
        "--citation-style", metavar="STYLE", help="'plain', or a CSL style's name or .csl file (citeproc-py)"
    )
    parser.add_argument("--out", "-o", type=Path, required=True, help="destination file")
    return parser


def _fail(message: str, code: int = 1) -> int:
    print(f"stance-reader: error: {message}", file=sys.stderr)
    return code


def _run_analyze(argv: Sequence[str]) -> int:
    args = _analyze_parser().parse_args(argv)

    if args.jsonl:
        return _run_batch(args)
    if not args.article:
        return _fail("give an ARTICLE or --jsonl IN.jsonl", 2)
    if args.db is not None:
        return _analyze_stored(args.article, args.db or None, args.format, args.min_confidence)
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


def _analyze_stored(path: Path, db: str | None, fmt: str, min_confidence: float | None) -> int:
    """`analyze ARTICLE --db`: the window's way in (``services.reading.open_article``): the article is
    stored in the library and its analysis comes from the cache when this pipeline already made it."""
    from stance_reader.documents import DocumentError, is_large_file
    from stance_reader.services import analysis, reading
    from stance_reader.services.library import open_store
    from stance_reader.services.progress import ProgressLine
    from stance_reader.store import StoreError

    if is_large_file(path):
        print(f"reading {path.name} ({path.stat().st_size / 1e6:.1f} MB)…", file=sys.stderr, flush=True)
    try:
        article = reading.read_article(path)
    except DocumentError as exc:
        return _fail(str(exc))
    try:
        store = open_store(db)
    except StoreError as exc:
        return _fail(f"cannot open the library: {exc}")
    long = len(article.text) >= analysis.PROGRESS_FROM_CHARS
    line = ProgressLine(article.text, sys.stderr) if long else None

    def progress(fraction: float, _message: str) -> None:
        if line is not None:
            line.update(0 if fraction < 0 else int(fraction * len(article.text)))

    try:
        result = reading.open_article(article, store, hooks=reading.Hooks(progress=progress))
    except analysis.TextTooLong as exc:
        return _fail(f"cannot analyse {path.name}: {exc}")
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return _fail("stopped", 130)
    finally:
        store.close()
    if line is not None:
        line.finish()
    if result.from_cache:
        print(f"stance-reader: analysis from cache ({result.pipeline})", file=sys.stderr)
    decided = result.analysis.decided(min_confidence)
    if fmt == "json":
        analysis.write_json(article, decided, sys.stdout)
        print()
    else:
        analysis.write_summary(article, decided, sys.stdout)
    return 0


def _run_batch(args: argparse.Namespace) -> int:
    """`analyze --jsonl`: bad lines become error rows; the status is 1 when any row failed."""
    from stance_reader.services.batch import analyze_jsonl

    if not args.jsonl.is_file():
        return _fail(f"cannot read {args.jsonl}: no such file")
    try:
        counts = analyze_jsonl(
            args.jsonl,
            args.out,
            processes=args.processes or (os.cpu_count() or 1),
            batch_size=args.batch_size,
            min_confidence=args.min_confidence,
        )
    except BrokenPipeError:
        raise  # the reader went away: main() ends quietly
    except OSError as exc:
        return _fail(f"{exc.filename or args.jsonl}: {exc.strerror or exc}")
    print(counts, file=sys.stderr)
    return 1 if counts.failed else 0


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
            only_corrected=args.only_corrected,
            exclude_rejected=args.exclude_rejected,
            citation_style=args.citation_style,
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


# --- corrections: export, report ---------------------------------------------------------------------


def _corrections_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stance-reader corrections",
        description="The analyst's corrections as evaluation/training data, and the model scored on them.",
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="corrected documents as JSONL (the analyser contract)")
    export.add_argument("--format", choices=("jsonl",), default="jsonl")
    export.add_argument("--out", "-o", type=Path, help="destination file (default: standard output)")
    report = actions.add_parser("report", help="how the model does against your corrections")
    for sub in (export, report):
        sub.add_argument("--db", help="database path or URL")
        sub.add_argument("--reanalyse", action="store_true", help="run the current pipeline (loads spaCy)")
    return parser


def _run_corrections(argv: Sequence[str]) -> int:
    args = _corrections_parser().parse_args(argv)
    from stance_reader.services.corrections import commands
    from stance_reader.store import StoreError

    analyse = commands.reanalyse() if args.reanalyse else None
    try:
        if args.action == "report":
            print(commands.report(args.db, analyse))
            return 0
        if args.out is None:
            count = commands.export_jsonl(args.db, sys.stdout, analyse)
        else:
            with args.out.open("w", encoding="utf-8", newline="\n") as out:
                count = commands.export_jsonl(args.db, out, analyse)
    except (OSError, StoreError) as exc:
        return _fail(str(exc))
    print(f"exported {count} corrected document(s)", file=sys.stderr)
    return 0


# --- library: check, salvage, restore ----------------------------------------------------------------


def _library_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stance-reader library",
        description="Check the library database, salvage a damaged one, or restore a backup. "
        "Nothing is ever deleted: a file being replaced is kept beside it.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="database path (default: STANCE_READER_DB or the data folder)")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    def action(name: str, text: str) -> argparse.ArgumentParser:
        return actions.add_parser(name, help=text, description=text, parents=[common])

    check = action("check", "report damage, and highlights changed outside the app")
    check.add_argument("--accept-changes", action="store_true", help="take changed highlights as intended")
    salvage = action("salvage", "recover every readable row of a damaged library and use it")
    salvage.add_argument("--from", dest="source", type=Path, help="the damaged file (default: the library)")
    restore = action("restore", "replace the library with a backup")
    restore.add_argument("--backup", default="latest", help="latest (default), a timestamp, or a file")
    action("list-backups", "the backups, with their dates and highlight counts")
    action("start-empty", "set the library aside and start an empty one")
    return parser


def _run_library(argv: Sequence[str]) -> int:
    args = _library_parser().parse_args(argv)
    from stance_reader import paths
    from stance_reader.store import StoreError
    from stance_reader.store.connection import sqlite_path

    path = sqlite_path(args.db or paths.default_database())
    if path is None:
        return _fail("library commands work on a SQLite file; a PostgreSQL server has its own tools")
    run = {
        "check": _library_check,
        "salvage": _library_salvage,
        "restore": _library_restore,
        "list-backups": _library_backups,
        "start-empty": _library_start_empty,
    }[args.action]
    try:
        return run(path, args)
    except (OSError, StoreError) as exc:
        return _fail(str(exc))


def _say(line: str) -> None:
    print(line, file=sys.stderr)


def _choice_lines(recovery: Any, path: Path, leave_out: str = "") -> list[str]:
    """Each choice in plain words with the command that makes it."""
    from stance_reader.services import recovery as rec

    commands = {
        rec.Choice.SALVAGED: f"stance-reader library salvage --db {path}",
        rec.Choice.BACKUP: f"stance-reader library restore --backup latest --db {path}",
        rec.Choice.EMPTY: f"stance-reader library start-empty --db {path}",
    }
    return [
        f"  {'*' if o.default else '-'} {o.label}: {o.holds}{' (recommended)' if o.default else ''}\n"
        f"      {commands[o.choice]}"
        for o in rec.options(recovery)
        if o.choice != leave_out
    ]


def _library_check(path: Path, args: argparse.Namespace) -> int:
    import tempfile

    from stance_reader.services import recovery as rec
    from stance_reader.services.exporting import missing_library
    from stance_reader.store import Store
    from stance_reader.store.checksums import describe_mismatches
    from stance_reader.store.connection import damage
    from stance_reader.store.errors import plain_reason

    if not path.exists():
        return _fail(missing_library(path))
    reason = damage(path)
    if reason is not None:
        _say(f"{path} is damaged: {plain_reason(reason)} ({reason.splitlines()[0]}). Nothing was moved.")
        with tempfile.TemporaryDirectory() as folder:  # a preview: the trial salvage is not kept
            trial = rec.prepare(path, path, reason, salvage_to=Path(folder) / "trial.sqlite3")
            _say("What each choice would hold:")
            for line in _choice_lines(trial, path):
                _say(line)
        return 1
    with Store(str(path), auto_backup=False, move_damaged=False) as store:
        changed = store.changed_outside()
        _say(f"{path} is sound: {store.count_documents()} articles, {store.count_highlights()} highlights.")
        if changed and args.accept_changes:
            store.accept_changes(changed)
            _say(f"Accepted the current text of {len(changed)} highlights as intended.")
            return 0
    if changed:
        _say(describe_mismatches(changed) + " Run with --accept-changes if that was intended.")
        return 1
    return 0


def _library_salvage(path: Path, args: argparse.Namespace) -> int:
    from stance_reader.services import recovery as rec
    from stance_reader.store.connection import moved_aside

    source, reason = args.source, "damaged"
    if source is None:
        taken = rec.take_aside_if_damaged(path) if path.exists() else None
        if taken is None and path.exists():
            _say(f"{path} is sound: nothing to salvage (give --from FILE to salvage another file).")
            return 0
        earlier = moved_aside(path)
        if taken is None and not earlier:
            return _fail(f"no library database at {path} and no damaged copy of it to salvage")
        source, reason = taken or (earlier[-1], "damaged")
    recovery = rec.prepare(path, source, reason)
    if recovery.report is None:
        return _fail(f"the salvage of {source} failed: {recovery.salvage_error}")
    moved = rec.apply(recovery, rec.Choice.SALVAGED)
    _say(rec.message(recovery, rec.Choice.SALVAGED))
    if moved is not None:
        _say(f"The library that was in its place is kept as {moved}.")
    _say(f"The salvage is also kept as {recovery.salvaged}. The other choices:")
    for line in _choice_lines(recovery, path, leave_out=rec.Choice.SALVAGED):
        _say(line)
    return 0


def _library_restore(path: Path, args: argparse.Namespace) -> int:
    from stance_reader.services import recovery as rec
    from stance_reader.store.backups import taken_at
    from stance_reader.store.salvage import highlight_count

    backup = rec.find_backup(path, args.backup)
    taken = rec.take_aside_if_damaged(path) if path.exists() else None
    moved = rec.use_copy_of(backup, path)
    count = highlight_count(path) or 0
    stamp = rec.when(taken_at(backup)) if backup.name.startswith(path.stem + ".") else backup.name
    _say(f"Restored the backup of {stamp} into {path}: {count} highlights.")
    for kept in (taken[0] if taken else None, moved):
        if kept is not None:
            _say(f"The file it replaced is kept as {kept}.")
    return 0


def _library_backups(path: Path, args: argparse.Namespace) -> int:
    from stance_reader.services import recovery as rec

    lines = rec.backup_lines(path)
    print("\n".join(lines) if lines else f"no backups of {path.name} yet")
    return 0


def _library_start_empty(path: Path, args: argparse.Namespace) -> int:
    from stance_reader.services import recovery as rec

    taken = rec.take_aside_if_damaged(path) if path.exists() else None
    moved = taken[0] if taken else rec.set_aside(path)
    kept = f"; the previous file is kept as {moved}" if moved else ""
    _say(f"{path} will start empty the next time it is opened{kept}.")
    return 0


# --- the speaker ledger: import, speakers, speaker ---------------------------------------------------


def _import_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stance-reader import",
        description="Read, analyse (with the analysis cache) and store articles, filling the speaker ledger. "
        "Re-importing an unchanged file does nothing.",
    )
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="FILE|FOLDER", help="articles or folders of them"
    )
    parser.add_argument("--db", help="database path or URL (default: STANCE_READER_DB or the data folder)")
    return parser


def _run_import(argv: Sequence[str]) -> int:
    args = _import_parser().parse_args(argv)
    from stance_reader.services.ledger import ImportOutcome, import_paths
    from stance_reader.services.library import open_store
    from stance_reader.store import StoreError

    def progress(done: int, total: int, outcome: ImportOutcome) -> None:
        width = 24
        filled = width * done // max(total, 1)
        what = {
            "imported": f"imported, {outcome.marks} ledger mark(s)"
            + (" (cached analysis)" if outcome.from_cache else ""),
            "unchanged": "unchanged, already in the library: nothing to do",
            "failed": f"failed: {outcome.message}",
        }[outcome.status]
        bar = f"[{'#' * filled}{'.' * (width - filled)}]"
        print(f"{bar} {done}/{total} {outcome.path.name}: {what}", file=sys.stderr)

    try:
        with open_store(args.db) as store:
            outcomes = import_paths(store, args.paths, on_item=progress)
    except (OSError, StoreError) as exc:
        return _fail(str(exc))
    except Exception as exc:  # the document readers name what they could not read
        from stance_reader.documents.errors import DocumentError

        if isinstance(exc, DocumentError):
            return _fail(str(exc))
        raise
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in ("imported", "unchanged", "failed")}
    print(
        f"{counts['imported']} imported, {counts['unchanged']} unchanged, {counts['failed']} failed",
        file=sys.stderr,
    )
    return 1 if counts["failed"] else 0


def _speakers_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stance-reader speakers",
        description="Every speaker in the library: hedges, commitments, quotes, articles, first and last "
        "date.",
    )
    parser.add_argument("--db", help="database path or URL (default: STANCE_READER_DB or the data folder)")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
    return parser


def _run_speakers(argv: Sequence[str]) -> int:
    args = _speakers_parser().parse_args(argv)
    from stance_reader.export.ledger import speakers_csv, speakers_json, speakers_table
    from stance_reader.services.library import open_store
    from stance_reader.store import StoreError

    write = {"table": speakers_table, "json": speakers_json, "csv": speakers_csv}[args.format]
    try:
        with open_store(args.db) as store:
            sys.stdout.write(write(store.list_speakers()))
    except StoreError as exc:
        return _fail(str(exc))
    return 0


def _speaker_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stance-reader speaker",
        description="One speaker's ledger: every hedge, commitment and quote across the library, "
        "newest first.",
    )
    parser.add_argument("name", help='the speaker, by any name they go by ("Rutte", "Mark Rutte")')
    parser.add_argument("--db", help="database path or URL (default: STANCE_READER_DB or the data folder)")
    parser.add_argument(
        "--kind", action="append", choices=("hedge", "commitment", "quote"), help="repeatable"
    )
    parser.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="articles dated on or after")
    parser.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="articles dated on or before")
    parser.add_argument("--outlet", help="only this outlet (case ignored)")
    parser.add_argument("--text", default="", help="only marks whose text contains this (case ignored)")
    parser.add_argument(
        "--format", choices=("md", "json", "html", "docx", "pdf"), default="md",
        help="md/json: the ledger with the stance shifts; html/docx/pdf: the dossier with its timeline "
        "picture (these need --out)",
    )  # fmt: skip
    parser.add_argument("--out", "-o", type=Path, help="destination file (default: standard output)")
    return parser


def _run_speaker(argv: Sequence[str]) -> int:
    args = _speaker_parser().parse_args(argv)
    if args.out is None and args.format in ("html", "docx", "pdf"):
        return _fail(f"--format {args.format} needs --out FILE")
    from stance_reader.export.dossier import render
    from stance_reader.services import dossier
    from stance_reader.services.library import open_store
    from stance_reader.store import StoreError

    try:
        with open_store(args.db) as store:
            found = dossier.build(
                store, args.name, kinds=args.kind or (), date_from=args.date_from, date_to=args.date_to,
                outlet=args.outlet, text=args.text,
            )  # fmt: skip
    except StoreError as exc:
        return _fail(str(exc))
    if found is None:
        return _fail(f"no speaker called {args.name!r} in the library (see 'stance-reader speakers')")
    if args.out is None:
        sys.stdout.write(str(render(found, args.format)))
        return 0
    try:
        dossier.write(found, args.format, args.out)
    except OSError as exc:
        return _fail(f"cannot write {args.out}: {exc}")
    print(
        f"wrote {len(found.entries)} ledger entries of {found.speaker.name} to {args.out}"
        f" ({len(found.shifts)} stance shift(s))",
        file=sys.stderr,
    )
    return 0


def _run_import_qdpx(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="stance-reader import-qdpx",
        description="Import a REFI-QDA project: text sources as documents, coded selections as highlights.",
    )
    parser.add_argument("file", type=Path, metavar="FILE.qdpx")
    parser.add_argument("--db", help="database path or URL (default: STANCE_READER_DB or the data folder)")
    args = parser.parse_args(argv)
    from stance_reader.services.qdpx_import import QdpxError, import_qdpx
    from stance_reader.store import StoreError

    try:
        report = import_qdpx(args.file, args.db)
    except (QdpxError, OSError, StoreError) as exc:
        return _fail(str(exc))
    for warning in report.warnings:
        print(f"stance-reader: note: {warning}", file=sys.stderr)
    print(report.summary(), file=sys.stderr)
    return 0


# --- batch: a corpus on Dask distributed (services/cluster_batch.py) ----------------------------------


def _cluster_batch_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stance-reader batch",
        description="Analyse a corpus on Dask distributed (pip install 'stance-reader[cluster]'): JSONL "
        "{id, text} files, Parquet with id/text columns, or article files and folders. Resumable: "
        "documents already in OUT (or the library) are skipped.",
    )
    parser.add_argument("inputs", nargs="+", type=Path, metavar="IN", help="JSONL, Parquet, file or folder")
    parser.add_argument("--out", type=Path, metavar="OUT.jsonl|OUT.parquet", help="results file")
    parser.add_argument("--db", nargs="?", const="", metavar="URL", help="store documents and analyses")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="tcp://HOST:8786", help="use this Dask scheduler")
    where.add_argument("--workers", type=int, metavar="N", help="local worker processes (default: cores)")
    parser.add_argument("--batch-size", type=int, default=16, help="documents per task")
    parser.add_argument("--min-confidence", type=_probability, metavar="P", help="as for analyze")
    return parser


def _run_cluster_batch(argv: Sequence[str]) -> int:
    args = _cluster_batch_parser().parse_args(argv)
    from stance_reader.services.cluster_batch import Options, run_batch
    from stance_reader.store import StoreError

    options = Options(args.scheduler, args.workers, args.batch_size, min_confidence=args.min_confidence)
    try:
        counts = run_batch(args.inputs, args.out, args.db, options)
    except ModuleNotFoundError as exc:  # Dask and pyarrow are the optional `cluster` extra
        return _fail(f"no module {exc.name!r}: pip install 'stance-reader[cluster]'")
    except (OSError, ValueError, StoreError) as exc:
        return _fail(str(exc))
    print(counts, file=sys.stderr)
    return 1 if counts.failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Qt writes PDF font tables in hash order; a fixed seed makes exports byte-identical across runs.
    os.environ.setdefault("QT_HASH_SEED", "0")
    try:
        status = _dispatch(argv)
        sys.stdout.flush()  # here, so a closed pipe is caught below and not at interpreter exit
    except BrokenPipeError:
        # `analyze … | head -1`: the reader has all it wanted. The recipe from Python's signal docs:
        # point stdout at devnull so the final flush at exit cannot raise again, and exit like SIGPIPE.
        _stdout_to_devnull()
        return SIGPIPE_STATUS
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    return status


def _dispatch(argv: list[str]) -> int:
    if argv and argv[0] == "analyze":
        return _run_analyze(argv[1:])
    if argv and argv[0] == "export":
        return _run_export(argv[1:])
    if argv and argv[0] == "library":
        return _run_library(argv[1:])
    if argv and argv[0] == "corrections":
        return _run_corrections(argv[1:])
    if argv and argv[0] == "import":
        return _run_import(argv[1:])
    if argv and argv[0] == "speakers":
        return _run_speakers(argv[1:])
    if argv and argv[0] == "speaker":
        return _run_speaker(argv[1:])
    if argv and argv[0] == "import-qdpx":
        return _run_import_qdpx(argv[1:])
    if argv and argv[0] == "batch":
        return _run_cluster_batch(argv[1:])
    return _run_gui(argv)


def _stdout_to_devnull() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # stdout is not a real file (tests capture it): nothing will flush it at exit


if __name__ == "__main__":
    raise SystemExit(main())
