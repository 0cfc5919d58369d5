"""A separate process that saves highlights in a loop (used by the concurrency and kill tests).

    python store_writer.py DB COUNT LABEL     COUNT < 0 writes until killed

Prints each saved highlight id after its transaction committed, so the parent knows which saves
the store has acknowledged.
"""

from __future__ import annotations

import sys
from itertools import count

from stance_reader.core import Article, Highlight
from stance_reader.store import Store

TEXT = "Mark Rutte said the alliance will probably fund the plan next year. " * 20


def main(db: str, total: int, label: str) -> None:
    store = Store(db, auto_backup=False)
    doc = store.add_document(Article(TEXT, title="Shared"))
    for i in count() if total < 0 else range(total):
        start = (i * 7) % 200
        note = f"{label} {i} " + "x" * 2000  # a few pages per save: the kill lands mid-write
        tags = (label, f"t{i % 7}")
        h = Highlight.from_span(TEXT, start, start + 40, document_id=doc.id, note=note, tags=tags)
        saved = store.add_highlight(h)
        print(saved.id, flush=True)
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
