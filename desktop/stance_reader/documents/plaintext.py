"""Plain text and clipboard text → Article (news header parsed, hard-wrapped paragraphs rejoined)."""

from __future__ import annotations

from stance_reader.core.models import Article
from stance_reader.documents.assemble import build_article
from stance_reader.documents.newsheader import Fields
from stance_reader.documents.normalize import normalize_text, split_blocks, unwrap_block


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
    # Unwrap after the header: header lines are short, so unwrap_block leaves them alone anyway.
    blocks = [unwrap_block(b) for b in blocks]
    return build_article(
        blocks,
        Fields(),
        source_format=source_format,
        source_path=source_path,
        notices=notices,
        name=name,
        normalized=True,
    )
