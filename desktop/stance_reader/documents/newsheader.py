"""News-page structure in plain paragraphs: the header (title, outlet, section, date, author, image link)
and the boilerplate around the story ("Related" lists, "The views expressed…" disclaimers, image URLs).

Works on paragraph blocks of normalised text, so every reader (plain text, markdown, DOCX, PDF, clipboard)
shares it. The shape it knows is the one copied news pages take:

    Title
    (blank)
    https://…/images/…jpg      ← dropped
    Outlet
    Section
    17/10/2024 21h33           ← a date line confirms the header
    (blank)
    ### Subhead                ← kept, hashes stripped
    Body …
    The views expressed in this article …   ← dropped
    Related                                  ← dropped with what follows
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+"
_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_TIME = r"\d{1,2}(?:[:h.]\d{2})?(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}(?:[+-]\d{1,2})?\)?)?"
_DATE_PREFIX = r"(?:published|updated|posted|last updated|first published)(?:\s+on)?:?\s*"
_DATE_LINE = re.compile(
    rf"^(?:{_DATE_PREFIX})?(?:{_WEEKDAY})?"
    rf"{_DATE}(?:,?\s*(?:at\s+|[-–|]\s*)?{_TIME})?\s*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:by|written by|author:|words by)\s+(.{2,80})$", re.IGNORECASE)
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_IMAGE_URL = re.compile(
    r"(?:\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?)(?:[?#]\S*)?$|/(?:images?|photos?|img|media|uploads)/)",
    re.IGNORECASE,
)
_HASH_HEADING = re.compile(r"^#{1,6}\s+")
_RELATED = re.compile(
    r"^(?:related(?:\s+(?:articles?|stories|content|news|coverage|reading|topics|links))?|read more|read next"
    r"|see also|you may also like|recommended(?: for you)?|more stories|more on this story|most read)\s*:?$",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(
    r"^(?:the views(?:,? (?:and )?opinions)?(?: and opinions)? expressed (?:in|by)\b"
    r"|disclaimer\s*:|this (?:article|story|piece) (?:was|has been|is) (?:originally |first )?"
    r"(?:published|produced|republished)|copyright\b|©|\(c\) \d{4}|all rights reserved)",
    re.IGNORECASE,
)
_CHROME = re.compile(
    r"^(?:advertisement|advertisement\s*-\s*scroll to continue|share this (?:article|story)"
    r"|share on (?:facebook|twitter|x|linkedin)|sign up for our newsletter|subscribe now)\s*$",
    re.IGNORECASE,
)
_MAX_META_LINES = 8
_MAX_META_CHARS = 100
_MAX_TITLE_CHARS = 200


@dataclass
class Fields:
    """Article metadata gathered while reading; empty strings mean unknown."""

    title: str = ""
    outlet: str = ""
    section: str = ""
    date: str = ""
    author: str = ""
    url: str = ""
    removed: list[str] = field(default_factory=list)  # kinds of boilerplate left out, for a notice

    def note_removed(self, kind: str) -> None:
        if kind not in self.removed:
            self.removed.append(kind)


def is_date_line(line: str) -> bool:
    return bool(_DATE_LINE.match(line.strip()))


def is_image_url(line: str) -> bool:
    line = line.strip()
    return bool(_URL.match(line) and _IMAGE_URL.search(line))


def strip_heading_marks(blocks: list[str]) -> list[str]:
    """'### Subhead' → 'Subhead' (markdown-style headings in plain text stay as their own paragraph)."""
    return [_HASH_HEADING.sub("", b) if _HASH_HEADING.match(b) and "\n" not in b else b for b in blocks]


def _title_like(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= _MAX_TITLE_CHARS and not _URL.match(line) and line[-1] not in ".,;:"


def is_meta_block(block: str) -> bool:
    """Short lines with no sentence punctuation: header lines, verse, addresses (keep their breaks)."""
    return _meta_like(block)


def _meta_like(block: str) -> bool:
    lines = block.split("\n")
    return all(0 < len(ln) <= _MAX_META_CHARS or _URL.match(ln) for ln in lines) and not any(
        ln.endswith((".", ",", ";")) and not is_date_line(ln) for ln in lines
    )


def parse_header(blocks: list[str], fields: Fields) -> list[str]:
    """Take the news header off the top of ``blocks``, filling empty ``fields``; return the body blocks.

    A header is a title line followed (in the same block or the next ones) by short lines that include a
    date. Without a date only the title is taken, and only when it is a lone short line before the body.
    """
    if not blocks:
        return blocks
    first = blocks[0].split("\n")
    title = first[0]
    # The body may repeat the title the metadata already gave: then that line is dropped.
    title_known = bool(fields.title) and title.strip().lower() == fields.title.strip().lower()
    if not _title_like(title) and not title_known:
        return blocks
    rest = (["\n".join(first[1:])] if len(first) > 1 else []) + blocks[1:]
    meta_blocks: list[str] = []
    line_count = 0
    for block in rest:
        count = block.count("\n") + 1
        if not _meta_like(block) or line_count + count > _MAX_META_LINES:
            break
        meta_blocks.append(block)
        line_count += count
    date_at = next(
        (i for i, b in enumerate(meta_blocks) if any(is_date_line(ln) for ln in b.split("\n"))), None
    )
    if date_at is None:
        if title_known or (len(first) == 1 and len(blocks) > 1):
            fields.title = fields.title or title.strip()
            return rest
        return blocks
    fields.title = fields.title or title.strip()
    consumed = date_at + 1
    # A byline right after the date block belongs to the header too.
    while consumed < len(meta_blocks) and all(_BYLINE.match(ln) for ln in meta_blocks[consumed].split("\n")):
        consumed += 1
    _read_meta_lines([ln for b in meta_blocks[:consumed] for ln in b.split("\n")], fields)
    return rest[consumed:]


def _read_meta_lines(lines: list[str], fields: Fields) -> None:
    labels: list[str] = []
    for line in (ln.strip() for ln in lines):
        byline = _BYLINE.match(line)
        if not line:
            continue
        if _URL.match(line):
            if is_image_url(line):
                fields.note_removed("image link")
            elif not fields.url:
                fields.url = line
        elif is_date_line(line) and not fields.date:
            fields.date = re.sub(rf"^{_DATE_PREFIX}", "", line, flags=re.IGNORECASE)  # drop "Published:"
        elif byline:
            fields.author = fields.author or byline.group(1).strip()
        else:
            labels.append(line)
    if labels and not fields.outlet:
        fields.outlet = labels[0]
    if len(labels) > 1 and not fields.section:
        fields.section = labels[1]


def strip_boilerplate(blocks: list[str], fields: Fields) -> list[str]:
    """Drop image links, page chrome, a trailing 'Related' list and closing disclaimers from the body."""
    kept: list[str] = []
    for block in blocks:
        if is_image_url(block):
            fields.note_removed("image link")
        elif _CHROME.match(block):
            fields.note_removed("page chrome")
        else:
            kept.append(block)
    kept = _cut_related(kept, fields)
    # Disclaimers and copyright lines close an article: look only at its last few paragraphs.
    tail_start = max(0, len(kept) - 3)
    result = kept[:tail_start]
    for block in kept[tail_start:]:
        if _DISCLAIMER.match(block):
            fields.note_removed("disclaimer")
        else:
            result.append(block)
    return result


def _cut_related(blocks: list[str], fields: Fields) -> list[str]:
    """Cut a 'Related' heading in the second half of the article and the short link titles after it."""
    for i in range(len(blocks) - 1, len(blocks) // 2 - 1, -1):
        heading, *links = blocks[i].split("\n")
        if not _RELATED.match(heading.strip()):
            continue
        if all(len(ln) <= 200 for ln in links + [ln for b in blocks[i + 1 :] for ln in b.split("\n")]):
            if i == 0:
                return blocks
            fields.note_removed("'Related' list")
            return blocks[:i]
    return blocks
