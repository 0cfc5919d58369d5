"""Lane glue for the reader: runs the reading and importing services on the lane, with the job's
progress, partial results and cancellation passed in as plain callables.

The use cases themselves live in ``services/reading.py`` (read → store → analyse through the cache) and
``services/importing.py`` (a folder into the library); what stays here is what only a lane job knows:
its :class:`~stance_reader.workers.lane.JobContext`, and which pipeline to use (the child-process one
keeps the GIL free for the window). Importing this module loads neither spaCy nor peewee.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stance_reader.core.models import Analysis, Article, StoredDocument
from stance_reader.services.importing import FolderImportDone
from stance_reader.services.importing import import_folder as import_folder_service
from stance_reader.services.reading import (
    BUSY,
    Hooks,
    Overlay,
    Reading,
    open_article,
    read_article,
    store_article,
)
from stance_reader.workers.lane import JobContext

# The lane job's result is the reading service's frozen result.
AnalysisDone = Reading


def pipeline_loaded() -> bool:
    """True once the process-wide analyzer exists (cheap; never imports spaCy)."""
    module = sys.modules.get("stance_reader.services.analysis")
    return bool(module is not None and getattr(module, "_ANALYZER", None) is not None)


def lane_analyzer(context: JobContext) -> Any:
    """The pipeline to use: the in-process one when it is already loaded here (tests, CLI) or
    ``STANCE_READER_ANALYSIS=thread``; otherwise the child-process one (keeps the GIL free for the
    window), falling back to in-process if the child cannot start."""
    # A frozen bundle would re-run the whole app in a spawned child unless its entry point calls
    # multiprocessing.freeze_support(); such builds opt in with STANCE_READER_ANALYSIS=process.
    frozen = getattr(sys, "frozen", False) and os.environ.get("STANCE_READER_ANALYSIS") != "process"
    if pipeline_loaded() or frozen or os.environ.get("STANCE_READER_ANALYSIS") == "thread":
        from stance_reader.services.analysis import get_analyzer

        return get_analyzer()
    from stance_reader.workers.analysis_process import process_analyzer

    analyzer = process_analyzer()
    if not analyzer.started:
        context.progress(BUSY, "Loading the language pipeline…")
    try:
        analyzer.start()
        return analyzer
    except Exception as exc:  # no subprocesses allowed here (sandbox, frozen build without support)
        print(f"stance-reader: analysing in-process ({exc.__class__.__name__}: {exc})", file=sys.stderr)
        from stance_reader.services.analysis import get_analyzer

        return get_analyzer()


def hooks_for(context: JobContext, on_partial: Callable[[Analysis], None] | None = None) -> Hooks:
    """The job's progress, cancellation check and partial results as the reading service's hooks."""
    return Hooks(progress=context.progress, check=context.check, partial=on_partial)


def analyse_article(
    store: Any,
    document: StoredDocument | None,
    article: Article,
    *,
    context: JobContext,
    on_partial: Callable[[Analysis], None] | None = None,
    overlay: Overlay | None = None,
) -> Reading:
    """Lane job: the window's way into ``services.reading.open_article`` (the same function as
    ``stance-reader analyze --db``) for an article already shown and stored (``document``; None when it
    could not be stored: then it is analysed without the library), with the lane's pipeline and the
    job's plumbing."""
    return open_article(
        article,
        store if document is not None else None,
        document=document,
        analyzer=lambda: lane_analyzer(context),
        hooks=hooks_for(context, on_partial),
        overlay=overlay,
    )


def import_folder(store: Any, folder: Path, *, context: JobContext) -> FolderImportDone:
    """Lane job: ``services.importing.import_folder`` with the job's progress and cancellation."""
    return import_folder_service(
        store, folder, progress=context.progress, cancelled=lambda: context.cancelled
    )


__all__ = [
    "AnalysisDone",
    "FolderImportDone",
    "analyse_article",
    "hooks_for",
    "import_folder",
    "lane_analyzer",
    "pipeline_loaded",
    "read_article",
    "store_article",
]
