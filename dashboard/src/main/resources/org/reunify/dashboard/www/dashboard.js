// The live dashboard: reads /api/regions, /api/destination-names and /api/about once, then follows /api/events (a
// complete listing first, then every changed tally, day, destination and month) and redraws what changed; whenever
// the stream opens it fetches the days and the months of the charted region and the destinations again. No framework
// and no CDN: the page must work offline.
"use strict";

const LABELS = {
  en: {
    title: "Ukrainian children deported or forcibly transferred by Russia",
    subtitle: "Reunification totals by region, live from the reunify pipeline",
    skipToTable: "Skip to the table",
    languageHint: "Switch language",
    languageButton: "Українська",
    national: "Ukraine, all regions",
    deported: "Deported",
    returned: "Returned",
    outstanding: "Outstanding",
    lastUpdated: "Last updated",
    updated: "Updated",
    mapTitle: "Outstanding, by region",
    mapHint: "Hover over or tab to a region for its figures; choose it to chart it over time.",
    chartTitle: "Largest regions by outstanding",
    tableTitle: "All regions",
    tableCaption: "Figures for each region; choose a column heading to sort.",
    region: "Region",
    source: "Source: the committed totals on",
    method: "A child reported by several agencies is counted once; retracted reports are not counted.",
    apiLink: "The same figures as JSON",
    connecting: "Connecting…",
    live: "Live",
    lost: "Connection lost, reconnecting…",
    never: "no events yet",
    legend: "Legend",
    legendNone: "none",
    suppressed: (k) => `For privacy, counts from 1 to ${k - 1} are shown as <${k}, and figures that would reveal them as ≥${k}.`,
    announce: (d, r, o) => `Ukraine: ${d} deported, ${r} returned, ${o} outstanding.`,
    tile: (name, d, r, o) => `${name}: ${o} outstanding, ${d} deported, ${r} returned`,
    overTime: "Over time",
    overTimeHint: "Figures at the end of each day (Kyiv time) on which they changed. Choose a region's tile to chart it.",
    showNational: "Show all of Ukraine",
    jumpsTitle: "Largest changes in a day",
    jumpsNone: "No changes yet.",
    jump: (d, r, o) => `deported ${d}, returned ${r}, outstanding ${o}`,
    dayFigures: (date, d, r, o) => `End of ${date}: ${d} deported, ${r} returned, ${o} outstanding.`,
    chartDescription: (from, to, d, r, o) => `Deported, returned and outstanding at the end of each day, from ${from} to ${to}. On ${to}: ${d} deported, ${r} returned, ${o} outstanding. The table "Figures by day" lists every day.`,
    chartEmpty: "No daily figures yet.",
    dailyTable: "Figures by day (table)",
    date: "Date",
    destinationsTitle: "Outstanding, by destination",
    destinationsHint: "Where the report that decides a child's region says the child was taken.",
    timelineTitle: "When it happened",
    timelineHint: "Children taken in each month (above the line) and returned (below it), by the dates the reports give, not the days they were reported.",
    timelineNational: "For privacy, only the figures for all of Ukraine are shown by month.",
    taken: "Taken",
    month: "Month",
    monthUnknown: "Month unknown (a return decides the region)",
    monthsTable: "Children by month (table)",
    timelineDescription: (from, to, taken, returned) => `Children taken (above the line) and returned (below it) in each month from ${from} to ${to}: ${taken} taken and ${returned} returned in all. The table "Children by month" lists every month.`,
    timelineEmpty: "No months yet.",
  },
  uk: {
    title: "Українські діти, депортовані або примусово переміщені Росією",
    subtitle: "Дані про повернення за регіонами, наживо з конвеєра reunify",
    skipToTable: "Перейти до таблиці",
    languageHint: "Змінити мову",
    languageButton: "English",
    national: "Україна, усі регіони",
    deported: "Депортовано",
    returned: "Повернуто",
    outstanding: "Не повернуто",
    lastUpdated: "Останнє оновлення",
    updated: "Оновлено",
    mapTitle: "Не повернуто, за регіонами",
    mapHint: "Наведіть курсор або перейдіть клавішею Tab до регіону, щоб побачити дані; оберіть його, щоб побачити динаміку.",
    chartTitle: "Регіони з найбільшою кількістю неповернутих",
    tableTitle: "Усі регіони",
    tableCaption: "Дані за кожним регіоном; оберіть заголовок стовпця для сортування.",
    region: "Регіон",
    source: "Джерело: підтверджені підсумки в",
    method: "Дитину, про яку повідомили кілька агенцій, враховано один раз; відкликані повідомлення не враховано.",
    apiLink: "Ті самі дані у форматі JSON",
    connecting: "З’єднання…",
    live: "Наживо",
    lost: "З’єднання втрачено, відновлюємо…",
    never: "подій ще немає",
    legend: "Легенда",
    legendNone: "немає",
    suppressed: (k) => `З міркувань приватності кількості від 1 до ${k - 1} показано як <${k}, а дані, що могли б їх розкрити, — як ≥${k}.`,
    announce: (d, r, o) => `Україна: депортовано ${d}, повернуто ${r}, не повернуто ${o}.`,
    tile: (name, d, r, o) => `${name}: не повернуто ${o}, депортовано ${d}, повернуто ${r}`,
    overTime: "Динаміка",
    overTimeHint: "Дані на кінець кожного дня (за київським часом), коли вони змінювалися. Оберіть плитку регіону, щоб побачити його динаміку.",
    showNational: "Показати всю Україну",
    jumpsTitle: "Найбільші зміни за день",
    jumpsNone: "Змін ще немає.",
    jump: (d, r, o) => `депортовано ${d}, повернуто ${r}, не повернуто ${o}`,
    dayFigures: (date, d, r, o) => `На кінець ${date}: депортовано ${d}, повернуто ${r}, не повернуто ${o}.`,
    chartDescription: (from, to, d, r, o) => `Депортовано, повернуто й не повернуто на кінець кожного дня, з ${from} до ${to}. На ${to}: депортовано ${d}, повернуто ${r}, не повернуто ${o}. Таблиця «Дані за днями» містить кожен день.`,
    chartEmpty: "Щоденних даних ще немає.",
    dailyTable: "Дані за днями (таблиця)",
    date: "Дата",
    destinationsTitle: "Не повернуто, за місцем призначення",
    destinationsHint: "Куди вивезли дитину, за повідомленням, яке визначає її регіон.",
    timelineTitle: "Коли це сталося",
    timelineHint: "Діти, вивезені щомісяця (над лінією) і повернуті (під нею), за датами з повідомлень, а не за днями, коли про них повідомили.",
    timelineNational: "З міркувань приватності помісячні дані показано лише для всієї України.",
    taken: "Вивезено",
    month: "Місяць",
    monthUnknown: "Місяць невідомий (регіон визначає повернення)",
    monthsTable: "Діти за місяцями (таблиця)",
    timelineDescription: (from, to, taken, returned) => `Діти, вивезені (над лінією) і повернуті (під нею) щомісяця з ${from} до ${to}: усього вивезено ${taken}, повернуто ${returned}. Таблиця «Діти за місяцями» містить кожен місяць.`,
    timelineEmpty: "Помісячних даних ще немає.",
  },
};

