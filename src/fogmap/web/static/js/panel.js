// The side panel: one view at a time (an event, a cluster's events, an attribution, an actor), with a
// back button. The event view shows the record, its sources and, for every report, the article with
// the words behind each field marked.

import { h, clear, get, safeHref } from "./api.js";
import { typeColor } from "./colors.js";
import { highlighted, legend } from "./highlight.js";
import { reviewSection, corrected, reviewFromHistory } from "./review.js";

const TIME_PRECISION = { 1: "the day", 2: "the week", 3: "the month" };
const GEO_PRECISION = { 1: "the place itself", 2: "near the place", 3: "a larger area" };

export class Panel {
  constructor(root) {
    this.root = root;
    this.stack = [];
    this.title = root.querySelector(".panel-title");
    this.body = root.querySelector(".panel-body");
    root.querySelector(".panel-back").addEventListener("click", () => this.back());
    root.querySelector(".panel-close").addEventListener("click", () => this.close());
  }

  async show(title, render, { push = true, wide = false } = {}) {
    if (push) this.stack.push({ title, render, wide });
    this.root.classList.add("open");
    this.root.classList.toggle("wide", wide);  // the evidence matrix needs the room
    this.root.querySelector(".panel-back").disabled = this.stack.length < 2;
    clear(this.title, title);
    clear(this.body, h("div", { class: "spinner" }, "loading…"));
    try {
      const node = await render();
      clear(this.body, node);
    } catch (error) {
      clear(this.body, h("div", { class: "error" }, String(error.message || error)));
    }
    this.body.scrollTop = 0;
    this.root.dispatchEvent(new CustomEvent("shown"));
  }

  back() {
    if (this.stack.length < 2) return;
    this.stack.pop();
    const { title, render, wide } = this.stack[this.stack.length - 1];
    this.show(title, render, { push: false, wide });
  }

  close() { this.stack = []; this.root.classList.remove("open"); }
}

export function field(label, ...value) {
  return h("div", { class: "field" }, h("span", { class: "label" }, label), h("span", { class: "value" }, ...value));
}

export function fmtFatalities(e) {
  const [lo, best, hi] = [e.fatalities_low, e.fatalities_best, e.fatalities_high];
  if (lo === null && best === null && hi === null) return e.fatalities ?? "not reported";
  if (lo === hi) return String(best ?? lo);
  return `${best ?? "?"} (range ${lo ?? "?"}–${hi ?? "?"})`;
}

function dateWindow(e) {
  if (!e.date_start) return "no date";
  const span = e.date_end && e.date_end !== e.date_start ? `${e.date_start} – ${e.date_end}` : e.date_start;
  return `${span} (to ${TIME_PRECISION[e.time_precision] || "?"})`;
}

function actorLink(nav, id, name, words) {
  if (!id && !name && !words) return h("span", { class: "muted" }, "none named");
  const label = name || words || id;
  return h("span", {},
    id ? h("a", { href: "#", class: "actor-link", onclick: (ev) => { ev.preventDefault(); nav.actor(id); } }, label) : label,
    id ? h("code", { class: "id" }, id) : null);
}

