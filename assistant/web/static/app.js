// The page's state and wiring: sign-in, the conversation list, the composer and turns.

import { Api, ApiError } from "./api.js";
import { h, replace } from "./dom.js";
import { when } from "./format.js";
import { Transcript, errorBox } from "./chat.js";
import { AlertsPanel, alertElements } from "./alerts.js";

const KEY = "retain.key"; // sessionStorage only: the key dies with the tab
const OPEN = "retain.conversation";
const $ = (id) => document.getElementById(id);

const state = { api: null, me: null, conversationId: null, busy: false, abort: null, loadSeq: 0 };

const actions = {
  ask: (text) => send(text),
  can: (tool) => Boolean(state.me?.tools?.includes(tool)),
  customerLink: (id) =>
    actions.can("customer_profile")
      ? h("button", { type: "button", class: "link mono", onclick: () => send(`show customer ${id}`), "aria-label": `Open customer ${id}` }, `customer ${id}`)
      : h("span", { class: "muted mono" }, `customer ${id}`),
};
const transcript = new Transcript($("log"), actions);
const alerts = new AlertsPanel(alertElements($), actions, (error) => handleAuth(error));

function announce(text) {
  const el = $("announcer");
  el.textContent = "";
  setTimeout(() => (el.textContent = text), 30);
}

// ---- sign-in -------------------------------------------------------------------------

function showSignIn(message) {
  state.api = state.me = null;
  alerts.stop();
  sessionStorage.removeItem(KEY);
  $("app-view").hidden = true;
  $("who").hidden = true;
  $("nav-toggle").hidden = true;
  $("signin-view").hidden = false;
  const error = $("signin-error");
  error.hidden = !message;
  error.textContent = message || "";
  $("api-key").value = "";
  $("api-key").focus();
}

async function signIn(key, { restoring = false } = {}) {
  const api = new Api(key.trim());
  const button = $("signin-submit");
  button.disabled = true;
  try {
    try {
      state.me = await api.me();
    } catch (error) {
      const why = error instanceof ApiError && error.status === 401
        ? `That key was not accepted: ${error.detail || "unknown or revoked API key"}.`
        : `Could not sign in: ${error.detail || error.message}`;
      showSignIn(restoring ? "Your session ended; please sign in again." : why);
      return;
    }
    state.api = api;
    sessionStorage.setItem(KEY, api.key);
    $("who-name").textContent = state.me.name || "signed in";
    $("who-role").textContent = state.me.role || "";
    // Everything is loaded before the page shows, so nothing typed meanwhile is wiped.
    await refreshConversations();
    const last = sessionStorage.getItem(OPEN);
    if (last) await openConversation(last);
    else newConversation();
    if (!state.api) return; // the key was refused while loading
    $("signin-view").hidden = true;
    $("app-view").hidden = false;
    $("who").hidden = false;
    $("nav-toggle").hidden = false;
    alerts.start(api, state.me); // the bell shows once the role's alerts are read
    $("composer-input").focus();
  } finally {
    button.disabled = false;
  }
}

function signOut() {
  state.abort?.abort();
  sessionStorage.removeItem(OPEN);
  transcript.clear();
  replace($("conversation-list"));
  showSignIn("");
}

/** Every API failure passes here: a rejected key ends the session, the rest is shown. */
function handleAuth(error) {
  if (error instanceof ApiError && error.status === 401) {
    showSignIn(`You were signed out: ${error.detail || "the key is no longer accepted"}.`);
    return true;
  }
  return false;
}

// ---- conversations -------------------------------------------------------------------

async function refreshConversations() {
  let list;
  try {
    list = await state.api.conversations();
  } catch (error) {
    if (!handleAuth(error)) replace($("conversation-list"), h("li", { class: "muted" }, `Couldn't load conversations: ${error.detail || error.message}`));
    return;
  }
  const items = (Array.isArray(list) ? list : []).map((c) =>
    h(
      "li",
      null,
      h(
        "button",
        { type: "button", class: "conversation", "aria-current": c.id === state.conversationId ? "page" : null, dataset: { id: c.id }, onclick: () => openConversation(c.id) },
        h("span", { class: "conversation-title" }, c.title || "Untitled"),
        h("span", { class: "conversation-time" }, when(c.updated_at || c.created_at)),
      ),
    ),
  );
  replace($("conversation-list"), items.length ? items : h("li", { class: "muted empty" }, "No conversations yet."));
}

function markCurrent() {
  for (const button of $("conversation-list").querySelectorAll("button.conversation")) {
    if (button.dataset.id === state.conversationId) button.setAttribute("aria-current", "page");
    else button.removeAttribute("aria-current");
  }
}

