"""The REFI-QDA export (``.qdpx``) and ``import-qdpx``: schema validity, what a QDA importer reads back,
the round trip through an empty library, and bad input refused with nothing written."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from export_data import GENERATED, TEXT_1, TEXT_2, span

from stance_reader.cli import main
from stance_reader.core.models import Analysis, Article, Highlight, HighlightKind, Mark, MarkKind
from stance_reader.documents import load_article
from stance_reader.services.exporting import export_highlights
from stance_reader.services.qdpx_import import QdpxError, import_project, read_qdpx
from stance_reader.store import Store, StoreError

ROOT = Path(__file__).resolve().parents[2]
XSD = ROOT / "tests" / "data" / "refi-qda" / "Project.xsd"
SAMPLES = ROOT / "resources" / "samples"
NS = {"q": "urn:QDA-XML:project:1.0"}
KINDS = (HighlightKind.HEDGE, HighlightKind.COMMITMENT, HighlightKind.SPEAKER, HighlightKind.CUSTOM)
SPEAKERS = ("Ingrid Kellner", "Jörg Weiß", None)


@pytest.fixture(scope="module")
def schema() -> object:
    """The REFI-QDA Project.xsd (xmlschema is in the test extra; only these tests need it)."""
    xmlschema = pytest.importorskip("xmlschema")
    return xmlschema.XMLSchema(str(XSD))


def _fill(store: Store, article: Article, per_doc: int, analysed: bool) -> None:
    """Store ``article`` with ``per_doc`` highlights over its first sentences, kinds, speakers, tags and
    notes cycling; ``analysed`` caches two automatic marks (over passages not saved)."""
    doc = store.add_document(article)
    text = article.text
    sentences = [m.span() for m in re.finditer(r"[^.\n]{20,200}[.]", text)]
    assert len(sentences) >= per_doc + 2, "the sample is shorter than the test assumes"
    rows = []
    for i, (start, end) in enumerate(sentences[:per_doc]):
        rows.append(
            Highlight.from_span(
                text, start, end, document_id=doc.id, kind=KINDS[i % 4], speaker=SPEAKERS[i % 3],
                note=f"note {i} – ünïcode" if i % 2 else "", tags=("évidence", "b")[: i % 3],
            )
        )  # fmt: skip
    store.add_highlights(rows)
    if analysed:
        marks = tuple(
            Mark(MarkKind.HEDGE, s, e, cue=((s, s + 3),), rule="hedge.test", speaker="Ingrid Kellner")
            for s, e in sentences[per_doc : per_doc + 2]
        )
        analysis = Analysis(marks=marks, pipeline="test-pipeline")
        store.save_analysis(doc.content_hash, "test-pipeline", analysis)


@pytest.fixture
def sample_db(tmp_path: Path) -> str:
    """The two bundled sample articles with six saved highlights each; the first has an analysis."""
    path = str(tmp_path / "samples.sqlite3")
    with Store(path, auto_backup=False) as store:
        for n, name in enumerate(sorted(SAMPLES.iterdir())):
            _fill(store, load_article(name), 6, analysed=n == 0)
    return path


@pytest.fixture
def emoji_db(tmp_path: Path) -> str:
    """The export tests' articles: an emoji before the highlights, so code points and UTF-16 differ."""
    path = str(tmp_path / "emoji.sqlite3")
    with Store(path, auto_backup=False) as store:
        d1 = store.add_document(Article(text=TEXT_1, title="Kyiv talks", outlet="Northgate Ledger"))
        d2 = store.add_document(Article(text=TEXT_2, source_path="/tmp/bridge.txt"))
        store.add_highlight(
            Highlight.from_span(
                TEXT_1, *span(TEXT_1, "we will pay €12 billion by March"), document_id=d1.id,
                kind=HighlightKind.COMMITMENT, speaker="Олена Коваль", note="a <note> & more",
                tags=("€-zone",),
            )
        )  # fmt: skip
        store.add_highlight(
            Highlight.from_span(
                TEXT_2, *span(TEXT_2, "will reopen"), document_id=d2.id, kind=HighlightKind.HEDGE
            )
        )
    return path


def _export(db: str, out: Path, automatic: bool = False) -> int:
    with Store(db, auto_backup=False) as store:
        return export_highlights(store, "qdpx", out=out, include_automatic=automatic, generated_at=GENERATED)


