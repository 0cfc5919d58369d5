"""``quiet_parsers()``: third-party parser chatter kept off the terminal while a document is read.

Why: on a damaged file pypdf logs lines such as "incorrect startxref pointer(2)" and "EOF marker not
found", which Python's last-resort handler printed to stderr before our own one-line error; lxml,
python-docx and trafilatura can warn too. The analyst learns what matters from the DocumentError or the
article's notices; the chatter goes to our ``stance_reader.documents.parsers`` logger at DEBUG, where a
developer who switches logging on still finds it.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

# Loggers of the libraries the readers call (records of their child loggers pass through these).
PARSER_LOGGERS = (
    "pypdf",
    "docx",
    "lxml",
    "trafilatura",
    "htmldate",
    "courlan",
    "justext",
    "charset_normalizer",
    "markdown_it",
)
_log = logging.getLogger("stance_reader.documents.parsers")


class _ToDebug(logging.Handler):
    """Hands a parser's record to our logger at DEBUG instead of the root's handlers."""

    def emit(self, record: logging.LogRecord) -> None:
        _log.debug("%s: %s", record.name, record.getMessage())


_HANDLER = _ToDebug()
_Records = list[warnings.WarningMessage]


class _SharedCatcher:
    """One ``catch_warnings`` for every reader inside at once: warning filters are process-wide and
    ``catch_warnings`` is not thread-safe, so with two file-reading lanes the first reader in installs
    it and the last one out removes it (nested per thread, they could restore each other's filters)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._catcher: warnings.catch_warnings[_Records] | None = None
        self._records: _Records = []

    def enter(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._catcher = warnings.catch_warnings(record=True)
                self._records = self._catcher.__enter__() or []
                warnings.simplefilter("always")
            self._depth += 1

    def leave(self) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth or self._catcher is None:
                return
            self._catcher.__exit__(None, None, None)
            caught, self._catcher, self._records = self._records, None, []
        for message in caught:
            _log.debug("%s: %s", message.category.__name__, message.message)


_WARNINGS = _SharedCatcher()


def _route_parser_logs() -> None:
    """Idempotent: the parser loggers stop propagating and report to ``_HANDLER`` only."""
    for name in PARSER_LOGGERS:
        logger = logging.getLogger(name)
        if _HANDLER not in logger.handlers:
            logger.addHandler(_HANDLER)
        logger.propagate = False


@contextmanager
def quiet_parsers() -> Iterator[None]:
    """Within: parser log records and Python warnings are logged at DEBUG, never printed."""
    _route_parser_logs()
    _WARNINGS.enter()
    try:
        yield
    finally:
        _WARNINGS.leave()
