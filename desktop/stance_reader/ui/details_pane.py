"""The details pane: what the selected mark is, how sure the model was and why, the passage it governs,
and "save".

Owns :class:`DetailsPane`. It shows one ``Mark`` (or a hint when none is selected) and emits
``save_requested(mark)``; the highlights feature persists it. GUI thread only.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from stance_reader.core.models import Mark, Quote
from stance_reader.ui.reader_lookup import mark_label

HINT = "Click a highlighted passage (or pick one in the sidebar) to see why it was marked."
SURE_SPEAKER = 0.8  # a resolved "she" below this is shown as "probably …"
EVIDENCE_SHOWN = 4  # the strongest few features explain a decision; the rest is noise in a side pane


def mark_heading(mark: Mark) -> str:
    """ "Hedge, 0.87", or "Hedge (unscored)" for a mark no model scored (plain text)."""
    if mark.confidence is None:
        return f"{mark_label(mark)} (unscored)"
    return f"{mark_label(mark)}, {mark.confidence:.2f}"


def speaker_phrase(mark: Mark, quote: Quote | None, text: str) -> str:
    """Who holds the mark, saying how sure a pronoun's resolution is when it is not sure:
    "she — probably Priya Raman (0.62)"."""
    if not mark.speaker:
        return "the article's own voice"
    return mark.speaker if quote is None else resolved_phrase(mark.speaker, quote, text)


def resolved_phrase(name: str, quote: Quote, text: str) -> str:
    """``name``, or "she — probably NAME (0.62)" when the quote's pronoun resolution is unsure."""
    sure = quote.speaker_confidence
    if sure is None or sure >= SURE_SPEAKER or not quote.speaker:
        return name
    s, e = quote.speaker[0]
    return f"{text[s:e]} — probably {name} ({sure:.2f})"


def analyst_line(mark: Mark) -> str:
    """ "Corrected by you, was: hedge by the article's voice, model 0.71" (plain text; "" for a
    mark as the model made it)."""
    note = mark.analyst
    if note is None:
        return ""
    if note.was_kind is None:
        return "Added by you"
    who = note.was_speaker or "the article's voice"
    score = f", model {note.was_confidence:.2f}" if note.was_confidence is not None else ""
    return f"Corrected by you, was: {note.was_kind} by {who}{score}"


def evidence_html(mark: Mark) -> str:
    """The strongest evidence as a short list, or "" when the mark carries none."""
    items = mark.evidence[:EVIDENCE_SHOWN]
    if not items:
        return ""
    lines = "<br>".join(f"&nbsp;• {escape(item)}" for item in items)
    return f"<br><small>Evidence:<br>{lines}</small>"


class DetailsPane(QWidget):
    save_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("details_pane")
        self.setAccessibleName("Mark details")
        self._mark: Mark | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.summary = QLabel(HINT, self)
        self.summary.setObjectName("details_summary")
        self.summary.setAccessibleName("Selected mark")
        self.summary.setWordWrap(True)
        # The summary (who, why, "corrected by you, was: …") is never squeezed below its text: the
        # passage box gives way first when the dock is short.
        self.summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.passage = QTextBrowser(self)
        self.passage.setObjectName("details_passage")
        self.passage.setAccessibleName("Governed passage")
        self.passage.setMaximumHeight(110)
        self.passage.setMinimumHeight(32)
        self.passage.setVisible(False)
        self.save_button = QPushButton("&Save as highlight", self)
        self.save_button.setObjectName("details_save")
        self.save_button.setAccessibleName("Save the selected mark as a highlight")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._save)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addWidget(self.summary)
        layout.addWidget(self.passage)
        layout.addLayout(row)
        layout.addStretch(1)
        self._layout = layout

    def add_row(self, widget: QWidget) -> None:
        """Put ``widget`` (a row of buttons acting on the shown mark) under the save button."""
        self._layout.insertWidget(self._layout.count() - 1, widget)

    def mark(self) -> Mark | None:
        return self._mark

    def show_mark(self, mark: Mark | None, text: str, quote: Quote | None = None) -> None:
        """Show ``mark``; ``quote`` is the quote that gave it its speaker, if any."""
        self._mark = mark
        self.save_button.setEnabled(mark is not None)
        if mark is None:
            self.summary.setText(HINT)
            self.passage.setVisible(False)
            return
        cue = escape(mark.cue_text(text))
        who = escape(speaker_phrase(mark, quote, text))
        why = escape(mark.explanation or "—")
        negated = " (negated)" if mark.negated else ""
        within = f" · in {escape(quote.kind_label())}" if quote is not None else ""
        corrected = analyst_line(mark)
        by_you = f"<b>✎ {escape(corrected)}</b><br>" if corrected else ""
        self.summary.setText(
            f"{by_you}<b>{escape(mark_heading(mark))}</b>{negated} · cue <i>‘{cue}’</i> · {who}{within}<br>"
            f"<span>Why: {why}</span><br><small>Rule: {escape(mark.rule or '—')}</small>"
            f"{evidence_html(mark)}"
        )
        self.passage.setPlainText(text[mark.start : mark.end])
        self.passage.setVisible(True)

    def show_quote(self, quote: Quote, text: str) -> None:
        """Show a quote or report under the cursor where no mark is: its kind, speaker and cue."""
        self._mark = None
        self.save_button.setEnabled(False)
        who = resolved_phrase(quote.speaker_entity or "unknown speaker", quote, text)
        cue = " … ".join(text[s:e] for s, e in quote.cue) or "—"
        self.summary.setText(
            f"<b>{escape(quote.kind_label().capitalize())}</b> · {escape(who)}<br>"
            f"<span>Cue: <i>‘{escape(cue)}’</i></span><br><small>Rule: {escape(quote.rule or '—')}</small>"
        )
        self.passage.setPlainText(" … ".join(text[s:e] for s, e in quote.content))
        self.passage.setVisible(True)

    def plain_summary(self) -> str:
        return self.summary.text()

    @Slot()
    def _save(self) -> None:
        if self._mark is not None:
            self.save_requested.emit(self._mark)