def _project(path: Path) -> tuple[bytes, ET.Element, zipfile.ZipFile]:
    zf = zipfile.ZipFile(path)
    xml = zf.read("project.qde")
    return xml, ET.fromstring(xml), zf


# --- the file ----------------------------------------------------------------------------------------------


def test_sample_export_validates_against_the_refi_schema(sample_db: str, tmp_path: Path, schema) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "samples.qdpx"
    assert _export(sample_db, out, automatic=True) == 14  # 12 saved + 2 automatic
    xml, _root, _zf = _project(out)
    schema.validate(xml.decode("utf-8"))  # raises with the first violation


def test_the_schema_check_can_fail(sample_db: str, tmp_path: Path, schema) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "samples.qdpx"
    _export(sample_db, out)
    xml, _root, _zf = _project(out)
    broken = re.sub(rb' startPosition="\d+"', b"", xml, count=1)
    assert not schema.is_valid(broken.decode("utf-8"))


def test_read_back_as_a_qda_importer_does(sample_db: str, tmp_path: Path) -> None:
    """Sources by plainTextPath from sources/, codes by GUID, positions as code points of the text."""
    out = tmp_path / "samples.qdpx"
    _export(sample_db, out)
    _xml, root, zf = _project(out)
    codes = {c.get("guid"): c for c in root.iter(f"{{{NS['q']}}}Code")}
    parents = {child.get("guid"): c.get("name") for c in codes.values() for child in c.findall("q:Code", NS)}
    with Store(sample_db, auto_backup=False) as store:
        documents = {d.content_hash: d for d in store.list_documents()}
        expected = {d.content_hash: store.highlights_for(d.id) for d in documents.values()}
    sources = root.findall("q:Sources/q:TextSource", NS)
    assert len(sources) == len(documents) == 2
    for source in sources:
        path = source.get("plainTextPath", "")
        assert path.startswith("internal://")
        text = zf.read("sources/" + path.removeprefix("internal://")).decode("utf-8")
        saved = expected[Article(text=text).content_hash]
        selections = source.findall("q:PlainTextSelection", NS)
        assert len(selections) == len(saved) == 6
        got = []
        for sel in selections:
            start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
            named = [codes[ref.get("targetGUID")] for ref in sel.iterfind("q:Coding/q:CodeRef", NS)]
            speaker = [c.get("name") for c in named if parents.get(c.get("guid")) == "Speakers"]
            tags = [c.get("name") for c in named if parents.get(c.get("guid")) == "Tags"]
            note = sel.find("q:Description", NS)
            got.append((text[start:end], speaker[:1], tags, note.text if note is not None else ""))
        assert got == [(h.quote, [h.speaker] if h.speaker else [], list(h.tags), h.note) for h in saved]
    kinds = {c.get("name") for c in codes.values() if c.get("guid") not in parents}
    assert kinds == {"Hedge", "Commitment", "Quote", "Speakers", "Tags"}


def test_positions_are_code_points_not_utf16(emoji_db: str, tmp_path: Path) -> None:
    out = tmp_path / "emoji.qdpx"
    _export(emoji_db, out)
    _xml, root, _zf = _project(out)
    first = root.find("q:Sources/q:TextSource/q:PlainTextSelection", NS)
    assert first is not None
    start = int(first.get("startPosition", ""))
    assert start == TEXT_1.index("we will pay")  # UTF-16 would count the emoji twice
    assert start != len(TEXT_1[:start].encode("utf-16-le")) // 2


def test_citation_and_variables_describe_each_source(emoji_db: str, tmp_path: Path) -> None:
    out = tmp_path / "emoji.qdpx"
    _export(emoji_db, out)
    _xml, root, _zf = _project(out)
    names = {v.get("guid"): v.get("name") for v in root.iter(f"{{{NS['q']}}}Variable")}
    first = root.findall("q:Sources/q:TextSource", NS)[0]
    assert first.findtext("q:Description", namespaces=NS) == "Northgate Ledger, 'Kyiv talks'"
    values = {
        names[vv.find("q:VariableRef", NS).get("targetGUID")]: vv.findtext("q:TextValue", namespaces=NS)  # type: ignore[union-attr]
        for vv in first.findall("q:VariableValue", NS)
    }
    assert values == {"Title": "Kyiv talks", "Outlet": "Northgate Ledger", "Source format": "text"}


