"""``DocumentError``: the one exception the documents layer lets escape, one clear line for a dialog."""

from __future__ import annotations


class DocumentError(Exception):
    """A file, page or clipboard payload that cannot become an Article.

    ``str(exc)`` is a single line meant for people ("cannot open report.pdf: the PDF is password-protected").
    ``path`` is the file concerned, or "" for clipboard text.
    """

    def __init__(self, message: str, *, path: str = "") -> None:
        super().__init__(" ".join(message.split()))
        self.path = path