// Column and row of each region's tile: west to east, north to south, roughly where it lies.
const TILES = {
  "UA-07": [2, 1], "UA-56": [3, 1], "UA-18": [4, 1], "UA-30": [5, 1], "UA-74": [6, 1], "UA-59": [7, 1],
  "UA-46": [1, 2], "UA-61": [2, 2], "UA-68": [3, 2], "UA-05": [4, 2], "UA-32": [5, 2], "UA-53": [6, 2], "UA-63": [7, 2], "UA-09": [8, 2],
  "UA-21": [1, 3], "UA-26": [2, 3], "UA-77": [3, 3], "UA-35": [4, 3], "UA-71": [5, 3], "UA-12": [6, 3], "UA-14": [7, 3],
  "UA-51": [3, 4], "UA-48": [4, 4], "UA-65": [5, 4], "UA-23": [6, 4],
  "UA-40": [4, 5], "UA-43": [5, 5],
};
const NATIONAL = "UA";
const BINS = 5;
const TOP = 10;
const ANNOUNCE_EVERY_MS = 60000;
const RECONNECT_FIRST_MS = 2000;
const RECONNECT_MAX_MS = 60000;
const JUMPS = 3;
const FIGURES_RETRY_MS = 2000;

// A listing fetched whenever the stream opens and kept up to date by its events. Events that arrive while the fetch
// is under way are applied again on top of its answer, which may predate them.
class FollowedListing {
  constructor(keyOf, render) {
    this.keyOf = keyOf;
    this.render = render;
    this.items = new Map();
    this.loading = null;
    this.pending = null;
  }

