"""REFI-QDA project export (``.qdpx``): a zip holding ``project.qde`` (namespace urn:QDA-XML:project:1.0)
and every article as ``sources/<guid>.txt``, for QDA programs (QualCoder, MAXQDA, ATLAS.ti, NVivo).

What goes where:
- each article → a ``TextSource`` with ``plainTextPath="internal://<guid>.txt"`` (the form QualCoder's
  importer reads from the zip's ``sources`` folder), its citation as ``Description`` and title, outlet,
  date, author, section, URL, source file and format as text ``VariableValue``\\ s;
- the codebook → Hedge, Commitment, Quote (the highlight kinds; a custom highlight carries none), one code
  per speaker under "Speakers", one per tag under "Tags", and "Automatic mark" for the model's marks;
- each passage → a ``PlainTextSelection`` (positions in code points of the plain text, end exclusive, as
  in :class:`~stance_reader.core.models.Highlight`) with one ``Coding`` per code and the note as
  ``Description``.

GUIDs are uuid5 of stable values (content hash, span, kind, code names), never of database ids, so the same
highlights give the same file from any library, and a round trip through ``import-qdpx`` gives it back.
Not carried: highlight colour, rule, timestamps and correction provenance (REFI has no place for them),
and orphaned highlights (see :func:`codable`). Code names are unique, as QualCoder needs (see
:func:`unique_label`).
"""

from __future__ import annotations

import uuid
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from stance_reader.core.models import Article, HighlightKind, StoredDocument
from stance_reader.core.palette import COMMITMENT_HUE, HEDGE_HUE, OKABE_ITO
from stance_reader.export.passages import Cite, Passage, citation, clean, ordered

NS = "urn:QDA-XML:project:1.0"
PROJECT_FILE = "project.qde"
SOURCES_DIR = "sources"
INTERNAL = "internal://"
# The namespace of every GUID we mint; fixed forever, or re-exports would stop matching.
_GUID_ROOT = uuid.UUID("5f0c7a52-7d0e-4a51-9b8e-3c1d2a6f9e41")
# A fixed zip timestamp (the zip format cannot store dates before 1980) keeps the bytes reproducible.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

KIND_CODES: dict[HighlightKind, str] = {
    HighlightKind.HEDGE: "Hedge",
    HighlightKind.COMMITMENT: "Commitment",
    HighlightKind.SPEAKER: "Quote",
}
KIND_COLOURS = {"Hedge": HEDGE_HUE, "Commitment": COMMITMENT_HUE, "Quote": OKABE_ITO["bluish_green"]}
SPEAKERS_CODE = "Speakers"
TAGS_CODE = "Tags"
AUTOMATIC_CODE = "Automatic mark"
USER_NAME = "Stance Reader"
GROUP_COLOUR = "#999999"

# Article fields as source variables: (Article attribute, variable name).
VARIABLES: tuple[tuple[str, str], ...] = (
    ("title", "Title"),
    ("outlet", "Outlet"),
    ("date", "Date"),
    ("author", "Author"),
    ("section", "Section"),
    ("url", "URL"),
    ("source_path", "Source file"),
    ("source_format", "Source format"),
)


def guid(*parts: str) -> str:
    """A deterministic GUID for the tuple ``parts`` (the first names what it is: "source", "code"…)."""
    return str(uuid.uuid5(_GUID_ROOT, "\x1f".join(parts)))


def code_guid(group: str, name: str) -> str:
    """``group`` is "kind", "speaker", "tag", "group" or "origin"; names are matched exactly."""
    return guid("code", group, name)


def source_guid(article: Article) -> str:
    return guid("source", article.content_hash)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: clean(v) for k, v in attrs.items()})
    if text is not None:
        el.text = clean(text)
    return el


