/*
 * app.js: the web interface of rasd serve: search with facets, stories,
 * articles with their annotations, actors, events and outlets, over the
 * JSON API (docs/api.md). A page is chosen by the URL's hash (#/story/12).
 *
 * Article text is untrusted: every piece of it reaches the page as a text
 * node (the el() helper below); no string is ever parsed as markup.
 * Offsets from the API are UTF-8 byte offsets; text is cut at
 * them through a TextEncoder copy of the article.
 */
"use strict";

(function () {
  const main = document.getElementById("main");

  /* el("a", {href: ...}, "text", child, ...): an element whose strings
   * become text nodes. Attributes are set with setAttribute, never as
   * markup; an "on" map adds listeners. */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) {
      const v = attrs[k];
      if (v === null || v === undefined || v === false) continue;
      if (k === "on") for (const ev in v) e.addEventListener(ev, v[ev]);
      else if (k === "dataset") Object.assign(e.dataset, v);
      else e.setAttribute(k, String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  async function api(path) {
    const r = await fetch(path, { headers: { Accept: "application/json" } });
    const body = await r.json().catch(() => null);
    if (!r.ok) {
      const msg = body && body.error ? body.error.message : "HTTP " + r.status;
      throw new Error(msg);
    }
    return body;
  }

  function query(params) {
    const u = new URLSearchParams();
    for (const k in params) if (params[k] !== undefined && params[k] !== null && params[k] !== "") u.set(k, params[k]);
    const s = u.toString();
    return s ? "?" + s : "";
  }

  const enc = new TextEncoder(), dec = new TextDecoder();
  /* A text with byte offsets: cut(s, e) gives text[s, e) in bytes. */
  function byteText(text) {
    const bytes = enc.encode(text || "");
    return { bytes: bytes, cut: (s, e) => dec.decode(bytes.subarray(s, e)) };
  }

  /* Arabic names of the framing lexicon's label codes (data/framing/labels.tsv);
   * a code without one is shown as it is. */
  const LABELS = {
    terrorist: "إرهابي", heroic: "بطولي", martyr: "شهيد", "so-called": "ما يسمى", perished: "هلاك", occupation: "احتلال",
    killed: "مقتل", barbaric: "همجي", "zionist-entity": "الكيان الصهيوني", takfiri: "تكفيري", separatist: "انفصالي",
    proxy: "وكيل", cowardly: "جبان", "backed-by": "مدعوم من", regime: "نظام", mujahideen: "مجاهدون",
    "martyrdom-operation": "عملية استشهادية", extremist: "متطرف", derogatory: "تحقير", uprising: "انتفاضة",
    sectarian: "طائفي", resistance: "مقاومة", putschist: "انقلابي", outlaw: "خارج عن القانون", militia: "ميليشيا",
    mercenaries: "مرتزقة", massacre: "مجزرة", invader: "غازٍ", illegitimate: "غير شرعي", gunmen: "مسلحون",
    gangs: "عصابات", fascist: "فاشي", factions: "فصائل", eliminated: "تصفية", "demographic-change": "تغيير ديمغرافي",
    crime: "جريمة", aggressor: "معتدٍ", "war-crimes": "جرائم حرب", violations: "انتهاكات", victim: "ضحية",
    enemy: "عدو", remnants: "فلول", liberation: "تحرير",
  };
  function labelChip(l, attrs) {
    return el("span", Object.assign({ class: "label", title: l.label }, attrs || {}), LABELS[l.label] || l.label,
      l.count > 1 ? " ×" + l.count : "",
      l.terms && l.terms.length ? el("span", { class: "muted" }, " («" + l.terms.join("»، «") + "»)") : null);
  }

  function link(href, text, attrs) { return el("a", Object.assign({ href: href }, attrs || {}), text); }
  function actorLink(id, name) { return id ? link("#/actor/" + encodeURIComponent(id), name || id) : el("span", { class: "muted" }, name || "؟"); }
  function outletName(o) { return o ? o : "منبر غير معروف"; }

  function showError(e) {
    clear(main);
    main.appendChild(el("p", { class: "error", role: "alert" }, "خطأ: ", e.message));
  }

  function table(headers, rows) {
    return el("table", {}, el("thead", {}, el("tr", {}, headers.map((h) => el("th", {}, h)))),
      el("tbody", {}, rows.map((r) => el("tr", {}, r.map((c) => el("td", {}, c))))));
  }

  function pager(answer, go) {
    const total = answer.total, off = answer.offset, lim = answer.limit;
    return el("div", { class: "pager" },
      el("span", { class: "muted" }, (total === 0 ? 0 : off + 1) + "–" + Math.min(total, off + lim) + " من " + total),
      off > 0 ? el("button", { type: "button", on: { click: () => go(Math.max(0, off - lim)) } }, "السابق") : null,
      off + lim < total ? el("button", { type: "button", on: { click: () => go(off + lim) } }, "التالي") : null);
  }

  /* ------------------------------------------------------------ search */

  /* A snippet with its byte-range highlights as <mark> elements. */
  function snippet(text, highlights) {
    const t = byteText(text);
    const out = el("p", { class: "snippet" });
    let pos = 0;
    for (const [s, e] of highlights || []) {
      if (s < pos || e > t.bytes.length || s >= e) continue;
      out.appendChild(document.createTextNode(t.cut(pos, s)));
      out.appendChild(el("mark", {}, t.cut(s, e)));
      pos = e;
    }
    out.appendChild(document.createTextNode(t.cut(pos, t.bytes.length)));
    return out;
  }

  async function pageSearch(params) {
    document.getElementById("q").value = params.q || "";
    if (!params.q) { clear(main); main.appendChild(el("p", {}, "اكتب كلمات للبحث.")); return; }
    const a = await api("/api/search" + query(params));
    clear(main);
    const facet = (title, key, items, param, label) => el("div", {},
      el("h3", {}, title),
      el("ul", {}, items.map((f) => el("li", {},
        link("#/search" + query(Object.assign({}, params, { [param]: f.value, offset: "" }, param === "since" ? { until: f.value } : {})),
          label ? label(f) : (f.name || f.value || "—"), { class: params[param] === f.value ? "chip active" : "chip", dataset: { facet: key } }),
        el("span", { class: "muted" }, f.count)))));
    const active = ["outlet", "actor", "place", "since", "until"].filter((k) => params[k]).map((k) =>
      link("#/search" + query(Object.assign({}, params, { [k]: "", offset: "" })), k + ": " + params[k] + " ✕", { class: "chip active" }));
    const facets = a.facets || {};
    main.appendChild(el("div", { class: "layout" },
      el("aside", { class: "facets" },
        active.length ? el("div", {}, el("h3", {}, "المرشحات"), active) : null,
        facet("المنابر", "outlet", facets.outlets || [], "outlet", (f) => outletName(f.value)),
        facet("الفاعلون", "actor", facets.actors || [], "actor"),
        facet("الأماكن", "place", facets.places || [], "place"),
        facet("التواريخ", "date", facets.dates || [], "since")),
      el("section", { id: "results" },
        el("h1", {}, "نتائج البحث عن «", a.query, "»"),
        el("p", { class: "muted" }, a.total + " مقالة", a.total > a.facets_over ? " (التصنيفات من أول " + a.facets_over + ")" : ""),
        a.items.map((h) => el("article", { class: "card result", dataset: { id: h.id } },
          el("h3", {}, link("#/article/" + h.id, h.title || "(بلا عنوان)")),
          el("div", { class: "muted" }, outletName(h.source), " · ", h.published || "",
            h.story ? [" · ", link("#/story/" + h.story, "القصة")] : null,
            h.duplicate_of ? [" · نسخة من ", link("#/article/" + h.duplicate_of, "#" + h.duplicate_of)] : null),
          snippet(h.snippet, h.highlights))),
        pager(a, (off) => { location.hash = "#/search" + query(Object.assign({}, params, { offset: off })); }))));
  }

  /* ----------------------------------------------------------- stories */

  async function pageStories(params) {
    const a = await api("/api/stories" + query(params));
    clear(main);
    main.appendChild(el("h1", {}, "القصص"));
    main.appendChild(table(["القصة", "المقالات", "من", "إلى", "المنابر"], a.items.map((s) => [
      link("#/story/" + s.id, s.title || "#" + s.id), String(s.articles), s.first_seen || "", s.last_seen || "",
      s.outlets.map(outletName).join("، ")])));
    main.appendChild(pager(a, (off) => { location.hash = "#/stories" + query(Object.assign({}, params, { offset: off })); }));
  }

  /* ------------------------------------------------------------- story */

  async function pageStory(id) {
    const s = await api("/api/story/" + encodeURIComponent(id));
    clear(main);
    main.appendChild(el("h1", {}, s.title || "قصة #" + s.id));
    main.appendChild(el("p", { class: "muted" }, s.articles + " مقالات · " + (s.first_seen || "") + " – " + (s.last_seen || "")));

    main.appendChild(el("h2", {}, "المقالات حسب المنبر"));
    main.appendChild(el("div", { class: "outlets" }, s.outlets.map((o) => el("section", { class: "card outlet-col", dataset: { outlet: o.outlet } },
      el("h3", {}, outletName(o.outlet)),
      o.articles.map((d) => el("div", { class: "story-article", dataset: { id: d.id } },
        el("h4", {}, link("#/article/" + d.id, d.title || "(بلا عنوان)")),
        el("div", { class: "muted" }, d.published || "", d.duplicate_of ? " · نسخة" : ""),
        el("p", {}, (d.lead || "").slice(0, 220) + "…")))))));

    /* labels: one row per actor, one column per outlet */
    const outlets = [...new Set(s.labels.map((l) => l.outlet))];
    const actors = [...new Set(s.labels.map((l) => l.actor))];
    main.appendChild(el("h2", {}, "كيف يصف كل منبر الفاعلين"));
    if (!actors.length) main.appendChild(el("p", { class: "muted" }, "لا أوصاف."));
    else main.appendChild(el("div", { id: "labels" }, table(["الفاعل"].concat(outlets.map(outletName)), actors.map((a) => {
      const name = (s.labels.find((l) => l.actor === a) || {}).name;
      return [actorLink(a, name)].concat(outlets.map((o) => el("div", {}, s.labels.filter((l) => l.actor === a && l.outlet === o)
        .map((l) => labelChip(l, { dataset: { actor: a, outlet: o } })))));
    }))));

    main.appendChild(el("h2", {}, "التصريحات حسب المتحدث"));
    main.appendChild(el("div", { id: "quotes" }, s.quotes.map((g) => el("div", { class: "speaker" },
      el("h3", {}, g.speaker ? actorLink(g.speaker, g.name || g.speaker_text) : (g.speaker_text || "متحدث غير معروف")),
      g.quotes.map((q) => el("blockquote", { dataset: { doc: q.doc } },
        link("#/article/" + q.doc + "?hl=" + q.start + "-" + q.end, q.text || "…", { class: "quote-link" }),
        el("div", { class: "muted" }, outletName(q.outlet), q.verb ? " · " + q.verb : "")))))));

    main.appendChild(el("h2", {}, "الخط الزمني"));
    main.appendChild(el("ol", { class: "timeline" }, s.timeline.map((t) => el("li", { class: t.kind },
      el("span", { class: "muted" }, t.date || "؟", " · "),
      t.kind === "event" ? "حدث: " : "",
      link("#/article/" + t.doc, t.text || "(بلا عنوان)"),
      el("span", { class: "muted" }, " — ", outletName(t.outlet))))));
    if (s.events.length) {
      main.appendChild(el("h2", {}, "الأحداث"));
      main.appendChild(table(["التاريخ", "الفاعل", "CAMEO", "الهدف", "السياق"], s.events.map((e) => [
        e.date || "", actorLink(e.source), e.cameo || "", actorLink(e.target),
        link("#/article/" + e.doc + "?hl=" + e.start + "-" + e.end, e.context || e.text || "…")])));
    }

    main.appendChild(el("h2", {}, "الأماكن"));
    const mapBox = el("div", { id: "map" });
    main.appendChild(mapBox);
    main.appendChild(el("p", { class: "muted" }, s.places.map((p) => (p.name || p.id) + " (" + p.mentions + ")").join("، ")));
    await window.rasdMap.draw(mapBox, s.places);
  }

  /* ----------------------------------------------------------- article */

  /* Every annotation of an article as {kind, start, end, label, record}. */
  function annotations(a) {
    const out = [];
    const add = (kind, s, e, label, record) => { if (Number.isInteger(s) && Number.isInteger(e) && e > s) out.push({ kind, start: s, end: e, label, record }); };
    for (const x of a.entities) for (const [s, e] of x.mentions || []) add("entity", s, e, x.name || x.id, x);
    for (const x of a.places) for (const [s, e] of x.mentions || []) add("place", s, e, x.name || x.id, x);
    for (const x of a.quotes) add("quote", x.start, x.end, (x.speaker || x.speaker_text || "؟") + ": " + (x.text || ""), x);
    for (const x of a.events) add("event", x.start, x.end, (x.cameo || "") + " " + (x.source || "؟") + " → " + (x.target || "؟"), x);
    for (const x of a.numbers) add("number", x.start, x.end, x.text + (x.unit ? " (" + x.unit + ")" : ""), x);
    for (const x of a.dates) add("date", x.start, x.end, x.text + (x.value ? " = " + x.value : ""), x);
    for (const x of a.framing) add("framing", x.start, x.end, (x.actor || "") + ": " + (x.label || x.term), x);
    return out;
  }

  async function pageArticle(id, params) {
    const a = await api("/api/article/" + encodeURIComponent(id));
    clear(main);
    const t = byteText(a.text);
    const n = t.bytes.length;
    const anns = annotations(a).filter((x) => x.end <= n);
    /* sentences: from the analysis, else paragraphs, else the whole text */
    let sentences = Array.isArray(a.sentences) && a.sentences.length ? a.sentences : (a.paragraphs && a.paragraphs.length ? a.paragraphs : [[0, n]]);
    sentences = sentences.filter((s) => Array.isArray(s) && s[1] <= n && s[0] < s[1]);
    /* cut the text at every boundary; each piece knows its sentence and
     * the annotations over it */
    const cuts = new Set([0, n]);
    for (const x of anns) { cuts.add(x.start); cuts.add(x.end); }
    for (const [s, e] of sentences) { cuts.add(s); cuts.add(e); }
    const points = [...cuts].sort((x, y) => x - y);
    const textBox = el("div", { class: "text", id: "article-text" });
    let si = 0;
    for (let i = 0; i + 1 < points.length; i++) {
      const s = points[i], e = points[i + 1];
      while (si < sentences.length && sentences[si][1] <= s) si++;
      const inSentence = si < sentences.length && sentences[si][0] <= s ? si : -1;
      const over = anns.filter((x) => x.start <= s && x.end >= e);
      const kinds = [...new Set(over.map((x) => x.kind))];
      const piece = el("span", { class: (kinds.length ? "ann " : "") + kinds.join(" "), dataset: { sentence: inSentence, start: s, end: e } }, t.cut(s, e));
      textBox.appendChild(piece);
    }
    const pieces = [...textBox.children];

    /* provenance: mark the sentences a span lies in */
    function highlight(start, end) {
      for (const p of pieces) p.classList.remove("provenance", "selected");
      const hit = new Set();
      sentences.forEach(([s, e], i) => { if (s < end && e > start) hit.add(String(i)); });
      let first = null;
      for (const p of pieces) {
        if (hit.has(p.dataset.sentence)) { p.classList.add("provenance"); first = first || p; }
        const ps = +p.dataset.start, pe = +p.dataset.end;
        if (ps >= start && pe <= end) p.classList.add("selected");
      }
      if (first && first.scrollIntoView) first.scrollIntoView({ block: "center" });
    }

    const facts = el("ul", {});
    const kindsAr = { entity: "فاعل", place: "مكان", quote: "تصريح", event: "حدث", number: "رقم", date: "تاريخ", framing: "وصف" };
    for (const x of anns.slice().sort((p, q) => p.start - q.start)) {
      if (x.kind === "entity" || x.kind === "place") continue; /* listed once, below */
      facts.appendChild(el("li", { class: "fact " + x.kind, dataset: { kind: x.kind, start: x.start, end: x.end }, tabindex: 0,
        on: { click: (ev) => { for (const li of facts.children) li.classList.remove("selected"); ev.currentTarget.classList.add("selected"); highlight(x.start, x.end); } } },
        el("span", { class: "chip" }, kindsAr[x.kind]), " ", x.label));
    }
    const entities = el("ul", {}, a.entities.map((x) => el("li", { class: "fact entity", dataset: { kind: "entity" },
      on: { click: () => { const m = (x.mentions || [])[0]; if (m) highlight(m[0], m[1]); } } },
      actorLink(x.id, x.name), el("span", { class: "muted" }, " ×" + x.mention_count))));
    const places = el("ul", {}, a.places.map((x) => el("li", { class: "fact place", dataset: { kind: "place" },
      on: { click: () => { const m = (x.mentions || [])[0]; if (m) highlight(m[0], m[1]); } } },
      x.name || x.id, el("span", { class: "muted" }, " ×" + x.mention_count))));

    pieces.forEach((p) => p.addEventListener("click", () => {
      const s = +p.dataset.start;
      const over = anns.filter((x) => x.start <= s && x.end > s).sort((u, v) => (u.end - u.start) - (v.end - v.start));
      if (over.length) highlight(over[0].start, over[0].end);
    }));

    main.appendChild(el("h1", {}, a.title || "(بلا عنوان)"));
    main.appendChild(el("p", { class: "muted" }, outletName(a.source), " · ", a.published || "", a.author ? " · " + a.author : "",
      a.story ? [" · ", link("#/story/" + a.story, "القصة")] : null,
      a.url ? [" · ", el("span", { dir: "ltr" }, a.url)] : null));
    main.appendChild(el("p", { class: "legend" }, Object.keys(kindsAr).map((k) => el("span", { class: "text-" + k + " " + k }, kindsAr[k]))));
    main.appendChild(el("div", { class: "article" }, textBox,
      el("aside", { class: "facts" }, el("h2", {}, "الوقائع"), facts, el("h2", {}, "الفاعلون"), entities, el("h2", {}, "الأماكن"), places)));
    if (params.hl) {
      const m = /^(\d+)-(\d+)$/.exec(params.hl);
      if (m) highlight(+m[1], +m[2]);
    }
  }

  /* ------------------------------------------------------------ actors */

  async function pageActors(params) {
    const a = await api("/api/actors" + query(params));
    clear(main);
    main.appendChild(el("h1", {}, "الفاعلون الأكثر ذكراً"));
    main.appendChild(table(["الفاعل", "النوع", "البلد", "الإشارات", "المقالات"], a.items.map((x) => [
      actorLink(x.id, x.name), x.type || "", x.country || "", String(x.mentions), String(x.articles)])));
    main.appendChild(pager(a, (off) => { location.hash = "#/actors" + query(Object.assign({}, params, { offset: off })); }));
  }

  function bars(perDay) {
    const SVG = "http://www.w3.org/2000/svg";
    const w = 760, h = 160, svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    svg.setAttribute("class", "bars");
    const max = Math.max(1, ...perDay.map((d) => d.mentions));
    const bw = w / Math.max(1, perDay.length);
    perDay.forEach((d, i) => {
      const r = document.createElementNS(SVG, "rect");
      const bh = (h - 20) * d.mentions / max;
      r.setAttribute("x", String(w - (i + 1) * bw + 1));
      r.setAttribute("y", String(h - bh));
      r.setAttribute("width", String(Math.max(1, bw - 2)));
      r.setAttribute("height", String(bh));
      const title = document.createElementNS(SVG, "title");
      title.textContent = d.date + ": " + d.mentions;
      r.appendChild(title);
      svg.appendChild(r);
    });
    return svg;
  }

  async function pageActor(id) {
    const a = await api("/api/actor/" + encodeURIComponent(id));
    clear(main);
    const kb = a.kb || {};
    main.appendChild(el("h1", {}, kb.name_ar || a.name || a.id, kb.name_en ? el("span", { class: "muted", dir: "ltr" }, " — " + kb.name_en) : null));
    main.appendChild(el("p", { class: "muted" }, a.id, " · ", kb.type || a.type || "", kb.country ? " · " + kb.country : "",
      " · " + a.mentions + " إشارة في " + a.articles + " مقالة · " + a.quotes + " تصريح"));
    main.appendChild(el("h2", {}, "الأسماء كما وردت"));
    main.appendChild(el("p", {}, (a.names_seen || []).map((n) => el("span", { class: "chip" }, n.text, " ×" + n.count))));
    if ((kb.aliases || []).length || (kb.loaded_names || []).length) {
      main.appendChild(el("h2", {}, "أسماؤه في قاعدة المعرفة"));
      main.appendChild(el("p", {}, (kb.aliases || []).map((n) => el("span", { class: "chip", dir: "auto" }, n))));
      if ((kb.loaded_names || []).length)
        main.appendChild(el("p", {}, (kb.loaded_names || []).map((n) => el("span", { class: "chip loaded", title: n.label }, n.name, " (" + n.label + ")"))));
    }
    main.appendChild(el("h2", {}, "الإشارات عبر الزمن"));
    main.appendChild(bars(a.per_day || []));
    main.appendChild(el("p", { class: "muted" }, (a.per_day || []).map((d) => d.date + ": " + d.mentions).join(" · ")));
    main.appendChild(el("h2", {}, "الأوصاف حسب المنبر"));
    main.appendChild(table(["المنبر", "الوصف", "العدد"], (a.labels || []).map((l) => [outletName(l.outlet), labelChip(Object.assign({}, l, { count: 1 })), String(l.count)])));
    const evRows = (list, other) => list.map((e) => [e.date || "", e.cameo || "", actorLink(e[other]), link("#/article/" + e.doc + "?hl=" + e.start + "-" + e.end, e.context || e.text || "…")]);
    main.appendChild(el("h2", {}, "أحداث هو فاعلها"));
    main.appendChild(table(["التاريخ", "CAMEO", "الهدف", "النص"], evRows(a.as_source || [], "target")));
    main.appendChild(el("h2", {}, "أحداث هو هدفها"));
    main.appendChild(table(["التاريخ", "CAMEO", "الفاعل", "النص"], evRows(a.as_target || [], "source")));
  }

  /* ------------------------------------------------------------ events */

  async function pageEvents(params) {
    const a = await api("/api/events" + query(params));
    clear(main);
    main.appendChild(el("h1", {}, "الأحداث"));
    main.appendChild(table(["التاريخ", "الفاعل", "CAMEO", "الهدف", "المنبر", "السياق"], a.items.map((e) => [
      e.date || "", actorLink(e.source), e.cameo || "", actorLink(e.target), outletName(e.outlet),
      link("#/article/" + e.doc + "?hl=" + e.start + "-" + e.end, e.context || e.text || "…")])));
    main.appendChild(pager(a, (off) => { location.hash = "#/events" + query(Object.assign({}, params, { offset: off })); }));
  }

  /* ----------------------------------------------------------- outlets */

  async function pageOutlets(params) {
    const a = await api("/api/outlets" + query(params));
    clear(main);
    main.appendChild(el("h1", {}, "المنابر وأوصافها"));
    for (const o of a.items) {
      main.appendChild(el("section", { class: "card" },
        el("h3", {}, outletName(o.outlet), el("span", { class: "muted" }, " · " + o.articles + " مقالة · " + (o.first || "") + " – " + (o.last || ""))),
        o.labels.length ? el("div", {}, o.labels.slice(0, 30).map((l) => el("span", {}, actorLink(l.actor, l.name), ": ", labelChip(l))))
          : el("p", { class: "muted" }, "لا أوصاف.")));
    }
    main.appendChild(pager(a, (off) => { location.hash = "#/outlets" + query(Object.assign({}, params, { offset: off })); }));
  }

  /* -------------------------------------------------------------- home */

  async function pageHome() {
    const h = await api("/api/health");
    clear(main);
    main.appendChild(el("h1", {}, "رصد"));
    main.appendChild(el("p", {}, h.documents + " مقالة · " + h.stories + " قصة · " + h.duplicates + " نسخة مكررة"));
    await pageStoriesInto();
  }

  async function pageStoriesInto() {
    const a = await api("/api/stories?limit=10");
    main.appendChild(el("h2", {}, "أكبر القصص"));
    main.appendChild(el("ul", {}, a.items.map((s) => el("li", {}, link("#/story/" + s.id, s.title || "#" + s.id),
      el("span", { class: "muted" }, " · " + s.articles + " مقالات · " + s.outlets.map(outletName).join("، "))))));
  }

  /* ------------------------------------------------------------ router */

  async function route() {
    const hash = location.hash.replace(/^#/, "") || "/";
    const [path, qs] = hash.split("?");
    const params = Object.fromEntries(new URLSearchParams(qs || ""));
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    main.setAttribute("aria-busy", "true");
    try {
      if (!parts.length) await pageHome();
      else if (parts[0] === "search") await pageSearch(params);
      else if (parts[0] === "stories") await pageStories(params);
      else if (parts[0] === "story" && parts[1]) await pageStory(parts[1]);
      else if (parts[0] === "article" && parts[1]) await pageArticle(parts[1], params);
      else if (parts[0] === "actors") await pageActors(params);
      else if (parts[0] === "actor" && parts[1]) await pageActor(parts[1]);
      else if (parts[0] === "events") await pageEvents(params);
      else if (parts[0] === "outlets") await pageOutlets(params);
      else throw new Error("لا توجد صفحة بهذا العنوان");
    } catch (e) {
      showError(e);
    }
    main.setAttribute("aria-busy", "false");
    document.body.dataset.ready = location.hash;
  }

  document.getElementById("search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = "#/search" + query({ q: document.getElementById("q").value.trim() });
  });
  window.addEventListener("hashchange", route);
  route();
})();
