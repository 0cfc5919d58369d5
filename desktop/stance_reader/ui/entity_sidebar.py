"""The entity sidebar: speakers (what each said, hedged and committed to) and entities grouped by type.

Owns :class:`EntitySidebar`. It only reads an ``Analysis`` and the article text; clicking (or Enter on)
an entity emits ``entity_activated(name, spans)``, a quote ``passage_activated(start, end)``, a
hedge/commitment ``mark_activated(mark)``. Offsets are code points. GUI thread only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stance_reader.core.models import Analysis, Mark, MarkKind, Quote
from stance_reader.core.palette import LIGHT, Theme
from stance_reader.core.speaker_style import SpeakerStyle
from stance_reader.ui.speaker_look import SWATCH_SIZE, swatch

ROLE = Qt.ItemDataRole.UserRole + 7
LAZY_ROLE = Qt.ItemDataRole.UserRole + 8  # key of a speaker's not-yet-built children
EXCERPT = 70

# Display groups for spaCy entity labels, in sidebar order.
GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    ("People", frozenset({"PERSON"})),
    ("Organisations", frozenset({"ORG"})),
    ("Places", frozenset({"GPE", "LOC", "FAC"})),
    ("Groups and nationalities", frozenset({"NORP"})),
    ("Events and laws", frozenset({"EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"})),
    ("Dates and times", frozenset({"DATE", "TIME"})),
    ("Money and figures", frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})),
)


def group_of(label: str) -> str:
    return next((name for name, labels in GROUPS if label in labels), "Other")


@dataclass(frozen=True, slots=True)
class EntityEntry:
    """One merged entity: its canonical name, the other names it appears under, every mention."""

    name: str
    group: str
    aliases: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


def entity_entries(analysis: Analysis, text: str) -> list[EntityEntry]:
    """Entities merged by canonical name (aliases listed), most mentioned first within each group."""
    spans: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    surfaces: dict[tuple[str, str], dict[str, None]] = defaultdict(dict)
    for ent in analysis.entities:
        surface = text[ent.start : ent.end]
        key = (group_of(ent.label), ent.canonical or surface)
        spans[key].append((ent.start, ent.end))
        surfaces[key].setdefault(surface, None)
    entries = [
        EntityEntry(name, group, tuple(a for a in surfaces[(group, name)] if a != name), tuple(sorted(found)))
        for (group, name), found in spans.items()
    ]
    return sorted(entries, key=lambda e: (-len(e.spans), e.name.casefold()))


def _excerpt(text: str, start: int, end: int) -> str:
    piece = " ".join(text[start:end].split())
    return piece if len(piece) <= EXCERPT else piece[: EXCERPT - 1].rstrip() + "…"


class EntitySidebar(QWidget):
    entity_activated = Signal(str, object)  # canonical name, tuple of (start, end) code points
    passage_activated = Signal(int, int)
    mark_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entity_sidebar")
        self.setAccessibleName("Speakers and entities")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("entity_filter")
        self.filter_edit.setPlaceholderText("Filter speakers and entities…")
        self.filter_edit.setAccessibleName("Filter speakers and entities")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.apply_filter)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("entity_tree")
        self.tree.setAccessibleName("Speakers and entities list")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Name", "Mentions"])
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setUniformRowHeights(True)
        self.tree.setIconSize(QSize(*SWATCH_SIZE))
        self.tree.itemClicked.connect(self._activate)
        self.tree.itemActivated.connect(self._activate)
        self.tree.itemExpanded.connect(self._expanded)
        self.empty_label = QLabel("Entities and speakers appear here once the article is analysed.", self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAccessibleName("Sidebar status")
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label)
        self.setTabOrder(self.filter_edit, self.tree)
        self.entries: list[EntityEntry] = []
        self._speaker_styles: dict[str, SpeakerStyle] = {}
        self._theme: Theme = LIGHT
        self._lazy: dict[int, tuple[list[Quote], list[Mark], list[Mark], str]] = {}

    def clear(self, message: str = "Analysing…") -> None:
        self._lazy.clear()
        self.tree.clear()
        self.entries = []
        self.empty_label.setText(message)
        self.empty_label.show()

    def set_analysis(
        self, analysis: Analysis, text: str, speaker_styles: Mapping[str, SpeakerStyle], theme: Theme
    ) -> None:
        """List ``analysis``'s speakers, each with the swatch of its style (as the reader draws it in
        ``theme``), then its entities by group."""
        self._lazy.clear()
        self.tree.clear()
        self._speaker_styles, self._theme = dict(speaker_styles), theme
        self.entries = entity_entries(analysis, text)
        self._add_speakers(analysis, text)
        by_group: dict[str, list[EntityEntry]] = defaultdict(list)
        for entry in self.entries:
            by_group[entry.group].append(entry)
        for group in [name for name, _ in GROUPS] + ["Other"]:
            entries = by_group.get(group)
            if not entries:
                continue
            top = self._group_item(group, sum(len(e.spans) for e in entries))
            for entry in entries:
                label = entry.name + (f"  (also: {', '.join(entry.aliases)})" if entry.aliases else "")
                item = QTreeWidgetItem(top, [label, str(len(entry.spans))])
                item.setData(0, ROLE, ("entity", entry))
                item.setToolTip(
                    0,
                    f"{entry.name} · {len(entry.spans)} mentions"
                    + (f" · also written {', '.join(entry.aliases)}" if entry.aliases else ""),
                )
        self.empty_label.setVisible(self.tree.topLevelItemCount() == 0)
        self.empty_label.setText("No speakers or entities found.")
        self.apply_filter(self.filter_edit.text())

    def _group_item(self, title: str, count: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [title, str(count)])
        font = QFont(item.font(0))
        font.setBold(True)
        item.setFont(0, font)
        item.setData(0, ROLE, ("group", title))
        item.setExpanded(True)
        return item

    def _add_speakers(self, analysis: Analysis, text: str) -> None:
        speakers = analysis.speakers()
        if not speakers:
            return
        top = self._group_item("Speakers", len(speakers))
        for name in speakers:
            quotes = [q for q in analysis.quotes if q.speaker_entity == name]
            hedges = [m for m in analysis.marks if m.speaker == name and m.kind is MarkKind.HEDGE]
            commits = [m for m in analysis.marks if m.speaker == name and m.kind is MarkKind.COMMITMENT]
            summary = f"{len(quotes)} said · {len(hedges)} hedged · {len(commits)} committed"
            item = QTreeWidgetItem(top, [name, str(len(quotes))])
            style = self._speaker_styles.get(name)
            look = f" · {style.initials}, {style.describe()}" if style else ""
            item.setToolTip(0, f"{name}: {summary}{look}")
            item.setToolTip(1, summary)
            item.setData(0, ROLE, ("speaker", name))
            self._set_swatch(item, name)
            # Children are built when the speaker is first expanded: a long article has thousands of
            # quotes and marks, and building them all at once would stall the window.
            key = len(self._lazy) + 1
            self._lazy[key] = (quotes, hedges, commits, text)
            item.setData(0, LAZY_ROLE, key)
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)

    def _set_swatch(self, item: QTreeWidgetItem, name: str) -> None:
        """A swatch (tint, pattern, initials), not coloured text: the name keeps full contrast."""
        style = self._speaker_styles.get(name)
        if style is not None:
            item.setIcon(0, QIcon(swatch(style, self._theme)))

    def set_theme(self, theme: Theme) -> None:
        """Redraw the speakers' swatches for ``theme``."""
        self._theme = theme
        for name in self._speaker_styles:
            item = self.speaker_item(name)
            if item is not None:
                self._set_swatch(item, name)

    def speaker_styles(self) -> dict[str, SpeakerStyle]:
        """The styles of the speakers listed (name → style), in list order."""
        return dict(self._speaker_styles)

    @Slot(QTreeWidgetItem)
    def _expanded(self, item: QTreeWidgetItem) -> None:
        key = item.data(0, LAZY_ROLE)
        pending = self._lazy.pop(key, None) if key else None
        if pending is not None:
            self._fill_speaker(item, *pending)

    def expand_speaker(self, name: str) -> QTreeWidgetItem | None:
        item = self.speaker_item(name)
        if item is not None:
            item.setExpanded(True)
            self._expanded(item)
        return item

    def _fill_speaker(
        self, item: QTreeWidgetItem, quotes: list[Quote], hedges: list[Mark], commits: list[Mark], text: str
    ) -> None:
        for quote in sorted(quotes, key=lambda q: q.start):
            mark = "“" if quote.direct else "≈ "
            child = QTreeWidgetItem(item, [f"{mark}{_excerpt(text, quote.start, quote.end)}", "said"])
            child.setData(0, ROLE, ("span", (quote.start, quote.end)))
            child.setToolTip(0, " ".join(text[quote.start : quote.end].split()))
        for label, marks in (("hedged", hedges), ("committed", commits)):
            for m in sorted(marks, key=lambda m: m.start):
                child = QTreeWidgetItem(item, [_excerpt(text, m.start, m.end), label])
                child.setData(0, ROLE, ("mark", m))
                child.setToolTip(0, f"{label}: cue '{m.cue_text(text)}'")
                font = QFont(child.font(0))
                font.setItalic(m.kind is MarkKind.HEDGE)
                font.setBold(m.kind is MarkKind.COMMITMENT)
                child.setFont(0, font)

    @Slot(QTreeWidgetItem, int)
    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, ROLE)
        if not data:
            return
        kind, value = data
        if kind == "entity":
            self.entity_activated.emit(value.name, value.spans)
        elif kind == "span":
            self.passage_activated.emit(*value)
        elif kind == "mark":
            self.mark_activated.emit(value)

    def entity_item(self, name: str) -> QTreeWidgetItem | None:
        """The sidebar row of entity ``name`` (tests, keyboard focus)."""
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                child = group.child(j)
                data = child.data(0, ROLE)
                if data and data[0] == "entity" and data[1].name == name:
                    return child
        return None

    def speaker_item(self, name: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                child = group.child(j)
                if child.data(0, ROLE) == ("speaker", name):
                    return child
        return None

    @Slot(str)
    def apply_filter(self, query: str) -> None:
        """Hide rows whose name and aliases do not contain ``query`` (case-insensitive)."""
        needle = query.casefold().strip()
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            shown = 0
            for j in range(group.childCount()):
                child = group.child(j)
                data = child.data(0, ROLE)
                haystack = child.text(0)
                if data and data[0] == "entity":
                    haystack = " ".join((data[1].name, *data[1].aliases))
                visible = not needle or needle in haystack.casefold()
                child.setHidden(not visible)
                shown += visible
            group.setHidden(shown == 0)


__all__ = ["GROUPS", "EntityEntry", "EntitySidebar", "entity_entries", "group_of"]
