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
_LOCK = threading.Lock()
_Catcher = warnings.catch_warnings  # type: ignore[type-arg]
# The one installed catcher and the list it records into, while any reader is inside.
_active: list[tuple[_Catcher, list[warnings.WarningMessage]]] = []
_depth = 0


def _route_parser_logs() -> None:
    """Idempotent: the parser loggers stop propagating and report to ``_HANDLER`` only."""
    for name in PARSER_LOGGERS:
        logger = logging.getLogger(name)
        if _HANDLER not in logger.handlers:
            logger.addHandler(_HANDLER)
        logger.propagate = False


@contextmanager
def quiet_parsers() -> Iterator[None]:
    """Within: parser log records and Python warnings are logged at DEBUG, never printed.

    Warning filters are process-wide and ``catch_warnings`` is not thread-safe, so the two file-reading
    lanes share one catcher: the first reader in installs it and the last one out removes it.
    """
    _route_parser_logs()
    _enter_warnings()
    try:
        yield
    finally:
        _leave_warnings()


def _enter_warnings() -> None:
    global _depth
    with _LOCK:
        if _depth == 0:
            catcher = warnings.catch_warnings(record=True)
            records = catcher.__enter__() or []
            warnings.simplefilter("always")
            _active.append((catcher, records))
        _depth += 1


def _leave_warnings() -> None:
    global _depth
    with _LOCK:
        _depth -= 1
        if _depth or not _active:
            return
        catcher, records = _active.pop()
        catcher.__exit__(None, None, None)
        caught = list(records)
    for message in caught:
        _log.debug("%s: %s", message.category.__name__, message.message)
