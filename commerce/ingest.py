"""Ingest: source files -> validated tables -> a new store version, all or nothing.

Order of work: read and validate each table on its own (so its errors name its file), derive
what a transactions-only export lacks, check references between tables, then write. Nothing is
written until every check passed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from commerce.errors import InvalidInput
from commerce.float_ids import float_written_ids, id_column
from commerce.manifest import Manifest, TableInfo, content_hash
from commerce.mapping import ColumnMap
from commerce.resources import available_memory_bytes
from commerce.schema import TABLES
from commerce.source_file import Source, quoted
from commerce.sources import read_source
from commerce.validate import ROW, validate_table
from commerce.workspace import Store, Workspace

# Tables in the order they are read: parents before the tables that refer to them.
ORDER = ("customers", "products", "orders", "order_items", "reviews", "events")
Progress = Callable[[str], None]


@dataclass
class IngestRequest:
    """The files to ingest, by table (`orders` is required), and how their columns map."""

    sources: dict[str, Source]
    column_map: ColumnMap = field(default_factory=ColumnMap)


def ingest(
    workspace: Workspace,
    request: IngestRequest,
    now: pd.Timestamp | None = None,
    progress: Progress | None = None,
    memory_free: Callable[[], int] = available_memory_bytes,
) -> Store:
    """Validate every source and replace the workspace's store with the result."""
    unknown = set(request.sources) - set(TABLES)
    if unknown:
        raise InvalidInput(f"unknown table(s) {sorted(unknown)} (valid: {', '.join(TABLES)})")
    if "orders" not in request.sources:
        raise InvalidInput("an orders file is required (customer, date and amount per order)")
    now = now if now is not None else pd.Timestamp(datetime.now(UTC)).tz_convert(None)
    step = progress or (lambda _: None)

    raws: dict[str, pd.DataFrame] = {}
    for name in ORDER:
        source = request.sources.get(name)
        if source is not None:
            step(f"reading {source.label}")
            raws[name] = request.column_map.apply(
                name, read_source(source, memory_free), source.label
            )
    # Every file is read before any is validated: whether 12346.0 is customer 12346 is decided
    # once for all the tables that hold customer ids.
    float_ids = float_written_ids(raws)
    written = _written_ids(raws, float_ids)
    tables: dict[str, pd.DataFrame] = {}
    dropped: dict[str, int] = {}
    for name in list(raws):
        step(f"validating {name}")
        formats = request.column_map.formats.get(name)
        source = request.sources[name]
        raw = raws.pop(name)  # freed as soon as its table is clean
        tables[name], dropped[name] = validate_table(
            raw, TABLES[name], source, now, formats, float_ids=float_ids
        )

    step("deriving ids and checking references")
    tables["orders"] = _derive_order_ids(tables["orders"])
    if "reviews" in tables:
        tables["reviews"] = _derive_review_ids(tables["reviews"])
    if "customers" not in tables:
        tables["customers"] = _customers_from_orders(tables["orders"])
    _check_references(tables, request.sources, written)

    clean = {name: frame.drop(columns=[ROW]) for name, frame in tables.items()}
    step("writing the store")
    manifest = _manifest(clean, request.sources, dropped)
    store = workspace.write_store(clean, manifest)
    step("done")
    return store


def _derive_order_ids(orders: pd.DataFrame) -> pd.DataFrame:
    if "order_id" in orders.columns:
        return orders
    # Each row of a transactions-only export is one order: id it as the customer's n-th order.
    orders = orders.sort_values(["customer_id", "ts", ROW], kind="stable")
    nth = orders.groupby("customer_id", sort=False).cumcount() + 1
    orders.insert(0, "order_id", orders["customer_id"] + "-" + nth.astype("string"))
    return orders.sort_values(ROW)


def _derive_review_ids(reviews: pd.DataFrame) -> pd.DataFrame:
    if "review_id" in reviews.columns:
        return reviews
    reviews = reviews.copy()
    reviews.insert(0, "review_id", "r" + (reviews[ROW] + 1).astype("string"))
    return reviews


def _customers_from_orders(orders: pd.DataFrame) -> pd.DataFrame:
    ids = pc.unique(pa.array(orders["customer_id"]))
    ids = ids.take(pc.sort_indices(ids))
    return pd.DataFrame({"customer_id": pd.Series(ids.to_pandas(), dtype="string"), ROW: -1})


def _written_ids(
    raws: dict[str, pd.DataFrame], float_ids: set[str]
) -> dict[tuple[str, str], pd.Series]:
    """The id columns read as whole numbers, as the files write them, by (table, column)."""
    return {
        (name, column): cells.copy()  # a copy: the rest of the file's frame is freed
        for name, raw in raws.items()
        for column in float_ids
        if (cells := id_column(raw, column)) is not None
    }


def _check_references(
    tables: dict[str, pd.DataFrame],
    sources: dict[str, Source],
    written: dict[tuple[str, str], pd.Series],
) -> None:
    """Every id a row points at must exist in the table it points into, when that table is given.

    `written`: id columns as the files write them, so a refusal quotes the file's own value."""
    links = [
        ("orders", "customer_id", "customers", "customer_id"),
        ("order_items", "order_id", "orders", "order_id"),
        ("order_items", "product_id", "products", "product_id"),
        ("reviews", "customer_id", "customers", "customer_id"),
        ("reviews", "product_id", "products", "product_id"),
        ("events", "customer_id", "customers", "customer_id"),
        ("events", "product_id", "products", "product_id"),
    ]
    for child, column, parent, key in links:
        if child not in tables or parent not in tables or column not in tables[child].columns:
            continue
        if child == "orders" and "customers" not in sources:
            continue  # the customers were derived from these very orders
        values = tables[child][column]
        known = pc.is_in(pa.array(values), value_set=pa.array(tables[parent][key].dropna()))
        unknown = values.notna() & ~known.to_numpy(zero_copy_only=False)
        if not bool(unknown.any()):
            continue
        first = tables[child][unknown].iloc[0]
        as_written = written.get((child, column))
        value = first[column] if as_written is None else as_written.iloc[int(first[ROW])]
        value = str(value).strip()
        count = int(unknown.sum())
        parent_source = sources.get(parent)
        where_parent = parent_source.label if parent_source else f"the {parent} of the orders file"
        raise InvalidInput(
            f"{sources[child].where(int(first[ROW]))}, column {column}: {parent[:-1]} "
            f"{quoted(value)} is not in {where_parent}"
            + (f" ({count - 1:,} more rows like it)" if count > 1 else "")
            + f". Every {child[:-1].replace('_', ' ')} must refer to a known {parent[:-1]}."
        )


def _manifest(
    tables: dict[str, pd.DataFrame], sources: dict[str, Source], dropped: dict[str, int]
) -> Manifest:
    digest = content_hash(tables)
    orders = tables["orders"]
    notes = [
        f"{name}: dropped {count:,} exact duplicate rows"
        for name, count in dropped.items()
        if count
    ]
    return Manifest(
        store_version=digest[:12],
        content_hash=digest,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        tables={
            name: TableInfo(
                rows=len(frame),
                columns=list(map(str, frame.columns)),
                source=str(sources[name].path) if name in sources else None,
                duplicates_dropped=dropped.get(name, 0),
            )
            for name, frame in tables.items()
        },
        customers=len(tables["customers"]),
        first_order=str(orders["ts"].min()),
        last_order=str(orders["ts"].max()),
        notes=notes,
    )
