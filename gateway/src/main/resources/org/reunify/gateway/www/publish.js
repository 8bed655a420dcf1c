"use strict";

// The agency's password lives in this page's memory only: no cookie, no storage. It is sent with each request.
const LABELS = {
  en: {
    title: "Publish your agency's events",
    languageButton: "Українська",
    signInTitle: "Sign in",
    agencyLabel: "Agency id",
    passwordLabel: "Password of the login agency-ID",
    signIn: "Sign in",
    signInHint: "Your password stays in this page: it is sent with each request, never stored.",
    chooseTitle: "Choose a file",
    fileLabel: "A JSON Lines (.jsonl) or CSV (.csv) file: choose it, or drop it here",
    check: "Check the file",
    dryRunTitle: "What the check found",
    refusedTitle: "Refused lines",
    noRefusals: "None.",
    line: "Line",
    code: "Code",
    reason: "Reason",
    firstLinesTitle: "The first lines that would be published",
    atomicHint: "If any line is refused, nothing is published: correct the file and check it again, or publish the valid lines only.",
    confirm: "Publish",
    confirmValid: "Publish the valid lines only",
    again: "Choose another file",
    receiptTitle: "Receipt",
    download: "Download the receipt (JSON)",
    next: "Publish another file",
    signedInAs: (login) => `Signed in as ${login}.`,
    openCluster: "Open cluster: no login needed on this machine.",
    checking: "Checking the file…",
    publishing: "Publishing…",
    signingIn: "Signing in…",
    wrongLogin: "Wrong agency id or password.",
    chosen: (name, bytes) => `${name}: ${bytes.toLocaleString("en-GB")} bytes, ready to check.`,
    checked: (refused) => refused === 0 ? "Every line is valid." : `${refused.toLocaleString("en-GB")} lines are refused.`,
    published: (status) => `Done: ${status}.`,
    failed: (message) => `Not done: ${message}`,
    notListed: (n) => `${n.toLocaleString("en-GB")} more refused lines are counted in the receipt but not listed.`,
    counts: {
      read: "Lines read", valid: "Valid", published: "Published", alreadyPublished: "Already published",
      refused: "Refused", notAcknowledged: "Not acknowledged by the broker",
    },
    uploadId: "Upload id",
    sha256: "SHA-256 of the file",
    status: "Status",
  },
  uk: {
    title: "Опублікувати події вашої установи",
    languageButton: "English",
    signInTitle: "Вхід",
    agencyLabel: "Ідентифікатор установи",
    passwordLabel: "Пароль облікового запису agency-ID",
    signIn: "Увійти",
    signInHint: "Пароль лишається на цій сторінці: він надсилається з кожним запитом і ніде не зберігається.",
    chooseTitle: "Оберіть файл",
    fileLabel: "Файл JSON Lines (.jsonl) або CSV (.csv): оберіть його або перетягніть сюди",
    check: "Перевірити файл",
    dryRunTitle: "Результат перевірки",
    refusedTitle: "Відхилені рядки",
    noRefusals: "Немає.",
    line: "Рядок",
    code: "Код",
    reason: "Причина",
    firstLinesTitle: "Перші рядки, які буде опубліковано",
    atomicHint: "Якщо хоч один рядок відхилено, нічого не публікується: виправте файл і перевірте знову або опублікуйте лише правильні рядки.",
    confirm: "Опублікувати",
    confirmValid: "Опублікувати лише правильні рядки",
    again: "Обрати інший файл",
    receiptTitle: "Квитанція",
    download: "Завантажити квитанцію (JSON)",
    next: "Опублікувати інший файл",
    signedInAs: (login) => `Ви увійшли як ${login}.`,
    openCluster: "Відкритий кластер: на цьому комп'ютері вхід не потрібен.",
    checking: "Перевіряємо файл…",
    publishing: "Публікуємо…",
    signingIn: "Вхід…",
    wrongLogin: "Неправильний ідентифікатор установи або пароль.",
    chosen: (name, bytes) => `${name}: ${bytes.toLocaleString("uk-UA")} байтів, можна перевіряти.`,
    checked: (refused) => refused === 0 ? "Усі рядки правильні." : `Відхилено рядків: ${refused.toLocaleString("uk-UA")}.`,
    published: (status) => `Готово: ${status}.`,
    failed: (message) => `Не виконано: ${message}`,
    notListed: (n) => `Ще ${n.toLocaleString("uk-UA")} відхилених рядків пораховано в квитанції, але не перелічено.`,
    counts: {
      read: "Прочитано рядків", valid: "Правильних", published: "Опубліковано", alreadyPublished: "Уже опубліковано",
      refused: "Відхилено", notAcknowledged: "Не підтверджено брокером",
    },
    uploadId: "Ідентифікатор завантаження",
    sha256: "SHA-256 файлу",
    status: "Стан",
  },
};