# --- import and the round trip -----------------------------------------------------------------------------


def test_round_trip_through_an_empty_library_is_lossless(sample_db: str, tmp_path: Path) -> None:
    """Export (saved + automatic) → import into an empty library → export again: the same project.qde
    and the same source texts; the automatic marks come back as saved highlights marked automatic."""
    first, second = tmp_path / "a.qdpx", tmp_path / "b.qdpx"
    _export(sample_db, first, automatic=True)
    empty = str(tmp_path / "empty.sqlite3")
    with Store(empty, auto_backup=False) as store:
        report = import_project(store, read_qdpx(first))
        assert (report.documents_added, report.highlights_added) == (2, 14)
        stored = [h for d in store.list_documents() for h in store.highlights_for(d.id)]
        assert sum(h.origin == "automatic" for h in stored) == 2
    _export(empty, second)
    a, b = zipfile.ZipFile(first), zipfile.ZipFile(second)
    assert a.namelist() == b.namelist()
    for name in a.namelist():
        assert a.read(name) == b.read(name), name


def test_round_trip_keeps_what_the_store_holds(emoji_db: str, tmp_path: Path) -> None:
    out = tmp_path / "emoji.qdpx"
    _export(emoji_db, out)
    copy = str(tmp_path / "copy.sqlite3")
    with Store(copy, auto_backup=False) as store:
        import_project(store, read_qdpx(out))
    with Store(emoji_db, auto_backup=False) as a, Store(copy, auto_backup=False) as b:

        def contents(store: Store) -> list[object]:
            docs = sorted(store.list_documents(), key=lambda d: d.id)
            fields = [(d.id, d.article) for d in docs]
            for d in docs:
                for h in store.highlights_for(d.id):
                    fields.append((h.start, h.end, h.kind, h.speaker, h.note, h.tags, h.origin))
            return fields

        assert contents(a) == contents(b)


def test_importing_twice_adds_nothing(emoji_db: str, tmp_path: Path) -> None:
    out = tmp_path / "emoji.qdpx"
    _export(emoji_db, out)
    with Store(emoji_db, auto_backup=False) as store:
        report = import_project(store, read_qdpx(out))
        assert (report.documents_added, report.documents_existing) == (0, 2)
        assert (report.highlights_added, report.highlights_existing) == (0, 2)
        assert store.count_highlights() == 2


def test_import_never_replaces_an_article_from_the_same_path(emoji_db: str, tmp_path: Path) -> None:
    out = tmp_path / "emoji.qdpx"
    _export(emoji_db, out)
    other = str(tmp_path / "other.sqlite3")
    with Store(other, auto_backup=False) as store:
        kept = store.add_document(Article(text="A different text.", source_path="/tmp/bridge.txt"))
        import_project(store, read_qdpx(out))
        assert store.get_document(kept.id).article.text == "A different text."
        assert store.count_documents() == 3


def test_clashing_code_names_are_told_apart_and_come_back(tmp_path: Path) -> None:
    """QualCoder keeps code names unique: a tag named like a speaker, a speaker called "Quote"."""
    db = str(tmp_path / "clash.sqlite3")
    with Store(db, auto_backup=False) as store:
        doc = store.add_document(Article(text=TEXT_2, title="Bridge"))
        rows = [
            Highlight.from_span(TEXT_2, *span(TEXT_2, "will reopen"), document_id=doc.id,
                                speaker="The mayor", tags=("The mayor", "quote")),
            Highlight.from_span(TEXT_2, *span(TEXT_2, "Second story"), document_id=doc.id, speaker="Quote"),
        ]  # fmt: skip
        store.add_highlights(rows)
    out = tmp_path / "clash.qdpx"
    _export(db, out)
    _xml, root, _zf = _project(out)
    names = [c.get("name", "") for c in root.iter(f"{{{NS['q']}}}Code")]
    assert len({n.casefold() for n in names}) == len(names)
    assert {"The mayor (tag)", "quote (tag)", "Quote (speaker)"} <= set(names)
    copy = str(tmp_path / "copy.sqlite3")
    with Store(copy, auto_backup=False) as store:
        import_project(store, read_qdpx(out))
        (doc,) = store.list_documents()
        got = {(h.speaker, h.tags) for h in store.highlights_for(doc.id)}
    assert got == {("The mayor", ("The mayor", "quote")), ("Quote", ())}


