// The alerts bell and panel: the open alerts the caller's role sees, kept live from the
// server's event stream, each with a link to its customer or segment and Acknowledge.
//
// Each (re)connection first reads the open list, then streams from the newest id it holds,
// so nothing raised or acknowledged while the stream was down is missed, and what arrives
// twice is skipped by id. A role that sees no alerts (403), or a server without them, gets
// no bell and no error. New alerts are announced politely and never take the focus.

import { ApiError } from "./api.js";
import { alertItem } from "./cards/alerts.js";

// Who may acknowledge, as assistant/alerts/model.py ACKNOWLEDGING_ROLES says; marketers read
// alerts but do not close them (the server refuses them anyway, and the item says why).
const ACKNOWLEDGING = new Set(["operator", "support", "admin"]);
const PAGE = 200; // the server's largest page
const BACKOFF_MS = [1000, 2000, 5000, 10000, 30000];
const HEALTHY_MS = 30000; // a stream open this long was working, even if nothing came

function pause(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

function quiet(error) {
  // No alerts for this role, or none on this server: nothing to show and nothing to retry.
  return error instanceof ApiError && (error.status === 403 || error.status === 404 || (error.status === 503 && !error.retryAfter));
}

export class AlertsPanel {
  /**
   * els: {toggle, count, panel, heading, list, empty, status}; actions: the page's
   * {ask, can}; onAuth(error): a refused key ends the session.
   */
  constructor(els, actions, onAuth) {
    this.els = els;
    this.actions = actions;
    this.onAuth = onAuth;
    this.open = new Map(); // id -> alert, the open alerts shown
    this.items = new Map(); // id -> its <li>
    this.lastId = 0;
    this.more = false; // the list filled a whole page: the count is a lower bound
    this.run = null;
    els.toggle.addEventListener("click", () => (this.isOpen() ? this.close(true) : this.show()));
    els.panel.querySelector("[data-close]")?.addEventListener("click", () => this.close(true));
    document.addEventListener("keydown", (event) => {
      // Escape closes the panel first (the phone's drawer, also open, waits for the next one).
      if (event.key === "Escape" && this.isOpen()) {
        event.stopImmediatePropagation();
        this.close(els.panel.contains(document.activeElement) || document.activeElement === els.toggle || document.activeElement === document.body);
      }
    });
    document.addEventListener("click", (event) => {
      if (this.isOpen() && !els.panel.contains(event.target) && !els.toggle.contains(event.target)) this.close(false);
    });
  }

  /** Start following the alerts of the signed-in caller. */
  start(api, me) {
    this.stop();
    this.api = api;
    this.me = me;
    const run = new AbortController();
    this.run = run;
    this.follow(run.signal).catch(() => {}); // every failure is handled inside
  }

  /** Stop following (sign-out): the stream is closed and the bell hidden. */
  stop() {
    this.run?.abort();
    this.run = null;
    this.close(false);
    this.els.toggle.hidden = true;
    for (const id of [...this.items.keys()]) this.remove(id);
    this.lastId = 0;
    this.more = false;
  }

  isOpen() {
    return !this.els.panel.hidden;
  }

  show() {
    this.els.panel.hidden = false;
    this.els.toggle.setAttribute("aria-expanded", "true");
    this.els.heading.focus();
  }

  close(returnFocus) {
    if (!this.isOpen()) return;
    this.els.panel.hidden = true;
    this.els.toggle.setAttribute("aria-expanded", "false");
    if (returnFocus) this.els.toggle.focus();
  }

  async follow(signal) {
    let failures = 0;
    while (!signal.aborted) {
      let wait;
      try {
        await this.load(signal);
        if (signal.aborted) return;
        this.els.toggle.hidden = false;
        let heard = false;
        const opened = Date.now();
        await this.api.alertStream(this.lastId, (kind, data) => {
          heard = true;
          this.onEvent(kind, data);
        }, signal);
        // The server ended the stream (it fell behind, or is restarting): come back soon. A
        // stream that ends at once, again and again, is retried less and less often.
        failures = heard || Date.now() - opened > HEALTHY_MS ? 0 : failures + 1;
        wait = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)];
      } catch (error) {
        if (signal.aborted || error?.name === "AbortError") return;
        if (error instanceof ApiError && error.status === 401) {
          this.onAuth(error);
          return;
        }
        if (quiet(error)) {
          this.els.toggle.hidden = true;
          return;
        }
        failures += 1;
        wait = error?.retryAfter ? error.retryAfter * 1000 : BACKOFF_MS[Math.min(failures - 1, BACKOFF_MS.length - 1)];
      }
      await pause(wait, signal);
    }
  }

  /** Read the open list and make the panel match it (keeping what has the focus). */
  async load(signal) {
    const body = await this.api.alerts("open", PAGE);
    if (signal.aborted) return;
    const alerts = (Array.isArray(body) ? body : body?.alerts || body?.rows || []).filter((a) => a && a.id !== undefined);
    const ids = new Set(alerts.map((a) => a.id));
    for (const id of [...this.open.keys()]) if (!ids.has(id)) this.remove(id);
    for (const alert of alerts) this.add(alert);
    this.more = alerts.length >= PAGE;
    this.counted();
  }

  onEvent(kind, data) {
    if (kind === "alert" && data?.id !== undefined) {
      if (data.state && data.state !== "open") return;
      const fresh = !this.open.has(data.id);
      this.add(data);
      if (fresh) {
        this.counted();
        this.say(`New alert: ${data.title || `alert ${data.id}`}`);
        this.els.toggle.classList.remove("bump");
        void this.els.toggle.offsetWidth; // restart the animation
        this.els.toggle.classList.add("bump");
      }
    } else if (kind === "acknowledged" && data?.id !== undefined) {
      if (this.open.has(data.id)) {
        this.remove(data.id);
        this.counted();
      }
    }
    // `dropped` is followed by the end of the stream; follow() reconnects after lastId.
  }

  /** Put an alert in the list, newest (highest id) first, without touching the others. */
  add(alert) {
    this.lastId = Math.max(this.lastId, Number(alert.id) || 0);
    const known = this.items.get(alert.id);
    this.open.set(alert.id, alert);
    if (known) return;
    const item = alertItem(alert, this.actions, {
      onOpen: () => this.close(true),
      onAcknowledge: ACKNOWLEDGING.has(this.me?.role) ? (a, button) => this.acknowledge(a, button) : undefined,
    });
    const after = [...this.els.list.children].find((li) => Number(li.dataset.id) < Number(alert.id));
    this.els.list.insertBefore(item, after || null);
    this.items.set(alert.id, item);
  }

  remove(id) {
    const item = this.items.get(id);
    this.open.delete(id);
    this.items.delete(id);
    if (!item) return;
    // Whoever was working in this item keeps their place: the focus moves to the next one.
    const focused = item.contains(document.activeElement);
    const next = item.nextElementSibling || item.previousElementSibling;
    item.remove();
    if (focused) (next?.querySelector("button.ack") || next?.querySelector("button") || this.els.heading).focus();
  }

  async acknowledge(alert, button) {
    const item = this.items.get(alert.id);
    const error = item?.querySelector(".alert-error");
    // aria-disabled, not disabled: a disabled button drops the focus, and the keyboard's place
    // is handed on to the next alert when this one leaves.
    if (button.getAttribute("aria-disabled") === "true") return;
    button.setAttribute("aria-disabled", "true");
    try {
      await this.api.acknowledgeAlert(alert.id);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) {
        this.onAuth(failure);
        return;
      }
      button.removeAttribute("aria-disabled");
      if (error) {
        error.hidden = false;
        error.textContent = `Could not acknowledge: ${failure.detail || failure.message}`;
      }
      return;
    }
    this.remove(alert.id);
    this.counted();
    this.say(`Alert ${alert.id} acknowledged.`);
  }

  /** The bell's number and name, and the panel's empty line. */
  counted() {
    const n = this.open.size;
    const shown = `${n}${this.more ? "+" : ""}`;
    this.els.count.textContent = shown;
    this.els.count.hidden = n === 0;
    this.els.toggle.setAttribute("aria-label", n ? `Alerts, ${shown} open` : "Alerts, none open");
    this.els.empty.hidden = n > 0;
    this.els.summary.textContent = n ? `${shown} open, newest first` : "";
  }

  say(text) {
    const el = this.els.status;
    el.textContent = "";
    setTimeout(() => (el.textContent = text), 30);
  }
}

/** The page's alert elements by id (see index.html). */
export function alertElements(byId) {
  return {
    toggle: byId("alerts-toggle"),
    count: byId("alerts-count"),
    panel: byId("alerts-panel"),
    heading: byId("alerts-title"),
    summary: byId("alerts-summary"),
    list: byId("alerts-list"),
    empty: byId("alerts-empty"),
    status: byId("alerts-status"),
  };
}
