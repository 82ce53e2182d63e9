// An article's text with the spans behind an event's fields marked, as nested <mark> elements (a
// weapon inside its trigger inside its sentence). The text goes in as text nodes: no markup is parsed.

import { h } from "./api.js";
import { ROLE_COLORS, ROLE_LABELS } from "./colors.js";

// Spans as a tree by containment: outer first, a span that crosses its parent's end is cut there.
export function nest(spans, length) {
  const sorted = spans
    .map((sp) => ({ ...sp, start: Math.max(0, sp.start), end: Math.min(length, sp.end), children: [] }))
    .filter((sp) => sp.end > sp.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const roots = [], stack = [];
  for (const sp of sorted) {
    while (stack.length && stack[stack.length - 1].end <= sp.start) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent && sp.end > parent.end) sp.end = parent.end;
    (parent ? parent.children : roots).push(sp);
    stack.push(sp);
  }
  return roots;
}

function render(text, start, end, children) {
  const out = [];
  let at = start;
  for (const sp of children) {
    if (sp.start > at) out.push(document.createTextNode(text.slice(at, sp.start)));
    const color = ROLE_COLORS[sp.role];
    out.push(h("mark", { class: `role role-${sp.role}`, dataset: { role: sp.role }, title: ROLE_LABELS[sp.role] || sp.role,
                         style: color ? { background: color } : {} }, render(text, sp.start, sp.end, sp.children)));
    at = sp.end;
  }
  if (end > at) out.push(document.createTextNode(text.slice(at, end)));
  return out;
}

export function highlighted(text, args) {
  const spans = args.map((a) => ({ start: a.start_char, end: a.end_char, role: a.role }));
  return h("div", { class: "article-text" }, render(text, 0, text.length, nest(spans, text.length)));
}

export function legend(roles) {
  return h("div", { class: "legend" }, ...["sentence", ...Object.keys(ROLE_COLORS)].filter((r) => roles.has(r)).map((r) =>
    h("span", { class: `role role-${r}`, style: ROLE_COLORS[r] ? { background: ROLE_COLORS[r] } : {} }, ROLE_LABELS[r] || r)));
}
