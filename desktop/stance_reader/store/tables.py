"""The peewee tables (``*Row`` classes) of the highlights store, built per database.

Each :class:`~stance_reader.store.Store` calls :func:`build_tables` with its own ``Database`` so two
stores in one process (tests, a second library) never share a binding. The classes describe the
*latest* schema for queries only; the DDL that creates and evolves the tables lives, frozen, in
:mod:`stance_reader.store.migrations`. Rows never leave the store: :mod:`stance_reader.store.store`
converts them to ``core`` dataclasses.

Timestamps are naive UTC in the database. Offsets (``start``/``end``) are code points, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    CompositeKey,
    Database,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    SqliteDatabase,
    TextField,
)
from playhouse.sqlite_ext import FTS5Model, SearchField


@dataclass(frozen=True)
class Tables:
    """The row classes bound to one database. The two search tables exist on SQLite only."""

    SchemaVersionRow: Any
    DocumentRow: Any
    AnalysisRow: Any
    HighlightRow: Any
    TagRow: Any
    HighlightTagRow: Any
    HighlightSearchRow: Any | None
    DocumentSearchRow: Any | None
    CorrectionRow: Any = None  # v5: the analyst's corrections of the analysis (store/corrections.py)
    SpeakerMarkRow: Any = None  # v6: the speaker ledger (store/repositories/speakers.py)
    SpeakerAliasRow: Any = None  # v6: the analyst's speaker merges and splits


def build_tables(db: Database) -> Tables:
    """Row classes bound to ``db`` (no DDL is run here)."""

    class BaseRow(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class SchemaVersionRow(BaseRow):
        version = IntegerField(primary_key=True)
        applied = DateTimeField()

        class Meta:
            table_name = "schema_version"

    class DocumentRow(BaseRow):
        id = AutoField()
        content_hash = CharField(max_length=64, unique=True)
        text = TextField()
        title = TextField(default="")
        outlet = TextField(default="")
        date = TextField(default="")
        date_iso = CharField(max_length=10, null=True)  # v2: the printed date as YYYY-MM-DD
        author = TextField(default="")
        section = TextField(default="")
        url = TextField(default="")
        source_path = TextField(default="")
        source_format = CharField(max_length=32, default="text")
        notices = TextField(default="[]")  # JSON list
        created = DateTimeField()
        updated = DateTimeField()

        class Meta:
            table_name = "documents"

    class AnalysisRow(BaseRow):
        id = AutoField()
        content_hash = CharField(max_length=64)
        pipeline = CharField(max_length=200)
        data = TextField()  # Analysis.to_dict() as JSON
        created = DateTimeField()

        class Meta:
            table_name = "analyses"
            indexes = ((("content_hash", "pipeline"), True),)

    class HighlightRow(BaseRow):
        id = AutoField()
        document = ForeignKeyField(DocumentRow, column_name="document_id", on_delete="CASCADE")
        start = IntegerField()
        end = IntegerField()
        quote = TextField()
        prefix = TextField(default="")
        suffix = TextField(default="")
        kind = CharField(max_length=20)
        speaker = TextField(null=True)
        colour = CharField(max_length=16, default="")
        note = TextField(default="")
        origin = CharField(max_length=16, default="manual")
        rule = TextField(default="")
        orphaned = BooleanField(default=False)
        extra = TextField(default="{}")  # JSON object
        created = DateTimeField()
        updated = DateTimeField()
        checksum = CharField(max_length=16, default="")  # v4: stamp of quote + note (checksums.py)

        class Meta:
            table_name = "highlights"

    class TagRow(BaseRow):
        id = AutoField()
        name = TextField()  # as first typed
        key = TextField(unique=True)  # casefolded: "Ukraine" and "ukraine" are one tag

        class Meta:
            table_name = "tags"

    class HighlightTagRow(BaseRow):
        highlight = ForeignKeyField(HighlightRow, column_name="highlight_id", on_delete="CASCADE")
        tag = ForeignKeyField(TagRow, column_name="tag_id", on_delete="CASCADE")
        position = IntegerField(default=0)  # keeps the analyst's tag order

        class Meta:
            table_name = "highlight_tags"
            primary_key = CompositeKey("highlight", "tag")

    class CorrectionRow(BaseRow):
        """One analyst correction (core.corrections.Correction); offsets into the text of
        ``content_hash``. ``target``: the model mark corrected, JSON (``null`` for an added one)."""

        id = AutoField()
        document = ForeignKeyField(DocumentRow, column_name="document_id", on_delete="CASCADE")
        content_hash = CharField(max_length=64)
        kind = CharField(max_length=20)  # hedge | commitment | quote | none (rejected)
        decided = TextField(default="")  # comma-separated: kind, speaker, passage
        start = IntegerField()
        end = IntegerField()
        cue = TextField(default="[]")  # JSON list of [start, end]
        quote = TextField(default="")
        prefix = TextField(default="")
        suffix = TextField(default="")
        speaker = TextField(null=True)
        target = TextField(default="null")  # JSON MarkRef or null
        note = TextField(default="")
        orphaned = BooleanField(default=False)
        extra = TextField(default="{}")
        created = DateTimeField()
        updated = DateTimeField()

        class Meta:
            table_name = "corrections"

    class SpeakerMarkRow(BaseRow):
        """One hedge, commitment or quote of one speaker, derived from a document's stored analysis;
        the article's date, outlet and title are copied in so the ledger reads one table."""

        id = AutoField()
        document = ForeignKeyField(DocumentRow, column_name="document_id", on_delete="CASCADE")
        mention_key = TextField()
        mention = TextField()
        speaker_key = TextField()
        speaker_name = TextField()
        kind = CharField(max_length=20)
        start = IntegerField()
        end = IntegerField()
        snippet = TextField(default="")
        confidence = FloatField(null=True)
        date_iso = CharField(max_length=10, null=True)
        outlet = TextField(default="")
        title = TextField(default="")

        class Meta:
            table_name = "speaker_marks"

    class SpeakerAliasRow(BaseRow):
        alias_key = TextField(primary_key=True)
        canonical_key = TextField()
        created = DateTimeField()

        class Meta:
            table_name = "speaker_aliases"

    highlight_search: Any | None = None
    document_search: Any | None = None
    if isinstance(db, SqliteDatabase):

        class HighlightSearchRow(FTS5Model):
            """FTS5 over each highlight's quote, note, speaker and tags; rowid = highlight id.
            Kept in sync by triggers (migration 3), so every write path updates it."""

            quote = SearchField()
            note = SearchField()
            speaker = SearchField()
            tags = SearchField()

            class Meta:
                database = db
                table_name = "highlights_fts"

        class DocumentSearchRow(FTS5Model):
            """External-content FTS5 over documents (title, outlet, text); rowid = document id."""

            title = SearchField()
            outlet = SearchField()
            text = SearchField()

            class Meta:
                database = db
                table_name = "documents_fts"

        highlight_search, document_search = HighlightSearchRow, DocumentSearchRow

    return Tables(
        SchemaVersionRow=SchemaVersionRow,
        DocumentRow=DocumentRow,
        AnalysisRow=AnalysisRow,
        HighlightRow=HighlightRow,
        TagRow=TagRow,
        HighlightTagRow=HighlightTagRow,
        HighlightSearchRow=highlight_search,
        DocumentSearchRow=document_search,
        CorrectionRow=CorrectionRow,
        SpeakerMarkRow=SpeakerMarkRow,
        SpeakerAliasRow=SpeakerAliasRow,
    )