const state = {
  lang: (navigator.language || "").toLowerCase().startsWith("uk") ? "uk" : "en",
  secured: true,
  agency: null,
  authorization: null,
  file: null,
  bytes: null,
  dryRun: null,
  receipt: null,
};

const $ = (id) => document.getElementById(id);
const t = (key) => LABELS[state.lang][key];

function applyLanguage() {
  document.documentElement.lang = state.lang;
  document.title = t("title");
  document.querySelectorAll("[data-i18n]").forEach((element) => {
    element.textContent = t(element.dataset.i18n);
  });
  $("language").textContent = t("languageButton");
  $("language").lang = state.lang === "uk" ? "en" : "uk";
  if (state.dryRun) showCounts($("counts"), state.dryRun);
  if (state.receipt) showCounts($("receipt-counts"), state.receipt, true);
}

function say(message, kind) {
  $("status").textContent = message;
  $("status").dataset.kind = kind || "info";
}

function headers(extra) {
  const all = Object.assign({}, extra);
  if (state.authorization) all.Authorization = state.authorization;
  return all;
}

async function errorOf(response) {
  try {
    return (await response.json()).error || response.statusText;
  } catch (e) {
    return `${response.status} ${response.statusText}`;
  }
}

function basic(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = "";
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return `Basic ${btoa(binary)}`;
}

async function detectCluster() {
  try {
    const response = await fetch("/api/v1/login", { cache: "no-store" });
    if (response.ok && (await response.json()).secured === false) {
      state.secured = false;
      $("password-field").hidden = true;
    }
  } catch (e) {
    // The sign-in will say what is wrong.
  }
}

async function signIn(event) {
  event.preventDefault();
  const agency = $("agency").value.trim();
  if (!/^[a-z0-9][a-z0-9-]{1,31}$/.test(agency)) {
    say(t("failed")(`agency id: [a-z0-9][a-z0-9-]{1,31}`), "error");
    $("agency").focus();
    return;
  }
  say(t("signingIn"));
  state.authorization = state.secured ? basic(`agency-${agency}`, $("password").value) : null;
  const response = await fetch("/api/v1/login", { headers: headers(), cache: "no-store" });
  if (!response.ok) {
    state.authorization = null;
    say(response.status === 401 ? t("wrongLogin") : t("failed")(await errorOf(response)), "error");
    $("password").focus();
    return;
  }
  state.agency = agency;
  $("password").value = "";
  $("sign-in").hidden = true;
  $("choose").hidden = false;
  $("signed-in").textContent = state.secured ? t("signedInAs")(`agency-${agency}`) : t("openCluster");
  say(state.secured ? t("signedInAs")(`agency-${agency}`) : t("openCluster"));
  $("file").focus();
}

async function choose(file) {
  if (!file) return;
  state.file = file;
  state.bytes = await file.arrayBuffer();
  state.dryRun = null;
  $("dry-run").hidden = true;
  $("receipt").hidden = true;
  $("check").disabled = false;
  say(t("chosen")(file.name, file.size));
}

function contentType() {
  return /\.csv$/i.test(state.file.name) ? "text/csv" : "application/x-ndjson";
}

async function post(query) {
  return fetch(`/api/v1/agencies/${state.agency}/events?${query}`, {
    method: "POST",
    headers: headers({ "Content-Type": contentType() }),
    body: state.bytes,
    cache: "no-store",
  });
}

async function check() {
  say(t("checking"));
  $("check").disabled = true;
  const response = await post("dryRun=true");
  $("check").disabled = false;
  if (response.status !== 200 && response.status !== 422) {
    say(t("failed")(await errorOf(response)), "error");
    return;
  }
  state.dryRun = await response.json();
  showDryRun(state.dryRun);
  say(t("checked")(state.dryRun.lines.refused));
  $("dry-run-title").focus();
}

