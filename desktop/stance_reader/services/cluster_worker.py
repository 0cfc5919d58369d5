"""The worker side of ``stance-reader batch``: a Dask worker plugin that loads the pipeline once per
worker process, and the task that analyses one batch of texts on it.

Imports ``distributed`` at the top: only ``services.cluster_batch`` imports this module, inside its run,
and the workers unpickle the plugin and the task from here (so ``stance_reader`` must be importable on
every worker host).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from distributed import WorkerPlugin, get_worker

from stance_reader.core.models import Analysis
from stance_reader.services import analysis
from stance_reader.services.cluster_sinks import Made, make

PLUGIN_NAME = "stance-reader-analyzer"

# What one task sends back per text: its key and its rows made for the sinks, or the message of why
# there are none.
Outcome = tuple[str, Made | str]


class AnalyzerPlugin(WorkerPlugin):
    """Loads the pipeline in ``setup`` (once per worker process; a replaced worker loads it again).

    ``factory`` gives the analyzer (default: this process's ``services.analysis.get_analyzer``); tests
    hand one that fails on purpose."""

    name = PLUGIN_NAME

    def __init__(self, factory: Callable[[], Any] | None = None) -> None:
        self.factory = factory
        self.analyzer: Any = None

    def setup(self, worker: Any) -> None:
        self.analyzer = (self.factory or analysis.get_analyzer)()


def _analyzer() -> Any:
    plugin = get_worker().plugins[PLUGIN_NAME]
    if plugin.analyzer is None:  # setup failed or has not run: load here rather than fail every task
        plugin.setup(get_worker())
    return plugin.analyzer


def pipeline_version() -> str:
    """The pipeline identity of the worker that runs this (the second half of every document key)."""
    return str(_analyzer().version)


def analyse_batch(
    items: Sequence[tuple[str, Any, str]], forms: Sequence[str], min_confidence: float | None
) -> list[Outcome]:
    """``(key, id, text)`` triples analysed in one ``nlp.pipe`` stream, each made into the rows the
    sinks write (``forms``), here on the worker rather than on the one client. If the stream fails,
    each text is retried alone so only the text that breaks the pipeline becomes an error."""
    analyzer = _analyzer()
    # The analyzer is not re-entrant: a `dask worker --nthreads 4` runs four tasks at once.
    with analysis.run_lock():
        try:
            texts = [text for _, _, text in items]
            found: list[Analysis | str] = list(analyzer.analyze_many(texts, batch_size=len(texts)))
        except Exception:  # why broad: one bad text must cost only its own row
            found = [_analyse_one(analyzer, text) for _, _, text in items]
    return [
        (key, result if isinstance(result, str) else make(forms, row_id, text, key, result, min_confidence))
        for (key, row_id, text), result in zip(items, found, strict=True)
    ]


def _analyse_one(analyzer: Any, text: str) -> Analysis | str:
    try:
        return analyzer.analyze(text)  # type: ignore[no-any-return]
    except Exception as exc:  # why broad: the row's message names what failed; the batch goes on
        detail = " ".join(str(exc).split())
        return f"analysis failed ({type(exc).__name__}{': ' if detail else ''}{detail})"
