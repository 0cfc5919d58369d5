"""What the All-highlights window shows: the filter, the store it reads, and its date pickers.

Owns :class:`HighlightFilter` (search + filters; also the export scope "everything matching the
filter", so the export dialog and the CLI use it without the window), :class:`SearchableStore` (the
part of ``Store`` the window reads), :func:`page_fetcher` (one indexed query per page for a filter) and
:func:`date_edit` (a date picker whose minimum means "no bound", also used by the ledger window).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

from stance_reader.core import Highlight, StoredDocument

Row = tuple[Highlight, StoredDocument]


class SearchableStore(Protocol):
    def search_highlights(
        self, query: str = "", *, limit: int | None = None, offset: int = 0, **filters: Any
    ) -> list[Row]: ...
    def count_highlights(self, query: str = "", **filters: Any) -> int: ...
    def all_tags(self) -> list[str]: ...
    def all_speakers(self) -> list[str]: ...
    def all_outlets(self) -> list[str]: ...


@dataclass(frozen=True)
class HighlightFilter:
    """What the All-highlights view shows; maps one-to-one onto ``Store.search_highlights``."""

    query: str = ""
    kinds: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    outlet: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    document_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def search_kwargs(self) -> dict[str, Any]:
        return {
            "kinds": self.kinds,
            "speakers": self.speakers,
            "tags": self.tags,
            "outlet": self.outlet,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "document_id": self.document_id,
        }

    def describe(self) -> str:
        parts = [f"“{self.query}”"] if self.query else []
        parts += list(self.kinds) + list(self.speakers) + [f"#{t}" for t in self.tags]
        if self.outlet:
            parts.append(self.outlet)
        if self.date_from or self.date_to:
            parts.append(f"{self.date_from or '…'} – {self.date_to or '…'}")
        return ", ".join(parts) or "everything"


def page_fetcher(store: SearchableStore, flt: HighlightFilter) -> Callable[[int, int], list[Row]]:
    """``fetch(offset, limit)`` over the store: one indexed query per page."""

    def fetch(offset: int, limit: int) -> list[Row]:
        return list(store.search_highlights(flt.query, limit=limit, offset=offset, **flt.search_kwargs()))

    return fetch


def date_edit(name: str) -> QDateEdit:
    """A date picker whose minimum means "no bound", shown as "any"."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(QDate(1900, 1, 1))
    edit.setSpecialValueText("any")
    edit.setDate(edit.minimumDate())
    edit.setAccessibleName(name)
    return edit