  async load(path) {
    const loading = {};
    this.loading = loading;
    this.pending = [];
    const items = await fetchFigures(path);
    if (this.loading !== loading) return;
    this.items = new Map(items.map((item) => [this.keyOf(item), item]));
    this.pending.forEach((item) => this.items.set(this.keyOf(item), item));
    this.loading = null;
    this.pending = null;
    this.render();
  }

  apply(item) {
    this.items.set(this.keyOf(item), item);
    if (this.pending) this.pending.push(item);
    this.render();
  }

  clear() {
    this.items = new Map();
    this.loading = null;
    this.pending = null;
  }
}

// The figures endpoints answer 503 until the dashboard has read their topic: ask again until they answer.
async function fetchFigures(path) {
  for (;;) {
    const response = await fetch(path);
    if (response.ok) return response.json();
    if (response.status !== 503) throw new Error(`${path} answered ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, FIGURES_RETRY_MS));
  }
}

const state = {
  lang: localStorage.getItem("reunify.lang") === "uk" ? "uk" : "en",
  regions: new Map(),
  tallies: new Map(),
  suppressBelow: null,
  sort: { key: "outstanding", direction: "descending" },
  connection: "connecting",
  reconnectDelay: RECONNECT_FIRST_MS,
  lastAnnounced: 0,
  destinationNames: new Map(),
  chartRegion: "UA",
  chosenDay: null,
  daily: new FollowedListing((day) => day.date, renderOverTime),
  timeline: new FollowedListing((entry) => entry.month, renderTimeline),
  destinations: new FollowedListing((tally) => tally.destination, renderDestinations),
};

const $ = (id) => document.getElementById(id);
const t = (key) => LABELS[state.lang][key];

function locale() {
  return state.lang === "uk" ? "uk-UA" : "en-GB";
}

// Counts are numbers, or strings such as "<5" and ">=5" when the server suppresses small counts.
function formatCount(value) {
  if (value === undefined || value === null) return "–";
  if (typeof value === "number") return value.toLocaleString(locale());
  return value.replace(">=", "≥");
}

// For sorting and shading: a suppressed count sorts between 0 and K, a "≥K" one at K.
function numeric(value) {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return 0;
  const k = Number(value.replace(/[^0-9]/g, ""));
  return value.startsWith("<") ? k / 2 : k;
}

// A suppressed dashboard dates a shown tally by its (Kyiv) day only, and a hidden one not at all.
function formatTime(iso) {
  if (!iso) return state.suppressBelow === null ? t("never") : "–";
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    return new Intl.DateTimeFormat(locale(), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })
      .format(new Date(iso));
  }
  return new Intl.DateTimeFormat(locale(), {
    day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short",
  }).format(new Date(iso));
}

function regionName(code) {
  const region = state.regions.get(code);
  if (!region) return code;
  return state.lang === "uk" ? region.nameUk : region.nameEn;
}

// Tiles are small: "Kharkiv", "Харківська"; the full name is in the tooltip and what screen readers hear.
function shortName(code) {
  if (code === "UA-43") return state.lang === "uk" ? "Крим" : "Crimea";
  if (code === "UA-32" && state.lang === "en") return "Kyiv Obl.";
  return regionName(code).replace(/ Oblast$/, "").replace(/ область$/, "");
}

function bin(tally, max) {
  const outstanding = numeric(tally.outstanding);
  if (outstanding <= 0) return 0;
  if (max <= 0) return 1;
  return Math.min(BINS, Math.max(1, Math.ceil((outstanding / max) * BINS)));
}

function regionalTallies() {
  return [...state.tallies.values()].filter((tally) => tally.region !== NATIONAL);
}

function renderLabels() {
  document.documentElement.lang = state.lang;
  document.title = t("title");
  document.querySelectorAll("[data-i18n]").forEach((element) => {
    element.textContent = t(element.dataset.i18n);
  });
  $("language").textContent = t("languageButton");
  $("language").lang = state.lang === "uk" ? "en" : "uk";
  $("legend").setAttribute("aria-label", t("legend"));
  const note = $("suppression-note");
  note.hidden = state.suppressBelow === null;
  if (state.suppressBelow !== null) note.textContent = t("suppressed")(state.suppressBelow);
  renderConnection();
}

function renderConnection() {
  const element = $("connection");
  element.dataset.state = state.connection;
  element.textContent = t(state.connection);
}

function renderHeadline() {
  const national = state.tallies.get(NATIONAL);
  if (!national) return;
  $("headline-deported").textContent = formatCount(national.deported);
  $("headline-returned").textContent = formatCount(national.returned);
  $("headline-outstanding").textContent = formatCount(national.outstanding);
  const updated = $("headline-updated");
  updated.textContent = formatTime(national.updatedAt);
  if (national.updatedAt) updated.dateTime = national.updatedAt;
  const row = $("national-row");
  for (const field of ["deported", "returned", "outstanding"]) {
    row.querySelector(`[data-field="${field}"]`).textContent = formatCount(national[field]);
  }
  row.querySelector('[data-field="updatedAt"]').textContent = formatTime(national.updatedAt);
}

// Screen readers hear the national figures when they change, at most once a minute: a live feed must not chatter.
function announce() {
  const national = state.tallies.get(NATIONAL);
  const now = Date.now();
  if (!national || now - state.lastAnnounced < ANNOUNCE_EVERY_MS) return;
  state.lastAnnounced = now;
  $("announcer").textContent = t("announce")(formatCount(national.deported), formatCount(national.returned), formatCount(national.outstanding));
}

// Each tile is a button in a list item: focusable, announced with its figures, and a tap shows the figures on a
// touch screen, where there is no hover.
function buildTiles() {
  const list = $("tiles");
  list.replaceChildren();
  for (const [code, [column, row]] of Object.entries(TILES)) {
    const slot = document.createElement("li");
    slot.style.gridColumn = String(column);
    slot.style.gridRow = String(row);
    const tile = document.createElement("button");
    tile.type = "button";
    tile.className = "tile";
    tile.dataset.region = code;
    tile.setAttribute("aria-describedby", "tooltip");
    const name = document.createElement("span");
    name.className = "tile-name";
    name.setAttribute("aria-hidden", "true");
    const outstanding = document.createElement("span");
    outstanding.className = "tile-outstanding";
    outstanding.setAttribute("aria-hidden", "true");
    tile.append(name, outstanding);
    tile.addEventListener("mouseenter", () => showTooltip(tile));
    tile.addEventListener("focus", () => showTooltip(tile));
    tile.addEventListener("click", () => {
      showTooltip(tile);
      chooseRegion(state.chartRegion === code ? NATIONAL : code);
    });
    tile.addEventListener("mouseleave", hideTooltip);
    tile.addEventListener("blur", hideTooltip);
    tile.addEventListener("keydown", (event) => { if (event.key === "Escape") hideTooltip(); });
    slot.append(tile);
    list.append(slot);
  }
}

function renderTiles(changed) {
  const max = Math.max(0, ...regionalTallies().map((tally) => numeric(tally.outstanding)));
  document.querySelectorAll(".tile").forEach((tile) => {
    const code = tile.dataset.region;
    const tally = state.tallies.get(code) || { region: code, deported: 0, returned: 0, outstanding: 0, updatedAt: null };
    const name = regionName(code);
    tile.dataset.bin = String(bin(tally, max));
    tile.querySelector(".tile-name").textContent = shortName(code);
    tile.querySelector(".tile-outstanding").textContent = formatCount(tally.outstanding);
    tile.setAttribute("aria-label", t("tile")(name, formatCount(tally.deported), formatCount(tally.returned), formatCount(tally.outstanding)));
    tile.setAttribute("aria-pressed", String(code === state.chartRegion));
    if (changed && changed.has(code)) {
      tile.classList.remove("changed");
      void tile.offsetWidth;
      tile.classList.add("changed");
    }
  });
  renderLegend(max);
}

function renderLegend(max) {
  const items = [[0, t("legendNone")]];
  for (let i = 1; i <= BINS; i++) {
    const low = Math.floor(((i - 1) / BINS) * max) + 1;
    const high = Math.floor((i / BINS) * max);
    if (high >= low) items.push([i, `${low.toLocaleString(locale())}–${high.toLocaleString(locale())}`]);
  }
  $("legend").replaceChildren(...items.map(([index, label]) => {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = `var(--tile-${index})`;
    swatch.setAttribute("aria-hidden", "true");
    item.append(swatch, document.createTextNode(label));
    return item;
  }));
}

function showTooltip(tile) {
  const tally = state.tallies.get(tile.dataset.region);
  const tooltip = $("tooltip");
  const title = document.createElement("strong");
  title.textContent = regionName(tile.dataset.region);
  const lines = ["deported", "returned", "outstanding"].map((field) => {
    const line = document.createElement("span");
    line.textContent = `${t(field)}: ${formatCount(tally ? tally[field] : 0)}`;
    return line;
  });
  tooltip.replaceChildren(title, ...lines.flatMap((line) => [line, document.createElement("br")]));
  tooltip.hidden = false;
  const map = tile.closest(".map").getBoundingClientRect();
  const box = tile.getBoundingClientRect();
  tooltip.style.left = `${Math.min(box.left - map.left, map.width - 200)}px`;
  tooltip.style.top = `${box.bottom - map.top + 4}px`;
}

function hideTooltip() {
  $("tooltip").hidden = true;
}

// One bar of a chart of outstanding: the name, the bar (hidden from screen readers, who hear the figure) and the figure.
function barItem(label, outstanding, max) {
  const item = document.createElement("li");
  item.className = "bar";
  const name = document.createElement("span");
  name.className = "bar-name";
  name.textContent = label;
  name.title = label;
  const track = document.createElement("span");
  track.className = "bar-track";
  track.setAttribute("aria-hidden", "true");
  const fill = document.createElement("span");
  fill.className = "bar-fill";
  fill.style.display = "block";
  fill.style.width = `${max > 0 ? (numeric(outstanding) / max) * 100 : 0}%`;
  track.append(fill);
  const value = document.createElement("span");
  value.className = "bar-value";
  value.textContent = formatCount(outstanding);
  item.append(name, track, value);
  return item;
}

function renderBars() {
  const top = regionalTallies()
    .filter((tally) => numeric(tally.outstanding) > 0)
    .sort((a, b) => numeric(b.outstanding) - numeric(a.outstanding))
    .slice(0, TOP);
  const max = top.length ? numeric(top[0].outstanding) : 0;
  $("bars").replaceChildren(...top.map((tally) => {
    const item = barItem(regionName(tally.region), tally.outstanding, max);
    item.dataset.region = tally.region;
    return item;
  }));
}

function destinationName(tally) {
  const destination = state.destinationNames.get(tally.destination);
  if (!destination) return tally.name;
  return state.lang === "uk" ? destination.nameUk : destination.nameEn;
}

function renderDestinations() {
  const tallies = [...state.destinations.items.values()]
    .sort((a, b) => numeric(b.outstanding) - numeric(a.outstanding) || a.destination.localeCompare(b.destination));
  const max = Math.max(0, ...tallies.map((tally) => numeric(tally.outstanding)));
  $("destination-bars").replaceChildren(...tallies.map((tally) => {
    const item = barItem(destinationName(tally), tally.outstanding, max);
    item.dataset.destination = tally.destination;
    return item;
  }));
}

function formatDay(date) {
  return new Intl.DateTimeFormat(locale(), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })
    .format(new Date(`${date}T00:00:00Z`));
}

// A day's change of one figure: signed when both figures are exact, else what it went from and to.
function formatChange(jump, field) {
  const before = jump.before ? jump.before[field] : 0;
  const after = jump.day[field];
  if (typeof before !== "number" || typeof after !== "number") return `${formatCount(before)} → ${formatCount(after)}`;
  const change = after - before;
  return `${change > 0 ? "+" : change < 0 ? "−" : "±"}${formatCount(Math.abs(change))}`;
}

function chartRegionName() {
  return state.chartRegion === NATIONAL ? t("national") : regionName(state.chartRegion);
}

function renderOverTime() {
  const days = [...state.daily.items.values()].sort((a, b) => a.date.localeCompare(b.date));
  const jumps = largestJumps(days, JUMPS, numeric);
  const latest = days[days.length - 1];
  $("over-time-region").textContent = chartRegionName();
  $("over-time-national").hidden = state.chartRegion === NATIONAL;
  $("over-time-chart-title").textContent = `${t("overTime")}: ${chartRegionName()}`;
  $("over-time-chart-desc").textContent = latest
    ? t("chartDescription")(formatDay(days[0].date), formatDay(latest.date), formatCount(latest.deported), formatCount(latest.returned), formatCount(latest.outstanding))
    : t("chartEmpty");
  drawOverTime($("over-time-chart"), days, jumps, state.chosenDay, { numeric, count: formatCount, date: formatDay });
  $("jumps").replaceChildren(...(jumps.length ? jumps.map(jumpItem) : [emptyJumps()]));
  $("daily-rows").replaceChildren(...days.slice().reverse().map((day) => {
    const row = figuresRow(formatDay(day.date), day, ["deported", "returned", "outstanding"]);
    row.dataset.date = day.date;
    return row;
  }));
}

// A row of a table of figures: its heading, then one number per field.
function figuresRow(heading, figures, fields) {
  const row = document.createElement("tr");
  const head = document.createElement("th");
  head.scope = "row";
  head.textContent = heading;
  row.append(head);
  for (const field of fields) {
    const cell = document.createElement("td");
    cell.className = "num";
    cell.textContent = formatCount(figures[field]);
    row.append(cell);
  }
  return row;
}

function jumpItem(jump) {
  const item = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "jump-button";
  button.dataset.date = jump.day.date;
  button.setAttribute("aria-pressed", String(jump.day.date === state.chosenDay));
  const date = document.createElement("time");
  date.dateTime = jump.day.date;
  date.textContent = formatDay(jump.day.date);
  button.append(date, document.createTextNode(`: ${t("jump")(formatChange(jump, "deported"), formatChange(jump, "returned"), formatChange(jump, "outstanding"))}`));
  button.addEventListener("click", () => chooseDay(jump.day));
  item.append(button);
  return item;
}

function emptyJumps() {
  const item = document.createElement("li");
  item.textContent = t("jumpsNone");
  return item;
}

// Marks the day on the chart and says its figures, without redrawing the list: the chosen button keeps the focus.
function chooseDay(day) {
  state.chosenDay = day.date;
  document.querySelectorAll("#jumps .jump-button").forEach((button) => button.setAttribute("aria-pressed", String(button.dataset.date === day.date)));
  document.querySelectorAll("#over-time-chart .jump").forEach((marker) => marker.classList.toggle("chosen", marker.dataset.date === day.date));
  $("jump-detail").textContent = t("dayFigures")(formatDay(day.date), formatCount(day.deported), formatCount(day.returned), formatCount(day.outstanding));
}

function chooseRegion(code) {
  state.chartRegion = code;
  state.chosenDay = null;
  $("jump-detail").textContent = "";
  state.daily.clear();
  renderOverTime();
  renderTiles(null);
  loadDaily();
  if (state.suppressBelow === null) {
    state.timeline.clear();
    renderTimeline();
    loadTimeline();
  }
}

function loadDaily() {
  state.daily.load(`api/daily?region=${encodeURIComponent(state.chartRegion)}`);
}

// A suppressed dashboard publishes the nation's months only: a region's would add up to its suppressed tally.
function timelineRegion() {
  return state.suppressBelow === null ? state.chartRegion : NATIONAL;
}

function loadTimeline() {
  state.timeline.load(`api/timeline?region=${encodeURIComponent(timelineRegion())}`);
}

function formatMonth(month) {
  if (month === UNKNOWN_MONTH) return t("monthUnknown");
  return new Intl.DateTimeFormat(locale(), { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`));
}

