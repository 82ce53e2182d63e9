// The workbench: filters and the time window drive the map, the timeline and the sitrep link; a click
// on the map opens the side panel. State lives here; the other modules draw.

import { h, clear, get, getLatest, url, debounce, adoptTokenFromAddress, dayToIso, isoToDay } from "./api.js";
import { TYPES, typeColor } from "./colors.js";
import { drawTimeline } from "./timeline.js";
import { Panel, eventView, clusterView, scrollToHighlights } from "./panel.js";
import { attributionView } from "./attribution.js";
import { actorView } from "./actor.js";

const $ = (id) => document.getElementById(id);

const state = {
  first: null, last: null,  // the store's span, in days
  end: null, days: 30,      // the window: `days` days ending on `end` (0 days: everything)
  type: "", country: "", actor: "", minConfidence: 0,
  control: false, timeline: null,
};

function windowDates() {
  if (!state.days) return [dayToIso(state.first), dayToIso(state.last)];
  return [dayToIso(Math.max(state.first, state.end - state.days + 1)), dayToIso(state.end)];
}

function filters({ dates = true } = {}) {
  const [since, until] = windowDates();
  return {
    since: dates ? since : null, until: dates ? until : null, type: state.type || null,
    country: state.country || null, actor: state.actor || null,
    min_confidence: state.minConfidence > 0 ? state.minConfidence.toFixed(2) : null,
  };
}

function setStatus(text) { $("status").textContent = text; }

// The window opens on the last month busy enough to be worth a first look (a quarter of the busiest
// month's events): a store's last weeks are often a few stragglers, and an empty map explains nothing.
function openingEnd(series, last) {
  const total = (bucket) => Object.values(bucket.counts || {}).reduce((a, b) => a + b, 0);
  const peak = Math.max(0, ...series.map(total));
  const busy = [...series].reverse().find((bucket) => total(bucket) >= peak / 4);
  if (!busy) return last;
  const start = isoToDay(busy.date);
  const monthEnd = isoToDay(new Date(Date.UTC(new Date(start * 86400000).getUTCFullYear(),
                                              new Date(start * 86400000).getUTCMonth() + 1, 0)).toISOString().slice(0, 10));
  return Math.min(last, monthEnd);
}

