// credsvc console: the HTTPS admin API (/api/v1, docs/admin-api.md) in a
// browser tab. The admin token lives in sessionStorage (this tab only) and
// goes out as a Bearer token; API data is only ever written with
// textContent, never parsed as HTML.
"use strict";

(() => {
  const TOKEN_KEY = "credsvc.adminToken";
  const byId = (id) => document.getElementById(id);
  let currentView = "credentials";

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  async function api(method, path, body) {
    const headers = { Authorization: "Bearer " + token(), Accept: "application/json" };
    const init = { method, headers, cache: "no-store", credentials: "omit", redirect: "error" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch("/api/v1" + path, init);
    let data = null;
    try {
      data = await response.json();
    } catch (_) {
      data = null;
    }
    if (!response.ok) {
      const error = data && data.error ? data.error : { code: "http_" + response.status, message: response.statusText };
      throw new ApiError(response.status, error.code, error.message);
    }
    return data;
  }

  function say(text, kind) {
    const message = byId("message");
    message.textContent = text;
    message.className = kind || "";
  }

  function report(error) {
    if (error instanceof ApiError) {
      say(error.message + " (" + error.code + ")", "error");
      if (error.status === 401) logOut();
    } else {
      say("The server could not be reached: " + error.message, "error");
    }
  }

  function cell(text, className) {
    const td = document.createElement("td");
    td.textContent = text === null || text === undefined || text === "" ? "—" : String(text);
    if (className) td.className = className;
    return td;
  }

  // Replaces a table's rows with one per item (or a line saying there are none).
  function fill(tableId, items, rowOf, emptyText) {
    const table = byId(tableId);
    const body = table.tBodies[0];
    body.replaceChildren();
    if (items.length === 0) {
      const tr = document.createElement("tr");
      const td = cell(emptyText, "empty");
      td.colSpan = table.tHead.rows[0].cells.length;
      tr.append(td);
      body.append(tr);
    }
    for (const item of items) body.append(rowOf(item));
    table.dataset.loaded = String(Date.now());
  }

  function credentialRow(c) {
    const tr = document.createElement("tr");
    tr.dataset.aor = c.aor;
    tr.dataset.status = c.status;
    tr.append(cell(c.aor));
    tr.append(cell(c.status, "status status-" + c.status));
    tr.append(cell(c.expires_at));
    tr.append(cell(c.subject));
    tr.append(cell(c.status === "revoked" ? "" : c.key));
    tr.append(cell(c.spki_sha256, "mono"));
    if (c.status === "revoked") {
      tr.append(cell("revoked " + c.revoked_at + " by " + c.revoked_by + ": " + c.reason));
    } else {
      tr.append(cell("certificate until " + c.not_after + ", publication until " + c.publication_expires));
    }
    // Counted on demand: every running instance is asked (a query through
    // the database), which is too slow to do for every line of the listing.
    const live = document.createElement("td");
    live.className = "live";
    if (c.status !== "revoked") {
      const count = document.createElement("button");
      count.type = "button";
      count.className = "count";
      count.textContent = "Count";
      count.addEventListener("click", () => countSubscribers(c.aor, live, count));
      live.append(count);
    }
    tr.append(live);
    const action = document.createElement("td");
    if (c.status !== "revoked") {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "danger revoke";
      button.textContent = "Revoke";
      button.addEventListener("click", () => revoke(c.aor, button));
      action.append(button);
    }
    tr.append(action);
    return tr;
  }

  async function countSubscribers(aor, td, button) {
    button.disabled = true;
    try {
      const shown = await api("GET", "/credentials/" + encodeURIComponent(aor));
      const l = shown.live_subscribers;
      td.textContent = l.instances_running === 0
        ? "no server running"
        : "certificate " + l.certificate + ", credential " + l.credential + " (" + l.instances_answered + " of " +
          l.instances_running + " instances)";
    } catch (error) {
      button.disabled = false;
      report(error);
    }
  }

  async function revoke(aor, button) {
    const reason = window.prompt(
      "Revoke the credential of " + aor + "?\n" +
        "Its key can never be published again, and its subscribers are told at once.\n\nReason:",
      "");
    if (reason === null) {
      say("Nothing revoked.", "info");
      return;
    }
    button.disabled = true;
    try {
      const trimmed = reason.trim();
      await api("POST", "/credentials/" + encodeURIComponent(aor) + "/revoke", trimmed ? { reason: trimmed } : {});
      say("Revoked the credential of " + aor + ".", "info");
    } catch (error) {
      report(error);
    }
    await load("credentials");
  }

  function userRow(u) {
    const tr = document.createElement("tr");
    tr.dataset.aor = u.aor;
    tr.append(cell(u.aor), cell(u.domain), cell(u.enabled ? "yes" : "no"), cell(u.created_at));
    return tr;
  }

  function domainRow(d) {
    const tr = document.createElement("tr");
    tr.dataset.name = d.name;
    tr.append(cell(d.name), cell(d.realm), cell(d.tls ? d.tls.not_after : null),
              cell(d.identity ? d.identity.not_after : null), cell(d.created_at));
    return tr;
  }

  function auditRow(e) {
    const tr = document.createElement("tr");
    tr.append(cell(e.at), cell(e.actor), cell(e.action), cell(e.aor), cell(e.domain),
              cell(JSON.stringify(e.detail), "mono"));
    return tr;
  }

  const views = {
    credentials: async () => fill("credentials", await api("GET", "/credentials"), credentialRow, "No credentials."),
    users: async () => fill("users", await api("GET", "/users"), userRow, "No users."),
    domains: async () => fill("domains", await api("GET", "/domains"), domainRow, "No domains."),
    audit: async () => {
      const query = new URLSearchParams();
      const aor = byId("audit-aor").value.trim();
      const since = byId("audit-since").value.trim();
      if (aor) query.set("aor", aor);
      if (since) query.set("since", since);
      query.set("limit", "500");
      fill("audit", await api("GET", "/audit?" + query.toString()), auditRow, "No entries.");
    },
  };

  async function load(view) {
    try {
      await views[view]();
    } catch (error) {
      report(error);
    }
  }

  function showView(view) {
    currentView = view;
    for (const button of document.querySelectorAll("nav button")) {
      button.classList.toggle("current", button.dataset.view === view);
    }
    for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== "view-" + view;
    say("");
    return load(view);
  }

  function logOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    byId("console").hidden = true;
    byId("logout").hidden = true;
    byId("whoami").hidden = true;
    byId("login").hidden = false;
  }

  async function start() {
    if (!token()) {
      logOut();
      return;
    }
    try {
      const session = await api("GET", "/session");
      byId("whoami").textContent = "Signed in as " + session.actor;
      byId("whoami").hidden = false;
      byId("logout").hidden = false;
      byId("login").hidden = true;
      byId("console").hidden = false;
      await showView(currentView);
    } catch (error) {
      report(error);
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) logOut();
    }
  }

  byId("login-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const entered = byId("token").value.trim();
    byId("token").value = "";
    if (!entered) return;
    sessionStorage.setItem(TOKEN_KEY, entered);
    say("");
    start();
  });
  byId("logout").addEventListener("click", () => {
    logOut();
    say("Logged out.", "info");
  });
  for (const button of document.querySelectorAll("nav button")) {
    button.addEventListener("click", () => showView(button.dataset.view));
  }
  byId("audit-filter").addEventListener("submit", (event) => {
    event.preventDefault();
    load("audit");
  });

  start();
})();
