"""Bytes → str for text-like sources: BOM detection, UTF-8, UTF-16/32, cp1252 fallback, binary refusal.

Why not trust charset-normalizer first: on short Western European text it guesses exotic code pages
(cp775, cp1006) and produces mojibake. cp1252 is by far the most common legacy encoding of English and
Western news text, so it is the fallback; charset-normalizer is consulted only when cp1252 is clearly
wrong (the result is mostly non-ASCII letters, as with Cyrillic or Greek code pages).
"""

from __future__ import annotations

import codecs
import re

from stance_reader.documents.errors import DocumentError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of common non-text files, so the message can say what the file is.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a media file"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (.doc/.xls); save it as .docx"),
    (b"{\\rtf", "an RTF file; save it as .docx or plain text"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an audio file"),
    (b"SQLite format 3", "an SQLite database"),
)
_SAMPLE = 65536


def describe_binary(data: bytes) -> str | None:
    """What a known binary file is ("a PNG image"), or None when no signature matches."""
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            return what
    return None


def decode_bytes(data: bytes, name: str = "") -> tuple[str, tuple[str, ...]]:
    """Decode text bytes. Returns (text, notices); notices tell the analyst when the encoding was guessed.

    Raises DocumentError for binary data.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding, name), ()
    utf16 = _bomless_utf16(data)
    if utf16:
        return _strict(data, utf16, name), (f"decoded as {utf16.upper()} (no byte-order mark)",)
    if b"\x00" in data[:_SAMPLE]:
        raise binary_error(data, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        if describe_binary(data):
            raise binary_error(data, name) from None
        text, notice = _legacy(data)
        _refuse_if_binary(text, data, name)
        return text, (notice,)
    _refuse_if_binary(text, data, name)
    return text, ()


def binary_error(data: bytes, name: str) -> DocumentError:
    """The error for bytes that are not text, naming the kind of file when its signature is known."""
    what = describe_binary(data) or "a binary file"
    return DocumentError(f"cannot open {name or 'this file'}: it is {what}, not text")


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DocumentError(f"cannot open {name or 'this file'}: broken {encoding.upper()} text") from exc


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: mostly ASCII text leaves a zero in every other byte."""
    sample = data[:4096]
    if len(sample) < 16 or len(sample) % 2:
        return None
    even_zero = sample[0::2].count(0) / (len(sample) / 2)
    odd_zero = sample[1::2].count(0) / (len(sample) / 2)
    if odd_zero > 0.7 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.7 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def _legacy(data: bytes) -> tuple[str, str]:
    # Mostly UTF-8 with a few stray bytes (texts pasted together from two sources): keep the UTF-8.
    sample = data[: 4 * _SAMPLE].decode("utf-8", errors="replace")
    bad = sample.count("\ufffd")
    if sum(1 for c in sample if ord(c) > 127 and c != "\ufffd") > bad:
        utf8 = data.decode("utf-8", errors="replace")
        replaced = utf8.count("\ufffd")
        return utf8, f"not valid UTF-8 throughout: {replaced} undecodable byte(s) shown as \ufffd"
    cp1252 = data.decode("cp1252", errors="replace")
    if _mostly_latin(cp1252):
        return cp1252, "not valid UTF-8: decoded as Windows-1252 (cp1252); check accented letters"
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 4 * _SAMPLE]).best()
    if best is not None and best.encoding:
        text = data.decode(best.encoding, errors="replace")
        return text, f"not valid UTF-8: encoding guessed as {best.encoding}; check the text"
    return cp1252, "not valid UTF-8: decoded as Windows-1252 (cp1252); check accented letters"


def _mostly_latin(text: str) -> bool:
    """True when fewer than 30% of the letters are non-ASCII (typical of Western text, unlike mojibake)."""
    letters = [c for c in text[:_SAMPLE] if c.isalpha()]
    if not letters:
        return True
    return sum(1 for c in letters if not c.isascii()) / len(letters) < 0.3


# Unicode category Cc (C0, DEL, C1) except tab, newline, carriage return and form feed.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _refuse_if_binary(text: str, data: bytes, name: str) -> None:
    """Control characters (other than tab/newline/CR/form feed) in more than 1% of a sample mean binary."""
    sample = text[:_SAMPLE]
    if not sample:
        return
    controls = len(_CONTROLS.findall(sample))
    if controls > max(2, len(sample) // 100):
        raise binary_error(data, name)
