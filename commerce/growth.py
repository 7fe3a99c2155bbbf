"""What growing a store by new rows writes: which rows are new, each changed table with them
appended, and the grown store's manifest.

Rows whose id the store already has are dropped here, so growing by the same events twice (a
retry after a crash) adds nothing the second time. Tables are appended as Arrow tables cast to
the stored schema, so a grown table reads back with exactly the types of the ingested one.
"""

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from commerce.errors import InvalidInput
from commerce.manifest import Manifest, TableInfo

# Each table's id, and the stored table that says whether a row is already there: an order's
# lines are already in when the order is.
KEYS: dict[str, tuple[str, str]] = {
    "customers": ("customers", "customer_id"),
    "products": ("products", "product_id"),
    "orders": ("orders", "order_id"),
    "order_items": ("orders", "order_id"),
    "reviews": ("reviews", "review_id"),
    "events": ("events", "event_id"),
}


def new_rows(
    folder: Path, manifest: Manifest, delta: dict[str, pd.DataFrame]
) -> dict[str, pd.DataFrame]:
    """The rows of `delta` the store in `folder` does not hold yet (empty tables left out)."""
    fresh = {}
    for name, rows in delta.items():
        if name not in KEYS:
            raise InvalidInput(f"cannot grow table {name!r} (growable: {', '.join(KEYS)})")
        table, key = KEYS[name]
        if key not in rows.columns:
            article = "an" if key[0] in "aeiou" else "a"
            raise InvalidInput(f"rows for {name} need {article} {key} column")
        if name != "order_items":  # an order has many lines; the others one row per id
            rows = rows.drop_duplicates(key)
        known = _stored_ids(folder, manifest, table, key)
        if known is not None:
            held = pc.is_in(pa.array(rows[key].astype("string")), value_set=known)
            rows = rows[~held.to_numpy(zero_copy_only=False)]
        if len(rows):
            fresh[name] = rows.reset_index(drop=True)
    return fresh


def appended(old: Path | None, rows: pd.DataFrame, name: str) -> pa.Table:
    """The stored table at `old` (None: a new table) with `rows` added, in the stored types;
    columns only one side has are filled with nulls on the other."""
    added = pa.Table.from_pandas(rows, preserve_index=False)
    if old is None:
        return added
    stored = pq.read_table(old)
    for field in added.schema:
        if field.name not in stored.column_names:
            stored = stored.append_column(field, pa.nulls(len(stored), field.type))
    columns = []
    for field in stored.schema:
        if field.name not in added.column_names:
            columns.append(pa.nulls(len(added), field.type))
            continue
        try:
            columns.append(added.column(field.name).cast(field.type))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
            raise InvalidInput(
                f"new {name} rows: column {field.name} does not fit the stored type "
                f"{field.type} ({error})"
            ) from None
    return pa.concat_tables([stored, pa.Table.from_arrays(columns, schema=stored.schema)])


def grown_manifest(
    parent: Manifest,
    written: dict[str, pa.Table],
    delta: dict[str, pd.DataFrame],
    digest: str,
) -> Manifest:
    """The manifest of `parent` grown by `delta` (`written`: the changed tables in full)."""
    tables = dict(parent.tables)
    for name, table in written.items():
        before = parent.tables.get(name)
        tables[name] = TableInfo(
            rows=table.num_rows,
            columns=list(table.column_names),
            source=before.source if before else "events",
            duplicates_dropped=before.duplicates_dropped if before else 0,
        )
    first, last = parent.first_order, parent.last_order
    if "orders" in delta:
        times = pd.to_datetime(delta["orders"]["ts"])
        first = str(min(pd.Timestamp(first), times.min()))
        last = str(max(pd.Timestamp(last), times.max()))
    return Manifest(
        store_version=digest[:12],
        content_hash=digest,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        tables=tables,
        customers=tables["customers"].rows if "customers" in tables else parent.customers,
        first_order=first,
        last_order=last,
        schema_version=parent.schema_version,
        notes=list(parent.notes),
        parent=parent.store_version,
        lineage=parent.child_lineage(),
    )


def _stored_ids(folder: Path, manifest: Manifest, table: str, key: str) -> pa.Array | None:
    info = manifest.tables.get(table)
    if info is None or key not in info.columns:
        return None
    column = pq.read_table(folder / f"{table}.parquet", columns=[key]).column(key)
    return pc.cast(column.combine_chunks(), pa.string())
