// The strip under the map: event counts by type as stacked bars over the store's whole span, the
// slider's window drawn over them; a click on the strip moves the window there.

import { s, clear, isoToDay, dayToIso } from "./api.js";
import { typeColor, TYPES } from "./colors.js";

export function drawTimeline(svg, timeline, window_, onPick) {
  const width = svg.clientWidth || 800, height = svg.clientHeight || 90;
  const pad = { left: 34, right: 8, top: 6, bottom: 16 };
  const series = timeline?.series || [];
  clear(svg);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!series.length) {
    svg.append(s("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "axis" }, "no events"));
    return;
  }
  const first = isoToDay(series[0].date), last = isoToDay(series[series.length - 1].date) + bucketDays(timeline.bucket);
  const span = Math.max(1, last - first);
  const x = (day) => pad.left + ((day - first) / span) * (width - pad.left - pad.right);
  const totals = series.map((b) => Object.values(b.counts).reduce((a, n) => a + n, 0));
  const top = Math.max(1, ...totals);
  const y = (n) => (n / top) * (height - pad.top - pad.bottom);
  const base = height - pad.bottom;
  const barWidth = Math.max(1, x(first + bucketDays(timeline.bucket)) - x(first) - 0.5);
  series.forEach((b, i) => {
    let stack = 0;
    const day = isoToDay(b.date);
    const order = Object.keys(b.counts).sort((a, c) => TYPES.indexOf(a) - TYPES.indexOf(c));
    for (const type of order) {
      const n = b.counts[type];
      svg.append(s("rect", { x: x(day), y: base - y(stack + n), width: barWidth, height: Math.max(0.5, y(n)),
                            fill: typeColor(type) },
                   s("title", {}, `${b.date}: ${n} ${type} (${totals[i]} events, ${b.fatalities || 0} killed)`)));
      stack += n;
    }
  });
  svg.append(s("line", { x1: pad.left, x2: width - pad.right, y1: base, y2: base, class: "axis-line" }));
  svg.append(s("text", { x: pad.left - 4, y: pad.top + 8, "text-anchor": "end", class: "axis" }, String(top)));
  for (const year of years(first, last)) {
    const day = isoToDay(`${year}-01-01`);
    svg.append(s("line", { x1: x(day), x2: x(day), y1: pad.top, y2: base + 4, class: "axis-tick" }));
    svg.append(s("text", { x: x(day) + 3, y: height - 3, class: "axis" }, String(year)));
  }
  if (window_) {
    const [since, until] = window_.map(isoToDay);
    const a = Math.max(pad.left, x(since)), b = Math.min(width - pad.right, x(until + 1));
    svg.append(s("rect", { x: a, y: pad.top - 4, width: Math.max(2, b - a), height: base - pad.top + 4, class: "window" }));
  }
  const hit = s("rect", { x: pad.left, y: 0, width: width - pad.left - pad.right, height, fill: "transparent",
                          style: "cursor: crosshair" });
  hit.addEventListener("click", (e) => {
    const box = svg.getBoundingClientRect();
    const px = ((e.clientX - box.left) / box.width) * width;
    onPick(dayToIso(Math.round(first + ((px - pad.left) / (width - pad.left - pad.right)) * span)));
  });
  svg.append(hit);
}

function bucketDays(bucket) { return bucket === "day" ? 1 : bucket === "week" ? 7 : 30; }

function* years(first, last) {
  for (let y = Number(dayToIso(first).slice(0, 4)) + 1; y <= Number(dayToIso(last).slice(0, 4)); y++) yield y;
}
