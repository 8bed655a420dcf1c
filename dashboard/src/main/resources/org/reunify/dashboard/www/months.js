// The timeline chart (rule 8): the children taken in each month, as bars above the axis, and those returned, below
// it, from the first month with a case to the last, months without one left empty. Pure drawing, like over-time.js:
// dashboard.js gives it the months, the labels and the formatters, and keeps the state.
"use strict";

const MONTHS_WIDTH = 960;
const MONTHS_HEIGHT = 300;
const MONTHS_MARGIN = { top: 16, right: 16, bottom: 28, left: 64 };
const UNKNOWN_MONTH = "UNKNOWN";

function monthIndex(month) {
  const [year, number] = month.split("-").map(Number);
  return year * 12 + number - 1;
}

// Every month from the first with a case to the last, with its counts (zero where the timeline has none).
function everyMonth(entries) {
  const byIndex = new Map(entries.filter((entry) => entry.month !== UNKNOWN_MONTH).map((entry) => [monthIndex(entry.month), entry]));
  if (byIndex.size === 0) return [];
  const first = Math.min(...byIndex.keys());
  const last = Math.max(...byIndex.keys());
  const months = [];
  for (let index = first; index <= last; index++) {
    const year = Math.floor(index / 12);
    const month = `${year}-${String((index % 12) + 1).padStart(2, "0")}`;
    months.push(byIndex.get(index) || { month, taken: 0, returned: 0 });
  }
  return months;
}

// Draws into the <svg>: a bar per month up for taken, down for returned, on one scale, the axis placed so that each
// side has the room its largest month needs (but a fifth of the height at least); a tick each January (every other
// one over many years). The <svg> keeps its <title> and <desc>, which dashboard.js writes.
function drawMonths(svg, months, format) {
  svg.setAttribute("viewBox", `0 0 ${MONTHS_WIDTH} ${MONTHS_HEIGHT}`);
  svg.querySelectorAll(":scope > :not(title):not(desc)").forEach((element) => element.remove());
  if (months.length === 0) return;
  const most = (field) => Math.max(1, ...months.map((month) => format.numeric(month[field])));
  const step = niceStep(Math.max(most("taken"), most("returned")), 2);
  const above = Math.ceil(most("taken") / step) * step;
  const below = Math.ceil(most("returned") / step) * step;
  const plotHeight = MONTHS_HEIGHT - MONTHS_MARGIN.top - MONTHS_MARGIN.bottom;
  const upHeight = plotHeight * Math.min(0.8, Math.max(0.2, above / (above + below)));
  const perChild = Math.min(upHeight / above, (plotHeight - upHeight) / below);
  const plotWidth = MONTHS_WIDTH - MONTHS_MARGIN.left - MONTHS_MARGIN.right;
  const axis = MONTHS_MARGIN.top + upHeight;
  const slot = plotWidth / months.length;
  const x = (index) => MONTHS_MARGIN.left + index * slot;
  const height = (value) => value * perChild;

  const axes = svgElement("g", { class: "axes", "aria-hidden": "true" });
  for (const [sign, top] of [[-1, above], [1, below]]) {
    for (let value = step; value <= top; value += step) {
      axes.append(svgElement("line", { class: "grid", x1: MONTHS_MARGIN.left, x2: MONTHS_WIDTH - MONTHS_MARGIN.right, y1: axis + sign * height(value), y2: axis + sign * height(value) }));
      axes.append(svgElement("text", { class: "tick", x: MONTHS_MARGIN.left - 8, y: axis + sign * height(value) + 4, "text-anchor": "end" }, format.count(value)));
    }
  }
  axes.append(svgElement("line", { class: "axis", x1: MONTHS_MARGIN.left, x2: MONTHS_WIDTH - MONTHS_MARGIN.right, y1: axis, y2: axis }));
  const years = new Set(months.map((month) => month.month.slice(0, 4)));
  const everyOther = years.size > 8;
  months.forEach((month, index) => {
    const year = Number(month.month.slice(0, 4));
    if (month.month.endsWith("-01") && (!everyOther || year % 2 === 0)) {
      axes.append(svgElement("line", { class: "year", x1: x(index), x2: x(index), y1: MONTHS_MARGIN.top, y2: MONTHS_HEIGHT - MONTHS_MARGIN.bottom }));
      axes.append(svgElement("text", { class: "tick year-label", x: x(index), y: MONTHS_HEIGHT - 8, "text-anchor": "middle" }, String(year)));
    }
  });
  svg.append(axes);

  const bars = svgElement("g", { "aria-hidden": "true" });
  const width = Math.max(1, slot - (slot > 4 ? 1 : 0));
  months.forEach((month, index) => {
    const taken = height(format.numeric(month.taken));
    const returned = height(format.numeric(month.returned));
    if (taken > 0) bars.append(svgElement("rect", { class: "bar-taken", x: x(index), y: axis - taken, width, height: taken, "data-month": month.month }));
    if (returned > 0) bars.append(svgElement("rect", { class: "bar-back", x: x(index), y: axis, width, height: returned, "data-month": month.month }));
  });
  svg.append(bars);
}