function setTitle(text) {
  $("chat-title").textContent = text;
}

function newConversation() {
  if (state.busy) state.abort?.abort();
  state.conversationId = null;
  state.loadSeq += 1;
  sessionStorage.removeItem(OPEN);
  transcript.clear();
  transcript.showWelcome(state.me);
  setTitle("New conversation");
  markCurrent();
  closeDrawer();
  $("composer-input").focus();
}

async function openConversation(id) {
  if (state.busy) state.abort?.abort();
  const seq = ++state.loadSeq;
  let conversation;
  try {
    conversation = await state.api.conversation(id);
  } catch (error) {
    if (handleAuth(error)) return;
    if (error.status === 404) {
      newConversation();
      return;
    }
    transcript.clear();
    $("log").append(errorBox(error, () => openConversation(id)));
    return;
  }
  if (seq !== state.loadSeq) return; // another conversation was opened meanwhile
  state.conversationId = conversation.id;
  sessionStorage.setItem(OPEN, conversation.id);
  transcript.clear();
  for (const message of conversation.messages || []) {
    if (message.role === "user") transcript.addUser(message.content);
    else transcript.addAssistant(message);
  }
  if (!(conversation.messages || []).length) transcript.showWelcome(state.me);
  setTitle(conversation.title || "Conversation");
  markCurrent();
  closeDrawer();
}

// ---- a turn --------------------------------------------------------------------------

function setBusy(busy) {
  state.busy = busy;
  $("send").disabled = busy;
  $("stop").hidden = !busy;
  $("log").setAttribute("aria-busy", String(busy));
}

async function send(text) {
  const message = String(text || "").trim();
  if (!message || state.busy || !state.api) return;
  setBusy(true);
  transcript.addUser(message);
  const view = transcript.startTurn();
  const abort = new AbortController();
  state.abort = abort;
  const started = state.conversationId;
  announce("Retain is answering…");
  try {
    const final = await state.api.chat(
      message,
      state.conversationId,
      (kind, data) => {
        if (kind === "conversation" && data.conversation_id) {
          state.conversationId = data.conversation_id;
          sessionStorage.setItem(OPEN, data.conversation_id);
        } else if (kind === "tool_started") view.toolStarted(data);
        else if (kind === "tool_finished") view.toolFinished(data);
        else if (kind === "token") view.token(data);
      },
      abort.signal,
    );
    view.finish(final);
    announce("Answer ready.");
    if (!started) setTitle(message.length > 60 ? `${message.slice(0, 57)}…` : message);
  } catch (error) {
    if (error.name === "AbortError") view.fail(new ApiError(499, "stopped", "Stopped. Ask again when you're ready.", null));
    else if (!handleAuth(error)) {
      view.fail(error, () => send(message));
      announce(`Error: ${error.detail || error.message}`);
    }
  } finally {
    if (state.abort === abort) state.abort = null;
    setBusy(false);
  }
  if (state.api) {
    await refreshConversations();
    markCurrent();
  }
}

// ---- layout: the conversation drawer on narrow screens ---------------------------------

function openDrawer() {
  document.body.classList.add("drawer-open");
  $("nav-toggle").setAttribute("aria-expanded", "true");
  $("new-chat").focus();
}

function closeDrawer() {
  if (!document.body.classList.contains("drawer-open")) return;
  document.body.classList.remove("drawer-open");
  $("nav-toggle").setAttribute("aria-expanded", "false");
}

// ---- wiring ----------------------------------------------------------------------------

function autosize(area) {
  area.style.height = "auto";
  area.style.height = `${Math.min(area.scrollHeight, 200)}px`;
}

function wire() {
  $("signin-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const key = $("api-key").value;
    if (key.trim()) signIn(key);
  });
  $("sign-out").addEventListener("click", signOut);
  $("new-chat").addEventListener("click", newConversation);
  $("nav-toggle").addEventListener("click", () => (document.body.classList.contains("drawer-open") ? closeDrawer() : openDrawer()));
  $("scrim").addEventListener("click", closeDrawer);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && document.body.classList.contains("drawer-open")) {
      closeDrawer();
      $("nav-toggle").focus();
    }
  });
  const input = $("composer-input");
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value;
    if (!text.trim() || state.busy) return;
    input.value = "";
    autosize(input);
    send(text);
  });
  input.addEventListener("keydown", (event) => {
    // Enter sends; Shift+Enter is a new line; Enter while composing (IME) is not a send.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  });
  input.addEventListener("input", () => autosize(input));
  $("stop").addEventListener("click", () => state.abort?.abort());
}

wire();
const saved = sessionStorage.getItem(KEY);
if (saved) signIn(saved, { restoring: true });
else showSignIn("");
