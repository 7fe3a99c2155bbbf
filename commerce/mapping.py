"""Which source column feeds which store field, from `--map` arguments or a TOML file.

    [orders]
    customer_id = "CustomerID"
    ts = { column = "InvoiceDate", format = "%d/%m/%Y %H:%M" }
    amount = "Revenue"

A field may carry a date format; without one, dates are recognised automatically. A format is
checked when the file is read: only a date field takes one, and every %-code must be one pandas
parses (and there must be at least one), so a typo is named with the file and field instead
of failing deep in parsing.
"""

import re
import tomllib
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from commerce.errors import InvalidInput
from commerce.schema import TABLES


@dataclass
class ColumnMap:
    """Per table: store field -> source column, and store field -> date format."""

    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    formats: dict[str, dict[str, str]] = field(default_factory=dict)

    def add(self, table: str, name: str, column: str, fmt: str | None = None) -> None:
        spec = TABLES.get(table)
        if spec is None:
            raise InvalidInput(f"mapping: unknown table '{table}' (valid: {', '.join(TABLES)})")
        if name not in spec.names:
            raise InvalidInput(
                f"mapping: table {table} has no field '{name}' (valid: {', '.join(spec.names)})"
            )
        self.columns.setdefault(table, {})[name] = column
        if fmt:
            self.formats.setdefault(table, {})[name] = fmt

    def merged(self, other: "ColumnMap") -> "ColumnMap":
        """This map with `other`'s entries on top (command-line arguments beat a file)."""
        out = ColumnMap()
        for source in (self, other):
            for table, fields in source.columns.items():
                for name, column in fields.items():
                    out.add(table, name, column, source.formats.get(table, {}).get(name))
        return out

    def apply(self, table: str, frame: pd.DataFrame, label: str) -> pd.DataFrame:
        """Rename mapped source columns to store fields; fail if a mapped column is absent or
        feeds two fields."""
        fields = self.columns.get(table, {})
        renames: dict[str, str] = {}
        for name, column in fields.items():
            if column not in frame.columns:
                raise InvalidInput(
                    f"{label}: the mapping {table}.{name}={column} names a column the file does "
                    f"not have (its columns: {', '.join(map(str, frame.columns))})"
                )
            if column in renames:
                raise InvalidInput(
                    f"{label}: the mapping sends column {column!r} to both "
                    f"{table}.{renames[column]} and {table}.{name}; a column feeds one field"
                )
            renames[column] = name
        # A column already called like a mapped field, and not itself mapped, is kept under
        # another name as an extra.
        clashes = {
            name: f"{name}_original"
            for name in fields
            if name in frame.columns and name not in renames
        }
        # One pass, so two columns named like fields can swap names.
        mapped = frame.rename(columns={**clashes, **renames})
        repeated = mapped.columns[mapped.columns.duplicated()]
        if len(repeated):
            raise InvalidInput(
                f"{label}: after mapping, two columns are named {repeated[0]!r}; rename the "
                "file's column of that name"
            )
        return mapped


def parse_map_args(items: list[str]) -> ColumnMap:
    """Parse `TABLE.FIELD=COLUMN` arguments."""
    out = ColumnMap()
    for item in items:
        target, sep, column = item.partition("=")
        table, dot, name = target.partition(".")
        if not sep or not dot or not column:
            raise InvalidInput(
                f"--map '{item}': expected TABLE.FIELD=COLUMN, e.g. orders.ts=InvoiceDate"
            )
        out.add(table.strip(), name.strip(), column.strip())
    return out


def load_mapping_file(path: Path) -> ColumnMap:
    """Read a TOML mapping file (see the module docstring for its shape)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInput(f"{path}: not a readable TOML mapping file ({exc})") from exc
    out = ColumnMap()
    for table, fields in data.items():
        if not isinstance(fields, dict):
            raise InvalidInput(f'{path}: [{table}] must be a table of FIELD = "COLUMN" entries')
        for name, value in fields.items():
            if isinstance(value, str):
                out.add(table, name, value)
            elif isinstance(value, dict) and isinstance(value.get("column"), str):
                fmt = value.get("format")
                if fmt is not None:
                    _check_format(path, table, name, fmt)
                out.add(table, name, value["column"], fmt)
            else:
                raise InvalidInput(
                    f'{path}: {table}.{name} must be "COLUMN" or '
                    '{ column = "COLUMN", format = "%Y-%m-%d" }'
                )
    return out


def _check_format(path: Path, table: str, name: str, fmt: object) -> None:
    """Refuse a format that would be ignored (on a field that is not a date) or that pandas
    cannot parse with (a bad %-code), naming the mapping file and table.field."""
    where = f"{path}: {table}.{name}"
    spec = TABLES.get(table)
    if spec is None or name not in spec.names:
        return  # ColumnMap.add names the unknown table or field
    if spec.column(name).kind != "datetime":
        dates = [c.name for c in spec.columns if c.kind == "datetime"]
        fields = f" ({table} has {', '.join(dates)})" if dates else ""
        raise InvalidInput(f"{where}: format applies only to date fields{fields}; remove it")
    if not isinstance(fmt, str) or not fmt.strip():
        raise InvalidInput(f'{where}: format must be a date layout such as "%d/%m/%Y"')
    # pandas takes a format without codes and then fails at the first date, far from the mapping.
    if "%" not in fmt.replace("%%", ""):
        raise InvalidInput(
            f"{where}: format {fmt!r} has no % codes; a date format writes each part of the date "
            'as a code: %Y year, %m month, %d day, %H:%M time (e.g. "%d/%m/%Y %H:%M")'
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pd.to_datetime(pd.Series(["2024-01-31"]), format=fmt, errors="coerce")
    except ValueError as error:
        directive = re.search(r"'(.+?)' is a bad directive", str(error))
        why = f"%{directive.group(1)} is not a date directive" if directive else str(error)
        raise InvalidInput(
            f'{where}: format {fmt!r}: {why} (use %Y %m %d %H %M %S, e.g. "%d/%m/%Y %H:%M")'
        ) from error