function renderTimeline() {
  const entries = [...state.timeline.items.values()].sort((a, b) => a.month.localeCompare(b.month));
  const months = everyMonth(entries);
  const name = timelineRegion() === NATIONAL ? t("national") : regionName(timelineRegion());
  $("timeline-region").textContent = name;
  const note = $("timeline-note");
  note.hidden = state.suppressBelow === null;
  note.textContent = t("timelineNational");
  $("timeline-chart-title").textContent = `${t("timelineTitle")}: ${name}`;
  const sum = (field) => entries.reduce((total, entry) => total + numeric(entry[field]), 0);
  $("timeline-chart-desc").textContent = months.length
    ? t("timelineDescription")(formatMonth(months[0].month), formatMonth(months[months.length - 1].month), formatCount(sum("taken")), formatCount(sum("returned")))
    : t("timelineEmpty");
  drawMonths($("timeline-chart"), months, { numeric, count: formatCount });
  $("months-rows").replaceChildren(...entries.map((entry) => {
    const row = figuresRow(formatMonth(entry.month), entry, ["taken", "returned"]);
    row.dataset.month = entry.month;
    return row;
  }));
}

function sortValue(tally, key) {
  if (key === "name") return regionName(tally.region);
  if (key === "updatedAt") return tally.updatedAt || "";
  return numeric(tally[key]);
}

