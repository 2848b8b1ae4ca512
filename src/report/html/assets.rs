//! The page's own style sheet and script, written inline. They are the only raw text the page
//! holds besides its markup, and the Content-Security-Policy allows exactly these (by hash; see
//! [`super::csp`]): a byte changed here changes the hash with it.

/// The style of every page.
pub(super) const STYLE: &str = r#"
:root {
  --bg: #f7f8fa; --fg: #1d2330; --muted: #667085; --panel: #ffffff; --line: #d9dee7;
  --error: #b42318; --error-bg: #fdecea; --warning: #9a5b00; --warning-bg: #fff4dc;
  --note: #175cd3; --note-bg: #e8f0fe; --grey: #6b7280; --grey-bg: #eef0f3; --accent: #344054;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #15181e; --fg: #e6e8ec; --muted: #98a2b3; --panel: #1d2129; --line: #343a46;
    --error: #ff8a80; --error-bg: #3b1f1f; --warning: #ffcc66; --warning-bg: #3a2f17;
    --note: #8ab4f8; --note-bg: #1d2b44; --grey: #a0a6b1; --grey-bg: #2a2f38; --accent: #c9ced8;
  }
}
* { box-sizing: border-box; }
html { font-size: 15px; }
body {
  margin: 0; background: var(--bg); color: var(--fg); line-height: 1.45;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC",
    "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
}
code {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono",
    "Noto Sans Mono CJK SC", "WenQuanYi Micro Hei Mono", monospace;
  font-size: 0.9em;
}
header, main, footer { max-width: 1400px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 18px; }
h1 { font-size: 1.6rem; margin: 0 0 8px; }
h2 { font-size: 1.2rem; margin: 22px 0 8px; }
.muted { color: var(--muted); font-weight: normal; }
.top { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: flex-start; gap: 12px 24px; }
.about { flex: 1 1 600px; }
.meta { display: flex; flex-wrap: wrap; gap: 2px 24px; margin: 0; }
.meta div { display: flex; gap: 6px; }
.meta dt { color: var(--muted); }
.meta dt::after { content: ":"; }
.meta dd { margin: 0; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin-top: 6px; }
.card {
  min-width: 112px; padding: 8px 14px; border-radius: 8px; background: var(--panel);
  border: 1px solid var(--line); border-left: 6px solid var(--grey);
}
.card .n { display: block; font-size: 1.8rem; font-weight: 650; line-height: 1.1; }
.card .what { color: var(--muted); }
.card.error { border-left-color: var(--error); } .card.error .n { color: var(--error); }
.card.warning { border-left-color: var(--warning); } .card.warning .n { color: var(--warning); }
.card.note { border-left-color: var(--note); } .card.note .n { color: var(--note); }
.card.suppressed .n { color: var(--grey); }
.notices { margin: 12px 0 0; padding: 8px 12px 8px 28px; background: var(--warning-bg); border-radius: 6px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; background: var(--panel); border: 1px solid var(--line); }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; }
thead th { background: var(--grey-bg); font-weight: 600; white-space: nowrap; }
table.files tbody tr { border-top: 1px solid var(--line); }
table.files tbody th { font-weight: normal; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.zero { color: var(--muted); }
td.num.error { color: var(--error); font-weight: 600; }
td.num.warning { color: var(--warning); font-weight: 600; }
td.num.note { color: var(--note); font-weight: 600; }
td.read-error { color: var(--error); }
details.diagnostics, details.skipped { margin-top: 4px; color: var(--muted); }
details.diagnostics ul, details.skipped ul { margin: 4px 0; padding-left: 20px; }
details.diagnostics summary, details.skipped summary { cursor: pointer; }
.badge {
  display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 0.8rem;
  font-weight: 600; background: var(--grey-bg); color: var(--grey); white-space: nowrap;
}
.badge.error { background: var(--error-bg); color: var(--error); }
.badge.warning { background: var(--warning-bg); color: var(--warning); }
.badge.note { background: var(--note-bg); color: var(--note); }
.badge.new { background: var(--note); color: var(--panel); }
.filters {
  display: flex; flex-wrap: wrap; align-items: flex-end; gap: 10px 16px; padding: 10px 12px;
  background: var(--panel); border: 1px solid var(--line); border-radius: 8px;
}
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 10px; align-items: center; }
.filters legend, .filters label > span:first-child:not(.badge) { display: block; font-size: 0.8rem; color: var(--muted); padding: 0; }
.filters legend { float: left; margin-right: 4px; }
.filters select, .filters input[type="search"] {
  font: inherit; padding: 3px 6px; border: 1px solid var(--line); border-radius: 5px;
  background: var(--bg); color: var(--fg); max-width: 190px;
}
.filters input[type="search"] { width: 190px; }
.filters .toggle, .filters .levels label { white-space: nowrap; }
.filters button {
  font: inherit; padding: 3px 12px; border: 1px solid var(--line); border-radius: 5px;
  background: var(--grey-bg); color: var(--fg); cursor: pointer;
}
#shown { margin: 8px 2px; color: var(--muted); }
table.findings thead button {
  font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer;
}
table.findings thead button::after { content: " \2195"; color: var(--muted); font-weight: normal; }
table.findings th[aria-sort="ascending"] button::after { content: " \25B2"; color: var(--fg); }
table.findings th[aria-sort="descending"] button::after { content: " \25BC"; color: var(--fg); }
tbody.finding { border-top: 1px solid var(--line); }
tbody.finding tr.main td { padding-bottom: 0; }
tbody.finding tr.detail td { padding-top: 2px; color: var(--muted); }
tbody.finding.suppressed { color: var(--grey); background: var(--grey-bg); }
tbody.finding.suppressed tr.main td { opacity: 0.7; }
td.component .name { font-weight: 600; }
td.component .version { color: var(--muted); }
table.findings { table-layout: fixed; min-width: 960px; }
col.c-level { width: 8%; } col.c-rule { width: 20%; } col.c-component { width: 23%; }
col.c-vendor { width: 16%; } col.c-item { width: 13%; } col.c-location { width: 20%; }
table.findings td { overflow-wrap: break-word; }
table.findings td code { font-size: 0.85em; }
details summary { cursor: pointer; }
tr.detail summary { list-style: none; display: flex; gap: 6px; }
tr.detail summary::-webkit-details-marker { display: none; }
tr.detail summary::before { content: "\25B8"; flex: none; }
tr.detail details[open] > summary::before { content: "\25BE"; }
tr.detail .msg { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 120ch; }
tr.detail details[open] .msg { white-space: normal; color: var(--fg); max-width: none; }
.more { margin: 6px 0 4px 18px; color: var(--fg); }
.more p { margin: 4px 0; }
.why-suppressed { padding: 4px 8px; background: var(--grey-bg); border-left: 4px solid var(--grey); }
.path .step { font-weight: 600; }
.path .arrow { color: var(--muted); }
ul.related { margin: 2px 0; padding-left: 20px; }
.facts { display: flex; flex-wrap: wrap; gap: 2px 18px; margin: 6px 0 0; font-size: 0.85rem; color: var(--muted); }
.facts div { display: flex; gap: 4px; }
.facts dt::after { content: ":"; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.rule-summary { font-size: 0.85rem; color: var(--muted); }
#none-shown { padding: 12px; color: var(--muted); }
footer { margin: 28px auto 24px; color: var(--muted); font-size: 0.85rem; }
[hidden] { display: none !important; }
"#;

/// The procurement section's style, added to [`STYLE`] on the pages that have one. The three
/// kinds of control have colours apart in hue and lightness, and their text says every figure.
pub(super) const PROCUREMENT_STYLE: &str = r#"
:root {
  --domestic: #1f5fa8; --domestic-ink: #ffffff; --foreign: #b35400; --foreign-ink: #ffffff;
  --unknown: #c4c8cf; --unknown-ink: #1d2330;
}
@media (prefers-color-scheme: dark) {
  :root {
    --domestic: #6aa8ea; --domestic-ink: #0d1420; --foreign: #f0a45c; --foreign-ink: #1f1305;
    --unknown: #4b515c; --unknown-ink: #f1f3f6;
  }
}
#procurement > p.muted { max-width: 110ch; }
article.procurement { margin: 14px 0 22px; padding: 4px 16px 12px; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; }
article.procurement h3 { font-size: 1.05rem; margin: 12px 0 6px; }
article.procurement h4 { font-size: 0.95rem; margin: 14px 0 6px; }
article.procurement table { border: 1px solid var(--line); }
article.procurement tbody tr { border-top: 1px solid var(--line); }
article.procurement tbody th { font-weight: normal; }
article.procurement th.name, article.procurement .name { font-weight: 600; }
.share { display: flex; flex-wrap: wrap; gap: 12px 32px; align-items: flex-start; }
table.share-table { width: auto; min-width: 320px; }
table.share-table tr.total { font-weight: 600; }
table.share-table tr.control-unknown td { font-weight: 600; }
.charts { flex: 1 1 420px; min-width: 300px; }
.share-chart { margin: 0 0 14px; }
.share-chart figcaption { font-size: 0.85rem; color: var(--muted); margin-bottom: 4px; }
svg.bar { display: block; border-radius: 4px; background: var(--grey-bg); }
svg.bar rect.domestic { fill: var(--domestic); }
svg.bar rect.foreign { fill: var(--foreign); }
svg.bar rect.unknown { fill: var(--unknown); stroke: var(--unknown-ink); stroke-width: 1; stroke-dasharray: 3 2; }
svg.bar text { font-size: 12px; font-weight: 650; font-family: inherit; }
svg.bar text.domestic { fill: var(--domestic-ink); }
svg.bar text.foreign { fill: var(--foreign-ink); }
svg.bar text.unknown { fill: var(--unknown-ink); }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 2px 18px; margin: 6px 0 0; padding: 0; font-size: 0.85rem; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
.swatch.domestic { background: var(--domestic); }
.swatch.foreign { background: var(--foreign); }
.swatch.unknown { background: var(--unknown); border: 1px dashed var(--unknown-ink); }
td.date { white-space: nowrap; }
p.minimum { margin: 6px 0; font-weight: 600; }
p.spend-note, p.share-empty { margin: 6px 0; color: var(--muted); }
ul.unknown { margin: 2px 0 8px; padding-left: 20px; }
details.key-components { margin: 8px 0 0; }
details.key-components table { margin-top: 6px; }
"#;

/// Filters and sorts the rows by their `data-*` attributes; reads text, never writes markup.
pub(super) const SCRIPT: &str = r#"
"use strict";
(() => {
  const table = document.getElementById("findings-table");
  if (!table) return;
  const rows = Array.from(table.querySelectorAll("tbody.finding"));
  const text = new Map(rows.map((r) => [r, r.textContent.toLowerCase()]));
  const levels = Array.from(document.querySelectorAll("input[data-filter-level]"));
  const selects = Array.from(document.querySelectorAll("select[data-filter]"));
  const search = document.getElementById("search");
  const showSuppressed = document.getElementById("show-suppressed");
  const shown = document.getElementById("shown");
  const none = document.getElementById("none-shown");
  const apply = () => {
    const on = new Set(levels.filter((c) => c.checked).map((c) => c.value));
    const words = search.value.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
    let n = 0;
    for (const r of rows) {
      let visible = on.has(r.dataset.level) &&
        (showSuppressed.checked || !r.hasAttribute("data-suppressed"));
      for (const s of selects) {
        if (visible && s.selectedIndex > 0 && r.dataset[s.dataset.filter] !== s.value) visible = false;
      }
      if (visible) visible = words.every((w) => text.get(r).includes(w));
      r.hidden = !visible;
      if (visible) n += 1;
    }
    shown.textContent = n + " of " + rows.length + (rows.length === 1 ? " finding" : " findings") + " shown";
    none.hidden = n > 0;
  };
  for (const c of levels) c.addEventListener("change", apply);
  for (const s of selects) s.addEventListener("change", apply);
  search.addEventListener("input", apply);
  showSuppressed.addEventListener("change", apply);
  document.getElementById("reset").addEventListener("click", () => {
    for (const c of levels) c.checked = true;
    for (const s of selects) s.selectedIndex = 0;
    search.value = "";
    showSuppressed.checked = false;
    apply();
  });
  const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
  const compare = (a, b, key) => {
    if (key === "rank") return Number(a.dataset.rank) - Number(b.dataset.rank);
    if (key === "location") {
      return collator.compare(a.dataset.file, b.dataset.file) ||
        Number(a.dataset.line) - Number(b.dataset.line);
    }
    return collator.compare(a.dataset[key], b.dataset[key]);
  };
  const buttons = Array.from(table.querySelectorAll("thead button[data-key]"));
  for (const b of buttons) {
    b.addEventListener("click", () => {
      const th = b.parentElement;
      const dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      for (const o of buttons) o.parentElement.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", dir);
      const sign = dir === "ascending" ? 1 : -1;
      const sorted = rows.slice().sort((x, y) =>
        sign * compare(x, y, b.dataset.key) || Number(x.dataset.index) - Number(y.dataset.index));
      for (const r of sorted) table.appendChild(r);
    });
  }
  apply();
})();
"#;