function showCounts(list, receipt, withIds) {
  list.replaceChildren();
  const add = (label, value) => {
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    dd.textContent = value;
    list.append(dt, dd);
  };
  if (withIds) {
    add(t("status"), receipt.status);
    add(t("uploadId"), receipt.uploadId);
    add(t("sha256"), receipt.sha256);
  }
  const locale = state.lang === "uk" ? "uk-UA" : "en-GB";
  Object.entries(t("counts")).forEach(([key, label]) => {
    if (key === "published" && receipt.dryRun) return;
    if (key === "notAcknowledged" && !receipt.lines[key]) return;
    add(label, Number(receipt.lines[key]).toLocaleString(locale));
  });
}

function showDryRun(receipt) {
  showCounts($("counts"), receipt);
  const body = $("refused").querySelector("tbody");
  body.replaceChildren();
  receipt.refused.forEach((refusal) => {
    const row = document.createElement("tr");
    [String(refusal.line), refusal.code, refusal.reason].forEach((text, i) => {
      const cell = document.createElement("td");
      cell.textContent = text;
      if (i === 1) cell.className = "code";
      row.append(cell);
    });
    body.append(row);
  });
  $("refused").hidden = receipt.refused.length === 0;
  $("no-refusals").hidden = receipt.refused.length > 0;
  $("not-listed").hidden = receipt.refusedNotListed === 0;
  $("not-listed").textContent = t("notListed")(receipt.refusedNotListed);
  $("first-lines").textContent = firstLines(receipt);
  $("confirm").hidden = receipt.lines.refused > 0;
  $("confirm-valid").hidden = receipt.lines.refused === 0 || receipt.lines.valid === 0;
  $("dry-run").hidden = false;
}

/** The first few lines the server found valid, from the bytes it checked: what confirming publishes. */
function firstLines(receipt) {
  const refused = new Set(receipt.refused.map((r) => r.line));
  const lines = new TextDecoder("utf-8").decode(state.bytes).replace(/^\uFEFF/, "").split("\n");
  const shown = [];
  let headerSkipped = contentType() !== "text/csv";
  for (let i = 0; i < lines.length && shown.length < 5; i++) {
    const text = lines[i].replace(/\r$/, "");
    if (text.trim() === "") continue;
    if (!headerSkipped) { headerSkipped = true; continue; }
    if (refused.has(i + 1)) continue;
    shown.push(`${i + 1}: ${text}`);
  }
  return shown.join("\n");
}

async function confirm(atomic) {
  say(t("publishing"));
  ["confirm", "confirm-valid"].forEach((id) => { $(id).disabled = true; });
  const response = await post(`confirm=${encodeURIComponent(state.dryRun.uploadId)}&atomic=${atomic}`);
  ["confirm", "confirm-valid"].forEach((id) => { $(id).disabled = false; });
  if (![200, 422, 502].includes(response.status)) {
    say(t("failed")(await errorOf(response)), "error");
    return;
  }
  state.receipt = await response.json();
  showCounts($("receipt-counts"), state.receipt, true);
  const blob = new Blob([JSON.stringify(state.receipt, null, 2)], { type: "application/json" });
  $("download").href = URL.createObjectURL(blob);
  $("download").download = `receipt-${state.receipt.uploadId}.json`;
  $("dry-run").hidden = true;
  $("receipt").hidden = false;
  say(t("published")(state.receipt.status), response.status === 200 || response.status === 422 ? "info" : "error");
  $("receipt-title").focus();
}

function again() {
  state.file = null;
  state.bytes = null;
  state.dryRun = null;
  state.receipt = null;
  $("file").value = "";
  $("check").disabled = true;
  $("dry-run").hidden = true;
  $("receipt").hidden = true;
  $("file").focus();
}

function init() {
  applyLanguage();
  detectCluster();
  $("language").addEventListener("click", () => {
    state.lang = state.lang === "en" ? "uk" : "en";
    applyLanguage();
  });
  $("sign-in-form").addEventListener("submit", signIn);
  $("file").addEventListener("change", () => choose($("file").files[0]));
  const drop = $("drop");
  drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    choose(event.dataTransfer.files[0]);
  });
  $("check").addEventListener("click", check);
  $("confirm").addEventListener("click", () => confirm("all"));
  $("confirm-valid").addEventListener("click", () => confirm("valid-only"));
  $("again").addEventListener("click", again);
  $("next").addEventListener("click", again);
}

document.addEventListener("DOMContentLoaded", init);
