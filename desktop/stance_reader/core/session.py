"""The reading session: what the window shows now, as one frozen value.

Owns :class:`ReadingSession`. The main window builds one on request (``window.session``) from the
article on screen, its library row and its analysis as shown (decided at the confidence bar), so code
that acts on "the current article" reads one consistent snapshot instead of three window attributes
that change at different moments while an article opens. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

from stance_reader.core.models import Analysis, Article, StoredDocument


@dataclass(frozen=True, slots=True)
class ReadingSession:
    """The article on screen, its stored document (None until it is in the library, or with no
    library), its analysis as shown (None until analysed) and the window's open generation (bumped
    for every article shown, so a caller can tell whether a result still belongs to what is read)."""

    article: Article | None = None
    document: StoredDocument | None = None
    analysis: Analysis | None = None
    generation: int = 0

    @property
    def text(self) -> str:
        """The article text offsets refer to (code points): the one on screen, else the stored one."""
        if self.article is not None:
            return self.article.text
        return self.document.article.text if self.document is not None else ""

    @property
    def document_id(self) -> int | None:
        return self.document.id if self.document is not None else None


__all__ = ["ReadingSession"]
