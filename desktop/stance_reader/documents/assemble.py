"""Turn paragraph blocks plus gathered metadata into the final, normalised ``Article``.

Every reader ends here, so the rules that decide what the analysed body contains (news header taken off,
boilerplate left out, title not repeated, paragraphs one blank line apart) are applied the same way to
every source.
"""

from __future__ import annotations

from stance_reader.core.models import Article
from stance_reader.documents.errors import DocumentError
from stance_reader.documents.garbled import garbled_notice
from stance_reader.documents.newsheader import Fields, parse_header, strip_boilerplate, strip_heading_marks
from stance_reader.documents.normalize import join_blocks, normalize_text, split_blocks


def build_article(
    blocks: list[str],
    fields: Fields,
    *,
    source_format: str,
    source_path: str = "",
    notices: tuple[str, ...] = (),
    header: bool = True,
    name: str = "",
    normalized: bool = False,
) -> Article:
    """Assemble an Article. ``header`` enables news-header parsing (off for sources with real metadata);
    ``normalized`` says the blocks already went through ``normalize_text`` (saves a pass on big files).

    Raises DocumentError when no body text is left.
    """
    if not normalized:
        blocks = split_blocks(normalize_text("\n\n".join(blocks)))
    blocks = strip_heading_marks(blocks)
    if header:
        blocks = parse_header(blocks, fields)
    elif fields.title and blocks and blocks[0].strip().lower() == fields.title.strip().lower():
        blocks = blocks[1:]  # the page repeats its <title> as the first heading
    blocks = strip_boilerplate(blocks, fields)
    text = join_blocks(blocks)
    if not text:
        raise DocumentError(f"cannot open {name or 'this text'}: it contains no article text")
    if fields.removed:
        notices = (*notices, "left out of the analysed text: " + ", ".join(fields.removed))
    garbled = garbled_notice(text)
    if garbled:
        notices = (*notices, garbled)
    return Article(
        text=text,
        title=_one_line(fields.title),
        outlet=_one_line(fields.outlet),
        date=_one_line(fields.date),
        author=_one_line(fields.author),
        section=_one_line(fields.section),
        url=_one_line(fields.url),
        source_path=source_path,
        source_format=source_format,
        notices=notices,
    )


def _one_line(value: str) -> str:
    return " ".join(normalize_text(value).split())
