"""``stance-reader corrections``: the analyst's corrections as evaluation data and as a personal test.

Owns :func:`export_jsonl` (every corrected document, one JSONL row each, in the analyser contract of
``../shared/eval/README.md``: score it with ``stance_eval.py --jsonl-set``, or train on it) and
:func:`report` (how the model does against the corrections). Headless; opens the library read-only.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from stance_reader.services.corrections.learning import Analyse, eval_rows, score


def open_library(db: str | None) -> Any:
    """The library for a headless command; a missing file is an error, never a new empty library."""
    from stance_reader.paths import default_database
    from stance_reader.store import Store

    target = db or default_database()
    if "://" not in target and not Path(target).expanduser().exists():
        raise FileNotFoundError(f"no library database at {target}")
    return Store(target, auto_backup=False, move_damaged=False)


def export_jsonl(db: str | None, out: TextIO, analyse: Analyse | None = None) -> int:
    """Write the corrected documents to ``out``; returns how many."""
    store = open_library(db)
    try:
        rows = eval_rows(store, analyse)
    finally:
        store.close()
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    unanalysed = sum(1 for row in rows if not row["analysed"])
    if unanalysed:
        print(
            f"stance-reader: note: {unanalysed} corrected article(s) were never analysed: only the"
            " analyst's own passages are in their rows",
            file=sys.stderr,
        )
    return len(rows)


def report(db: str | None, analyse: Analyse | None = None) -> str:
    """The model (cached analyses, or ``analyse``) against the analyst's corrections, as text."""
    store = open_library(db)
    try:
        result = score(store, analyse)
    finally:
        store.close()
    if not result.corrections:
        return "No corrections yet: correct marks in the window (right-click a mark), then run this again."
    source = "the current pipeline" if analyse is not None else "the cached analyses"
    return "\n".join([f"Model: {source}", *result.lines()])


def reanalyse() -> Analyse:
    """The current pipeline's decided analysis (loads spaCy)."""
    from stance_reader.services.analysis import decided_analysis

    return decided_analysis


__all__ = ["export_jsonl", "open_library", "reanalyse", "report"]