function renderTable() {
  const { key, direction } = state.sort;
  const sign = direction === "ascending" ? 1 : -1;
  const rows = regionalTallies().sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    const order = typeof x === "string" ? x.localeCompare(y, locale()) : x - y;
    return order !== 0 ? sign * order : a.region.localeCompare(b.region);
  });
  $("rows").replaceChildren(...rows.map((tally) => {
    const row = document.createElement("tr");
    row.dataset.region = tally.region;
    const name = document.createElement("th");
    name.scope = "row";
    name.textContent = regionName(tally.region);
    row.append(name);
    for (const field of ["deported", "returned", "outstanding"]) {
      const cell = document.createElement("td");
      cell.className = "num";
      cell.dataset.field = field;
      cell.textContent = formatCount(tally[field]);
      row.append(cell);
    }
    const updated = document.createElement("td");
    updated.textContent = formatTime(tally.updatedAt);
    row.append(updated);
    return row;
  }));
  document.querySelectorAll("#regions-table thead th").forEach((header) => {
    header.setAttribute("aria-sort", header.dataset.key === key ? direction : "none");
  });
}

function renderAll(changed) {
  renderHeadline();
  renderTiles(changed);
  renderBars();
  renderTable();
}

function onSort(event) {
  const header = event.target.closest("th");
  const key = header.dataset.key;
  const direction = state.sort.key === key && state.sort.direction === "descending" ? "ascending" : "descending";
  state.sort = { key, direction: key === "name" && state.sort.key !== key ? "ascending" : direction };
  renderTable();
}

