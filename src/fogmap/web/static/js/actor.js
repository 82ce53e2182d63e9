// The actor view: the knowledge base's entry (aliases, periods, affiliations), its relations as a small
// circular network (edges coloured by kind, filtered by year), and its events.

import { h, s, get } from "./api.js";
import { eventList } from "./panel.js";

const KIND_COLORS = { backs: "#2471a3", allied: "#27ae60", hostile: "#c0392b", fights: "#c0392b", negotiates: "#d4ac0d" };

export async function actorView(nav, actorId) {
  const [actor, relations, events] = await Promise.all([
    get(`/api/actors/${encodeURIComponent(actorId)}`),
    get("/api/relations", { actor: actorId }),
    get("/api/events", { actor: actorId, limit: 1000 }),
  ]);
  const root = h("div", { class: "actor", dataset: { actorId } });
  root.append(h("div", { class: "fields" },
    h("div", { class: "field" }, h("span", { class: "label" }, "id"), h("code", {}, actor.id)),
    actor.kind ? h("div", { class: "field" }, h("span", { class: "label" }, "kind"), actor.kind.replaceAll("_", " ")) : null,
    actor.country ? h("div", { class: "field" }, h("span", { class: "label" }, "country"), actor.country) : null,
    actor.acled_name ? h("div", { class: "field" }, h("span", { class: "label" }, "ACLED name"), actor.acled_name) : null,
    h("div", { class: "field" }, h("span", { class: "label" }, "events"),
      `${actor.events_as_actor1 ?? 0} as actor 1, ${actor.events_as_actor2 ?? 0} as actor 2 · ${actor.first_event || "?"} – ${actor.last_event || "?"}`),
    (actor.affiliations || []).length ? h("div", { class: "field" }, h("span", { class: "label" }, "part of"),
      actor.affiliations.map((a) => `${a.parent} (${a.relation.replaceAll("_", " ")}, from ${a.valid_from || "?"})`).join("; ")) : null));
  root.append(h("h3", {}, "Relations"));
  root.append(network(nav, actorId, actor.name || actorId, relations.items || []));
  if ((actor.aliases || []).length) {
    root.append(h("h3", {}, "Aliases"), h("div", { class: "aliases" }, ...actor.aliases.map((a) => h("span", { class: "alias" }, a))));
  }
  const recent = [...(events.items || [])].sort((a, b) => (b.date_start || "").localeCompare(a.date_start || "")).slice(0, 30);
  root.append(h("h3", {}, `Recent events (${events.total})`), eventList(nav, recent));
  return root;
}

function network(nav, centre, centreName, relations) {
  const years = [...new Set(relations.flatMap((r) => [r.first, r.last]).filter(Boolean).map((d) => d.slice(0, 4)))].sort();
  const box = h("div", { class: "network" });
  const select = h("select", { "aria-label": "year" }, h("option", { value: "" }, "all years"),
                   ...years.map((y) => h("option", { value: y }, `up to ${y}`)));
  const draw = () => {
    const cut = select.value;
    const shown = relations.filter((r) => !cut || (r.first || "0") <= `${cut}-12-31`);
    box.replaceChildren(graph(nav, centre, centreName, shown));
  };
  select.addEventListener("change", draw);
  draw();
  const legend = h("div", { class: "legend" }, ...Object.entries(KIND_COLORS).filter(([k]) => k !== "fights")
    .map(([k, c]) => h("span", { class: "edge-key" }, h("i", { class: "swatch", style: { background: c } }), k)));
  return h("div", {}, years.length ? h("div", { class: "review-row" }, "relations ", select) : null, box, legend);
}

function graph(nav, centre, centreName, relations) {
  const others = new Map();
  for (const r of relations) {
    const other = r.a_key === centre ? r.b_key : r.a_key;
    const name = r.a_key === centre ? r.actor_b : r.actor_a;
    if (!others.has(other)) others.set(other, name || other);
  }
  const W = 420, H = others.size <= 2 ? 110 : 260, R = others.size <= 2 ? 40 : 95;  // two sit on one line
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "net", width: "100%" });
  if (!others.size) {
    svg.append(s("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "axis" }, "no relations in the store"));
    return svg;
  }
  const at = new Map([[centre, [W / 2, H / 2]]]);
  [...others.keys()].forEach((id, i) => {
    const angle = (2 * Math.PI * i) / others.size - Math.PI / 2 + Math.PI / others.size;  // two sit side by side
    at.set(id, [W / 2 + (others.size <= 2 ? 140 : R * 1.3) * Math.cos(angle), H / 2 + R * Math.sin(angle)]);
  });
  for (const r of relations) {
    const [a, b] = [at.get(r.a_key), at.get(r.b_key)];
    if (!a || !b) continue;
    svg.append(s("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], stroke: KIND_COLORS[r.kind] || "#999",
                           "stroke-width": 1.5 + Math.min(4, r.statements || 1), "stroke-opacity": 0.75 },
      s("title", {}, `${r.actor_a} ${r.kind} ${r.actor_b} · ${r.first || "?"}–${r.last || "?"} · ${r.statements} statement(s)\n“${(r.sentence || "").trim()}”`)));
  }
  for (const [id, [x, y]] of at) {
    const isCentre = id === centre;
    const name = isCentre ? centreName : (others.get(id) || id);
    const side = isCentre || Math.abs(x - W / 2) < 30 ? "middle" : x > W / 2 ? "end" : "start";  // labels stay inside
    const g = s("g", { class: isCentre ? "node centre" : "node", transform: `translate(${x},${y})` },
      s("circle", { r: isCentre ? 9 : 6 }),
      s("text", { y: isCentre ? -13 : 17, "text-anchor": side, x: side === "end" ? 6 : side === "start" ? -6 : 0 },
        name.length > 28 ? `${name.slice(0, 27)}…` : name),
      s("title", {}, `${name} (${id})`));
    if (!isCentre && !id.includes(" ")) g.addEventListener("click", () => nav.actor(id));
    svg.append(g);
  }
  return svg;
}
