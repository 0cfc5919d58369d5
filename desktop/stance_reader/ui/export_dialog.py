"""File → Export…: format, scope, "include automatic marks", destination; remembers the last choice.

Owns :class:`ExportScope`, :class:`ExportRequest` (a plain value the feature runs on the lane) and
:class:`ExportDialog`. The dialog itself writes nothing: ``request()`` describes the export and
``ui/highlights`` hands it to ``services.exporting`` on the background lane. Settings live under
``export/`` in the app's settings (``ui.settings.app_settings``).
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from stance_reader.ui.library_filter import HighlightFilter
from stance_reader.ui.settings import app_settings

FORMATS: dict[str, str] = {
    "md": "Markdown (.md)",
    "csv": "CSV spreadsheet (.csv)",
    "xlsx": "Excel workbook (.xlsx)",
    "json": "JSON with Web Annotation selectors (.json)",
    "html": "Standalone web page (.html)",
    "pdf": "PDF document (.pdf)",
    "docx": "Word document (.docx)",
    "qdpx": "REFI-QDA project for QDA software (.qdpx)",
}


class ExportScope(StrEnum):
    ARTICLE = "article"  # the current article's saved highlights
    SELECTED = "selected"  # the highlights selected in the panel or the All-highlights view
    FILTER = "filter"  # everything matching the All-highlights filter (everything when none is set)


@dataclass(frozen=True)
class ExportRequest:
    fmt: str
    out: Path
    scope: ExportScope
    include_automatic: bool
    document_id: int | None = None
    highlight_ids: tuple[int, ...] = ()
    filter: HighlightFilter = field(default_factory=HighlightFilter)
    only_corrected: bool = False  # the analyst's corrections only (corrected, added, rejected)
    exclude_rejected: bool = False  # leave out marks the analyst rejected


def slug(title: str, limit: int = 40) -> str:
    """A file-name-safe stem from an article title: "Kellner's Pact, again" → "kellners-pact-again"."""
    words = re.findall(r"[^\W_]+", title.casefold().replace("'", "").replace("’", ""))
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > limit:
            break
        out = f"{out}-{word}" if out else word
    return out


def with_suffix(path: Path, fmt: str) -> Path:
    """Give ``path`` the format's suffix unless it already has it (typing "report" means report.md)."""
    return path if path.suffix.lower() == f".{fmt}" else path.with_name(path.name + f".{fmt}")


