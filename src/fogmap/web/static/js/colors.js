// One colour per ACLED event type (map, timeline, legend) and per field highlighted in an article.

export const TYPE_COLORS = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#d68910",
  "Violence against civilians": "#8e44ad",
  "Protests": "#2471a3",
  "Riots": "#17a589",
  "Strategic developments": "#5d6d7e",
  "Unspecified violence": "#a04000",
};
export const OTHER_COLOR = "#7f8c8d";
export const TYPES = Object.keys(TYPE_COLORS);

export function typeColor(type) { return TYPE_COLORS[type] || OTHER_COLOR; }

export const ROLE_COLORS = {
  trigger: "#f5b041",
  actor1: "#f1948a",
  actor2: "#bb8fce",
  place: "#7fb3d5",
  time: "#82e0aa",
  fatalities: "#ec7063",
  weapon: "#d7bde2",
  injured: "#f8c471",
};
export const ROLE_LABELS = {
  sentence: "sentence", trigger: "trigger", actor1: "actor 1", actor2: "actor 2", place: "place",
  time: "date", fatalities: "fatalities", weapon: "weapon", injured: "injured",
};

// Holders of territory: a stable colour from the holder's id, so a group keeps its colour across dates.
const HOLDER_PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#ff7f0e"];
export function holderColor(key) {
  let hash = 0;
  for (const ch of String(key || "")) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return HOLDER_PALETTE[hash % HOLDER_PALETTE.length];
}
