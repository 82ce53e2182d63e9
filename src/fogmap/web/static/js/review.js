// Review in the event panel: accept, reject, or correct fields; a corrected field shows the analyst's
// value with the machine's struck through beside it. Writes carry the token (api.js).

import { h, post } from "./api.js";
import { TYPES } from "./colors.js";

const ALIASES = { actor1_id: ["actor1_id", "actor1"], actor2_id: ["actor2_id", "actor2"],
                  place_name: ["place_name", "place"], date_start: ["date_start", "date_end"],
                  fatalities: ["fatalities", "fatalities_best"] };

function machineValue(e, key) {
  const machine = e.review?.machine || {};
  for (const name of ALIASES[key] || [key]) if (name in machine) return { name, value: machine[name] };
  return null;
}

// The shown value, and when an analyst changed it, the machine's value struck through beside it.
export function corrected(e, key, shown) {
  const was = machineValue(e, key);
  if (!was) return shown;
  return h("span", { class: "corrected", title: `corrected by ${e.review.by || "an analyst"} ${e.review.at || ""}` },
    shown, " ", h("s", { class: "machine", title: "the machine's value" }, was.value === null ? "none" : String(was.value)));
}

// The review block as the history tells it, for a server whose event detail does not carry one: the
// latest act's status, and each changed field's value before its first correction.
export function reviewFromHistory(items) {
  if (!items?.length) return null;
  const latest = items[0];
  const machine = {};
  for (const r of [...items].reverse()) {
    const changes = typeof r.changes === "string" ? JSON.parse(r.changes) : r.changes || {};
    for (const [key, change] of Object.entries(changes)) if (!(key in machine)) machine[key] = change?.before ?? null;
  }
  const status = { accept: "accepted", correct: "corrected", reject: "rejected" }[latest.action] || latest.action;
  return { status, by: latest.reviewer, at: latest.reviewed_at || latest.at, machine };
}

function reviewer() { return localStorage.getItem("fogmap.reviewer") || "analyst"; }

export function reviewSection(detail, reload) {
  const e = detail.event || detail.reports[0];
  const message = h("div", { class: "review-message", role: "status" });
  const name = h("input", { name: "reviewer", value: reviewer(), size: 12, "aria-label": "reviewer" });
  const note = h("input", { name: "note", placeholder: "note (optional)", size: 24 });

  async function send(action, changes) {
    localStorage.setItem("fogmap.reviewer", name.value.trim() || "analyst");
    message.textContent = "saving…";
    try {
      const body = { action, reviewer: name.value.trim() || "analyst", note: note.value.trim() || null };
      if (changes) body.changes = changes;
      await post(`/api/events/${encodeURIComponent(detail.id)}/review`, body);
      message.textContent = "saved";
      reload();
    } catch (error) {
      message.textContent = `not saved: ${error.message}`;
      message.classList.add("error");
    }
  }

  const form = correctForm(e, (changes) => send("correct", changes));
  const history = h("div", { class: "review-history" });
  showHistory(detail.history || [], history);
  return h("section", { class: "review" },
    h("h3", {}, "Review"),
    h("div", { class: "review-row" }, "by ", name, " ", note),
    h("div", { class: "review-row" },
      h("button", { class: "btn ok", id: "review-accept", onclick: () => send("accept") }, "Accept"),
      h("button", { class: "btn", id: "review-correct", onclick: () => form.classList.toggle("hidden") }, "Correct…"),
      h("button", { class: "btn bad", id: "review-reject", onclick: () => send("reject") }, "Reject")),
    form, message, history);
}

const FIELDS = [
  ["type", "type", (e) => e.type], ["subtype", "sub-type", (e) => e.subtype],
  ["actor1", "actor 1 (id)", (e) => e.actor1_id], ["actor2", "actor 2 (id)", (e) => e.actor2_id],
  ["place", "place name", (e) => e.place_name], ["latitude", "latitude", (e) => e.latitude],
  ["longitude", "longitude", (e) => e.longitude], ["date_start", "date start", (e) => e.date_start],
  ["date_end", "date end", (e) => e.date_end], ["fatalities", "fatalities", (e) => e.fatalities_best ?? e.fatalities],
];
const NUMERIC = new Set(["latitude", "longitude", "fatalities"]);

function correctForm(e, submit) {
  const inputs = {};
  const rows = FIELDS.map(([key, label, value]) => {
    const current = value(e);
    const input = key === "type"
      ? h("select", { name: key }, ...TYPES.map((t) => h("option", { value: t, selected: t === current }, t)))
      : h("input", { name: key, value: current ?? "", type: NUMERIC.has(key) ? "number" : key.startsWith("date") ? "date" : "text",
                     step: key === "fatalities" ? 1 : "any" });
    inputs[key] = { input, before: current === null || current === undefined ? "" : String(current) };
    return h("label", { class: "form-row" }, h("span", {}, label), input);
  });
  const form = h("form", { class: "correct-form hidden", id: "correct-form" }, ...rows,
    h("button", { class: "btn ok", type: "submit" }, "Save correction"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const changes = {};
    for (const [key, { input, before }] of Object.entries(inputs)) {
      const now = input.value.trim();
      if (now === before) continue;
      changes[key] = now === "" ? null : NUMERIC.has(key) ? Number(now) : now;
    }
    if (Object.keys(changes).length) submit(changes);
  });
  return form;
}

function showHistory(items, node) {
  if (!items.length) return;
  node.append(h("div", { class: "muted" }, "History"), h("ul", {}, ...items.map((r) => h("li", {},
    h("b", {}, r.action), ` by ${r.reviewer} · ${String(r.reviewed_at || r.at || "").slice(0, 16).replace("T", " ")}`,
    r.note ? ` · “${r.note}”` : "",
    r.changes ? h("span", { class: "muted" }, ` · ${Object.keys(typeof r.changes === "string" ? JSON.parse(r.changes) : r.changes).join(", ")}`) : null))));
}
