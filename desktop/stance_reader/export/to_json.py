"""JSON export in the documented schema (``export/SCHEMA.md``, machine-readable ``export/schema.json``):
W3C Web Annotation–style annotations whose targets carry a ``TextPositionSelector`` (code points)
and a ``TextQuoteSelector`` (exact, prefix, suffix), so other tools can re-anchor the passages.

Pretty-printed with sorted keys and ``ensure_ascii=False``: the output is stable and readable, and
the only line that changes between runs of the same data is ``"generated_at"``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from stance_reader import __version__
from stance_reader.core.offsets import Utf16Map
from stance_reader.export.passages import Passage, by_article, ordered

SCHEMA_ID = "stance-reader/highlights-export"
SCHEMA_VERSION = 1
W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def document_key(document_id: int | None, content_hash: str) -> str:
    """The ``target.source`` naming one article inside the export."""
    return f"document/{document_id}" if document_id is not None else f"sha256/{content_hash}"


def annotation_id(passage: Passage) -> str:
    hl = passage.highlight
    if hl.id is not None:
        return f"highlight/{hl.id}"
    doc = passage.document_id if passage.document_id is not None else "unsaved"
    return f"automatic/{doc}/{hl.start}-{hl.end}/{passage.kind}"


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _document(article_passages: tuple[Any, int | None, list[Passage]]) -> dict[str, Any]:
    article, doc_id, _items = article_passages
    return {
        "key": document_key(doc_id, article.content_hash),
        "document_id": doc_id,
        "title": article.display_title,
        "outlet": article.outlet,
        "date": article.date,
        "author": article.author,
        "url": article.url,
        "source_path": article.source_path,
        "content_hash": article.content_hash,
        "length": len(article.text),
    }


def _bodies(passage: Passage) -> list[dict[str, str]]:
    hl = passage.highlight
    bodies = [{"type": "TextualBody", "purpose": "classifying", "value": str(passage.kind)}]
    if passage.speaker:
        bodies.append({"type": "TextualBody", "purpose": "identifying", "value": passage.speaker})
    if hl.note:
        bodies.append(
            {"type": "TextualBody", "purpose": "commenting", "value": hl.note, "format": "text/plain"}
        )
    bodies += [{"type": "TextualBody", "purpose": "tagging", "value": t} for t in passage.tags]
    return bodies


def annotation(passage: Passage, utf16: Utf16Map | None = None) -> dict[str, Any]:
    hl = passage.highlight
    utf16 = utf16 or Utf16Map(passage.article.text)
    return {
        "id": annotation_id(passage),
        "type": "Annotation",
        "motivation": "commenting" if hl.note else "highlighting",
        "created": _when(hl.created),
        "modified": _when(hl.updated),
        "body": _bodies(passage),
        "target": {
            "source": document_key(passage.document_id, passage.article.content_hash),
            "selector": [
                {"type": "TextPositionSelector", "start": hl.start, "end": hl.end},
                {"type": "TextQuoteSelector", "exact": hl.quote, "prefix": hl.prefix, "suffix": hl.suffix},
            ],
        },
        "stance": {
            "document_id": passage.document_id,
            "kind": str(passage.kind),
            "speaker": hl.speaker,
            "note": hl.note,
            "tags": list(passage.tags),
            "origin": passage.origin,
            "rule": hl.rule,
            "colour": hl.colour,
            "orphaned": hl.orphaned,
            "kind_source": passage.kind_source,
            "speaker_source": passage.speaker_source,
            "correction": passage.correction or None,
            "utf16": {"start": utf16.to_utf16(hl.start), "end": utf16.to_utf16(hl.end)},
        },
    }


def render(passages: Sequence[Passage], *, generated_at: str) -> str:
    groups = by_article(passages)
    annotations: list[dict[str, Any]] = []
    for _article, _doc_id, items in groups:
        utf16 = Utf16Map(items[0].article.text)
        annotations += [annotation(p, utf16) for p in ordered(items)]
    payload = {
        "@context": W3C_CONTEXT,
        "schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "generator": f"Stance Reader {__version__}",
        "generated_at": generated_at,
        "offsets": "code points, end exclusive (stance.utf16 gives UTF-16 units for JavaScript)",
        "documents": [_document(g) for g in groups],
        "annotations": annotations,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write(passages: Sequence[Passage], out: Path, *, generated_at: str, **_: object) -> None:
    out.write_text(render(passages, generated_at=generated_at), encoding="utf-8", newline="\n")