export async function eventView(nav, eventId) {
  const detail = await get(`/api/events/${encodeURIComponent(eventId)}`);
  const e = detail.event || detail.reports[0];
  const history = await get(`/api/events/${encodeURIComponent(detail.id)}/reviews`).catch(() => null);
  detail.history = history?.items || [];
  if (!e.review?.status) e.review = reviewFromHistory(detail.history);
  const reports = detail.reports;
  const statuses = [...new Set(reports.map((r) => r.status))];
  const confidence = Math.max(...reports.map((r) => r.confidence ?? 0));
  const docs = new Map(detail.documents.map((d) => [d.id, d]));
  const root = h("div", { class: "event", dataset: { eventId: detail.id } });
  nav.located?.(e);

  root.append(h("div", { class: "event-head" },
    h("span", { class: "type-chip", style: { background: typeColor(e.type) } }, e.type || "event"),
    h("span", { class: "subtype" }, corrected(e, "subtype", e.subtype || "")),
    e.review?.status ? h("span", { class: `review-badge review-${e.review.status}` }, e.review.status) : null));

  root.append(h("div", { class: "fields" },
    field("type", corrected(e, "type", e.type)),
    field("date", corrected(e, "date_start", dateWindow(e))),
    field("place", corrected(e, "place_name", e.place_name || "unplaced"),
          e.admin1 ? `, ${e.admin1}` : "", e.country ? ` (${e.country})` : "",
          h("span", { class: "muted" }, ` · ${GEO_PRECISION[e.geo_precision] || "precision unknown"}`),
          e.latitude !== null && e.latitude !== undefined ? h("code", { class: "id" }, `${e.latitude.toFixed(3)}, ${e.longitude.toFixed(3)}`) : null),
    field("actor 1", corrected(e, "actor1_id", actorLink(nav, e.actor1_id, e.actor1_acled, e.actor1))),
    field("actor 2", corrected(e, "actor2_id", actorLink(nav, e.actor2_id, e.actor2_acled, e.actor2))),
    field("fatalities", corrected(e, "fatalities", fmtFatalities(e))),
    field("status", statuses.join(", ")),
    field("confidence", confidence.toFixed(2)),
    field("reports", `${e.reports ?? reports.length} report(s), ${e.sources ?? docs.size} independent source(s)`),
    e.disputed ? field("disputed", ...(e.disputes || []).map((d) => h("div", { class: "dispute" },
      h("b", {}, d.field), ": ", (d.values || []).map((v) => (Array.isArray(v) ? v[0] : v)).join(" vs ")))) : null));

  root.append(h("div", { class: "actions" },
    h("button", { class: "btn", id: "open-attribution", onclick: () => nav.attribution(detail.id) }, "Who did it? (attribution)")));

  root.append(h("h3", {}, "Reports, with the words behind each field"));
  const roles = new Set(reports.flatMap((r) => r.arguments.map((a) => a.role)));
  root.append(legend(roles));
  root.append(...await Promise.all(reports.map((report) => reportBlock(report, docs.get(report.doc_id)))));
  root.append(h("h3", {}, "Sources"));
  root.append(h("ul", { class: "sources" }, ...detail.documents.map((d) => h("li", {},
    h("b", {}, d.outlet || "unknown outlet"), " · ", d.published || "undated", " · ",
    safeHref(d.url) ? h("a", { href: safeHref(d.url), target: "_blank", rel: "noopener noreferrer" }, d.title || d.url)
                    : [d.title || "untitled", d.url ? h("span", { class: "muted" }, ` (${d.url})`) : null],
    d.duplicate_of ? h("span", { class: "muted" }, " (copy)") : null))));

  root.append(reviewSection(detail, () => nav.event(detail.id, { replace: true })));
  return root;
}

async function reportBlock(report, doc) {
  const body = await get(`/api/documents/${encodeURIComponent(report.doc_id)}`);
  const text = body.document.text || "";
  const box = h("div", { class: "report", dataset: { reportId: report.id } },
    h("div", { class: "report-head" },
      h("b", {}, doc?.outlet || report.outlet || "unknown outlet"), " · ", report.published || "undated", " · ",
      h("span", { class: `status status-${report.status}` }, report.status), " · confidence ",
      (report.confidence ?? 0).toFixed(2)),
    h("div", { class: "report-title" }, body.document.title || ""),
    highlighted(text, report.arguments));
  return box;
}

// The first highlight of each report in view: a long article opens at the sentence, not at its top.
export function scrollToHighlights(root) {
  for (const text of root.querySelectorAll(".article-text")) {
    const mark = text.querySelector("mark.role-trigger") || text.querySelector("mark");
    if (mark) text.scrollTop = Math.max(0, mark.offsetTop - text.offsetTop - 40);
  }
}

export async function clusterView(nav, cell, filters) {
  const page = await get("/api/events", { ...filters, bbox: cell.bbox.map((v, i) => (i < 2 ? v - 1e-6 : v + 1e-6).toFixed(6)).join(","), limit: 200 });
  return h("div", { class: "cluster-list" },
    h("p", { class: "muted" }, `${page.total} events in this cell${page.total > page.items.length ? ` (first ${page.items.length})` : ""}`),
    eventList(nav, page.items));
}

export function eventList(nav, events) {
  return h("ul", { class: "event-list" }, ...events.map((e) => h("li", {},
    h("a", { href: "#", class: "event-link", dataset: { eventId: e.id }, onclick: (ev) => { ev.preventDefault(); nav.event(e.id); } },
      h("i", { class: "swatch", style: { background: typeColor(e.type) } }),
      h("span", { class: "date" }, e.date_start || "?"), " ", e.subtype || e.type || "event"),
    h("span", { class: "muted" }, ` ${e.place_name || "unplaced"}${e.fatalities ? ` · ${e.fatalities} killed` : ""}`))));
}
