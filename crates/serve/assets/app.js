// dyad serve: the article page's panel (what was coded and why). Plain
// JavaScript written for dyad; every value is put in as text, never as HTML.
"use strict";
(function () {
  const dataEl = document.getElementById("doc-data");
  const panel = document.getElementById("panel");
  if (!dataEl || !panel) return;
  const data = JSON.parse(dataEl.textContent);

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function list(rows) {
    const dl = el("dl");
    for (const [k, v] of rows) {
      if (v === undefined || v === null || v === "") continue;
      dl.appendChild(el("dt", k));
      const dd = el("dd", v);
      dd.dataset.field = k;
      dl.appendChild(dd);
    }
    return dl;
  }
  function select(attr, i) {
    document.querySelectorAll(".sel").forEach((e) => e.classList.remove("sel"));
    document.querySelectorAll(`[data-${attr}="${i}"]`).forEach((e) => e.classList.add("sel"));
  }
  function mentionText(k) {
    const m = data.mentions[k];
    return m ? `«${m.text}»${m.code ? " " + m.code : ""}` : null;
  }

  function showEvent(i) {
    const e = data.events[i];
    if (!e) return;
    select("ev", i);
    panel.replaceChildren();
    panel.dataset.kind = "event";
    panel.appendChild(el("h2", `Event ${e.code}${e.code_name ? ": " + e.code_name : ""}`));
    const place = e.place_info
      ? `${e.place_info.name}${e.place_info.country ? " (" + e.place_info.country + ")" : ""}, ${e.place_info.feature}`
      : "none";
    panel.appendChild(
      list([
        ["Source", `${e.source || "-"}${e.source_text ? " «" + e.source_text + "»" : ""}`],
        ["Target", `${e.target || "-"}${e.target_text ? " «" + e.target_text + "»" : ""}`],
        ["Code", `${e.code}${e.code_name ? " " + e.code_name : ""} (root ${e.root})`],
        ["QuadClass", `${e.quad_class}${e.quad_name ? " " + e.quad_name : ""}`],
        ["Goldstein", e.goldstein],
        ["Date", `${e.date || "-"} (from ${e.date_from || "-"})`],
        ["Place", place],
        ["How", e.how],
        ["Sentence", `${e.sentence}: ${e.sentence_text}`],
        ["Dictionary line", e.pattern],
      ])
    );
    const how = el("div");
    how.id = "explain";
    how.appendChild(el("p", "Loading the parse and the patterns tried…", "hint"));
    panel.appendChild(how);
    fetch(`/api/documents/${encodeURIComponent(data.id)}/explain?sentence=${e.sentence}`)
      .then((r) => r.json().then((j) => ({ ok: r.ok, j })))
      .then(({ ok, j }) => {
        how.replaceChildren();
        if (!ok) {
          how.appendChild(el("p", j.error ? j.error.message : "no explanation", "error"));
          return;
        }
        how.appendChild(el("h2", "Patterns tried (parse path)"));
        // Each verb's line, then each pattern tried; the ones taken stand out.
        const tried = el("pre", null, "tried");
        for (const line of j.tried) {
          const taken = /^\s*(accepted|fallback)/.test(line);
          tried.appendChild(el(taken ? "strong" : "span", line));
          tried.appendChild(document.createTextNode("\n"));
        }
        how.appendChild(tried);
        how.appendChild(el("h2", "Parse"));
        how.appendChild(el("pre", [j.parse_header].concat(j.parse).join("\n"), "parse"));
        how.dataset.loaded = "1";
      })
      .catch((err) => how.replaceChildren(el("p", String(err), "error")));
  }

  function showQuote(i) {
    const q = data.quotes[i];
    if (!q) return;
    select("q", i);
    panel.replaceChildren();
    panel.dataset.kind = "quote";
    const s = q.speaker || {};
    panel.appendChild(el("h2", `Quote (${q.kind})`));
    panel.appendChild(
      list([
        ["Speaker", s.name || (s.anonymous ? "anonymous source" : "unattributed")],
        ["Code", s.code],
        ["Role", s.role],
        ["Anonymous", s.anonymous ? `yes${s.count ? ", " + s.count : ""}` : "no"],
        ["Cue", q.cue],
        ["Resolved", q.how],
        ["Text", q.text],
      ])
    );
  }

  function showOther(t) {
    const rows = [];
    if (t.dataset.m !== undefined) {
      const m = data.mentions[t.dataset.m];
      rows.push(["Actor mention", `«${m.text}» ${m.type}`], ["Code", m.code], ["Role", m.role]);
      if (m.refers_to !== null && m.refers_to !== undefined) rows.push(["Refers to", mentionText(m.refers_to)]);
      rows.push(["Dictionary", m.source]);
    }
    if (t.dataset.pl !== undefined) {
      const p = data.places[t.dataset.pl];
      rows.push(
        ["Place", `${p.name}${p.admin1 ? ", " + p.admin1 : ""}${p.country ? " (" + p.country + ")" : ""}`],
        ["Precision", p.feature === "city" ? "a town or city" : `${p.feature}: a representative point of the area`],
        ["Point", `${p.lat}, ${p.lon}`],
        ["Stands for a government", p.metonym ? "yes" : "no"]
      );
    }
    if (!rows.length) return;
    panel.replaceChildren(el("h2", "Mention"), list(rows));
    panel.dataset.kind = "mention";
  }

  function activate(t) {
    const target = t.closest("[data-ev],[data-q],[data-m],[data-pl]");
    if (!target) return;
    if (target.dataset.ev !== undefined) showEvent(Number(target.dataset.ev));
    else if (target.dataset.q !== undefined) showQuote(Number(target.dataset.q));
    else showOther(target);
    if (window.innerWidth < 900) panel.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }
  document.getElementById("doc").addEventListener("click", (ev) => activate(ev.target));
  document.getElementById("doc").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      activate(ev.target);
    }
  });
  // `#s-N` (from the events list) selects that sentence's first event.
  const m = /^#s-(\d+)$/.exec(location.hash);
  if (m) {
    const i = data.events.findIndex((e) => e.sentence === Number(m[1]));
    if (i >= 0) showEvent(i);
  }
})();
