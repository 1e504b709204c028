// The page of `dispatch-gen serve`: the form's state, the live preview, errors at their fields,
// and the Batch and Review tabs. Plain JavaScript module, no build step. The server checks
// everything (the same loader as the command line); this file only shows what it answers.

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

const EMPTY = () => ({
  file: "", letterhead: { name: "" }, number: "", symbol: "", date: "", place: "", subject: "",
  urgency: "", recipients: [], references: [], duty_style: "1.", duties: [], body: "",
  template: "", signature: { authority: [], title: "", name: "" }, distribution: [],
  as_above: "", archive: "", type: "", electronic: false, secrecy: "", circulation: "",
  typist: "", closing_line: "", contact: [], advanced: "",
});

let state = EMPTY();
let choices = { authority: ["TM.", "KT.", "TL.", "TUQ.", "Q."], urgency: [] };
let sequence = 0;
let shown = 0;
let inFlight = false;
let pendingSince = 0;
window.dgTiming = { refreshes: [] };

// --- state paths ----------------------------------------------------------------------------

function getPath(path) {
  return path.split(".").reduce((value, key) => (value == null ? undefined : value[key]), state);
}

function setPath(path, value) {
  const keys = path.split(".");
  let target = state;
  for (const key of keys.slice(0, -1)) {
    if (target[key] == null || typeof target[key] !== "object") target[key] = {};
    target = target[key];
  }
  target[keys.at(-1)] = value;
}

function readInput(input) {
  if (input.type === "checkbox") return input.checked;
  if (input.hasAttribute("data-lines")) return input.value.split("\n");
  return input.value;
}

function writeInput(input, value) {
  if (input.type === "checkbox") input.checked = value === true;
  else if (input.hasAttribute("data-lines")) input.value = (value || []).join("\n");
  else input.value = value ?? "";
}

// --- lists ----------------------------------------------------------------------------------

const LISTS = {
  recipients: { path: "recipients", make: () => "", row: textRow("Nơi gửi") },
  distribution: { path: "distribution", make: () => "", row: textRow("Nơi nhận") },
  authority: { path: "signature.authority", make: () => "KT.", row: authorityRow },
  references: {
    path: "references",
    make: () => ({ key: "", type: "Công văn", number: "", date: "", issuer: "", subject: "" }),
    row: referenceRow,
  },
  duties: {
    path: "duties",
    make: () => ({ number: "", to: "", text: "", items: [], item_style: "-" }),
    row: dutyRow,
  },
};

function textRow(label) {
  return (path) => `<div class="field grow" data-path="${path}">
      <input aria-label="${label}" data-bind="${path}"></div>`;
}

function authorityRow(path, value) {
  const [prefix, ...rest] = String(value || "").split(".");
  const options = choices.authority
    .map((p) => `<option ${p.replace(".", "") === prefix.trim().toUpperCase() ? "selected" : ""}>${p}</option>`)
    .join("");
  return `<div class="field grow" data-path="${path}">
      <select class="authority-prefix" aria-label="Quyền hạn ký">${options}</select>
      <input class="authority-rest" aria-label="Chức danh sau quyền hạn" placeholder="(theo tiêu đề cơ quan)"
        value="${escapeAttr(rest.join(".").trim())}"></div>`;
}

function referenceRow(path) {
  const field = (key, label, cls = "") =>
    `<div class="field ${cls}" data-path="${path}.${key}"><label>${label}</label><input data-bind="${path}.${key}"></div>`;
  return `<div class="grid3">${field("key", "Tên gọi trong nội dung")}${field("type", "Loại văn bản")}${field("number", "Số, ký hiệu")}
      ${field("date", "Ngày (2020-08-01)")}${field("issuer", "Cơ quan ban hành")}${field("subject", "Trích yếu")}</div>`;
}

function dutyRow(path) {
  return `<div class="duty">
      <div class="grid3">
        <div class="field" data-path="${path}.to"><label>Giao cho</label><input data-bind="${path}.to"></div>
        <div class="field" data-path="${path}.number"><label>Số thứ tự (tự động nếu trống)</label><input data-bind="${path}.number"></div>
        <div class="field" data-path="${path}.item_style"><label>Mục con</label>
          <select data-bind="${path}.item_style"><option value="-">gạch đầu dòng</option><option value="a)">a) b) c)</option></select></div>
      </div>
      <div class="field" data-path="${path}.text"><label>Nội dung nhiệm vụ</label><textarea rows="3" data-bind="${path}.text"></textarea></div>
      <div class="field" data-path="${path}.items"><label>Mục con (mỗi dòng một mục)</label><textarea rows="2" data-lines data-bind="${path}.items"></textarea></div>
    </div>`;
}

