// The chart over time: deported, returned and outstanding at the end of each day on which they changed, drawn as
// inline SVG steps (a figure holds until the next day that changed it), with the largest day-over-day changes
// marked. Pure drawing: dashboard.js gives it the days, the labels and the formatters, and keeps the state.
"use strict";

// Drawn widest first, so that a line that runs along another (deported and outstanding while none returned) shows.
const MEASURES = ["outstanding", "deported", "returned"];
// Up to this many days each is dotted, so that a history of one day is seen; beyond it dots would only clutter.
const DOTTED_DAYS = 90;
const SVG = "http://www.w3.org/2000/svg";
const DAY_MS = 86400000;
const WIDTH = 800;
const HEIGHT = 280;
const MARGIN = { top: 24, right: 16, bottom: 32, left: 64 };

function epochDay(date) {
  const [year, month, day] = date.split("-").map(Number);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function svgElement(name, attributes, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

// The change of each day from the day before it (from zero for a region's first day), the largest first: by the
// children it moved, deported and returned together, ties to the earlier day. Days that moved nothing are left out.
function largestJumps(days, count, numeric) {
  return days
    .map((day, index) => {
      const before = index > 0 ? days[index - 1] : null;
      const change = (field) => numeric(day[field]) - (before ? numeric(before[field]) : 0);
      return { day, before, size: Math.abs(change("deported")) + Math.abs(change("returned")) };
    })
    .filter((jump) => jump.size > 0)
    .sort((a, b) => b.size - a.size || a.day.date.localeCompare(b.day.date))
    .slice(0, count);
}

// A round step for the axis: 1, 2 or 5 times a power of ten, so that ticks read as whole numbers.
function niceStep(max, ticks) {
  const raw = Math.max(1, max / ticks);
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((f) => f * power).find((step) => step >= raw);
}

// Draws into the <svg>: axes, one step line per measure, a numbered marker on each jump (the chosen one
// highlighted). The <svg> keeps its <title> and <desc>, which dashboard.js writes.
function drawOverTime(svg, days, jumps, chosen, format) {
  svg.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
  svg.querySelectorAll(":scope > :not(title):not(desc)").forEach((element) => element.remove());
  if (days.length === 0) return;
  const first = epochDay(days[0].date) - 1;
  const last = epochDay(days[days.length - 1].date);
  // A day past the last, over which its figures hold: the last change, and a history of one day, stand clear of the
  // edge.
  const end = last + 1;
  const max = Math.max(1, ...days.map((day) => format.numeric(day.deported)));
  const step = niceStep(max, 4);
  const top = Math.ceil(max / step) * step;
  const x = (day) => MARGIN.left + ((day - first) / (end - first)) * (WIDTH - MARGIN.left - MARGIN.right);
  const y = (value) => HEIGHT - MARGIN.bottom - (value / top) * (HEIGHT - MARGIN.top - MARGIN.bottom);

  const axes = svgElement("g", { class: "axes", "aria-hidden": "true" });
  for (let value = 0; value <= top; value += step) {
    axes.append(svgElement("line", { class: "grid", x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value) }));
    axes.append(svgElement("text", { class: "tick", x: MARGIN.left - 8, y: y(value) + 4, "text-anchor": "end" }, format.count(value)));
  }
  if (days.length > 1) {
    axes.append(svgElement("text", { class: "tick", x: x(epochDay(days[0].date)), y: HEIGHT - 10, "text-anchor": "start" }, format.date(days[0].date)));
  }
  axes.append(svgElement("text", { class: "tick", x: x(last), y: HEIGHT - 10, "text-anchor": "end" }, format.date(days[days.length - 1].date)));
  svg.append(axes);

  for (const measure of MEASURES) {
    let path = `M${x(first)},${y(0)}`;
    for (const day of days) path += `H${x(epochDay(day.date))}V${y(format.numeric(day[measure]))}`;
    path += `H${x(end)}`;
    svg.append(svgElement("path", { class: `line line-${measure}`, d: path, "aria-hidden": "true" }));
    if (days.length <= DOTTED_DAYS) {
      const dots = svgElement("g", { class: `dots dots-${measure}`, "aria-hidden": "true" });
      for (const day of days) dots.append(svgElement("circle", { cx: x(epochDay(day.date)), cy: y(format.numeric(day[measure])), r: 3.5 }));
      svg.append(dots);
    }
  }

  jumps.forEach((jump, index) => {
    const at = x(epochDay(jump.day.date));
    const marker = svgElement("g", { class: jump.day.date === chosen ? "jump chosen" : "jump", "data-date": jump.day.date, "aria-hidden": "true" });
    marker.append(svgElement("line", { x1: at, x2: at, y1: MARGIN.top, y2: HEIGHT - MARGIN.bottom }));
    marker.append(svgElement("circle", { cx: at, cy: MARGIN.top - 10, r: 9 }));
    marker.append(svgElement("text", { x: at, y: MARGIN.top - 6, "text-anchor": "middle" }, String(index + 1)));
    svg.append(marker);
  });
}
