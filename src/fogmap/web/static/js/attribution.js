// The attribution view: competing hypotheses with prior -> posterior, the ACH matrix (evidence items
// by hypotheses, each cell coloured by its likelihood ratio, its sentence on hover), the sensitivity line.

import { h, get } from "./api.js";

export async function attributionView(nav, eventId) {
  const [a, detail] = await Promise.all([
    get(`/api/attribution/${encodeURIComponent(eventId)}`),
    get(`/api/events/${encodeURIComponent(eventId)}`),
  ]);
  const docs = new Map(detail.documents.map((d) => [d.id, d]));
  const names = new Map(a.hypotheses.map((x) => [x.actor, x.name]));
  const root = h("div", { class: "attribution" });
  root.append(h("p", { class: "lead" }, "Most likely: ", h("b", {}, a.leader_name || a.leader || "no one"),
    ` (${pct(a.leader_posterior)})`, h("span", { class: "muted" }, ` · history: ${a.history?.events ?? 0} events, weights ${a.history?.weights || "?"}`)));
  root.append(h("h3", {}, "Hypotheses: prior → posterior"));
  root.append(h("div", { class: "hypotheses" }, ...a.hypotheses.map((x) => h("div", { class: "hypothesis" },
    h("div", { class: "hyp-name" }, actorName(nav, x.actor, x.name)),
    h("div", { class: "bars" },
      h("div", { class: "bar prior", style: { width: pct(x.prior) }, title: `prior ${pct(x.prior)}: ${x.prior_basis}` }),
      h("div", { class: "bar posterior", style: { width: pct(x.posterior) }, title: `posterior ${pct(x.posterior)}` })),
    h("div", { class: "hyp-nums" }, `${pct(x.prior)} → `, h("b", {}, pct(x.posterior))),
    h("div", { class: "hyp-reasons muted" }, [(x.reasons || []).join("; "), x.prior_basis ? `prior: ${x.prior_basis}` : ""]
      .filter(Boolean).join(" · "))))));

  root.append(h("h3", {}, "Evidence matrix (likelihood ratio per hypothesis)"));
  const tip = h("div", { class: "cell-tip hidden" });
  const head = h("tr", {}, h("th", {}, "evidence"), h("th", { title: "how much the item separates the hypotheses" }, "diag."),
    ...a.hypotheses.map((x) => h("th", { class: "hyp-col" }, x.name || x.actor)));
  const rows = a.items.map((item) => {
    const doc = docs.get(item.doc_id);
    return h("tr", {},
      h("td", { class: "item" }, h("span", { class: "kind" }, item.kind), " ", item.summary),
      h("td", { class: "diag" }, (item.diagnosticity ?? 0).toFixed(2)),
      ...a.hypotheses.map((x) => {
        const cell = item.cells[x.actor] || { ratio: 1, basis: "" };
        const td = h("td", { class: "ratio", style: { background: ratioColor(cell.ratio) } }, cell.ratio.toFixed(2));
        td.addEventListener("mouseenter", () => {
          tip.replaceChildren(
            h("div", {}, h("b", {}, `${item.summary}`), ` → ${names.get(x.actor) || x.actor}: ratio ${cell.ratio.toFixed(2)}`),
            h("div", { class: "muted" }, cell.basis || "no basis given"),
            h("blockquote", {}, (item.sentence || "").trim()),
            h("div", { class: "muted" }, `${doc?.outlet || "unknown outlet"} · ${doc?.published || "undated"}`));
          tip.classList.remove("hidden");
        });
        td.addEventListener("mouseleave", () => tip.classList.add("hidden"));
        return td;
      }));
  });
  root.append(a.items.length ? h("div", { class: "matrix-wrap" }, h("table", { class: "matrix" }, h("thead", {}, head), h("tbody", {}, ...rows)))
                             : h("p", { class: "muted" }, "No evidence items: the history alone decides."));
  root.append(tip);
  root.append(h("h3", {}, "Sensitivity"), h("p", { class: "sensitivity" }, a.sensitivity?.text || "—"));
  return root;
}

function actorName(nav, id, name) {
  if (!id || id.startsWith("unknown")) return name || id || "unknown";
  return h("a", { href: "#", class: "actor-link", onclick: (ev) => { ev.preventDefault(); nav.actor(id); } }, name || id);
}

function pct(p) { return `${Math.round((p || 0) * 100)}%`; }

// Ratios above 1 support a hypothesis (green), below 1 count against it (red); 1 says nothing (white).
function ratioColor(ratio) {
  const strength = Math.min(1, Math.abs(Math.log(Math.max(ratio, 1e-6))) / Math.log(4));  // x4 or /4: full colour
  if (strength < 0.01) return "transparent";
  const [r, g, b] = ratio >= 1 ? [39, 174, 96] : [192, 57, 43];
  return `rgba(${r}, ${g}, ${b}, ${(0.12 + 0.6 * strength).toFixed(2)})`;
}
