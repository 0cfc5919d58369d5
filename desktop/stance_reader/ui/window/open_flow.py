"""The window's flow of opening an article: show it at once → store it on the lane → analyse it on the
lane → colour it.

Owns :class:`OpenFlow`: reading a file on the window's loader lane (a long analysis never delays the
next article's text), showing the article and resetting the panels, submitting the lane job of
``ui/window/opening.py`` (one job stores and analyses a file; a document from the library is only
analysed) and taking its partials (the stored document first, then what a long analysis has found so
far). The window's open generation lives here: every article shown bumps it, and each lane callback
checks it (with the article's content hash) and drops what belongs to an article no longer shown.
Results go to the window's :class:`~stance_reader.ui.window.shown_analysis.ShownAnalysis`.

The window keeps the public API (``open_path``, ``show_article``, ``open_stored_document``,
``generation``) as calls into this object, and the state others read (``current_article``,
``current_document``, ``current_path``). GUI thread only; nothing here imports spaCy or peewee.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from stance_reader.core.models import Article, StoredDocument
from stance_reader.ui import settings as keys
from stance_reader.ui.confidence import DecidedViews
from stance_reader.ui.window.counts import layer_counts
from stance_reader.ui.window.opening import PlanFor, Planned, Stored, analyse_and_plan, store_analyse_and_plan
from stance_reader.workers.jobs import read_article

if TYPE_CHECKING:
    from stance_reader.ui.main_window import MainWindow

STATUS_MS = 6000


def load_failed_message(path: Path, error: BaseException) -> str:
    """What the window says when ``path`` cannot be read (a ``DocumentError``'s own plain message)."""
    reason = (
        str(error) if error.__class__.__name__ == "DocumentError" else f"{error.__class__.__name__}: {error}"
    )
    return reason if path.name in reason else f"Cannot open {path.name}: {reason}"


class OpenFlow:
    """Opens articles in ``window`` (see the module docstring)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.generation = 0  # bumped for every article shown: lane results of older ones are dropped
        self.request = 0  # bumped for every file read or article shown: a slower read is dropped
        self._jobs: list[int] = []  # the current article's lane jobs

    def open_path(self, path: Path) -> int | None:
        """Read ``path`` on the loader lane, then show it; returns the loader job id."""
        w = self.window
        self.request += 1
        request = self.request
        w.statusBar().showMessage(f"Opening {path.name}…", STATUS_MS)
        return w.loader.submit(
            read_article,
            path,
            on_done=lambda article: self._loaded(request, path, article),
            on_error=lambda exc: self._load_failed(request, path, exc),
        )

    def _loaded(self, request: int, path: Path, article: Article) -> None:
        if request != self.request:
            return  # another file was opened while this one was being read
        w = self.window
        w.current_path = path
        w.statusBar().clearMessage()  # "Opening …" is over
        keys.push_recent(w.settings, str(path.resolve()))
        w.settings.setValue(keys.LAST_DIR, str(path.resolve().parent))
        self.show_article(article)

    def _load_failed(self, request: int, path: Path, error: BaseException) -> None:
        if request != self.request:
            return
        message = load_failed_message(path, error)
        self.window.show_error(message)
        self.window.open_failed.emit(message)

    def show_article(self, article: Article, document: StoredDocument | None = None) -> None:
        """Show the text at once, then store and analyse it on the lane."""
        w = self.window
        self.generation += 1
        for job in self._jobs:
            w.lane.cancel(job)  # queued jobs of the previous article are skipped, running ones ignored
        self._jobs = []
        self.request += 1  # a file still being read must not replace this article
        w.current_article, w.current_document = article, document
        w.shown_analysis.clear()
        w.banner.hide()
        self._show_notices(article)
        w.setWindowTitle(f"{article.display_title} — Stance Reader")
        w.reader.set_article(article)
        w.reader.set_layers(w.active_layers())
        w.sidebar.clear("Analysing…")
        w.details.show_mark(None, article.text)
        w.legend.set_counts(layer_counts(None))
        w.legend.set_speakers({})
        w.counts_label.setText("Analysing…")
        # Import notices (encoding guesses, left-out boilerplate) are printed under the article's title.
        w.article_shown.emit(article)
        generation = self.generation
        if document is not None or w.store is None:
            self._stored(generation, document)
        else:  # one lane job stores and analyses; a Stored partial brings the document back first
            self._start_analysis(generation, store_analyse_and_plan, w.store, article)

    def _show_notices(self, article: Article) -> None:
        """Import notices (encoding guessed, text looks like mojibake, parts left out) also stay in the
        status bar: the lines under the title scroll away with the article, and these change how far
        the analysis can be trusted."""
        if article.notices:
            self.window.statusBar().showMessage("Note: " + "; ".join(article.notices))
        else:
            self.window.statusBar().clearMessage()

    def _stored(self, generation: int, document: StoredDocument | None) -> None:
        """The article's document is known (already in the library, or there is no library): analyse."""
        if self._document_known(generation, document):
            w = self.window
            self._start_analysis(generation, analyse_and_plan, w.store, document, w.current_article)

    def _document_known(self, generation: int, document: StoredDocument | None) -> bool:
        w = self.window
        if generation != self.generation or w.current_article is None:
            return False
        w.current_document = document
        w.document_changed.emit(document)
        return True

    def _start_analysis(self, generation: int, job: Callable[..., Planned], *args: object) -> None:
        """Submit the open flow's lane job (``args``, then what the window shows, to plan for)."""
        w = self.window
        shown = w.shown_analysis
        plan = PlanFor(frozenset(w.active_layers()), shown.bar, w.analysis_overlay)
        job_id = w.lane.submit(
            job, *args, plan,
            on_done=lambda result: shown.analysed(generation, result),
            on_error=lambda exc: shown.failed(generation, exc),
            on_partial=lambda payload: self._open_partial(generation, payload),
        )  # fmt: skip
        self._jobs.append(job_id)
        shown.set_running(job_id)

    def _open_partial(self, generation: int, payload: Stored | tuple[str, DecidedViews]) -> None:
        if not isinstance(payload, Stored):
            self.window.shown_analysis.partly_analysed(generation, payload)
        elif payload.error is not None and generation == self.generation:
            self.window.show_error(
                f"Could not add the article to the library ({payload.error}); reading it without saving."
            )
            self._document_known(generation, None)
        else:
            self._document_known(generation, payload.document)


__all__ = ["OpenFlow", "load_failed_message"]
