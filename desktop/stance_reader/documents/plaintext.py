"""Plain text and clipboard text → Article (news header parsed, hard-wrapped paragraphs rejoined)."""

from __future__ import annotations

from stance_reader.core.models import Article
from stance_reader.documents.assemble import build_article
from stance_reader.documents.newsheader import Fields
from stance_reader.documents.normalize import normalize_text, reflow_plain_block, split_blocks


def article_from_text(
    text: str,
    *,
    source_format: str = "text",
    source_path: str = "",
    notices: tuple[str, ...] = (),
    name: str = "",
) -> Article:
    """Normalise ``text`` and read a news header off its top. Raises DocumentError when nothing is left."""
    blocks = split_blocks(normalize_text(text))
    # Header lines are short, so reflowing before the header is read leaves them alone.
    blocks = [p for b in blocks for p in reflow_plain_block(b)]
    return build_article(
        blocks,
        Fields(),
        source_format=source_format,
        source_path=source_path,
        notices=notices,
        name=name,
        normalized=True,
    )