def test_one_article_without_highlights_is_still_a_source(emoji_db: str, tmp_path: Path) -> None:
    with Store(emoji_db, auto_backup=False) as store:
        bare = store.add_document(Article(text="Nothing highlighted here.", title="Quiet", outlet="Post"))
        out = tmp_path / "bare.qdpx"
        assert export_highlights(store, "qdpx", out=out, document_id=bare.id, generated_at=GENERATED) == 0
    _xml, root, _zf = _project(out)
    (source,) = root.findall("q:Sources/q:TextSource", NS)
    assert (source.get("name"), source.findall("q:PlainTextSelection", NS)) == ("Quiet", [])
    copy = str(tmp_path / "copy.sqlite3")
    with Store(copy, auto_backup=False) as store:
        import_project(store, read_qdpx(out))
        (doc,) = store.list_documents()
    assert doc.article == Article(text="Nothing highlighted here.", title="Quiet", outlet="Post")


def test_orphaned_highlights_stay_out_of_the_project(emoji_db: str, tmp_path: Path) -> None:
    """An orphaned highlight's span no longer holds its quote: no QDA program could code it."""
    with Store(emoji_db, auto_backup=False) as store:
        lost = Highlight(document_id=2, start=0, end=6, quote="gone words", orphaned=True)
        store.add_highlight(lost)
        assert store.count_highlights() == 3
        out = tmp_path / "emoji.qdpx"
        assert export_highlights(store, "qdpx", out=out, generated_at=GENERATED) == 2
    _xml, root, _zf = _project(out)
    assert len(list(root.iter(f"{{{NS['q']}}}PlainTextSelection"))) == 2
    assert read_qdpx(out).sources  # and the file reads back


FOREIGN = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="from elsewhere">
  <CodeBook><Codes>
    <Code guid="{AAAAAAAA-0000-0000-0000-000000000001}" name="Themes" isCodable="false">
      <Code guid="{AAAAAAAA-0000-0000-0000-000000000002}" name="Housing" isCodable="true"/>
    </Code>
    <Code guid="AAAAAAAA-0000-0000-0000-000000000003" name="Hedge" isCodable="true"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="BBBBBBBB-0000-0000-0000-000000000001" name="Interview 1">
      <PlainTextContent>Héllo 😀 we might build homes.</PlainTextContent>
      <PlainTextSelection guid="CCCCCCCC-0000-0000-0000-000000000001" startPosition="8" endPosition="29">
        <Description>memo</Description>
        <Coding guid="DDDDDDDD-0000-0000-0000-000000000001">
          <CodeRef targetGUID="aaaaaaaa-0000-0000-0000-000000000002"/></Coding>
        <Coding guid="DDDDDDDD-0000-0000-0000-000000000002">
          <CodeRef targetGUID="{AAAAAAAA-0000-0000-0000-000000000003}"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="BBBBBBBB-0000-0000-0000-000000000002" name="Notes.txt" plainTextPath="internal://n.txt"/>
    <PictureSource guid="BBBBBBBB-0000-0000-0000-000000000003" name="photo.jpg" path="internal://p.jpg"/>
  </Sources>
</Project>
"""


def test_a_project_from_another_program(tmp_path: Path, schema) -> None:  # type: ignore[no-untyped-def]
    """Inline text, a capitalised Sources folder, braced upper-case GUIDs, codes of its own, a picture."""
    schema.validate(FOREIGN)
    path = tmp_path / "foreign.qdpx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", FOREIGN)
        zf.writestr("Sources/n.txt", "\ufeffPlain notes.")
    project = read_qdpx(path)
    assert project.skipped == ("PictureSource 'photo.jpg' left out (only text sources)",)
    with Store(str(tmp_path / "lib.sqlite3"), auto_backup=False) as store:
        report = import_project(store, project)
        docs = sorted(store.list_documents(), key=lambda d: d.id)
        (hl,) = store.highlights_for(docs[0].id)
    assert (report.documents_added, report.highlights_added) == (2, 1)
    assert [d.article.title for d in docs] == ["Interview 1", "Notes.txt"]
    assert docs[1].article.text == "Plain notes."
    expected = ("we might build homes.", HighlightKind.HEDGE, ("Housing",), "memo")
    assert (hl.quote, hl.kind, hl.tags, hl.note) == expected


# --- bad input ----------------------------------------------------------------------------------------------


def _rewrite(src: Path, dst: Path, edit: object) -> Path:
    """A copy of ``src`` with project.qde passed through ``edit`` (bytes → bytes)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            zout.writestr(name, edit(data) if name == "project.qde" else data)  # type: ignore[operator]
    return dst


