"""Plain-text tables for the bench scripts' output."""


def table(rows: list[dict[str, str]]) -> str:
    """Right-aligned columns named by the first row's keys."""
    columns = list(rows[0])
    widths = [max(len(c), *(len(r[c]) for r in rows)) for c in columns]
    lines = [" | ".join(c.rjust(w) for c, w in zip(columns, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(r[c].rjust(w) for c, w in zip(columns, widths, strict=True)) for r in rows]
    return "\n".join(lines)
