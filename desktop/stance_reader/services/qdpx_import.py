"""Importing a REFI-QDA project (``.qdpx``): text sources become documents, coded selections become saved
highlights.

Codes map back as ``export/qdpx.py`` writes them: Hedge, Commitment and Quote set the kind (none: a custom
highlight), a code under "Speakers" the speaker, "Automatic mark" the origin; every other code (under
"Tags", or any code of another program's codebook) becomes a tag. A selection's ``Description`` is its
note. Article fields come from the source's variables (Title, Outlet, Date…), the title falling back to the
source's name.

The whole file is read and checked before the store is touched (not a zip, no ``project.qde``, bad XML,
a selection outside its text, a coding of an unknown code: :class:`QdpxError`), and everything is written
in one transaction, so a bad file leaves the library as it was.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from stance_reader.core.models import Article, Highlight, HighlightKind
from stance_reader.export.qdpx import (
    AUTOMATIC_CODE,
    INTERNAL,
    KIND_CODES,
    PROJECT_FILE,
    SOURCES_DIR,
    SPEAKERS_CODE,
    TAGS_CODE,
    VARIABLES,
)

_KINDS = {name: kind for kind, name in KIND_CODES.items()}
_NS_PREFIX = "{urn:QDA-XML:project:"


class QdpxError(ValueError):
    """A ``.qdpx`` that cannot be imported; the message says what is wrong, in the analyst's words."""


@dataclass(frozen=True)
class Code:
    name: str
    group: str  # the name of its top-level ancestor ("" for a top-level code)


@dataclass(frozen=True)
class Selection:
    start: int
    end: int
    note: str
    codes: tuple[Code, ...]


@dataclass(frozen=True)
class Source:
    name: str
    text: str
    variables: dict[str, str]
    selections: tuple[Selection, ...]


@dataclass(frozen=True)
class Project:
    sources: tuple[Source, ...]
    skipped: tuple[str, ...] = ()  # why sources were left out (pictures, PDFs, audio, video)


@dataclass
class ImportReport:
    documents_added: int = 0
    documents_existing: int = 0
    highlights_added: int = 0
    highlights_existing: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.documents_added} document(s) added, {self.documents_existing} already in the library; "
            f"{self.highlights_added} highlight(s) added, {self.highlights_existing} already there"
        )


# --- reading -------------------------------------------------------------------------------------------


def read_qdpx(path: Path) -> Project:
    """Read and check ``path`` completely; raises :class:`QdpxError` with a plain message."""
    try:
        with zipfile.ZipFile(path) as zf:
            return _read_archive(zf, path)
    except zipfile.BadZipFile as exc:
        raise QdpxError(f"{path} is not a .qdpx file (not a zip archive): {exc}") from exc
    except (RuntimeError, NotImplementedError) as exc:  # an encrypted or oddly compressed member
        raise QdpxError(f"cannot read {path}: {exc}") from exc
    except FileNotFoundError as exc:
        raise QdpxError(f"no such file: {path}") from exc


def _member(zf: zipfile.ZipFile, name: str) -> str | None:
    """The archive's member called ``name``, matched without regard to case (NVivo writes Sources/)."""
    wanted = name.casefold()
    return next((n for n in zf.namelist() if n.casefold() == wanted), None)


def _read_archive(zf: zipfile.ZipFile, path: Path) -> Project:
    name = _member(zf, PROJECT_FILE)
    if name is None:
        raise QdpxError(f"{path} has no {PROJECT_FILE} (is it a REFI-QDA project?)")
    try:
        root = ET.fromstring(zf.read(name))
    except ET.ParseError as exc:
        raise QdpxError(f"{PROJECT_FILE} in {path} is not well-formed XML: {exc}") from exc
    if not root.tag.startswith(_NS_PREFIX) or not root.tag.endswith("}Project"):
        raise QdpxError(f"{PROJECT_FILE} in {path} is not a REFI-QDA project (root element {root.tag})")
    ns = root.tag[: -len("Project")]
    codes = _codes(root, ns)
    variables = {v.get("guid", ""): v.get("name", "") for v in root.iter(f"{ns}Variable")}
    sources, skipped = [], []
    listed = root.find(f"{ns}Sources")
    for el in listed if listed is not None else ():
        if el.tag != f"{ns}TextSource":
            skipped.append(f"{el.tag.removeprefix(ns)} '{el.get('name', '')}' left out (only text sources)")
            continue
        sources.append(_source(zf, el, ns, codes, variables))
    return Project(tuple(sources), tuple(skipped))