async function main() {
  adoptTokenFromAddress();
  if (!window.L) { $("missing").classList.remove("hidden"); return; }
  const { createMap, drawBasemap, drawEvents, drawControl, hideControl, zoomToCell, select, resized, fitToEvents } = await import("./map.js");
  const panel = new Panel($("panel"));
  const nav = {
    event: (id, { replace = false } = {}) => {
      if (replace) panel.stack.pop();
      return panel.show("Event", () => eventView(nav, id));
    },
    actor: (id) => panel.show(`Actor · ${id}`, () => actorView(nav, id)),
    attribution: (id) => panel.show("Attribution · who did it?", () => attributionView(nav, id), { wide: true }),
    located: (event) => select(view, event),
  };
  $("panel").addEventListener("shown", () => scrollToHighlights($("panel")));
  $("panel").addEventListener("transitionend", () => { resized(view); redrawTimeline(); });
  window.fogmap = { nav, state };  // for the browser tests and the curious

  const view = createMap($("map"), {
    onEvent: (id) => nav.event(id),
    onCluster: (cell) => {
      if (!zoomToCell(view, cell)) panel.show(`${cell.count} events at one place`, () => clusterView(nav, cell, filters()));
    },
    onMove: () => refreshEvents(),
  });

  const refreshEvents = debounce(async () => {
    try {
      const grid = await drawEvents(view, filters());
      if (!grid) return;
      const shown = grid.cells.reduce((n, c) => n + c.count, 0);
      setStatus(`${shown} events on the map · ${grid.unplaced ?? 0} unplaced · window ${windowDates().join(" – ")}`);
      $("map").dataset.events = String(shown);
      $("map").dataset.window = windowDates().join(" → ");  // what the markers are of (the tests wait for it)
      $("map").dataset.view = grid.view;
      $("map").dataset.type = state.type;
      $("map").dataset.ready = "1";
    } catch (error) { setStatus(`events: ${error.message}`); }
  }, 120);

  const refreshControl = debounce(async () => {
    if (!state.control) { hideControl(view); return; }
    try { await drawControl(view, windowDates()[1], state.country || null); } catch (error) { setStatus(`control: ${error.message}`); }
  }, 200);

  const refreshTimeline = debounce(async () => {
    const { since, until, ...rest } = filters();
    const body = await getLatest("timeline", "/api/events/timeline", { ...rest, bucket: "week",
      since: dayToIso(state.first), until: dayToIso(state.last) }).catch(() => null);
    if (body) state.timeline = body;
    redrawTimeline();
  }, 150);

  function redrawTimeline() {
    drawTimeline($("timeline"), state.timeline, windowDates(), (iso) => {
      state.end = Math.min(state.last, Math.max(state.first, isoToDay(iso) + Math.floor((state.days || 0) / 2)));
      windowChanged();
    });
  }

  function windowChanged() {
    $("t-slider").value = String(state.end);
    const [since, until] = windowDates();
    $("t-window").textContent = `${since} → ${until}`;
    for (const b of $("t-presets").querySelectorAll("button")) b.classList.toggle("active", Number(b.dataset.days) === state.days);
    redrawTimeline();
    refreshEvents();
    refreshControl();
  }

  function filtersChanged() { windowChanged(); refreshTimeline(); }

  // The store's span: the timeline over everything gives its first and last buckets.
  const whole = await get("/api/events/timeline", { bucket: "month" }).catch(() => null);
  const series = whole?.series || [];
  const today = isoToDay(new Date().toISOString().slice(0, 10));
  state.first = series.length ? isoToDay(series[0].date) : today - 365;
  state.last = series.length ? isoToDay(series[series.length - 1].date) + 30 : today;
  // The window opens on the month that ends with the store's last event (events come oldest first).
  const head = await get("/api/events", { limit: 1 }).catch(() => null);
  if (head?.items?.[0]?.date_start) state.first = Math.min(state.first, isoToDay(head.items[0].date_start));
  const tail = head?.total ? await get("/api/events", { limit: 1, offset: head.total - 1 }).catch(() => null) : null;
  const lastEvent = tail?.items?.[0]?.date_end || tail?.items?.[0]?.date_start;
  if (lastEvent) state.last = Math.max(isoToDay(lastEvent), state.first);
  state.end = openingEnd(series, state.last);
  Object.assign($("t-slider"), { min: String(state.first), max: String(state.last), value: String(state.end) });

  // Filters.
  for (const type of TYPES) $("f-type").append(h("option", { value: type }, type));
  $("f-type").addEventListener("change", (e) => { state.type = e.target.value; filtersChanged(); });
  $("f-country").addEventListener("input", debounce((e) => {
    const v = e.target.value.trim().toUpperCase();
    if (v === "" || /^[A-Z]{2}$/.test(v)) { state.country = v; filtersChanged(); }
  }, 300));
  const actors = await get("/api/actors", { limit: 1000 }).catch(() => ({ items: [] }));
  const byName = new Map();
  for (const a of actors.items) {
    byName.set(a.actor_id, a.actor_id);
    if (a.acled_name) byName.set(a.acled_name, a.actor_id);
    $("actor-list").append(h("option", { value: a.actor_id }, `${a.acled_name || a.actor_id} (${a.events})`));
  }
  $("f-actor").addEventListener("change", (e) => {
    const v = e.target.value.trim();
    state.actor = byName.get(v) || v;
    filtersChanged();
  });
  $("f-conf").addEventListener("input", (e) => {
    state.minConfidence = Number(e.target.value);
    $("f-conf-out").textContent = state.minConfidence.toFixed(2);
    filtersChanged();
  });
  $("f-control").addEventListener("change", (e) => { state.control = e.target.checked; refreshControl(); });

  // The window.
  $("t-slider").addEventListener("input", (e) => { state.end = Number(e.target.value); windowChanged(); });
  $("t-presets").addEventListener("click", (e) => {
    const days = e.target.dataset?.days;
    if (days === undefined) return;
    state.days = Number(days);
    windowChanged();
  });
  const step = (sign) => {
    const by = Math.max(1, Math.round((state.days || 30) / 2));
    state.end = Math.min(state.last, Math.max(state.first, state.end + sign * by));
    windowChanged();
  };
  $("t-step").addEventListener("click", () => step(1));
  $("t-back").addEventListener("click", () => step(-1));
  let playing = null;
  $("t-play").addEventListener("click", () => {
    if (playing) { clearInterval(playing); playing = null; $("t-play").textContent = "▶"; return; }
    if (state.end >= state.last) state.end = state.first + (state.days || 30) - 1;
    $("t-play").textContent = "❚❚";
    playing = setInterval(() => {
      if (state.end >= state.last) { clearInterval(playing); playing = null; $("t-play").textContent = "▶"; return; }
      step(1);
    }, 900);
  });

  // Sitrep: the window, and the country filter or the country most events in the window are in.
  $("sitrep").addEventListener("click", async () => {
    const [since, until] = windowDates();
    let country = state.country;
    if (!country) {
      const page = await get("/api/events", { ...filters(), limit: 500 }).catch(() => ({ items: [] }));
      const counts = {};
      for (const e of page.items) if (e.country) counts[e.country] = (counts[e.country] || 0) + 1;
      country = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]?.[0] || "";
    }
    window.open(url("/api/sitrep", { country, since, until }), "_blank", "noopener");
  });

  clear($("type-legend"), ...TYPES.map((t) => h("span", {}, h("i", { class: "swatch", style: { background: typeColor(t) } }), t)));
  window.addEventListener("resize", debounce(redrawTimeline, 150));
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") panel.close();
    else if (e.key === "Backspace" && e.altKey) panel.back();
  });

  setStatus("loading the basemap…");
  await drawBasemap(view).catch((error) => setStatus(`basemap: ${error.message}`));
  await fitToEvents(view, filters()).catch(() => null);
  filtersChanged();
}

main().catch((error) => { document.getElementById("status").textContent = `failed: ${error.message}`; });
