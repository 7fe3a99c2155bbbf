// Server-sent events read from a fetch() body. EventSource cannot POST, so the chat stream
// is parsed here, following the event-stream format: fields per line, events end at a
// blank line, several `data:` lines join with "\n", lines starting with ":" are comments.

export class SSEParser {
  constructor() {
    this.buffer = "";
    this.reset();
  }

  reset() {
    this.event = "";
    this.data = [];
  }

  /** Feed decoded text; returns the events completed by it as [{event, data}]. */
  feed(text) {
    this.buffer += text;
    const done = [];
    // Lines end with \n, \r\n or \r; keep the last piece, which may be incomplete. A lone
    // trailing \r may be the first half of \r\n, so it waits for the next chunk too.
    const lines = this.buffer.split(/\r\n|\n|\r(?!$)/);
    this.buffer = lines.pop();
    for (const line of lines) {
      if (line === "") {
        if (this.data.length) done.push({ event: this.event || "message", data: this.data.join("\n") });
        this.reset();
        continue;
      }
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "event") this.event = value;
      else if (field === "data") this.data.push(value);
    }
    return done;
  }

  /** The event left when the stream ends without a final blank line, if any. */
  finish() {
    const rest = this.buffer ? this.feed("\n\n") : [];
    if (!rest.length && this.data.length) rest.push({ event: this.event || "message", data: this.data.join("\n") });
    this.buffer = "";
    this.reset();
    return rest;
  }
}

/** Read a streaming Response, calling onEvent(name, parsedJson) per event. */
export async function readEvents(response, onEvent) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parser = new SSEParser();
  const deliver = (events) => {
    for (const { event, data } of events) {
      let parsed;
      try {
        parsed = JSON.parse(data);
      } catch {
        parsed = { text: data };
      }
      onEvent(event, parsed);
    }
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    deliver(parser.feed(decoder.decode(value, { stream: true })));
  }
  deliver(parser.feed(decoder.decode()));
  deliver(parser.finish());
}
