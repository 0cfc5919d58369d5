"""A separate process that saves corrections in a loop until killed (the kill test of corrections).

    python correction_writer.py DB

Prints each saved correction id after its transaction committed, so the parent knows which saves
the store has acknowledged.
"""

from __future__ import annotations

import sys
from itertools import count

from stance_reader.core import Article, Correction, CorrectionKind, MarkKind, MarkRef
from stance_reader.store import Store

TEXT = "Mark Rutte said the alliance will probably fund the plan next year. " * 20


def main(db: str) -> None:
    store = Store(db, auto_backup=False)
    doc = store.add_document(Article(TEXT, title="Shared"))
    for i in count():
        start = (i * 7) % 200
        target = MarkRef(MarkKind.HEDGE, start, start + 40, ((start, start + 8),), "probably")
        note = f"kill {i} " + "x" * 2000  # a few pages per save: the kill lands mid-write
        made = Correction(
            doc.id, doc.content_hash, CorrectionKind.NONE, start, start + 40, target=target, note=note
        )
        [saved] = store.add_corrections([made.with_passage(TEXT, start, start + 40)])
        print(saved.id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