class ExportDialog(QDialog):
    """Asks what to export and where. Scopes that make no sense right now are disabled with a reason."""

    def __init__(
        self,
        *,
        document_id: int | None,
        document_title: str = "",
        selected_ids: tuple[int, ...] = (),
        library_filter: HighlightFilter | None = None,
        preferred_scope: ExportScope | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export highlights")
        self.setObjectName("export_dialog")
        self.setMinimumWidth(600)
        self._document_id = document_id
        self._selected_ids = selected_ids
        self._filter = library_filter or HighlightFilter()
        self._stem = f"{slug(document_title)}-highlights" if slug(document_title) else "highlights"
        self._settings = app_settings()
        layout = QVBoxLayout(self)
        form = QFormLayout()

        self.format_combo = QComboBox()
        self.format_combo.setObjectName("export_format")
        self.format_combo.setAccessibleName("Format")
        for key, label in FORMATS.items():
            self.format_combo.addItem(label, key)
        form.addRow("&Format:", self.format_combo)

        scope_box = QVBoxLayout()
        self.scope_group = QButtonGroup(self)
        short = document_title if len(document_title) <= 40 else document_title[:39].rstrip() + "…"
        title = f" — “{short}”" if short else ""
        self.scope_buttons: dict[ExportScope, QRadioButton] = {
            ExportScope.ARTICLE: QRadioButton(f"This article's saved highlights{title}"),
            ExportScope.SELECTED: QRadioButton(f"Selected highlights ({len(selected_ids)})"),
            ExportScope.FILTER: QRadioButton(f"All highlights matching: {self._filter.describe()}"),
        }
        for scope, button in self.scope_buttons.items():
            button.setObjectName(f"export_scope_{scope}")
            button.setAccessibleName(button.text())
            self.scope_group.addButton(button)
            scope_box.addWidget(button)
        self.scope_buttons[ExportScope.ARTICLE].setEnabled(document_id is not None)
        self.scope_buttons[ExportScope.SELECTED].setEnabled(bool(selected_ids))
        form.addRow("Scope:", scope_box)

        self.automatic_check = QCheckBox("&Include automatic marks (hedges and commitments not saved)")
        self.automatic_check.setObjectName("export_automatic")
        form.addRow("", self.automatic_check)
        self.corrected_check = QCheckBox("Only passages you &corrected")
        self.corrected_check.setObjectName("export_only_corrected")
        self.rejected_check = QCheckBox("Leave out marks you &rejected")
        self.rejected_check.setObjectName("export_exclude_rejected")
        form.addRow("", self.corrected_check)
        form.addRow("", self.rejected_check)

        dest = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("export_path")
        self.path_edit.setAccessibleName("Destination file")
        self.path_edit.setPlaceholderText("Where to save the export")
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Choose destination file")
        browse.clicked.connect(self._browse)
        dest.addWidget(self.path_edit, 1)
        dest.addWidget(browse)
        dest_label = QLabel("&Save to:")
        dest_label.setBuddy(self.path_edit)
        form.addRow(dest_label, dest)
        layout.addLayout(form)

        self.message = QLabel()
        self.message.setObjectName("export_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("export_button")
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self._restore(preferred_scope)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self._confirmed: Path | None = None
        self.path_edit.textChanged.connect(self._path_edited)

    # --- settings -----------------------------------------------------------------------------------

    def _restore(self, preferred: ExportScope | None) -> None:
        fmt = str(self._settings.value("export/format", "md"))
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(fmt)))
        self.automatic_check.setChecked(
            str(self._settings.value("export/include_automatic", "false")) == "true"
        )
        remembered = str(self._settings.value("export/scope", ExportScope.ARTICLE))
        for scope in (preferred, remembered, ExportScope.ARTICLE, ExportScope.FILTER):
            if scope in self.scope_buttons and self.scope_buttons[ExportScope(scope)].isEnabled():
                self.scope_buttons[ExportScope(scope)].setChecked(True)
                break
        folder = Path(str(self._settings.value("export/folder", str(Path.home()))))
        self.path_edit.setText(str(folder / f"{self._stem}.{self.fmt()}"))

    def _save(self, request: ExportRequest) -> None:
        self._settings.setValue("export/format", request.fmt)
        self._settings.setValue("export/scope", str(request.scope))
        self._settings.setValue("export/include_automatic", "true" if request.include_automatic else "false")
        self._settings.setValue("export/folder", str(request.out.parent))
        self._settings.sync()

    # --- values -------------------------------------------------------------------------------------

    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def scope(self) -> ExportScope:
        for scope, button in self.scope_buttons.items():
            if button.isChecked():
                return scope
        return ExportScope.FILTER

    def request(self) -> ExportRequest:
        raw = self.path_edit.text().strip()
        return ExportRequest(
            fmt=self.fmt(),
            out=with_suffix(Path(raw).expanduser(), self.fmt()) if raw else Path(),
            scope=self.scope(),
            include_automatic=self.automatic_check.isChecked(),
            document_id=self._document_id if self.scope() is ExportScope.ARTICLE else None,
            highlight_ids=self._selected_ids if self.scope() is ExportScope.SELECTED else (),
            filter=self._filter if self.scope() is ExportScope.FILTER else HighlightFilter(),
            only_corrected=self.corrected_check.isChecked(),
            exclude_rejected=self.rejected_check.isChecked(),
        )

    # --- slots --------------------------------------------------------------------------------------

    @Slot()
    def _format_changed(self) -> None:
        """Keep the destination's suffix in step with the chosen format."""
        raw = self.path_edit.text().strip()
        if raw:
            path = Path(raw)
            stem = path.stem if path.suffix.lower().lstrip(".") in FORMATS else path.name
            self.path_edit.setText(str(path.with_name(f"{stem}.{self.fmt()}")))

    @Slot(str)
    def _path_edited(self, _text: str) -> None:
        self.message.clear()
        self._confirmed = None  # a changed destination is asked about afresh

    @Slot()
    def _browse(self) -> None:
        fmt = self.fmt()
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export highlights to", self.path_edit.text(), f"{FORMATS[fmt]} (*.{fmt})"
        )
        if chosen:
            path = with_suffix(Path(chosen), fmt)
            self.path_edit.setText(str(path))
            if path == Path(chosen):
                self._confirmed = path  # the file dialog already asked about replacing it

    @Slot()
    def _accept(self) -> None:
        request = self.request()
        problem = self._problem(request)
        if problem:
            self.message.setText(f"<span style='color:#B00020'>{html.escape(problem)}</span>")
            return
        if request.out.exists() and self._confirmed != request.out:
            # Yesterday's report must not vanish on a stray Enter: a second press replaces it.
            self._confirmed = request.out
            self.message.setText(
                f"{html.escape(request.out.name)} already exists. Press Export again to replace it."
            )
            return
        self._save(request)
        self.accept()

    @staticmethod
    def _problem(request: ExportRequest) -> str:
        if request.out == Path():
            return "Choose where to save the export."
        if request.out.is_dir():
            return f"{request.out} is a folder; give a file name."
        if not request.out.parent.is_dir():
            return f"The folder {request.out.parent} does not exist."
        if not os.access(request.out.parent, os.W_OK):
            return f"Cannot write to {request.out.parent}."
        return ""