def _last_selection_out_of_range(xml: bytes) -> bytes:
    *_, last = re.finditer(rb'endPosition="\d+"', xml)
    return xml[: last.start()] + b'endPosition="999999"' + xml[last.end() :]


def _unknown_code(xml: bytes) -> bytes:
    return re.sub(rb'(<CodeRef targetGUID=")[0-9a-f]{8}', rb"\g<1>00000000", xml, count=1)


def _not_a_zip(good: Path, bad: Path) -> Path:
    bad.write_bytes(b"plain text, not a zip")
    return bad


def _empty_zip(good: Path, bad: Path) -> Path:
    zipfile.ZipFile(bad, "w").close()
    return bad


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_not_a_zip, "not a .qdpx file"),
        (_empty_zip, "has no project.qde"),
        (lambda good, bad: _rewrite(good, bad, lambda x: x[:-20]), "not well-formed XML"),
        (lambda good, bad: _rewrite(good, bad, lambda x: b"<html/>"), "not a REFI-QDA project"),
        (lambda good, bad: _rewrite(good, bad, _last_selection_out_of_range), "out of range"),
        (lambda good, bad: _rewrite(good, bad, _unknown_code), "not in the codebook"),
    ],
    ids=["not-a-zip", "no-project", "bad-xml", "not-refi", "out-of-range", "unknown-code"],
)
def test_bad_files_are_refused_and_nothing_is_written(  # type: ignore[no-untyped-def]
    make, message: str, emoji_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.qdpx"
    _export(emoji_db, good)
    bad = make(good, tmp_path / "bad.qdpx")
    target = str(tmp_path / "target.sqlite3")
    assert main(["import-qdpx", str(bad), "--db", target]) == 1
    err = capsys.readouterr().err
    assert message in err and err.startswith("stance-reader: error:")
    with Store(target, auto_backup=False) as store:
        assert (store.count_documents(), store.count_highlights()) == (0, 0)


def test_a_store_failure_midway_rolls_everything_back(
    emoji_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "emoji.qdpx"
    _export(emoji_db, out)
    project = read_qdpx(out)
    target = str(tmp_path / "target.sqlite3")
    with Store(target, auto_backup=False) as store:
        calls = []
        real = store.add_highlights

        def failing(rows):  # type: ignore[no-untyped-def]
            calls.append(rows)
            if len(calls) == 2:  # the second source: the first is already written
                raise StoreError("disk full")
            return real(rows)

        monkeypatch.setattr(store, "add_highlights", failing)
        with pytest.raises(StoreError):
            import_project(store, project)
        assert (store.count_documents(), store.count_highlights()) == (0, 0)


def test_read_qdpx_names_the_missing_source_file(emoji_db: str, tmp_path: Path) -> None:
    good = tmp_path / "good.qdpx"
    _export(emoji_db, good)
    bad = tmp_path / "bad.qdpx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        zout.writestr("project.qde", zin.read("project.qde"))
    with pytest.raises(QdpxError, match="missing from the archive"):
        read_qdpx(bad)


# --- the CLI ------------------------------------------------------------------------------------------------


def test_cli_export_and_import(emoji_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "one.qdpx"
    assert main(["export", "--format", "qdpx", "--doc", "1", "--db", emoji_db, "--out", str(out)]) == 0
    _xml, root, _zf = _project(out)
    assert len(root.findall("q:Sources/q:TextSource", NS)) == 1
    target = str(tmp_path / "target.sqlite3")
    assert main(["import-qdpx", str(out), "--db", target]) == 0
    assert "1 document(s) added, 0 already in the library; 1 highlight(s) added" in capsys.readouterr().err
    with Store(target, auto_backup=False) as store:
        (doc,) = store.list_documents()
        (hl,) = store.highlights_for(doc.id)
    assert (hl.kind, hl.speaker, hl.tags, hl.note) == (
        HighlightKind.COMMITMENT, "Олена Коваль", ("€-zone",), "a <note> & more",
    )  # fmt: skip
