// The map: the shipped admin-1 shapes as the basemap (no tiles, no internet), control areas by holder,
// and events as grid cells from /api/events/grid: one event a dot, many a bubble.

import { h, getLatest, get } from "./api.js";
import { typeColor, holderColor } from "./colors.js";

const L = window.L;
const SEA = "#dfe6ec";

export function createMap(element, { onEvent, onCluster, onMove }) {
  const map = L.map(element, {
    center: [34.5, 40.5], zoom: 6, minZoom: 2, maxZoom: 14, zoomSnap: 0.5, attributionControl: true,
    preferCanvas: false, worldCopyJump: false,
  });
  map.attributionControl.setPrefix("").addAttribution("Natural Earth admin-1 (public domain)");
  element.style.background = SEA;
  map.createPane("basemap").style.zIndex = 200;
  map.createPane("control").style.zIndex = 300;
  addHatch(map);
  const events = L.layerGroup().addTo(map);
  const control = L.layerGroup().addTo(map);
  const view = { map, events, control, onEvent, onCluster, eventsShown: 0 };
  map.on("moveend", () => onMove(map));
  L.control.scale({ imperial: false, position: "bottomleft" }).addTo(map);
  return view;
}

// Leaflet's SVG renderer keeps one <svg> per pane; the hatch pattern for contested areas lives in its <defs>.
function addHatch(map) {
  const renderer = L.svg({ pane: "control" });
  map.addLayer(renderer);
  map.controlRenderer = renderer;
  const svg = renderer._container;
  const defs = document.createElementNS("http://www.w3.org/2000/svg", "defs");
  const pattern = document.createElementNS("http://www.w3.org/2000/svg", "pattern");
  for (const [k, v] of Object.entries({ id: "hatch", width: 8, height: 8, patternUnits: "userSpaceOnUse",
                                         patternTransform: "rotate(45)" })) pattern.setAttribute(k, v);
  const line = document.createElementNS("http://www.w3.org/2000/svg", "line");
  for (const [k, v] of Object.entries({ x1: 0, y1: 0, x2: 0, y2: 8, stroke: "#7b241c", "stroke-width": 3,
                                         "stroke-opacity": 0.55 })) line.setAttribute(k, v);
  pattern.append(line);
  defs.append(pattern);
  svg.prepend(defs);
}

export async function drawBasemap(view) {
  const renderer = L.svg({ pane: "basemap" });
  const admin1 = { renderer, color: "#cfcac0", weight: 0.5, fillColor: "#f3f1ec", fillOpacity: 1, interactive: false };
  const country = { renderer, color: "#8c8577", weight: 1.1, fill: false, interactive: false };
  const low = await get("/api/basemap", { detail: "low" });
  // areas first, borders over them: a country's outline is never hidden under a neighbour's fill
  low.features.sort((a, b) => (a.properties.layer === "country") - (b.properties.layer === "country"));
  view.basemap = L.geoJSON(low, { style: (f) => (f.properties.layer === "country" ? country : admin1) }).addTo(view.map);
  return low.features.length;
}

export function bboxOf(map) {
  const b = map.getBounds();
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
          clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].map((v) => v.toFixed(4)).join(",");
}

export async function drawEvents(view, filters) {
  const map = view.map;
  const asked = { ...filters, bbox: bboxOf(map), zoom: Math.round(map.getZoom()) };
  const grid = await getLatest("grid", "/api/events/grid", asked);
  if (!grid) return null;  // a newer request replaced this one
  grid.view = `${asked.bbox} z${asked.zoom}`;  // what the markers are of, with the window (the tests read it)
  view.events.clearLayers();
  for (const cell of grid.cells) view.events.addLayer(cell.count === 1 && cell.event_id ? dot(view, cell) : bubble(view, cell));
  view.eventsShown = grid.cells.reduce((n, c) => n + c.count, 0);
  return grid;
}

function dominant(types) {
  return Object.entries(types || {}).sort((a, b) => b[1] - a[1])[0]?.[0] || null;
}

function dot(view, cell) {
  const type = dominant(cell.types);
  const radius = Math.min(16, 5 + 2.2 * Math.sqrt(cell.fatalities || 0));
  const marker = L.circleMarker([cell.lat, cell.lon], {
    radius, color: "#1b2631", weight: 1, fillColor: typeColor(type), fillOpacity: 0.85, className: "event-dot",
  });
  marker.bindTooltip(h("div", {}, h("b", {}, type || "event"), h("br"),
                       `${cell.fatalities || 0} killed · click for the record`), { direction: "top" });
  marker.on("click", () => view.onEvent(cell.event_id));
  marker.on("add", () => marker.getElement()?.setAttribute("data-event-id", cell.event_id));
  return marker;
}

function bubble(view, cell) {
  const size = Math.round(Math.min(54, 20 + 7 * Math.log10(cell.count) * 2));
  const total = Object.values(cell.types || {}).reduce((a, b) => a + b, 0) || 1;
  let at = 0;
  const stops = Object.entries(cell.types || {}).sort((a, b) => b[1] - a[1]).map(([type, n]) => {
    const from = at; at += (360 * n) / total;
    return `${typeColor(type)} ${from}deg ${at}deg`;
  });
  const ring = h("div", { class: "cluster", style: { width: `${size}px`, height: `${size}px`,
    background: stops.length ? `conic-gradient(${stops.join(",")})` : "#7f8c8d" } },
    h("span", {}, cell.count >= 1000 ? `${(cell.count / 1000).toFixed(cell.count >= 10000 ? 0 : 1)}k` : String(cell.count)));
  const marker = L.marker([cell.lat, cell.lon], {
    icon: L.divIcon({ html: ring, className: "cluster-icon", iconSize: [size, size] }),
  });
  const lines = Object.entries(cell.types || {}).sort((a, b) => b[1] - a[1])
    .map(([type, n]) => h("div", {}, h("i", { class: "swatch", style: { background: typeColor(type) } }), `${n} ${type}`));
  marker.bindTooltip(h("div", {}, h("b", {}, `${cell.count} events · ${cell.fatalities || 0} killed`), lines),
                     { direction: "top" });
  marker.on("click", () => view.onCluster(cell));
  return marker;
}