@dataclass(frozen=True)
class Codebook:
    """The codes one export uses: speakers and tags sorted, so the order never depends on the data's."""

    speakers: tuple[str, ...]
    tags: tuple[str, ...]
    automatic: bool

    @classmethod
    def of(cls, passages: Sequence[Passage]) -> Codebook:
        speakers = sorted({p.speaker for p in passages if p.speaker}, key=lambda s: (s.casefold(), s))
        tags = sorted({t for p in passages for t in p.tags}, key=lambda s: (s.casefold(), s))
        automatic = any(p.origin == "automatic" for p in passages)
        return cls(tuple(speakers), tuple(tags), automatic)


def codable(passage: Passage) -> bool:
    """A passage a QDA program can code: attached to its article, a non-empty span inside the text (an
    orphaned highlight's span no longer holds its quote, so it is left out of the project)."""
    hl = passage.highlight
    return not hl.orphaned and 0 <= hl.start < hl.end <= len(passage.article.text)


def passage_codes(passage: Passage) -> list[str]:
    """The GUIDs of the codes a passage is coded with: kind, speaker, tags, then origin."""
    codes = []
    if passage.kind in KIND_CODES:
        codes.append(code_guid("kind", KIND_CODES[passage.kind]))
    if passage.speaker:
        codes.append(code_guid("speaker", passage.speaker))
    codes += [code_guid("tag", t) for t in dict.fromkeys(passage.tags)]
    if passage.origin == "automatic":
        codes.append(code_guid("origin", AUTOMATIC_CODE))
    return codes


def _code(
    parent: ET.Element, group: str, name: str, colour: str, codable: bool = True, label: str = ""
) -> ET.Element:
    codable_text = "true" if codable else "false"
    attrs = {"guid": code_guid(group, name), "name": label or name, "isCodable": codable_text}
    return _sub(parent, "Code", **attrs, color=colour)


def unique_label(name: str, suffix: str, taken: set[str]) -> str:
    """``name``, or "name (suffix)" when another code has that name already: QualCoder keeps code names
    unique and would drop the second (a tag named after a speaker, a speaker called "Quote")."""
    label = name if name.casefold() not in taken else f"{name} ({suffix})"
    taken.add(label.casefold())
    return label


def _codebook(project: ET.Element, book: Codebook) -> None:
    codes = _sub(_sub(project, "CodeBook"), "Codes")
    taken = {n.casefold() for n in (*KIND_COLOURS, SPEAKERS_CODE, TAGS_CODE, AUTOMATIC_CODE)}
    for name, colour in KIND_COLOURS.items():
        _code(codes, "kind", name, colour)
    if book.speakers:
        parent = _code(codes, "group", SPEAKERS_CODE, GROUP_COLOUR, codable=False)
        for name in book.speakers:
            _code(parent, "speaker", name, GROUP_COLOUR, label=unique_label(name, "speaker", taken))
    if book.tags:
        parent = _code(codes, "group", TAGS_CODE, GROUP_COLOUR, codable=False)
        for name in book.tags:
            _code(parent, "tag", name, GROUP_COLOUR, label=unique_label(name, "tag", taken))
    if book.automatic:
        _code(codes, "origin", AUTOMATIC_CODE, OKABE_ITO["vermillion"])


def _variables(project: ET.Element) -> None:
    variables = _sub(project, "Variables")
    for _field, name in VARIABLES:
        _sub(variables, "Variable", guid=guid("variable", name), name=name, typeOfVariable="Text")


def _selection_guids(source: str, passages: Sequence[Passage]) -> list[str]:
    """One GUID a passage from its span, kind and origin; a repeat of the same four gets a counter."""
    seen: dict[tuple[int, int, str, str], int] = {}
    out = []
    for p in passages:
        key = (p.highlight.start, p.highlight.end, str(p.kind), p.origin)
        n = seen[key] = seen.get(key, -1) + 1
        out.append(guid("selection", source, *map(str, key), str(n)))
    return out


