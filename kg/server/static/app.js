// The geokg page: search a state, draw its timeline and alignment trend, list the evidence.
// Every value from the graph is put in the page with textContent (never innerHTML): labels and
// sentences come from news text and may contain markup.
"use strict";

const BASE = document.querySelector('meta[name="kg-base"]').content;
const GK = "https://w3id.org/geokg/ontology#";
const COLORS = ["#1f6feb", "#d9480f", "#2b8a3e", "#9c36b5", "#e8590c", "#0b7285", "#c2255c", "#5c940d"];
const charts = {};

function localHref(iri) {
  if (iri && iri.startsWith(BASE)) return "/" + iri.slice(BASE.length);
  return /^https?:\/\//.test(iri || "") ? iri : null;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) continue;
    if (k === "text") node.textContent = v; else node.setAttribute(k, v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

function safeHref(href) {
  // only http(s) and this site's own paths become links: a document's url comes from its front matter
  if (typeof href !== "string") return null;
  if (/^\/(?!\/)/.test(href)) return href;
  return /^https?:\/\/[^\s<>"{}|\\^`]+$/i.test(href) ? href : null;
}

function link(text, href, cls) {
  const safe = safeHref(href);
  return safe ? el("a", { href: safe, class: cls, text, rel: "noopener noreferrer nofollow" }) : el("span", { class: cls, text });
}

function rows(json) {
  const vars = json.head.vars;
  return json.results.bindings.map(b => Object.fromEntries(vars.map(v => [v, b[v] ? b[v].value : null])));
}

async function getJSON(url, options = {}) {
  const response = await fetch(url, { ...options, headers: { Accept: "application/sparql-results+json, application/json", ...(options.headers || {}) } });
  const text = await response.text();
  if (!response.ok) throw new Error(text.trim() || response.statusText);
  return JSON.parse(text);
}

async function select(query) {
  return rows(await getJSON("/sparql", { method: "POST", headers: { "Content-Type": "application/sparql-query" }, body: query }));
}

async function stored(name, params) {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v));
  return rows(await getJSON(`/api/${name}?${q}`));
}

function status(text, isError = false) {
  const s = document.getElementById("status");
  s.textContent = text;
  s.className = isError ? "error" : "";
}

async function loadStates() {
  const list = document.getElementById("state-list");
  const states = await select(`PREFIX gk: <${GK}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?label (SAMPLE(?code) AS ?iso3) WHERE { ?s a gk:State ; rdfs:label ?label OPTIONAL { ?s gk:iso3 ?code } }
    GROUP BY ?label ORDER BY ?label`);
  for (const s of states) list.append(el("option", { value: s.label, label: s.iso3 || null }));
}

// a date at its precision as a fractional year, placed mid-period: 2005 -> 2005.5, 2005-05 -> 2005.37
function when(date) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date || "");
  if (!m) return null;
  const y = +m[1];
  if (!m[2]) return y + 0.5;
  if (!m[3]) return y + (+m[2] - 0.5) / 12;
  return y + (+m[2] - 1 + (+m[3] - 0.5) / 31) / 12;
}

function yearMonth(x) {
  const y = Math.floor(x), m = Math.min(12, Math.floor((x - y) * 12) + 1);
  return `${y}-${String(m).padStart(2, "0")}`;
}

function draw(id, config) {
  if (charts[id]) charts[id].destroy();
  charts[id] = new Chart(document.getElementById(id), config);
  return charts[id];
}

