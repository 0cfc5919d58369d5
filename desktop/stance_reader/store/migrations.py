"""Schema versions of the highlights store: append-only migrations, each applied once, in order.

The ``schema_version`` table records every applied step. A migration's DDL is frozen text here (never
generated from the current ``*Row`` classes, which describe only the latest schema), so upgrading an
old database always replays exactly what that version did. Never edit a released step: append one.

1. base tables: documents, analyses, highlights, tags, highlight_tags, schema_version
2. ``documents.date_iso`` (the printed date as YYYY-MM-DD) + index, for the date filter
3. SQLite only: FTS5 indexes over highlights (quote, note, speaker, tags) and documents (title,
   outlet, text), kept in sync by triggers. PostgreSQL searches with ILIKE instead (see search.py).
4. ``highlights.checksum``: a stamp of each highlight's quote and note (see checksums.py), filled here
   for existing rows, so a row changed outside the app can be named.
5. ``corrections``: the analyst's corrections of the analysis (store/corrections.py), per document.
6. the speaker ledger: ``speaker_marks`` (every speaker's hedges, commitments and quotes across the
   library, derived from stored analyses, with the article's date, outlet and title copied in) and
   ``speaker_aliases`` (the analyst's merges and splits of speakers; never derived, never dropped).

Every step runs inside one write transaction that re-reads the version first, so two instances
opening an old database at once migrate it once. The caller backs the file up before migrating.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from peewee import CharField, Database, PostgresqlDatabase, SqliteDatabase
from playhouse.migrate import PostgresqlMigrator, SchemaMigrator, SqliteMigrator, migrate

from stance_reader.store.checksums import highlight_checksum
from stance_reader.store.dates import iso_day
from stance_reader.store.errors import StoreError

_SQLITE_TYPES = {
    "pk": "INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT",  # AUTOINCREMENT: ids are never reused,
    "ts": "DATETIME",  # so undoing a delete can restore a highlight under its old id
    "bool": "INTEGER",
    "false": "0",
}
_POSTGRES_TYPES = {"pk": "SERIAL PRIMARY KEY", "ts": "TIMESTAMP", "bool": "BOOLEAN", "false": "FALSE"}

V1_DDL = (
    'CREATE TABLE "schema_version" ("version" INTEGER NOT NULL PRIMARY KEY, "applied" {ts} NOT NULL)',
    """CREATE TABLE "documents" (
        "id" {pk},
        "content_hash" VARCHAR(64) NOT NULL,
        "text" TEXT NOT NULL,
        "title" TEXT NOT NULL DEFAULT '',
        "outlet" TEXT NOT NULL DEFAULT '',
        "date" TEXT NOT NULL DEFAULT '',
        "author" TEXT NOT NULL DEFAULT '',
        "section" TEXT NOT NULL DEFAULT '',
        "url" TEXT NOT NULL DEFAULT '',
        "source_path" TEXT NOT NULL DEFAULT '',
        "source_format" VARCHAR(32) NOT NULL DEFAULT 'text',
        "notices" TEXT NOT NULL DEFAULT '[]',
        "created" {ts} NOT NULL,
        "updated" {ts} NOT NULL)""",
    'CREATE UNIQUE INDEX "documents_content_hash" ON "documents" ("content_hash")',
    'CREATE INDEX "documents_source_path" ON "documents" ("source_path")',
    'CREATE INDEX "documents_outlet" ON "documents" ("outlet")',
    """CREATE TABLE "analyses" (
        "id" {pk},
        "content_hash" VARCHAR(64) NOT NULL,
        "pipeline" VARCHAR(200) NOT NULL,
        "data" TEXT NOT NULL,
        "created" {ts} NOT NULL)""",
    'CREATE UNIQUE INDEX "analyses_content_hash_pipeline" ON "analyses" ("content_hash", "pipeline")',
    """CREATE TABLE "highlights" (
        "id" {pk},
        "document_id" INTEGER NOT NULL REFERENCES "documents" ("id") ON DELETE CASCADE,
        "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        "quote" TEXT NOT NULL,
        "prefix" TEXT NOT NULL DEFAULT '',
        "suffix" TEXT NOT NULL DEFAULT '',
        "kind" VARCHAR(20) NOT NULL,
        "speaker" TEXT,
        "colour" VARCHAR(16) NOT NULL DEFAULT '',
        "note" TEXT NOT NULL DEFAULT '',
        "origin" VARCHAR(16) NOT NULL DEFAULT 'manual',
        "rule" TEXT NOT NULL DEFAULT '',
        "orphaned" {bool} NOT NULL DEFAULT {false},
        "extra" TEXT NOT NULL DEFAULT '{{}}',
        "created" {ts} NOT NULL,
        "updated" {ts} NOT NULL)""",
    # The All-highlights view lists newest documents first, passages in reading order: one index
    # serves both that ORDER BY and "highlights of this document".
    'CREATE INDEX "highlights_document_start" ON "highlights" ("document_id" DESC, "start")',
    'CREATE INDEX "highlights_kind" ON "highlights" ("kind")',
    'CREATE INDEX "highlights_speaker" ON "highlights" ("speaker")',
    'CREATE TABLE "tags" ("id" {pk}, "name" TEXT NOT NULL, "key" TEXT NOT NULL)',
    'CREATE UNIQUE INDEX "tags_key" ON "tags" ("key")',
    """CREATE TABLE "highlight_tags" (
        "highlight_id" INTEGER NOT NULL REFERENCES "highlights" ("id") ON DELETE CASCADE,
        "tag_id" INTEGER NOT NULL REFERENCES "tags" ("id") ON DELETE CASCADE,
        "position" INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY ("highlight_id", "tag_id"))""",
    'CREATE INDEX "highlight_tags_tag_id" ON "highlight_tags" ("tag_id")',
)

_TAGS_OF = (
    "(SELECT group_concat(t.name, ' ') FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id"
    " WHERE ht.highlight_id = {row}.highlight_id)"
)
_TOKENIZE = "tokenize='porter unicode61 remove_diacritics 2'"
V3_SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE highlights_fts USING fts5(quote, note, speaker, tags, {_TOKENIZE})",
    "CREATE VIRTUAL TABLE documents_fts USING fts5(title, outlet, text, content='documents',"
    f" content_rowid='id', {_TOKENIZE})",
    """CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, outlet, text)
            VALUES (new.id, new.title, new.outlet, new.text);
    END""",
    """CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, outlet, text)
            VALUES ('delete', old.id, old.title, old.outlet, old.text);
    END""",
    """CREATE TRIGGER documents_fts_au AFTER UPDATE OF title, outlet, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, outlet, text)
            VALUES ('delete', old.id, old.title, old.outlet, old.text);
        INSERT INTO documents_fts(rowid, title, outlet, text)
            VALUES (new.id, new.title, new.outlet, new.text);
    END""",
    """CREATE TRIGGER highlights_fts_ai AFTER INSERT ON highlights BEGIN
        INSERT INTO highlights_fts(rowid, quote, note, speaker, tags)
            VALUES (new.id, new.quote, new.note, coalesce(new.speaker, ''), '');
    END""",
    """CREATE TRIGGER highlights_fts_au AFTER UPDATE OF quote, note, speaker ON highlights BEGIN
        UPDATE highlights_fts SET quote = new.quote, note = new.note, speaker = coalesce(new.speaker, '')
            WHERE rowid = new.id;
    END""",
    """CREATE TRIGGER highlights_fts_ad AFTER DELETE ON highlights BEGIN
        DELETE FROM highlights_fts WHERE rowid = old.id;
    END""",
    f"""CREATE TRIGGER highlight_tags_fts_ai AFTER INSERT ON highlight_tags BEGIN
        UPDATE highlights_fts SET tags = coalesce({_TAGS_OF.format(row="new")}, '')
            WHERE rowid = new.highlight_id;
    END""",
    f"""CREATE TRIGGER highlight_tags_fts_ad AFTER DELETE ON highlight_tags BEGIN
        UPDATE highlights_fts SET tags = coalesce({_TAGS_OF.format(row="old")}, '')
            WHERE rowid = old.highlight_id;
    END""",
    """CREATE TRIGGER tags_fts_au AFTER UPDATE OF name ON tags BEGIN
        UPDATE highlights_fts SET tags = coalesce((SELECT group_concat(t.name, ' ') FROM highlight_tags ht
                JOIN tags t ON t.id = ht.tag_id WHERE ht.highlight_id = highlights_fts.rowid), '')
            WHERE rowid IN (SELECT highlight_id FROM highlight_tags WHERE tag_id = new.id);
    END""",
    # Fill both indexes from rows that existed before this step.
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
    f"""INSERT INTO highlights_fts(rowid, quote, note, speaker, tags)
        SELECT h.id, h.quote, h.note, coalesce(h.speaker, ''),
               coalesce({_TAGS_OF.format(row="h").replace("h.highlight_id", "h.id")}, '')
        FROM highlights h""",
)


def dialect(db: Database) -> str:
    if isinstance(db, SqliteDatabase):
        return "sqlite"
    if isinstance(db, PostgresqlDatabase):
        return "postgres"
    raise TypeError(f"unsupported database {type(db).__name__}")


def v1_statements(kind: str) -> list[str]:
    """The version-1 DDL for ``kind`` ("sqlite" | "postgres"); tests build old fixtures from it."""
    types = _SQLITE_TYPES if kind == "sqlite" else _POSTGRES_TYPES
    return [statement.format(**types) for statement in V1_DDL]


def _migrator(db: Database) -> SchemaMigrator:
    return SqliteMigrator(db) if dialect(db) == "sqlite" else PostgresqlMigrator(db)


def _v1_base_tables(db: Database) -> None:
    for statement in v1_statements(dialect(db)):
        db.execute_sql(statement)


def _v2_date_iso(db: Database) -> None:
    migrator = _migrator(db)
    migrate(
        migrator.add_column("documents", "date_iso", CharField(max_length=10, null=True)),
        migrator.add_index("documents", ("date_iso",)),
    )
    rows = db.execute_sql('SELECT "id", "date" FROM "documents"').fetchall()
    param = db.param
    for doc_id, printed in rows:
        day = iso_day(printed)
        if day:
            db.execute_sql(f'UPDATE "documents" SET "date_iso" = {param} WHERE "id" = {param}', (day, doc_id))


def _v3_full_text(db: Database) -> None:
    if dialect(db) != "sqlite":
        return  # PostgreSQL has no FTS5; search.py falls back to ILIKE there
    for statement in V3_SQLITE_DDL:
        db.execute_sql(statement)


V4_DDL = """ALTER TABLE "highlights" ADD COLUMN "checksum" VARCHAR(16) NOT NULL DEFAULT ''"""


def _v4_checksums(db: Database) -> None:
    # Plain ALTER TABLE, not peewee's migrator: its SQLite NOT NULL path rebuilds the table, which
    # would drop the FTS triggers that hang off it.
    db.execute_sql(V4_DDL)
    rows = db.execute_sql('SELECT "id", "quote", "note" FROM "highlights"').fetchall()
    param = db.param
    for hid, quote, note in rows:
        stamp = highlight_checksum(quote or "", note or "")
        db.execute_sql(f'UPDATE "highlights" SET "checksum" = {param} WHERE "id" = {param}', (stamp, hid))


V5_DDL = (
    """CREATE TABLE "corrections" (
        "id" {pk},
        "document_id" INTEGER NOT NULL REFERENCES "documents" ("id") ON DELETE CASCADE,
        "content_hash" VARCHAR(64) NOT NULL,
        "kind" VARCHAR(20) NOT NULL,
        "decided" TEXT NOT NULL DEFAULT '',
        "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        "cue" TEXT NOT NULL DEFAULT '[]',
        "quote" TEXT NOT NULL DEFAULT '',
        "prefix" TEXT NOT NULL DEFAULT '',
        "suffix" TEXT NOT NULL DEFAULT '',
        "speaker" TEXT,
        "target" TEXT NOT NULL DEFAULT 'null',
        "note" TEXT NOT NULL DEFAULT '',
        "orphaned" {bool} NOT NULL DEFAULT {false},
        "extra" TEXT NOT NULL DEFAULT '{{}}',
        "created" {ts} NOT NULL,
        "updated" {ts} NOT NULL)""",
    # Opening an article reads its corrections in reading order: one index serves both.
    'CREATE INDEX "corrections_document_start" ON "corrections" ("document_id", "start")',
)


def _v5_corrections(db: Database) -> None:
    types = _SQLITE_TYPES if dialect(db) == "sqlite" else _POSTGRES_TYPES
    for statement in V5_DDL:
        db.execute_sql(statement.format(**types))


V6_DDL = (
    """CREATE TABLE "speaker_marks" (
        "id" {pk},
        "document_id" INTEGER NOT NULL REFERENCES "documents" ("id") ON DELETE CASCADE,
        "mention_key" TEXT NOT NULL,
        "mention" TEXT NOT NULL,
        "speaker_key" TEXT NOT NULL,
        "speaker_name" TEXT NOT NULL,
        "kind" VARCHAR(20) NOT NULL,
        "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        "snippet" TEXT NOT NULL DEFAULT '',
        "confidence" {real},
        "date_iso" VARCHAR(10),
        "outlet" TEXT NOT NULL DEFAULT '',
        "title" TEXT NOT NULL DEFAULT '')""",
    # Replacing one document's rows on re-analysis.
    'CREATE INDEX "speaker_marks_document" ON "speaker_marks" ("document_id")',
    # One speaker's ledger, newest first.
    'CREATE INDEX "speaker_marks_speaker_date" ON "speaker_marks" ("speaker_key", "date_iso")',
    # The speaker list: counts per kind, articles and dates per speaker from the index alone.
    'CREATE INDEX "speaker_marks_summary" ON "speaker_marks"'
    ' ("speaker_key", "kind", "document_id", "date_iso", "speaker_name")',
    # Re-resolving canonical speakers: which mention is read as which speaker.
    'CREATE INDEX "speaker_marks_mention" ON "speaker_marks"'
    ' ("mention_key", "mention", "speaker_key", "speaker_name")',
    """CREATE TABLE "speaker_aliases" (
        "alias_key" TEXT NOT NULL PRIMARY KEY,
        "canonical_key" TEXT NOT NULL,
        "created" {ts} NOT NULL)""",
)


def _v6_speaker_ledger(db: Database) -> None:
    kind = dialect(db)
    types = {**(_SQLITE_TYPES if kind == "sqlite" else _POSTGRES_TYPES)}
    types["real"] = "REAL" if kind == "sqlite" else "DOUBLE PRECISION"
    for statement in V6_DDL:
        db.execute_sql(statement.format(**types))


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Database], None]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "base tables", _v1_base_tables),
    Migration(2, "documents.date_iso for the date filter", _v2_date_iso),
    Migration(3, "FTS5 search indexes kept in sync by triggers", _v3_full_text),
    Migration(4, "highlights.checksum of quote and note", _v4_checksums),
    Migration(5, "corrections of the analysis", _v5_corrections),
    Migration(6, "the speaker ledger: speaker_marks and speaker_aliases", _v6_speaker_ledger),
)
LATEST_VERSION = MIGRATIONS[-1].version


def current_version(db: Database) -> int:
    """The highest applied step; 0 for an empty database."""
    if not db.table_exists("schema_version"):
        return 0
    row = db.execute_sql('SELECT max("version") FROM "schema_version"').fetchone()
    return int(row[0] or 0)


def pending(db: Database, target: int | None = None) -> Sequence[Migration]:
    version = current_version(db)
    limit = LATEST_VERSION if target is None else target
    return [m for m in MIGRATIONS if version < m.version <= limit]


def apply_migrations(db: Database, target: int | None = None) -> list[int]:
    """Bring ``db`` up to ``target`` (default: latest); returns the versions applied now.

    Each step is its own transaction, re-checked inside it, so a concurrent opener that got there
    first makes this a no-op and a failed step leaves the previous version intact.
    """
    if current_version(db) > LATEST_VERSION:
        raise StoreError(
            f"the database has schema version {current_version(db)}, newer than this Stance Reader"
            f" understands ({LATEST_VERSION}); please update the app"
        )
    applied: list[int] = []
    for migration in MIGRATIONS:
        if target is not None and migration.version > target:
            break
        with db.atomic():
            if current_version(db) >= migration.version:
                continue
            migration.apply(db)
            db.execute_sql(
                f'INSERT INTO "schema_version" ("version", "applied") VALUES ({db.param}, {db.param})',
                (migration.version, datetime.now(UTC).replace(tzinfo=None)),
            )
        applied.append(migration.version)
    return applied
