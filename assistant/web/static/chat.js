// The transcript: user and assistant messages, tool lines, streamed text and cards.
//
// The log is an aria-live region; an answer being written is aria-busy until its final
// message arrives, so screen readers read the finished answer once instead of every token.

import { h, replace } from "./dom.js";
import { callArgs, num } from "./format.js";
import { renderCard } from "./cards/index.js";

function toolLine(call) {
  const status = h("span", { class: "tool-status", "aria-hidden": "true" });
  const stats = h("span", { class: "tool-stats" });
  const result = h("pre", { class: "tool-result" }, "running…");
  const summary = h("summary", null, status, h("code", { class: "tool-call" }, `tool: ${call.name}(${callArgs(call.args)})`), stats);
  const el = h("details", { class: "tool running", dataset: { tool: call.name } }, summary, result);
  const line = {
    el,
    finished({ ok, rows, seconds }) {
      el.classList.remove("running");
      el.classList.add(ok ? "ok" : "failed");
      const parts = [ok ? "done" : "failed"];
      if (ok && rows !== undefined && rows !== null) parts.push(`${num(rows)} row${rows === 1 ? "" : "s"}`);
      if (typeof seconds === "number") parts.push(`${seconds < 1 ? Math.round(seconds * 1000) + " ms" : seconds.toFixed(1) + " s"}`);
      stats.textContent = parts.join(" · ");
    },
    result(value) {
      result.textContent = JSON.stringify(value ?? null, null, 2);
      if (value && value.error && !el.classList.contains("failed")) {
        el.classList.remove("running", "ok");
        el.classList.add("failed");
        stats.textContent = "failed";
      }
    },
  };
  return line;
}

function answerText(text) {
  return h("div", { class: "answer" }, String(text ?? ""));
}

function avatar(role) {
  return h("div", { class: ["avatar", role], "aria-hidden": "true" }, role === "user" ? "You" : "R");
}

export class Transcript {
  constructor(el, actions) {
    this.el = el;
    this.actions = actions;
  }

  clear() {
    replace(this.el);
  }

  /** The empty conversation: a greeting and the role's suggested questions as buttons. */
  showWelcome(me) {
    const suggestions = Array.isArray(me?.suggestions) ? me.suggestions : [];
    this.el.append(
      h(
        "div",
        { class: "welcome" },
        h("h2", null, `Hello${me?.name ? `, ${me.name}` : ""}`),
        h("p", null, "Ask about your customers, their risk and value, segments, reviews, offers and forecasts. Answers come from your store's own data."),
        suggestions.length
          ? h(
              "div",
              { class: "suggestions", role: "group", "aria-label": "Suggested questions" },
              suggestions.map((q) => h("button", { type: "button", class: "suggestion", onclick: () => this.actions.ask(q) }, q)),
            )
          : null,
      ),
    );
  }

  scroll() {
    const box = this.el.parentElement;
    if (box) box.scrollTop = box.scrollHeight;
  }

  /** Show a finished answer from its start when it is taller than the view, else the end. */
  reveal(item) {
    const box = this.el.parentElement;
    if (!box) return;
    if (item.offsetHeight > box.clientHeight - 24) box.scrollTop = item.offsetTop - 12;
    else box.scrollTop = box.scrollHeight;
  }

  addUser(text) {
    this.el.querySelector(".welcome")?.remove();
    const item = h("article", { class: "message user", "aria-label": "You said" }, avatar("user"), h("div", { class: "bubble" }, String(text)));
    this.el.append(item);
    this.scroll();
    return item;
  }

  /** A finished assistant message (from history or at the end of a turn). */
  addAssistant(message) {
    const view = this.startTurn();
    for (const call of message.tool_calls || []) view.toolStarted(call).result(call.result);
    view.finish({ answer: message.content ?? message.answer, tool_calls: [], cards: message.cards || [] });
    return view;
  }

  /** An answer still being written; its methods follow the stream's events. */
  startTurn() {
    const tools = h("div", { class: "tools" });
    const stream = h("div", { class: "stream", hidden: true }, h("div", { class: "stream-label" }, "Writing…"), h("div", { class: "stream-text" }));
    const body = h("div", { class: "bubble" }, tools, stream, h("div", { class: "thinking" }, h("span", { class: "dots", "aria-hidden": "true" }), "Thinking…"));
    const item = h("article", { class: "message assistant", "aria-label": "Retain answered", "aria-busy": "true" }, avatar("assistant"), body);
    this.el.append(item);
    this.scroll();
    const lines = [];
    const transcript = this;
    const thinking = () => body.querySelector(".thinking");
    return {
      el: item,
      toolStarted(call) {
        const line = toolLine(call);
        lines.push(line);
        tools.append(line.el);
        transcript.scroll();
        return line;
      },
      toolFinished(data) {
        const line = [...lines].reverse().find((l) => l.el.dataset.tool === data.name && l.el.classList.contains("running")) || lines.at(-1);
        line?.finished(data);
      },
      token(data) {
        thinking()?.remove();
        stream.hidden = false;
        stream.querySelector(".stream-text").append(document.createTextNode(String(data.text ?? "")));
        transcript.scroll();
      },
      finish(message) {
        thinking()?.remove();
        stream.remove();
        (message.tool_calls || []).forEach((call, i) => lines[i]?.result(call.result));
        for (const line of lines) if (line.el.classList.contains("running")) line.finished({ ok: true });
        const said = String(message.answer ?? "").trim();
        // A drafted offer, summary or alert explanation is the answer itself: its card shows
        // it once, with more. A sentence before it (the standard text was used) stays above.
        const inCard = (message.cards || [])
          .flatMap((c) => [c?.text, c?.summary, c?.explanation])
          .map((v) => (typeof v === "string" ? v.trim() : ""))
          .find((v) => v && said.endsWith(v));
        if (!inCard || !said) body.append(answerText(message.answer));
        else if (said.length > inCard.length) body.append(answerText(said.slice(0, said.length - inCard.length).trim()));
        const cards = (message.cards || []).map((card) => renderCard(card, transcript.actions));
        if (cards.length) body.append(h("div", { class: "cards" }, cards));
        item.setAttribute("aria-busy", "false");
        transcript.reveal(item);
      },
      fail(error, retry) {
        thinking()?.remove();
        stream.hidden = stream.querySelector(".stream-text").textContent === "";
        for (const line of lines) if (line.el.classList.contains("running")) line.finished({ ok: false });
        body.append(errorBox(error, retry));
        item.setAttribute("aria-busy", "false");
        transcript.scroll();
      },
    };
  }
}

/** A failed turn: the server's own words, and when to try again for 429 and 503. */
export function errorBox(error, retry) {
  const wait = Number.isFinite(error.retryAfter) ? error.retryAfter : null;
  const title = { 0: "Can't reach Retain", 429: "Too many requests", 503: "Retain is busy", 413: "Message too long", 422: "Can't use that question" }[error.status] || `Something went wrong (${error.status || "error"})`;
  const note = h("p", { class: "retry-note" });
  const button = retry ? h("button", { type: "button", class: "secondary small", onclick: () => retry() }, "Try again") : null;
  if (wait && button) {
    let left = wait;
    button.disabled = true;
    const tick = () => {
      if (left <= 0) {
        note.textContent = "You can try again now.";
        button.disabled = false;
        return;
      }
      note.textContent = `Try again in ${left} s (Retry-After).`;
      left -= 1;
      setTimeout(tick, 1000);
    };
    tick();
  }
  return h("div", { class: "error-box", role: "alert" }, h("strong", null, title), h("p", null, error.detail || error.message || "No detail was given."), wait ? note : null, button);
}
