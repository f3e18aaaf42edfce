"""Searching big text columns for a part of their text (`icontains`) or their start
(`istartswith`), any case, from a trigram index instead of reading every row.

- PostgreSQL: a GIN trigram index (pg_trgm) on UPPER(column), the expression the plain
  `icontains` / `istartswith` lookups compare: they use it as they are.
- SQLite: an FTS5 table with the trigram tokenizer beside each column (external content:
  it holds the index only), kept by triggers on the table. A search first takes the rows
  whose column holds the words' trigrams in a row, then applies the plain lookup to them,
  so the answer is the plain lookup's.

Fewer than three characters make no trigram: such a search reads the column the plain way.
`ensure()` runs after every migration too, so an index a table rebuild dropped (SQLite
rebuilds a table to alter a column) is made again and refilled.
"""

# The SQL here names only the tables and columns of COLUMNS; what is searched is a parameter.
# ruff: noqa: S608

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.expressions import RawSQL

# The searched columns, table → columns (the tables' primary key is `id`).
COLUMNS: dict[str, tuple[str, ...]] = {
    "crm_party": ("name", "tax_id"),
    "crm_contact": ("name",),
    "crm_contactchannel": ("value",),
    "sales_salesorder": ("number",),
    "sales_quotation": ("number",),
    "sales_invoice": ("number",),
}
SHORTEST = 3  # a trigram's length


def index_name(table: str, column: str) -> str:
    return f"{table}_{column}_trigram"


def containing(model: type[Model], field: str, q: str, *, using: str = "default") -> QuerySet:
    """The rows of `model` whose `field` holds `q`, any case: `field__icontains=q`."""
    rows = model._default_manager.using(using).filter(**{f"{field}__icontains": q})
    return _narrowed(rows, field, q)


def starting(model: type[Model], field: str, q: str, *, using: str = "default") -> QuerySet:
    """The rows of `model` whose `field` starts with `q`, any case: `field__istartswith=q`."""
    rows = model._default_manager.using(using).filter(**{f"{field}__istartswith": q})
    return _narrowed(rows, field, q)


def _narrowed(rows: QuerySet, field: str, q: str) -> QuerySet:
    """On SQLite, `rows` among those the trigram index finds holding `q`."""
    table = rows.model._meta.db_table
    column = rows.model._meta.get_field(field).column
    if connections[rows.db].vendor != "sqlite" or len(q) < SHORTEST:
        return rows
    if column not in COLUMNS.get(table, ()):
        return rows
    name = index_name(table, column)
    phrase = '"' + q.replace('"', '""') + '"'
    found = RawSQL(f'SELECT rowid FROM "{name}" WHERE "{name}" MATCH %s', [phrase])  # noqa: S611
    return rows.filter(pk__in=found)


def ensure(connection, tables: list[str] | None = None) -> None:
    """Make the trigram indexes of `tables` (default: all) where they are missing, and fill
    those it makes (SQLite)."""
    chosen = {t: c for t, c in COLUMNS.items() if tables is None or t in tables}
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for table, columns in chosen.items():
            if table not in existing:
                continue
            for column in columns:
                if connection.vendor == "postgresql":
                    cursor.execute(
                        f'CREATE INDEX IF NOT EXISTS "{index_name(table, column)}" ON "{table}" '
                        f'USING gin (UPPER("{column}"::text) gin_trgm_ops)'
                    )
                elif connection.vendor == "sqlite":
                    _ensure_sqlite(cursor, table, column)


def _ensure_sqlite(cursor, table: str, column: str) -> None:
    name = index_name(table, column)
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE (type = 'table' AND name = %s) "
        "OR (type = 'trigger' AND tbl_name = %s AND name LIKE %s)",
        [name, table, f"{name}_%"],
    )
    if len(cursor.fetchall()) == 4:  # the index and its three triggers
        return
    old, new = f'old."{column}"', f'new."{column}"'
    statements = [
        f'CREATE VIRTUAL TABLE IF NOT EXISTS "{name}" USING fts5("{column}", '
        f"content='{table}', content_rowid='id', tokenize='trigram')",
        f'CREATE TRIGGER IF NOT EXISTS "{name}_insert" AFTER INSERT ON "{table}" BEGIN '
        f'INSERT INTO "{name}" (rowid, "{column}") VALUES (new.id, {new}); END',
        f'CREATE TRIGGER IF NOT EXISTS "{name}_delete" AFTER DELETE ON "{table}" BEGIN '
        f'INSERT INTO "{name}" ("{name}", rowid, "{column}") VALUES (\'delete\', old.id, {old}); '
        "END",
        f'CREATE TRIGGER IF NOT EXISTS "{name}_update" AFTER UPDATE OF "{column}" ON "{table}" '
        f'BEGIN INSERT INTO "{name}" ("{name}", rowid, "{column}") '
        f"VALUES ('delete', old.id, {old}); "
        f'INSERT INTO "{name}" (rowid, "{column}") VALUES (new.id, {new}); END',
        f'INSERT INTO "{name}" ("{name}") VALUES (\'rebuild\')',
    ]
    for statement in statements:
        cursor.execute(statement)


def optimize(connection) -> None:
    """Merge each SQLite index into one piece, its deleted rows dropped — the housekeeping
    after deleting or importing many rows at once (PostgreSQL's VACUUM sees to its own)."""
    if connection.vendor != "sqlite":
        return
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table, columns in COLUMNS.items():
            for column in columns if table in existing else ():
                name = index_name(table, column)
                cursor.execute(f'INSERT INTO "{name}" ("{name}") VALUES (\'optimize\')')


def drop(connection, tables: list[str]) -> None:
    """Remove the trigram indexes of `tables` (a migration's way back)."""
    with connection.cursor() as cursor:
        for table in tables:
            for column in COLUMNS[table]:
                name = index_name(table, column)
                if connection.vendor == "postgresql":
                    cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
                elif connection.vendor == "sqlite":
                    for trigger in ("insert", "delete", "update"):
                        cursor.execute(f'DROP TRIGGER IF EXISTS "{name}_{trigger}"')
                    cursor.execute(f'DROP TABLE IF EXISTS "{name}"')
