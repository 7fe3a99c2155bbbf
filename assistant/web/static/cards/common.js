// Pieces every card shares: the frame, badges, key/value lists and a sortable table.

import { h } from "../dom.js";
import { auto, isNum, label, pct } from "../format.js";

/** The frame of a card: a titled region with optional badges in its header. */
export function frame(type, title, { subtitle, badges = [] } = {}, ...body) {
  const heading = h("h3", { class: "card-title" }, title);
  return h(
    "section",
    { class: ["card", `card-${type}`], "aria-label": title, dataset: { card: type } },
    h("header", { class: "card-head" }, h("div", null, heading, subtitle ? h("p", { class: "card-sub" }, subtitle) : null), badges.length ? h("div", { class: "badges" }, badges) : null),
    h("div", { class: "card-body" }, body),
  );
}

export function badge(text, tone = "neutral", title) {
  return h("span", { class: ["badge", `badge-${tone}`], title }, text);
}

/** A relative change as a badge, "+12%" or "-25%" (to `digits` decimals); null without one. */
export function changeBadge(change, digits = 0) {
  if (!isNum(change)) return null;
  const up = change >= 0;
  return badge(`${up ? "+" : "-"}${pct(Math.abs(change), digits)}`, up ? "good" : "bad");
}

// "+12%", "-25%"; "new" for what had none in the period before; "–" with no period before.
export function changeCell(row) {
  return changeBadge(row.change) ?? (isNum(row.before) && row.before === 0 ? badge("new", "info") : "–");
}

/** A definition list of facts; nested values are shown compactly. */
export function facts(entries, { format = auto } = {}) {
  const rows = Array.isArray(entries) ? entries : Object.entries(entries || {});
  return h(
    "dl",
    { class: "facts" },
    rows
      .filter(([, value]) => value !== undefined)
      .map(([key, value, text]) =>
        h("div", { class: "fact" }, h("dt", null, label(key)), h("dd", null, text ?? (isPlain(value) ? format(key, value) : compact(value)))),
      ),
  );
}

function isPlain(value) {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

function compact(value) {
  if (Array.isArray(value) && value.every(isPlain)) return value.map((v) => auto("", v)).join(", ");
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).map(([k, v]) => `${label(k)}: ${isPlain(v) ? auto(k, v) : JSON.stringify(v)}`).join("; ");
  }
  return JSON.stringify(value);
}

/**
 * A table sortable by any column whose header is a button. columns: [{key, title, cell(row),
 * sort(row) -> comparable, numeric}]. onOpen(row) makes rows open something on click; the
 * first cell then holds a real button so keyboards reach it too.
 */
export function sortableTable(caption, columns, rows, { onOpen, openLabel, initial } = {}) {
  const state = { key: initial?.key ?? null, dir: initial?.dir ?? "descending" };
  const tbody = h("tbody");
  const heads = columns.map((col) => {
    const button = h("button", { type: "button", class: "sort", onclick: () => sortBy(col.key) }, col.title, h("span", { class: "sort-mark", "aria-hidden": "true" }));
    return h("th", { scope: "col", class: col.numeric ? "num" : null, dataset: { key: col.key } }, col.sortable === false ? col.title : button);
  });
  function valueOf(col, row) {
    const v = col.sort ? col.sort(row) : row[col.key];
    return v === undefined || v === null ? (col.numeric ? -Infinity : "") : v;
  }
  function draw() {
    const col = columns.find((c) => c.key === state.key);
    const sorted = col
      ? [...rows].sort((a, b) => {
          const [x, y] = [valueOf(col, a), valueOf(col, b)];
          const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "en", { numeric: true });
          return state.dir === "ascending" ? order : -order;
        })
      : rows;
    tbody.replaceChildren(...sorted.map((row) => line(row)));
    heads.forEach((th, i) => {
      if (columns[i].key === state.key) th.setAttribute("aria-sort", state.dir);
      else th.removeAttribute("aria-sort");
    });
  }
  function line(row) {
    const cells = columns.map((col, i) => {
      const content = col.cell ? col.cell(row) : auto(col.key, row[col.key]);
      const inner = i === 0 && onOpen ? h("button", { type: "button", class: "link", "aria-label": openLabel ? openLabel(row) : undefined, onclick: (e) => { e.stopPropagation(); onOpen(row); } }, content) : content;
      return h(i === 0 ? "th" : "td", { class: col.numeric ? "num" : null, scope: i === 0 ? "row" : null }, inner);
    });
    return h("tr", { class: onOpen ? "openable" : null, onclick: onOpen ? () => onOpen(row) : null }, cells);
  }
  function sortBy(key) {
    state.dir = state.key === key && state.dir === "descending" ? "ascending" : "descending";
    state.key = key;
    draw();
  }
  draw();
  return h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": caption }, h("table", null, h("caption", { class: "sr-only" }, caption), h("thead", null, h("tr", null, heads)), tbody));
}

/** The generic view of an unknown card (or unknown fields): scalars as facts, row lists as tables. */
export function generic(card) {
  const { type, ...rest } = card || {};
  const scalars = [];
  const tables = [];
  for (const [key, value] of Object.entries(rest)) {
    if (Array.isArray(value) && value.length && value.every((v) => v && typeof v === "object" && !Array.isArray(v))) tables.push([key, value]);
    else scalars.push([key, value]);
  }
  return frame(
    "generic",
    label(type || "Result"),
    {},
    scalars.length ? facts(scalars) : null,
    tables.map(([key, rows]) => rowsTable(label(key), rows)),
  );
}

/** A plain (sortable) table of uniform objects, columns from their keys. */
export function rowsTable(caption, rows, limit = 50) {
  const keys = [...new Set(rows.slice(0, limit).flatMap((r) => Object.keys(r)))];
  const columns = keys.map((key) => ({
    key,
    title: label(key),
    numeric: rows.some((r) => isNum(r[key])),
    cell: (row) => (isPlain(row[key]) ? auto(key, row[key]) : compact(row[key])),
  }));
  return sortableTable(caption, columns, rows.slice(0, limit));
}