// The opening view: the smallest box holding nine in ten of the window's placed events (the busiest
// world-scale cells first), so a store of Ukraine opens on Ukraine and a lone straggler does not
// zoom the map out to the whole world.
export async function fitToEvents(view, filters) {
  const grid = await get("/api/events/grid", { ...filters, zoom: 2 });
  const cells = [...(grid.cells || [])].sort((a, b) => b.count - a.count);
  const placed = cells.reduce((n, c) => n + c.count, 0);
  if (!placed) return;
  let [w, s, e, n] = [180, 90, -180, -90], seen = 0;
  for (const c of cells) {
    [w, s, e, n] = [Math.min(w, c.bbox[0]), Math.min(s, c.bbox[1]), Math.max(e, c.bbox[2]), Math.max(n, c.bbox[3])];
    seen += c.count;
    if (seen >= 0.9 * placed) break;
  }
  view.map.fitBounds([[s, w], [n, e]], { padding: [60, 60], maxZoom: 7 });
}

export function zoomToCell(view, cell) {
  const [w, s, e, n] = cell.bbox;
  if (e - w < 1e-4 && n - s < 1e-4) return false;  // every event at one point: zooming cannot split them
  view.map.fitBounds([[s, w], [n, e]], { padding: [40, 40], maxZoom: 13 });
  return true;
}

// Control: admin-1 areas filled by holder, hatched where contested; a tooltip says who and on whose word.
export async function drawControl(view, at, country) {
  const areas = await getLatest("control", "/api/control/areas", { at, country });
  if (!areas) return null;
  view.controlDay = at;
  view.control.clearLayers();
  const polygons = { ...areas, features: areas.features.filter((f) => f.properties.kind === "admin1") };
  const layer = L.geoJSON(polygons, {
    renderer: view.map.controlRenderer,
    style: (f) => {
      const p = f.properties;
      const contested = p.contested;
      return { className: "control-area", color: contested ? "#7b241c" : holderColor(p.holder), weight: 1.2, opacity: 0.9,
               fillColor: contested ? "url(#hatch)" : holderColor(p.holder), fillOpacity: contested ? 1 : 0.28 };
    },
    onEachFeature: (f, lyr) => lyr.bindTooltip(controlTip(f.properties), { sticky: true }),
  });
  view.control.addLayer(layer);
  showControlKey(view, polygons.features);
  return areas;
}

// Which colour is whose: one line per holder in view, and what the hatching means.
function showControlKey(view, features) {
  const holders = new Map();
  for (const f of features) if (!f.properties.contested && f.properties.holder) holders.set(f.properties.holder, holderColor(f.properties.holder));
  const contested = features.some((f) => f.properties.contested);
  const node = h("div", { class: "control-key" }, h("b", {}, `Control on ${view.controlDay || ""}`),
    ...[...holders].map(([name, color]) => h("div", {}, h("i", { class: "swatch", style: { background: color } }), name)),
    contested ? h("div", {}, h("i", { class: "swatch hatched" }), "contested") : null,
    !features.length ? h("div", { class: "muted" }, "nothing known") : null);
  if (!view.controlKey) {
    view.controlKey = L.control({ position: "topright" });
    view.controlKey.onAdd = () => h("div", { class: "leaflet-bar control-key-box" });
  }
  if (!view.controlKey._map) view.controlKey.addTo(view.map);
  view.controlKey.getContainer().replaceChildren(node);
}

export function hideControl(view) {
  view.control.clearLayers();
  view.controlKey?.remove();
}

function controlTip(p) {
  const holders = (p.holders || []).join(", ") || "no known holder";
  const first = (p.sources || [])[0];
  return h("div", { class: "tip" },
    h("b", {}, `${p.admin1} (${p.country})`), h("br"),
    p.contested ? `contested: ${holders}` : `held by ${p.holder || holders}`, h("br"),
    h("span", { class: "muted" }, `places: ${(p.places || []).slice(0, 6).join(", ")}`),
    first ? h("div", { class: "tip-quote" }, `${first.outlet || ""} ${first.date || ""}: “${(first.sentence || "").trim().slice(0, 160)}”`) : null);
}

// The open event, ringed on the map (and brought into view when it is outside it).
export function select(view, event) {
  view.selected?.remove();
  view.selected = null;
  if (event?.latitude === null || event?.latitude === undefined) return;
  const at = L.latLng(event.latitude, event.longitude);
  view.selected = L.circleMarker(at, { radius: 14, color: "#1f4e79", weight: 3, fill: false, interactive: false,
                                       className: "selected-ring" }).addTo(view.map);
  if (!view.map.getBounds().pad(-0.1).contains(at)) view.map.panTo(at);
}

// The panel opening or closing changes the map's width: Leaflet must measure it again.
export function resized(view) { view.map.invalidateSize({ pan: false }); }