async function evidenceLinks(items) {
  // the evidence node and source document of each event or statement, for the links
  const iris = [...new Set(items)].filter(i => /^https?:\/\/[^\s<>"{}|\\^`]+$/.test(i));
  if (!iris.length) return new Map();
  const found = await select(`PREFIX gk: <${GK}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?item ?ev ?sentence ?doc ?url ?title WHERE { VALUES ?item { ${iris.map(i => `<${i}>`).join(" ")} }
      ?item gk:evidence ?ev . ?ev gk:inDocument ?doc ; gk:sentence ?sentence .
      OPTIONAL { ?doc gk:url ?url } OPTIONAL { ?doc rdfs:label ?title } }`);
  return new Map(found.map(r => [r.item + "\u0000" + r.sentence, r]));
}

function evidenceItem(id, head, sentence, item, links, source) {
  const ev = links.get(item + "\u0000" + sentence) || {};
  const article = safeHref(ev.url) || safeHref(source);
  return el("li", { id },
    head,
    el("blockquote", { text: sentence || "" }),
    el("div", { class: "links" },
      link("item", localHref(item)), document.createTextNode(" · "),
      link("evidence", ev.ev ? localHref(ev.ev) : null), document.createTextNode(" · "),
      article ? link("source article", article, "source") : el("span", { class: "source", text: `source: ${source || "?"}` }),
      ev.doc ? document.createTextNode(" · ") : null, ev.doc ? link("document record", localHref(ev.doc)) : null));
}

function drawTimeline(events) {
  const types = [...new Set(events.map(e => e.type))].sort();
  const dated = events.map((e, i) => ({ e, i, x: when(e.date) })).filter(p => p.x !== null);
  const roles = ["actor", "target"];
  draw("timeline-chart", {
    type: "scatter",
    data: { datasets: roles.map((role, k) => ({
      label: `as ${role}`, backgroundColor: COLORS[k], pointRadius: 6, pointHoverRadius: 8,
      data: dated.filter(p => p.e.role === role).map(p => ({ x: p.x, y: p.e.type, i: p.i })),
    })) },
    options: {
      maintainAspectRatio: false, animation: false,
      scales: {
        x: { type: "linear", ticks: { callback: v => yearMonth(v) }, title: { display: true, text: "date (mid-period for a month or year)" } },
        y: { type: "category", labels: types, offset: true },
      },
      plugins: { tooltip: { callbacks: { label: c => { const e = events[c.raw.i]; return `${e.date}: ${e.label || e.type}`; } } } },
      onClick: (_evt, hits) => {
        if (!hits.length) return;
        const raw = charts["timeline-chart"].data.datasets[hits[0].datasetIndex].data[hits[0].index];
        const item = document.getElementById(`event-${raw.i}`);
        if (item) { item.scrollIntoView({ behavior: "smooth", block: "center" }); item.classList.add("flash"); setTimeout(() => item.classList.remove("flash"), 1500); }
      },
    },
  });
  return events.length - dated.length;
}

function drawAlignment(scores) {
  const periods = [...new Set(scores.map(r => r.period).filter(p => when(p) !== null))].sort((a, b) => when(a) - when(b));
  const byPartner = new Map();
  for (const r of scores) {
    if (!byPartner.has(r.other)) byPartner.set(r.other, { label: r.otherLabel || r.other, per: new Map(), total: 0 });
    const p = byPartner.get(r.other);
    p.per.set(r.period, +r.score);
    p.total += Math.abs(+r.score);
  }
  const partners = [...byPartner.values()].sort((a, b) => b.total - a.total).slice(0, COLORS.length);
  // x is the date (mid-period), so months and years sit where they belong in time
  const xs = periods.map(when);
  draw("alignment-chart", {
    type: "line",
    data: { datasets: partners.map((p, k) => {
      let sum = 0;
      return { label: p.label, borderColor: COLORS[k], backgroundColor: COLORS[k], tension: 0.2, pointRadius: 4,
               data: periods.map((period, i) => ({ x: xs[i], y: (sum += p.per.get(period) || 0), period })) };
    }) },
    options: { maintainAspectRatio: false, animation: false,
      scales: { x: { type: "linear", ticks: { callback: v => yearMonth(v) } },
                y: { title: { display: true, text: "cumulative score (toward > 0 > away)" } } },
      plugins: { tooltip: { callbacks: {
        title: items => items.length ? items[0].raw.period : "",
        afterLabel: c => `this period: ${partners[c.datasetIndex].per.get(c.raw.period) || 0}` } } } },
  });
}

async function showState(state) {
  const by = document.getElementById("period-by").value;
  status(`Looking up ${state}…`);
  try {
    const [events, scores, trend, statements] = await Promise.all([
      stored("timeline", { state }), stored("alignmentScore", { state, by }),
      stored("alignmentTrend", { state }), stored("alignmentStatements", { state })]);
    const links = await evidenceLinks([...events.map(e => e.event), ...statements.map(s => s.statement)]);
    document.getElementById("results").hidden = false;
    document.getElementById("state-title").textContent = state;

    const undated = drawTimeline(events);
    drawAlignment(scores);

    const list = document.getElementById("events");
    list.replaceChildren(...events.map((e, i) => evidenceItem(`event-${i}`,
      el("div", { class: "head" }, el("span", { class: "date", text: e.date || "undated" }), " ",
        el("span", { class: "type", text: e.type }), " ", el("span", { text: e.label || "" }),
        el("span", { class: "role", text: ` (${e.role})` })),
      e.evidence, e.event, links, e.source)));

    const tbody = document.querySelector("#partners tbody");
    tbody.replaceChildren(...trend.map(t => el("tr", {},
      el("td", {}, link(t.otherLabel || t.other, localHref(t.other))), el("td", { class: t.direction, text: t.direction }),
      el("td", { text: t.score }), el("td", { text: t.events }), el("td", { text: t.sources }))));

    document.getElementById("statements").replaceChildren(...statements.map((s, i) => evidenceItem(`statement-${i}`,
      el("div", { class: "head" }, el("span", { class: "date", text: s.date || s.published || "undated" }), " ",
        el("span", { text: `${s.actorLabel || s.actor} → ${s.partnerLabel || s.partner}: ` }),
        el("span", { class: s.direction && s.direction.endsWith("toward") ? "toward" : "away",
                     text: (s.direction || "").replace(GK, "") })),
      s.evidence, s.statement, links, s.source)));
    status(`${events.length} events (${undated} undated, listed last), ${trend.length} partners, ${statements.length} alignment statements.`);
  } catch (err) {
    status(err.message, true);
  }
}

function setupEditor() {
  const YasguiClass = window.Yasgui && (window.Yasgui.default || window.Yasgui);
  if (!YasguiClass) return;
  const yasgui = new YasguiClass(document.getElementById("yasgui"), {
    requestConfig: { endpoint: "/sparql", method: "POST" }, copyEndpointOnNewTab: false, persistenceId: null,
  });
  window.kgYasgui = yasgui;
  getJSON("/api/queries").then(entries => {
    const select = document.getElementById("examples");
    for (const e of entries) select.append(el("option", { value: e.name, text: `${e.name}: ${e.summary}` }));
    select.addEventListener("change", () => {
      const entry = entries.find(e => e.name === select.value);
      if (entry) yasgui.getTab().setQuery(entry.example);
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("state-form").addEventListener("submit", evt => {
    evt.preventDefault();
    const state = document.getElementById("state-input").value.trim();
    if (state) showState(state);
  });
  loadStates().catch(err => status(`Could not list the states: ${err.message}`, true));
  try { setupEditor(); } catch (err) { console.error(err); }
  const wanted = new URLSearchParams(location.search).get("state");
  if (wanted) { document.getElementById("state-input").value = wanted; showState(wanted); }
});
