"""File → Export… for saved highlights: the dialog, and the export itself on the lane.

Owns :class:`Exporter` and :func:`run_export` (the lane side: an :class:`ExportRequest` mapped onto
``services.exporting``; the CLI tests call it to pin the keywords). An export reads the store and writes
a file: it changes no highlight, so it emits no :class:`Changes`. GUI thread, except ``run_export``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from stance_reader.services import exporting
from stance_reader.store import Store
from stance_reader.ui.export_dialog import ExportDialog, ExportRequest, ExportScope
from stance_reader.ui.highlights.host import HighlightsHost
from stance_reader.ui.library_view import LibraryView


def run_export(store: Store, request: ExportRequest) -> int:
    """Lane side of File → Export…: the request's scope mapped onto ``services.exporting``."""
    flt = request.filter
    return int(
        exporting.export_highlights(
            store,
            request.fmt,
            out=request.out,
            include_automatic=request.include_automatic,
            document_id=request.document_id,
            highlight_ids=request.highlight_ids or None,
            query=flt.query,
            only_corrected=request.only_corrected,
            exclude_rejected=request.exclude_rejected,
            **{k: v for k, v in flt.search_kwargs().items() if k != "document_id"},
        )
    )


class Exporter:
    """Opens the export dialog with the current choices and runs what it asks for on the lane."""

    def __init__(self, host: HighlightsHost) -> None:
        self._host = host
        self.dialog: ExportDialog | None = None  # the last one opened (tests reach it here)

    def show_dialog(
        self,
        selected_ids: tuple[int, ...],
        library_view: LibraryView | None,
        preferred: ExportScope | None = None,
    ) -> ExportDialog | None:
        if self._host.store is None:
            self._host.show_error("No library database is open, so there is nothing to export.")
            return None
        document = self._host.session.document
        from_library = preferred is ExportScope.FILTER and library_view is not None
        parent: QWidget = library_view if from_library and library_view is not None else self._host.window()
        dialog = ExportDialog(
            document_id=document.id if document else None,
            document_title=document.article.display_title if document else "",
            selected_ids=selected_ids,
            library_filter=library_view.current_filter() if library_view is not None else None,
            preferred_scope=preferred,
            parent=parent,
        )
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.export(dialog.request()))
        dialog.open()  # window-modal without a nested loop, so tests and the lane keep running
        return dialog

    def export(self, request: ExportRequest) -> int | None:
        """Write the export on the lane; say where it went (or why it failed) in the status bar."""
        store = self._host.store
        if store is None:
            self._host.show_error("No library database is open, so there is nothing to export.")
            return None

        def done(count: int) -> None:
            self._host.show_status(f"Exported {count} passages to {request.out}")

        def failed(error: BaseException) -> None:
            self._host.show_error(f"Export to {request.out} failed: {error}")

        return self._host.lane.submit(run_export, store, request, on_done=done, on_error=failed)


__all__ = ["Exporter", "run_export"]
