// The /v1 API as the page uses it: every call carries the key; every failure becomes an
// ApiError with the server's own words (its JSON {error, detail}) and Retry-After.

import { readEvents } from "./sse.js";

export class ApiError extends Error {
  constructor(status, kind, detail, retryAfter) {
    super(detail || kind || `HTTP ${status}`);
    this.status = status; // 0 when the server could not be reached
    this.kind = kind;
    this.detail = detail;
    this.retryAfter = retryAfter; // seconds, or null
  }
}

async function failure(response) {
  let kind = "";
  let detail = "";
  try {
    const body = await response.json();
    kind = body.error || "";
    detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail ?? "");
  } catch {
    detail = response.statusText;
  }
  const retry = Number.parseInt(response.headers.get("Retry-After") || "", 10);
  return new ApiError(response.status, kind, detail, Number.isFinite(retry) ? retry : null);
}

export class Api {
  constructor(key, base = "") {
    this.key = key;
    this.base = base;
  }

  async send(path, { method = "GET", body, accept = "application/json", signal } = {}) {
    const headers = { Authorization: `Bearer ${this.key}`, Accept: accept };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(this.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        cache: "no-store",
      });
    } catch (error) {
      if (error.name === "AbortError") throw error;
      throw new ApiError(0, "unreachable", "The Retain server cannot be reached. Is `retain serve` running?", null);
    }
    if (!response.ok) throw await failure(response);
    return response;
  }

  async json(path, options) {
    return (await this.send(path, options)).json();
  }

  me() {
    return this.json("/v1/me");
  }

  conversations() {
    return this.json("/v1/conversations");
  }

  conversation(id) {
    return this.json(`/v1/conversations/${encodeURIComponent(id)}`);
  }

  /** The alerts the caller's role sees, newest first (state: open, acknowledged or all). */
  alerts(state = "open", limit = 50) {
    return this.json(`/v1/alerts?state=${encodeURIComponent(state)}&limit=${limit}`);
  }

  acknowledgeAlert(id) {
    return this.json(`/v1/alerts/${encodeURIComponent(id)}/ack`, { method: "POST" });
  }

  /**
   * Live alerts: onEvent(kind, data) for each `alert`, `acknowledged` and `dropped` event,
   * starting after alert id `after`. Resolves when the server ends the stream; a broken
   * connection rejects. Read with fetch because EventSource cannot send the key.
   */
  async alertStream(after, onEvent, signal) {
    const response = await this.send(`/v1/alerts/stream?after=${Math.max(0, Math.trunc(after) || 0)}`, {
      accept: "text/event-stream",
      signal,
    });
    await readEvents(response, onEvent);
  }

  /**
   * One chat turn, streamed: onEvent(kind, data) for conversation, tool_started,
   * tool_finished, token and message. Resolves with the final message's data.
   */
  async chat(message, conversationId, onEvent, signal) {
    const response = await this.send("/v1/chat", {
      method: "POST",
      body: { message, conversation_id: conversationId },
      accept: "text/event-stream",
      signal,
    });
    const type = response.headers.get("Content-Type") || "";
    if (!type.includes("text/event-stream")) {
      const final = await response.json(); // a server that answers in one piece
      onEvent("message", final);
      return final;
    }
    let final = null;
    try {
      await readEvents(response, (kind, data) => {
        if (kind === "message") final = data;
        if (kind === "error") throw new ApiError(500, data.error || "error", data.detail || "", null);
        onEvent(kind, data);
      });
    } catch (error) {
      if (error instanceof ApiError || error.name === "AbortError") throw error;
      throw new ApiError(0, "interrupted", "The connection broke before the answer was complete. Please ask again.", null);
    }
    if (!final) throw new ApiError(502, "incomplete", "The answer stopped before it was complete. Please ask again.", null);
    return final;
  }
}