def _source(
    sources: ET.Element, article: Article, passages: Sequence[Passage], stamp: dict[str, str], cite: Cite
) -> str:
    sid = source_guid(article)
    path = f"{INTERNAL}{sid}.txt"
    el = _sub(sources, "TextSource", guid=sid, name=article.display_title, plainTextPath=path, **stamp)
    _sub(el, "Description", cite(article))
    for p, sel_guid in zip(passages, _selection_guids(sid, passages), strict=True):
        hl = p.highlight
        sel = _sub(el, "PlainTextSelection", guid=sel_guid, name=hl.quote[:60],
                   startPosition=str(hl.start), endPosition=str(hl.end), **stamp)  # fmt: skip
        if hl.note:
            _sub(sel, "Description", hl.note)
        for code in passage_codes(p):
            coding = _sub(sel, "Coding", guid=guid("coding", sel_guid, code), **stamp)
            _sub(coding, "CodeRef", targetGUID=code)
    for attr, name in VARIABLES:
        value = getattr(article, attr)
        if value:
            vv = _sub(el, "VariableValue")
            _sub(vv, "VariableRef", targetGUID=guid("variable", name))
            _sub(vv, "TextValue", value)
    return sid


def _articles(
    passages: list[Passage], documents: Iterable[StoredDocument]
) -> list[tuple[Article, list[Passage]]]:
    """The (ordered) passages by article, with the ``documents`` no passage comes from, in document-id
    order; one source a text, as its GUID is the text's."""
    groups: dict[str, tuple[int | None, Article, list[Passage]]] = {}
    for p in passages:
        groups.setdefault(p.article.content_hash, (p.document_id, p.article, []))[2].append(p)
    for doc in documents:
        groups.setdefault(doc.content_hash, (doc.id, doc.article, []))
    ranked = sorted(groups.items(), key=lambda kv: (kv[1][0] is None, kv[1][0] or 0, kv[0]))
    return [(article, items) for _key, (_id, article, items) in ranked]


def project_xml(
    passages: Iterable[Passage],
    generated_at: str,
    cite: Cite | None = None,
    documents: Iterable[StoredDocument] = (),
) -> tuple[bytes, dict[str, str]]:
    """``project.qde`` as bytes, and the sources' texts by file name inside ``sources/``; ``cite`` writes
    each source's description (default: the plain citation line); ``documents`` become sources even
    without passages."""
    items = [p for p in ordered(passages) if codable(p)]
    user = guid("user", USER_NAME)
    stamp = {"creatingUser": user, "creationDateTime": generated_at}
    # The namespace as a plain attribute: ElementTree then writes every tag unprefixed without a global
    # ET.register_namespace (its default_namespace= refuses our unqualified attributes).
    attrs = {"xmlns": NS, "name": "Stance Reader export", "origin": USER_NAME, **_as_project(stamp)}
    project = ET.Element("Project", attrs)
    _sub(_sub(project, "Users"), "User", guid=user, name=USER_NAME)
    _codebook(project, Codebook.of(items))
    _variables(project)
    texts: dict[str, str] = {}
    groups = _articles(items, documents)
    if groups:
        sources = _sub(project, "Sources")
        for article, group in groups:
            sid = _source(sources, article, group, stamp, cite or citation)
            texts[f"{sid}.txt"] = article.text
    ET.indent(project)
    return ET.tostring(project, encoding="utf-8", xml_declaration=True), texts


def _as_project(stamp: dict[str, str]) -> dict[str, str]:
    return {"creatingUserGUID": stamp["creatingUser"], "creationDateTime": stamp["creationDateTime"]}


def write(
    passages: list[Passage],
    out: Path,
    *,
    generated_at: str,
    cite: Cite | None = None,
    documents: Iterable[StoredDocument] = (),
    **_options: Any,
) -> None:
    """Write the ``.qdpx`` zip: ``project.qde`` first, then ``sources/<guid>.txt`` (UTF-8, no BOM)."""
    xml, texts = project_xml(passages, generated_at, cite, documents)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        _add(zf, PROJECT_FILE, xml)
        for name in sorted(texts):
            _add(zf, f"{SOURCES_DIR}/{name}", texts[name].encode("utf-8"))


def _add(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)