// The server closes a stream that fell behind (and any stream when it stops); the EventSource then reconnects by
// itself, after the 2 s the server asks for, and the complete listing comes first again. After an HTTP error (too
// many streams open: 429 or 503) it gives up instead, so the page opens a new one itself, waiting longer each
// time, with jitter so that a room of screens does not come back all at once.
function connect() {
  const events = new EventSource("api/events");
  events.addEventListener("error", () => {
    state.connection = "lost";
    renderConnection();
    if (events.readyState === EventSource.CLOSED) {
      setTimeout(connect, state.reconnectDelay * (0.5 + Math.random()));
      state.reconnectDelay = Math.min(2 * state.reconnectDelay, RECONNECT_MAX_MS);
    }
  });
  events.addEventListener("totals", (event) => {
    state.tallies = new Map(JSON.parse(event.data).map((tally) => [tally.region, tally]));
    state.connection = "live";
    state.reconnectDelay = RECONNECT_FIRST_MS;
    renderConnection();
    renderAll(null);
    announce();
    loadDaily();
    loadTimeline();
    state.destinations.load("api/destinations");
  });
  events.addEventListener("day", (event) => {
    const day = JSON.parse(event.data);
    if (day.region === state.chartRegion) state.daily.apply(day);
  });
  events.addEventListener("destination", (event) => state.destinations.apply(JSON.parse(event.data)));
  events.addEventListener("month", (event) => {
    const month = JSON.parse(event.data);
    if (month.region === timelineRegion()) state.timeline.apply(month);
  });
  events.addEventListener("tally", (event) => {
    const tally = JSON.parse(event.data);
    state.tallies.set(tally.region, tally);
    renderAll(new Set([tally.region]));
    announce();
  });
}

async function start() {
  buildTiles();
  renderLabels();
  document.querySelectorAll("#regions-table thead button").forEach((button) => button.addEventListener("click", onSort));
  $("language").addEventListener("click", () => {
    state.lang = state.lang === "en" ? "uk" : "en";
    localStorage.setItem("reunify.lang", state.lang);
    renderLabels();
    renderAll(null);
    renderOverTime();
    renderTimeline();
    renderDestinations();
  });
  $("over-time-national").addEventListener("click", () => chooseRegion(NATIONAL));
  const [regions, destinationNames, about] = await Promise.all([
    fetch("api/regions").then((response) => response.json()),
    fetch("api/destination-names").then((response) => response.json()),
    fetch("api/about").then((response) => response.json()),
  ]);
  state.regions = new Map(regions.map((region) => [region.region, region]));
  state.destinationNames = new Map(destinationNames.map((destination) => [destination.destination, destination]));
  state.suppressBelow = about.suppressBelow;
  $("version").textContent = `reunify ${about.version}`;
  renderLabels();
  renderAll(null);
  renderOverTime();
  renderTimeline();
  connect();
}

start();