function renderList(name) {
  const spec = LISTS[name];
  const holder = $(`[data-list="${name}"]`);
  const items = getPath(spec.path) || [];
  holder.innerHTML = items
    .map((value, index) => {
      const path = `${spec.path}.${index}`;
      return `<div class="item" data-index="${index}">
          ${spec.row(path, value)}
          <span class="item-tools">
            <button type="button" data-move="-1" title="Lên">↑</button>
            <button type="button" data-move="1" title="Xuống">↓</button>
            <button type="button" data-remove title="Xóa">✕</button>
          </span></div>`;
    })
    .join("");
  $$("[data-bind]", holder).forEach((input) => writeInput(input, getPath(input.dataset.bind)));
}

function renderForm() {
  const head = state.letterhead || { name: "" };
  const inline = !head.name && (head.agency || head.parent);
  $(`input[name="lh-mode"][value="${inline ? "inline" : "name"}"]`).checked = true;
  showLetterheadMode();
  $$("#letter > fieldset [data-bind], #letter details [data-bind]")
    .filter((input) => !input.closest("[data-list]"))
    .forEach((input) => writeInput(input, getPath(input.dataset.bind)));
  Object.keys(LISTS).forEach(renderList);
}

function showLetterheadMode() {
  const inline = $('input[name="lh-mode"]:checked').value === "inline";
  $("#lh-name").hidden = inline;
  $("#lh-inline").hidden = !inline;
}

