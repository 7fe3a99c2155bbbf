// Building the page from data without ever parsing data as HTML.
//
// Everything a server sends (names, reviews, offer text) reaches the page through
// textContent or setAttribute on known attribute names: never innerHTML. Reviews are written
// by the public and may hold markup meant to run; here it is only ever shown as text.

const SVG_NS = "http://www.w3.org/2000/svg";

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

function setProps(el, props) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.setAttribute("class", Array.isArray(value) ? value.filter(Boolean).join(" ") : value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key === "style") Object.assign(el.style, value);
    else if (key.startsWith("on")) {
      // Handlers are functions from this code; a string here would be markup-as-code.
      if (typeof value === "function") el.addEventListener(key.slice(2), value);
    }
    else if (key === "text") el.textContent = String(value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  return el;
}

/** An HTML element: h("td", {class: "num"}, "12"). Strings become text nodes. */
export function h(tag, props, ...children) {
  return append(setProps(document.createElement(tag), props), children);
}

/** An SVG element with the same conventions as h(). */
export function s(tag, props, ...children) {
  return append(setProps(document.createElementNS(SVG_NS, tag), props), children);
}

/** Remove every child of `el`. */
export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** Replace the children of `el`. */
export function replace(el, ...children) {
  return append(clear(el), children);
}

/**
 * `text` as nodes with the [start, end) spans in `spans` wrapped in <mark>.
 * Spans may overlap, be unsorted or run past the text: they are clipped and merged.
 */
export function highlighted(text, spans) {
  const value = String(text ?? "");
  const clean = (Array.isArray(spans) ? spans : [])
    .map((span) => [Math.max(0, Number(span?.[0])), Math.min(value.length, Number(span?.[1]))])
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && b > a)
    .sort((x, y) => x[0] - y[0]);
  const merged = [];
  for (const span of clean) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  const out = [];
  let at = 0;
  for (const [a, b] of merged) {
    if (a > at) out.push(document.createTextNode(lineBreaks(value.slice(at, a))));
    out.push(h("mark", null, lineBreaks(value.slice(a, b))));
    at = b;
  }
  if (at < value.length) out.push(document.createTextNode(lineBreaks(value.slice(at))));
  return out;
}

/** Review exports write line breaks as a literal "<br />": shown as a new line (still text). */
function lineBreaks(text) {
  return text.replace(/<br\s*\/?>/gi, "\n");
}

/** A visually hidden label for screen readers. */
export function srOnly(text) {
  return h("span", { class: "sr-only" }, text);
}