def _codes(root: ET.Element, ns: str) -> dict[str, Code]:
    """Every code by GUID with its top-level ancestor's name, walking the codebook tree."""
    found: dict[str, Code] = {}

    def walk(parent: ET.Element, group: str) -> None:
        for el in parent.findall(f"{ns}Code"):
            found[_guid(el.get("guid"))] = Code(el.get("name", ""), group)
            walk(el, group or el.get("name", ""))

    codes = root.find(f"{ns}CodeBook/{ns}Codes")
    if codes is not None:
        walk(codes, "")
    names = Counter(c.name.casefold() for c in found.values())
    return {key: _unsuffixed(code, names) for key, code in found.items()}


def _unsuffixed(code: Code, names: Counter[str]) -> Code:
    """Undo ``export.qdpx.unique_label``: "Anna (tag)" under Tags is the tag "Anna" when another code
    is called "Anna"."""
    suffix = {SPEAKERS_CODE: " (speaker)", TAGS_CODE: " (tag)"}.get(code.group, "")
    bare = code.name.removesuffix(suffix) if suffix else code.name
    return Code(bare, code.group) if bare != code.name and names[bare.casefold()] else code


def _guid(value: str | None) -> str:
    """GUIDs compare without braces or case (the schema allows ``{…}`` and either case)."""
    return (value or "").strip("{}").lower()


def _text(zf: zipfile.ZipFile, el: ET.Element, ns: str) -> str:
    name = el.get("name", "")
    inline = el.find(f"{ns}PlainTextContent")
    if inline is not None:
        return inline.text or ""
    where = el.get("plainTextPath", "")
    if not where.startswith(INTERNAL):
        raise QdpxError(f"source '{name}' has no text inside the archive (plainTextPath {where!r})")
    member = _member(zf, f"{SOURCES_DIR}/{where.removeprefix(INTERNAL)}")
    if member is None:
        raise QdpxError(f"source '{name}': {where} is missing from the archive")
    try:
        return zf.read(member).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise QdpxError(f"source '{name}': {member} is not UTF-8 text ({exc})") from exc


def _source(
    zf: zipfile.ZipFile, el: ET.Element, ns: str, codes: dict[str, Code], variables: dict[str, str]
) -> Source:
    name = el.get("name", "")
    text = _text(zf, el, ns)
    values = {}
    for vv in el.findall(f"{ns}VariableValue"):
        ref, value = vv.find(f"{ns}VariableRef"), vv.find(f"{ns}TextValue")
        if ref is not None and value is not None:
            values[variables.get(ref.get("targetGUID", ""), "")] = value.text or ""
    selections = tuple(_selection(s, ns, name, text, codes) for s in el.findall(f"{ns}PlainTextSelection"))
    return Source(name, text, values, selections)


def _position(sel: ET.Element, attr: str, where: str) -> int:
    try:
        return int(sel.get(attr, ""))
    except ValueError as exc:
        raise QdpxError(f"{where}: {attr} {sel.get(attr)!r} is not a whole number") from exc


def _selection(sel: ET.Element, ns: str, source: str, text: str, codes: dict[str, Code]) -> Selection:
    where = f"selection {sel.get('guid', '?')} in source '{source}'"
    start, end = _position(sel, "startPosition", where), _position(sel, "endPosition", where)
    if not 0 <= start < end <= len(text):
        raise QdpxError(f"{where} is out of range: {start}–{end}, the text has {len(text)} characters")
    used = []
    for ref in sel.iterfind(f"{ns}Coding/{ns}CodeRef"):
        code = codes.get(_guid(ref.get("targetGUID")))
        if code is None:
            raise QdpxError(f"{where} is coded with a code not in the codebook ({ref.get('targetGUID')})")
        used.append(code)
    note = sel.find(f"{ns}Description")
    return Selection(start, end, (note.text or "") if note is not None else "", tuple(used))