function escapeAttr(text) {
  return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

function escapeText(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;");
}

// --- preview and errors ---------------------------------------------------------------------

// One request at a time: a keystroke sends at once when none is on its way, otherwise the
// letter is sent again as soon as the answer arrives (no fixed delay, no pile-up).
function schedule() {
  if (!pendingSince) pendingSince = performance.now();
  if (!inFlight) refresh();
}

async function post(url, body) {
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function refresh() {
  const mine = ++sequence;
  const started = pendingSince;
  pendingSince = 0;
  inFlight = true;
  let answer;
  try {
    const response = await post("/api/preview", state);
    answer = await response.json();
  } catch {
    answer = { errors: [{ field: "", message: "không kết nối được máy chủ — chạy lại “dispatch-gen serve”" }] };
  } finally {
    inFlight = false;
    if (pendingSince) refresh();
  }
  if (mine < shown) return;
  shown = mine;
  showErrors(answer.errors || [], answer.notices || []);
  if (answer.html) {
    $("#preview").innerHTML = answer.html;
    fitPreview();
    requestAnimationFrame(() => {
      const took = performance.now() - started;
      window.dgTiming.refreshes.push(took);
      window.dgTiming.last = took;
      $("#preview").dataset.refreshed = String(mine);
    });
  }
  $("#preview").classList.toggle("stale", Boolean(answer.errors && answer.errors.length));
  $("#status").textContent = answer.errors && answer.errors.length ? "Có lỗi — xem bên trái" : "Đã cập nhật";
}

function fitPreview() {
  const page = $("#preview .a4");
  if (!page) return;
  const room = $("#preview").clientWidth - 16;
  const zoom = Math.min(1, room / page.offsetWidth);
  page.style.zoom = String(zoom);
}

function fieldFor(path) {
  let parts = path ? path.split(".") : [];
  while (parts.length) {
    const found = $(`#letter [data-path="${parts.join(".")}"]`);
    if (found) return found;
    parts = parts.slice(0, -1);
  }
  return null;
}

// What `import` was unsure of in an opened Word letter: shown beside its field until the next
// letter is opened.
let doubts = [];

function showErrors(errors, notices) {
  notices = [...notices, ...doubts.map((d) => ({ field: d.field, message: `kiểm tra: ${d.message}` }))];
  $$("#letter .field-error, #letter .field-notice").forEach((node) => node.remove());
  $$("#letter .has-error").forEach((node) => node.classList.remove("has-error"));
  const general = [];
  const place = (item, cls) => {
    const field = fieldFor(item.field);
    if (!field) return general.push({ ...item, cls });
    const box = document.createElement("div");
    box.className = cls;
    box.setAttribute("role", cls === "field-error" ? "alert" : "status");
    box.textContent = (cls === "field-error" ? "Lỗi: " : "Cảnh báo: ") + item.message;
    field.append(box);
    if (cls === "field-error") {
      field.classList.add("has-error");
      const details = field.closest("details");
      if (details) details.open = true;
    }
  };
  errors.forEach((item) => place(item, "field-error"));
  notices.forEach((item) => place(item, "field-notice"));
  $("#messages").innerHTML = general
    .map((item) => `<p class="${item.cls}">${item.cls === "field-error" ? "Lỗi" : "Cảnh báo"}: ${escapeText(item.message)}</p>`)
    .join("");
}

// --- downloads --------------------------------------------------------------------------------

async function download(url, fallbackName) {
  const response = await post(url, state);
  if (!response.ok) {
    const answer = await response.json();
    showErrors(answer.errors || [], []);
    $("#status").textContent = "Chưa tải được — sửa lỗi rồi thử lại";
    return;
  }
  const blob = await response.blob();
  const header = response.headers.get("Content-Disposition") || "";
  const match = header.match(/filename\*=UTF-8''([^;]+)/);
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = match ? decodeURIComponent(match[1]) : fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

async function printView() {
  const box = $("#print-pages");
  box.hidden = false;
  box.innerHTML = "<p>Đang tạo bản in bằng LibreOffice…</p>";
  const response = await post("/api/print", state);
  const answer = await response.json();
  if (!response.ok) {
    box.innerHTML = (answer.errors || []).map((e) => `<p class="field-error">Lỗi: ${escapeText(e.message)}</p>`).join("");
    return;
  }
  const pdf = URL.createObjectURL(new Blob([Uint8Array.from(atob(answer.pdf), (c) => c.charCodeAt(0))], { type: "application/pdf" }));
  box.innerHTML = `<p><a href="${pdf}" download="ban-in.pdf">Tải PDF</a> · <button type="button" id="close-print">Đóng</button></p>`
    + answer.pages.map((src, i) => `<img alt="Trang ${i + 1}" src="${src}">`).join("");
  $("#close-print").addEventListener("click", () => { box.hidden = true; });
}

async function runCheck() {
  const response = await post("/api/check", state);
  const answer = await response.json();
  if (!response.ok) return showErrors(answer.errors || [], []);
  const rows = answer.findings.map((f) =>
    `<li class="${f.severity}"><b>${escapeText(f.element)}</b>: ${escapeText(f.found)} — ${escapeText(f.fix)} <small>(${escapeText(f.rule)}, ${escapeText(f.reference)})</small></li>`);
  $("#messages").innerHTML = rows.length
    ? `<p>Kiểm tra thể thức: ${rows.length} điểm cần xem</p><ul class="findings">${rows.join("")}</ul>`
    : "<p class='ok'>Kiểm tra thể thức: không thấy lỗi theo Nghị định 30.</p>";
}

// --- opening letters ------------------------------------------------------------------------

function load(form) {
  state = { ...EMPTY(), ...form };
  if (typeof state.letterhead !== "object" || state.letterhead === null) state.letterhead = { name: "" };
  state.signature = { authority: [], title: "", name: "", ...(state.signature || {}) };
  renderForm();
  schedule();
}

async function openNamed(name) {
  const response = await post("/api/open", { name });
  const answer = await response.json();
  if (!response.ok) return showErrors(answer.errors, []);
  doubts = [];
  load(answer.form);
}

async function openFile(file) {
  const data = new FormData();
  data.append("file", file);
  const response = await fetch("/api/open", { method: "POST", body: data });
  const answer = await response.json();
  if (!response.ok) return showErrors(answer.errors, []);
  doubts = answer.doubts || [];
  load(answer.form);
}

// --- batch and review -----------------------------------------------------------------------

async function runBatch(event) {
  event.preventDefault();
  const form = event.target;
  const data = new FormData(form);
  if (!form.master.files.length) data.delete("master");
  data.append("form", JSON.stringify(state));
  const result = $("#batch-result");
  result.textContent = "Đang gửi…";
  const response = await fetch("/api/batch", { method: "POST", body: data });
  const answer = await response.json();
  if (!response.ok) {
    result.innerHTML = answer.errors.map((e) => `<p class="field-error">Lỗi: ${escapeText(e.where ? e.where + ": " : "")}${escapeText(e.message)}</p>`).join("");
    return;
  }
  const bar = $("#batch-progress");
  bar.hidden = false;
  for (;;) {
    const status = await (await fetch(`/api/batch/${answer.job}`)).json();
    bar.max = Math.max(status.total, 1);
    bar.value = status.done;
    result.textContent = `Đã làm ${status.done}/${status.total} công văn…`;
    if (status.finished) return showBatch(answer.job, status);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function showBatch(job, status) {
  const result = $("#batch-result");
  if (status.errors.length) {
    result.innerHTML = status.errors.map((e) => `<p class="field-error">Lỗi: ${escapeText(e.where ? e.where + ": " : "")}${escapeText(e.message)}</p>`).join("");
    return;
  }
  const bad = status.rows.filter((r) => r.status === "error");
  result.innerHTML = `<p class="ok" id="batch-summary">Đã tạo ${status.written} công văn${bad.length ? `; ${bad.length} dòng lỗi` : ""}.</p>
      <p><a class="button primary" href="/api/batch/${job}/zip" download="cong-van.zip">Tải tệp .zip (công văn và bảng kê)</a></p>
      ${bad.length ? `<h3>Dòng lỗi</h3><ul class="bad-rows">${bad.map((r) => `<li><b>${escapeText(r.place)}</b>: ${escapeText(r.message)}</li>`).join("")}</ul>` : ""}
      ${status.notices.length ? `<h3>Cảnh báo</h3><ul>${status.notices.map((n) => `<li>${escapeText(n)}</li>`).join("")}</ul>` : ""}`;
}

async function runReview(event) {
  event.preventDefault();
  const response = await fetch("/api/review", { method: "POST", body: new FormData(event.target) });
  const answer = await response.json();
  const result = $("#review-result");
  if (!response.ok) {
    result.innerHTML = answer.errors.map((e) => `<p class="field-error">Lỗi: ${escapeText(e.message)}</p>`).join("");
    return;
  }
  const s = answer.summary;
  result.innerHTML = `<p id="review-summary">${s.paragraphs_changed} đoạn sửa, ${s.paragraphs_inserted} đoạn thêm, ${s.paragraphs_deleted} đoạn xóa, ${s.paragraphs_moved} đoạn chuyển; +${s.words_inserted} / −${s.words_deleted} từ.</p>`
    + (answer.html || "<p>Hai bản giống nhau.</p>");
}

async function downloadRedline() {
  const form = $("#review-form");
  const response = await fetch("/api/review/redline", { method: "POST", body: new FormData(form) });
  if (!response.ok) {
    const answer = await response.json();
    $("#review-result").innerHTML = answer.errors.map((e) => `<p class="field-error">Lỗi: ${escapeText(e.message)}</p>`).join("");
    return;
  }
  const link = document.createElement("a");
  link.href = URL.createObjectURL(await response.blob());
  link.download = "ban-so-sanh.docx";
  document.body.append(link);
  link.click();
  link.remove();
}

// --- wiring ---------------------------------------------------------------------------------

let searchTimer = null;

function searchLetterheads(query) {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(async () => {
    if (query.trim().length < 2) return;
    const answer = await (await fetch(`/api/letterheads?q=${encodeURIComponent(query)}`)).json();
    $("#letterheads").innerHTML = answer.letterheads
      .map((h) => `<option value="${escapeAttr(h.name)}">${escapeText(h.title)}</option>`)
      .join("");
  }, 150);
}

function onInput(event) {
  const input = event.target;
  if (input.id === "f-letterhead") searchLetterheads(input.value);
  if (input.name === "lh-mode") {
    showLetterheadMode();
    if (input.value === "name") state.letterhead = { name: $("#f-letterhead").value };
    else state.letterhead = { name: "", agency: [], parent: [], abbreviation: "", place: "", head: "", collective: "" };
    renderForm();
  } else if (input.classList.contains("authority-prefix") || input.classList.contains("authority-rest")) {
    const item = input.closest(".item");
    const prefix = $(".authority-prefix", item).value;
    const rest = $(".authority-rest", item).value.trim();
    state.signature.authority[Number(item.dataset.index)] = rest ? `${prefix} ${rest}` : prefix;
  } else if (input.dataset.bind) {
    setPath(input.dataset.bind, readInput(input));
  } else {
    return;
  }
  schedule();
}

function onClick(event) {
  const button = event.target.closest("button");
  if (!button) return;
  if (button.dataset.add) {
    const spec = LISTS[button.dataset.add];
    const items = getPath(spec.path) || [];
    items.push(spec.make());
    setPath(spec.path, items);
    renderList(button.dataset.add);
    const added = $$(`[data-list="${button.dataset.add}"] .item`).at(-1);
    const first = added && $("input, textarea, select", added);
    if (first) first.focus();
    schedule();
    return;
  }
  const item = button.closest(".item");
  const holder = button.closest("[data-list]");
  if (item && holder) {
    const spec = LISTS[holder.dataset.list];
    const items = getPath(spec.path);
    const index = Number(item.dataset.index);
    if ("remove" in button.dataset) items.splice(index, 1);
    if (button.dataset.move) {
      const to = index + Number(button.dataset.move);
      if (to < 0 || to >= items.length) return;
      [items[index], items[to]] = [items[to], items[index]];
    }
    renderList(holder.dataset.list);
    schedule();
    return;
  }
  if (button.closest(".toolbar")) editBody(button);
}

function editBody(button) {
  const area = $("#f-body");
  const [start, end] = [area.selectionStart, area.selectionEnd];
  const text = area.value;
  let insert;
  if (button.dataset.wrap) {
    const mark = button.dataset.wrap;
    insert = mark + (text.slice(start, end) || "chữ") + mark;
  } else if (button.dataset.prefix) {
    const lineStart = text.lastIndexOf("\n", start - 1) + 1;
    area.setRangeText(button.dataset.prefix, lineStart, lineStart, "end");
    area.dispatchEvent(new Event("input", { bubbles: true }));
    return;
  } else if (button.dataset.insert === "table") {
    insert = "\n\n| STT | Đơn vị | Số lượng |\n| :-: | :-- | --: |\n| 1 | | |\n\n";
  } else {
    insert = "\n\n{{ duty_list() }}\n\n";
  }
  area.setRangeText(insert, start, end, "end");
  area.focus();
  area.dispatchEvent(new Event("input", { bubbles: true }));
}

function switchTab(name) {
  $$("[role=tab]").forEach((tab) => tab.setAttribute("aria-selected", String(tab.dataset.tab === name)));
  $$(".tab").forEach((panel) => { panel.hidden = panel.dataset.panel !== name; });
}

async function start() {
  const info = await (await fetch("/api/start")).json();
  choices = info;
  $("#letterheads").innerHTML = info.letterheads.map((n) => `<option value="${escapeAttr(n)}">`).join("");
  $("#open-list").innerHTML += info.letters.map((n) => `<option>${escapeText(n)}</option>`).join("");
  $("#f-urgency").innerHTML += info.urgency.map((u) => `<option>${escapeText(u)}</option>`).join("");
  $("#f-secrecy").innerHTML += info.secrecy.map((u) => `<option>${escapeText(u)}</option>`).join("");
  $("#f-circulation").innerHTML += info.circulation.map((u) => `<option>${escapeText(u)}</option>`).join("");
  $("#types").innerHTML = info.types.map((t) => `<option value="${escapeAttr(t)}">`).join("");
  const form = $("#letter");
  form.addEventListener("input", onInput);
  form.addEventListener("click", onClick);
  $("#open-list").addEventListener("change", (e) => e.target.value && openNamed(e.target.value));
  $("#open-file").addEventListener("change", (e) => e.target.files[0] && openFile(e.target.files[0]));
  $("#new-letter").addEventListener("click", () => { doubts = []; load(EMPTY()); });
  $("#save-yaml").addEventListener("click", () => download("/api/yaml", "cong-van.yaml"));
  $("#download-docx").addEventListener("click", () => download("/api/docx", "cong-van.docx"));
  $("#print-view").addEventListener("click", printView);
  $("#run-check").addEventListener("click", runCheck);
  $("#batch-form").addEventListener("submit", runBatch);
  $("#review-form").addEventListener("submit", runReview);
  $("#redline").addEventListener("click", downloadRedline);
  $$("[role=tab]").forEach((tab) => tab.addEventListener("click", () => switchTab(tab.dataset.tab)));
  window.addEventListener("resize", fitPreview);
  renderForm();
  document.body.dataset.ready = "1";
}

start();
