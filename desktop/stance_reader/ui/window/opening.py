"""The lane jobs of opening an article in the window: store it, analyse it through the cache and plan
its rendering, off the GUI thread.

An article read from a file takes **one** lane job (:func:`store_analyse_and_plan`): it stores the
article, tells the window at once with a :class:`Stored` partial (so ``document_changed`` fires and
highlights can be saved while the analysis runs), then analyses without a round trip through the GUI
thread. A document already in the library takes :func:`analyse_and_plan` alone. Both return the
analysis with its :class:`DecidedViews` planned for the visible layers at the window's confidence
bar; reopening an unchanged article reuses the views kept by :func:`views_of` (no re-planning).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from stance_reader.core.models import Analysis, Article, StoredDocument
from stance_reader.services.reading import Overlay
from stance_reader.ui.confidence import DecidedViews, MinConfidence, views_of
from stance_reader.ui.render_plan import Layer
from stance_reader.workers.jobs import AnalysisDone, analyse_article, store_article
from stance_reader.workers.lane import JobContext

if TYPE_CHECKING:  # the window imports no peewee at start; the jobs get the store when they run
    from stance_reader.store import Store

# Turns the model's analysis into the one shown (the analyst's corrections, ui/corrections); lane thread.
AnalysisOverlay = Overlay
Planned = tuple[AnalysisDone, DecidedViews]


@dataclass(frozen=True, slots=True)
class Stored:
    """The first partial of :func:`store_analyse_and_plan`: the article's stored document, or None
    with the ``error`` that kept it out of the library (it is then read without saving)."""

    document: StoredDocument | None
    error: BaseException | None = None


@dataclass(frozen=True, slots=True)
class PlanFor:
    """What the window shows, so the lane plans the render for it: the visible layers, the confidence
    bar, and the corrections overlay (None: the model's analysis as it is)."""

    layers: frozenset[Layer] = frozenset(Layer)
    min_confidence: MinConfidence = None
    overlay: AnalysisOverlay | None = None


def analyse_and_plan(
    store: Store | None,
    document: StoredDocument | None,
    article: Article,
    plan: PlanFor = PlanFor(),
    *,
    context: JobContext,
) -> Planned:
    """Lane job: the analysis (through ``overlay`` when given: the analyst's corrections), plus its view
    at the window's confidence bar with the render plan for the visible layers (pure Python, so built
    here, off the GUI thread). A long article also sends what is found so far as ``(content hash,
    DecidedViews)`` partials, planned here too (corrections are applied once the whole text is done)."""

    def planned(views: DecidedViews) -> DecidedViews:
        views.view(plan.min_confidence)[1].segments(set(plan.layers))
        return views

    def partial(analysis: Analysis) -> None:
        context.partial((article.content_hash, planned(DecidedViews(analysis, len(article.text)))))

    done = analyse_article(
        store, document, article, context=context, on_partial=partial, overlay=plan.overlay
    )
    return done, planned(views_of(done.analysis, len(article.text)))


def store_analyse_and_plan(
    store: Store,
    article: Article,
    plan: PlanFor = PlanFor(),
    *,
    context: JobContext,
) -> Planned:
    """Lane job: store ``article`` (a :class:`Stored` partial says how that went), then
    :func:`analyse_and_plan` it: one job where there used to be two with a GUI turn between."""
    try:
        document = store_article(store, article)
    except Exception as exc:  # the library refused it (full disk, damaged file): read it without saving
        context.partial(Stored(None, exc))
        document = None
    else:
        context.partial(Stored(document))
    return analyse_and_plan(store, document, article, plan, context=context)


__all__ = ["AnalysisOverlay", "PlanFor", "Planned", "Stored", "analyse_and_plan", "store_analyse_and_plan"]