# --- mapping to the store ------------------------------------------------------------------------------


def article_of(source: Source) -> Article:
    """The article a source stands for; a title equal to what the text's first line would show anyway
    stays empty, as it was before export."""
    fields = {attr: source.variables.get(name, "") for attr, name in VARIABLES}
    if not fields["title"] and source.name != Article(text=source.text).display_title:
        fields["title"] = source.name
    fields["source_format"] = fields["source_format"] or "text"
    return Article(text=source.text, **fields)


def highlight_of(text: str, document_id: int, sel: Selection) -> Highlight:
    """A selection as a highlight: the first kind code sets the kind, the first speaker code the speaker,
    "Automatic mark" the origin; every other code is a tag."""
    kind, speaker, origin, tags = HighlightKind.CUSTOM, None, "manual", []
    for code in sel.codes:
        if not code.group and code.name in _KINDS and kind == HighlightKind.CUSTOM:
            kind = _KINDS[code.name]
        elif code.group == SPEAKERS_CODE and speaker is None:
            speaker = code.name
        elif not code.group and code.name == AUTOMATIC_CODE:
            origin = "automatic"
        else:
            tags.append(code.name)
    return Highlight.from_span(
        text, sel.start, sel.end, document_id=document_id, kind=kind, speaker=speaker,
        note=sel.note, tags=tuple(dict.fromkeys(tags)), origin=origin,
    )  # fmt: skip


def import_project(store: Any, project: Project) -> ImportReport:
    """Write ``project`` into ``store`` in one transaction; highlights already saved over the same span
    with the same kind are left as they are (importing a file twice adds nothing)."""
    report = ImportReport(warnings=list(project.skipped))
    paths: dict[str, str] = {}  # source_path → content hash, this import's and the library's
    with store.transaction():
        for source in project.sources:
            _import_source(store, source, paths, report)
    return report


def _article_for(store: Any, source: Source, paths: dict[str, str]) -> Article:
    """The source's article, without its ``source_path`` when another text came from that path."""
    article = article_of(source)
    if not article.source_path:
        return article
    # The store treats a new text from a known path as a re-import that replaces the old one; an
    # imported project must never overwrite an article, so such a path is dropped.
    known = paths.get(article.source_path) or _hash_at(store, article.source_path)
    if known and known != article.content_hash:
        return replace(article, source_path="")
    paths[article.source_path] = article.content_hash
    return article


def _import_source(store: Any, source: Source, paths: dict[str, str], report: ImportReport) -> None:
    article = _article_for(store, source, paths)
    existing = store.find_document(article.content_hash)
    doc = existing or store.add_document(article)
    report.documents_existing += existing is not None
    report.documents_added += existing is None
    saved = _saved_spans(store, doc.id) if existing else set()
    new = []
    for sel in source.selections:
        hl = highlight_of(doc.article.text, doc.id, sel)
        if (hl.start, hl.end, str(hl.kind)) in saved:
            report.highlights_existing += 1
        else:
            new.append(hl)
    store.add_highlights(new)
    report.highlights_added += len(new)


def _saved_spans(store: Any, document_id: int) -> set[tuple[int, int, str]]:
    """"Already saved?" as ``Store.find_highlight`` answers it (same span and kind, attached), but in one
    query for the whole document."""
    return {(h.start, h.end, str(h.kind)) for h in store.highlights_for(document_id) if not h.orphaned}


def _hash_at(store: Any, source_path: str) -> str | None:
    doc = store.find_document_by_path(source_path)
    return doc.content_hash if doc is not None else None


def import_qdpx(path: Path, db: str | None) -> ImportReport:
    """``stance-reader import-qdpx``: read and check the file, then write it into the library at ``db``."""
    project = read_qdpx(Path(path))
    from stance_reader.services.library import open_store

    with open_store(db) as store:
        return import_project(store, project)


__all__ = ["ImportReport", "Project", "QdpxError", "import_project", "import_qdpx", "read_qdpx"]
