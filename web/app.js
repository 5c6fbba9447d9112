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

  /* Names instead of ids: the knowledge base's Arabic and English names
   * (GET /api/names), asked once per page for the ids it shows and kept. */
  const names = { actors: new Map(), places: new Map(), cameo: new Map() };
  async function resolveNames(want) {
    const ask = {};
    for (const kind of ["actors", "places", "cameo"]) {
      const missing = [...new Set((want[kind] || []).filter((x) => x && !names[kind].has(x) && !String(x).includes(",")))];
      if (missing.length) ask[kind] = missing.slice(0, 200).join(",");
    }
    if (!Object.keys(ask).length) return;
    try {
      const a = await api("/api/names" + query(ask));
      for (const kind of ["actors", "places", "cameo"]) for (const k in a[kind] || {}) names[kind].set(k, a[kind][k]);
    } catch (e) { /* names are a courtesy: ids are still shown */ }
  }
  /* An id's Arabic name: the knowledge base's, else the one the store gave,
   * else a person id's own words (person:داود_اوغلو -> داود اوغلو). */
  function actorName(id, fallback) {
    const n = id && names.actors.get(id);
    if (n && n.ar) return n.ar;
    if (fallback) return fallback;
    if (id && /^(person|phrase):/.test(id)) return id.slice(id.indexOf(":") + 1).replace(/_/g, " ");
    return id || "؟";
  }
  function actorTitle(id) {
    const n = id && names.actors.get(id);
    return n && n.en ? n.en + " (" + id + ")" : id;
  }
  /* A target that is not an id (free text such as "residents, locals")
   * is shown as it is, not linked. */
  function actorLink(id, name) {
    if (!id) return el("span", { class: "muted" }, name || "؟");
    if (/[ ,]/.test(id) && !id.startsWith("person:")) return el("span", { class: "muted", dir: "auto" }, id);
    /* an unnamed participant (agent:civilians, country:TUR, phrase:…) has no page of its own */
    if (/^(agent|country|phrase):/.test(id)) return el("span", { class: "participant", title: actorTitle(id), dataset: { participant: id } }, actorName(id, name));
    return link("#/actor/" + encodeURIComponent(id), actorName(id, name), { title: actorTitle(id), dataset: { actor: id } });
  }
  /* the knowledge base's actor types (data/kb/actors.tsv) in Arabic */
  const TYPES = { state: "دولة", person: "شخص", armed_group: "جماعة مسلحة", media: "وسيلة إعلام", agency: "هيئة",
    government: "حكومة", military: "جيش", igo: "منظمة دولية", party: "حزب", tribe: "عشيرة", ngo: "منظمة غير حكومية",
    company: "شركة", organization: "منظمة", org: "منظمة", location: "مكان" };
  function typeName(t) { return t ? el("span", { title: t }, TYPES[t] || t) : ""; }
  function placeName(id, fallback) {
    const n = id && names.places.get(id);
    return n && n.ar ? n.ar : fallback || id || "";
  }
  function placeSpan(id, fallback) {
    if (!id) return "";
    const n = names.places.get(id);
    return el("span", { title: n && n.en ? n.en + " (" + id + ")" : id, dataset: { place: id } }, placeName(id, fallback));
  }

  /* CAMEO in Arabic: the twenty roots and the codes news reports most;
   * a code without its own row takes its parent's or its root's label.
   * The English label (from the codebook, src/knowledge/cameo.c) is on hover. */
  const CAMEO_AR = {
    "01": "بيان علني", "02": "مناشدة", "03": "إعلان نية التعاون", "04": "تشاور", "05": "تعاون دبلوماسي",
    "06": "تعاون مادي", "07": "تقديم مساعدة", "08": "تنازل", "09": "تحقيق", "10": "مطالبة",
    "11": "رفض أو انتقاد", "12": "رفض", "13": "تهديد", "14": "احتجاج", "15": "استعراض قوة",
    "16": "خفض العلاقات", "17": "إكراه", "18": "اعتداء", "19": "قتال", "20": "عنف جماعي واسع",
    "010": "بيان", "011": "رفض التعليق", "012": "تصريح متشائم", "013": "تصريح متفائل", "014": "دراسة خيارات",
    "015": "إقرار بالمسؤولية", "016": "نفي المسؤولية", "017": "تصرّف رمزي", "018": "تعزية أو تهنئة", "019": "إبداء موقف",
    "020": "مناشدة", "0231": "مناشدة لمساعدة اقتصادية", "0233": "مناشدة لمساعدة إنسانية", "024": "مناشدة لتغيير سياسي",
    "025": "مناشدة لتقديم تنازلات", "026": "دعوة للقاء أو التفاوض", "027": "مناشدة لحل نزاع", "028": "دعوة للوساطة",
    "030": "إعلان نية التعاون", "036": "إعلان الاستعداد للقاء أو التفاوض", "040": "تشاور", "041": "مناقشة هاتفية",
    "042": "زيارة", "043": "استقبال زائر", "044": "لقاء في مكان ثالث", "045": "وساطة", "046": "تفاوض",
    "050": "تعاون دبلوماسي", "051": "ثناء أو تأييد", "057": "توقيع اتفاق", "061": "تعاون اقتصادي", "062": "تعاون عسكري",
    "070": "تقديم مساعدة", "073": "تقديم مساعدة إنسانية", "075": "منح لجوء", "080": "تنازل", "0841": "إطلاق سراح",
    "086": "السماح بدخول المساعدات", "087": "تهدئة أو خفض التصعيد", "0871": "وقف إطلاق النار", "090": "تحقيق",
    "100": "مطالبة", "110": "رفض أو انتقاد", "111": "انتقاد أو تنديد", "112": "اتهام", "1121": "اتهام بجريمة",
    "120": "رفض", "130": "تهديد", "138": "تهديد باستخدام القوة", "140": "احتجاج", "141": "تظاهر",
    "150": "استعراض قوة", "160": "خفض العلاقات", "170": "إكراه", "172": "فرض قيود إدارية", "173": "اعتقال",
    "1711": "مصادرة ممتلكات", "1712": "تدمير ممتلكات", "175": "قمع", "180": "اعتداء", "181": "خطف أو احتجاز رهائن",
    "182": "اعتداء جسدي", "183": "تفجير", "1831": "تفجير انتحاري", "1832": "تفجير سيارة مفخخة", "184": "استخدام دروع بشرية",
    "186": "اغتيال", "190": "استخدام القوة العسكرية", "191": "فرض حصار", "192": "احتلال أرض", "193": "قتال بأسلحة خفيفة",
    "194": "قتال بالمدفعية والدبابات", "195": "غارة جوية", "1951": "غارة بطائرة مسيّرة", "196": "خرق وقف إطلاق النار",
    "200": "عنف جماعي", "201": "طرد جماعي", "202": "قتل جماعي",
  };
  function cameoAr(code) {
    if (!code) return "";
    for (let n = code.length; n >= 2; n--) if (CAMEO_AR[code.slice(0, n)]) return CAMEO_AR[code.slice(0, n)];
    return "";
  }
  function cameoChip(code) {
    if (!code) return el("span", { class: "muted" }, "—");
    const en = names.cameo.get(code);
    return el("span", { class: "cameo", title: (en && en.en ? en.en + " · " : "") + "CAMEO " + code, dataset: { cameo: code } },
      cameoAr(code) || code, el("span", { class: "code" }, " " + code));
  }
  function eventNames(list) {
    return { actors: list.flatMap((e) => [e.source, e.target]), places: list.map((e) => e.place), cameo: list.map((e) => e.cameo) };
  }
  function outletName(o) { return o ? o : "منبر غير معروف"; }

  function showError(e) {
    clear(main);
    main.appendChild(el("p", { class: "error", role: "alert" }, "خطأ: ", e.message));
  }

  /* in a box of its own that scrolls sideways, so a wide table never
   * widens the page; on a phone each row becomes a card whose cells carry
   * their column's name (data-label, app.css) */
  function table(headers, rows) {
    return el("div", { class: "table-box" }, el("table", {}, el("thead", {}, el("tr", {}, headers.map((h) => el("th", {}, h)))),
      el("tbody", {}, rows.map((r) => el("tr", {}, r.map((c, i) => el("td", { dataset: { label: headers[i] } }, c)))))));
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
    await resolveNames({ actors: s.labels.map((l) => l.actor).concat(s.quotes.map((g) => g.speaker)).concat(eventNames(s.events).actors),
      cameo: s.events.map((e) => e.cameo), places: s.places.map((p) => p.id) });
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
    /* every outlet of the story is a column: one that puts no label on an actor shows so */
    const outlets = [...new Set(s.outlets.map((o) => o.outlet).concat(s.labels.map((l) => l.outlet)))];
    const actors = [...new Set(s.labels.map((l) => l.actor))];
    /* each outlet's labels side by side, per article of that outlet in the
     * story, so an outlet with many articles does not look the harshest */
    const perOutlet = new Map(s.outlets.map((o) => [o.outlet, o.articles.length]));
    main.appendChild(el("h2", {}, "كيف يصف كل منبر الفاعلين"));
    if (!actors.length) main.appendChild(el("p", { class: "muted" }, "لا أوصاف."));
    else main.appendChild(el("div", { id: "labels" }, table(["الفاعل"].concat(outlets.map((o) => outletName(o) + " (" + (perOutlet.get(o) || 0) + " مقالة)")), actors.map((a) => {
      const name = (s.labels.find((l) => l.actor === a) || {}).name;
      return [actorLink(a, name)].concat(outlets.map((o) => el("div", {}, s.labels.filter((l) => l.actor === a && l.outlet === o)
        .map((l) => {
          const n = perOutlet.get(o) || 1;
          const chip = labelChip(l, { dataset: { actor: a, outlet: o, perArticle: (l.count / n).toFixed(2) } });
          chip.appendChild(el("span", { class: "rate", title: "لكل مقالة من هذا المنبر في القصة" }, " " + (l.count / n).toFixed(1) + "/مقالة"));
          return chip;
        }))));
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
      main.appendChild(table(["التاريخ", "الفاعل", "الحدث", "الهدف", "السياق"], s.events.map((e) => [
        e.date || "", actorLink(e.source), cameoChip(e.cameo), actorLink(e.target),
        link("#/article/" + e.doc + "?hl=" + e.start + "-" + e.end, e.context || e.text || "…")])));
    }

    main.appendChild(el("h2", {}, "الأماكن"));
    const mapBox = el("div", { id: "map" });
    main.appendChild(mapBox);
    main.appendChild(el("p", { class: "muted" }, s.places.map((p) => placeName(p.id, p.name) + " (" + p.mentions + ")").join("، ")));
    await window.rasdMap.draw(mapBox, s.places);
  }

  /* ----------------------------------------------------------- article */

  /* Every annotation of an article as {kind, start, end, label, record}. */
  function annotations(a) {
    const out = [];
    const add = (kind, s, e, label, record) => { if (Number.isInteger(s) && Number.isInteger(e) && e > s) out.push({ kind, start: s, end: e, label, record }); };
    for (const x of a.entities) for (const [s, e] of x.mentions || []) add("entity", s, e, x.name || x.id, x);
    for (const x of a.places) for (const [s, e] of x.mentions || []) add("place", s, e, x.name || x.id, x);
    for (const x of a.quotes) add("quote", x.start, x.end, (x.speaker ? actorName(x.speaker, x.speaker_text) : x.speaker_text || "؟") + ": " + (x.text || ""), x);
    for (const x of a.events) add("event", x.start, x.end, (cameoAr(x.cameo) || x.cameo || "") + ": " + actorName(x.source) + " ← " + actorName(x.target), x);
    for (const x of a.numbers) add("number", x.start, x.end, x.text + (x.unit ? " (" + x.unit + ")" : ""), x);
    for (const x of a.dates) add("date", x.start, x.end, x.text + (x.value ? " = " + x.value : ""), x);
    for (const x of a.framing) add("framing", x.start, x.end, (x.actor ? actorName(x.actor) : "") + ": " + (LABELS[x.label] || x.label || x.term), x);
    return out;
  }

  async function pageArticle(id, params) {
    const a = await api("/api/article/" + encodeURIComponent(id));
    await resolveNames({ actors: a.entities.map((x) => x.id).concat(eventNames(a.events).actors, a.quotes.map((x) => x.speaker), a.framing.map((x) => x.actor)),
      cameo: a.events.map((x) => x.cameo) });
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
    await resolveNames({ actors: a.items.map((x) => x.id).concat(a.items.filter((x) => x.country).map((x) => x.country.toLowerCase())) });
    clear(main);
    main.appendChild(el("h1", {}, "الفاعلون الأكثر ذكراً"));
    main.appendChild(table(["الفاعل", "النوع", "البلد", "الإشارات", "المقالات"], a.items.map((x) => [
      actorLink(x.id, x.name), typeName(x.type), x.country ? el("span", { title: x.country }, actorName(x.country.toLowerCase(), x.country)) : "", String(x.mentions), String(x.articles)])));
    main.appendChild(pager(a, (off) => { location.hash = "#/actors" + query(Object.assign({}, params, { offset: off })); }));
  }

  async function pageActor(id) {
    const a = await api("/api/actor/" + encodeURIComponent(id));
    await resolveNames({ actors: (a.as_source || []).concat(a.as_target || []).flatMap((e) => [e.source, e.target]).concat(a.kb && a.kb.country ? [a.kb.country.toLowerCase()] : []),
      cameo: (a.as_source || []).concat(a.as_target || []).map((e) => e.cameo) });
    clear(main);
    const kb = a.kb || {};
    main.appendChild(el("h1", {}, kb.name_ar || a.name || a.id, kb.name_en ? el("span", { class: "muted", dir: "ltr" }, " — " + kb.name_en) : null));
    const country = kb.country ? names.actors.get(kb.country.toLowerCase()) : null;
    main.appendChild(el("p", { class: "muted" }, el("span", { dir: "ltr" }, a.id), " · ", typeName(kb.type || a.type),
      kb.country ? [" · ", el("span", { title: kb.country }, country && country.ar ? country.ar : kb.country)] : "",
      " · " + a.mentions + " إشارة في " + a.articles + " مقالة · " + a.quotes + " تصريح"));
    main.appendChild(el("h2", {}, "الأسماء كما وردت"));
    main.appendChild(el("p", {}, (a.names_seen || []).map((n) => el("span", { class: "chip" }, n.text, " ×" + n.count))));
    if ((kb.aliases || []).length || (kb.loaded_names || []).length) {
      main.appendChild(el("h2", {}, "أسماؤه في قاعدة المعرفة"));
      main.appendChild(el("p", {}, (kb.aliases || []).map((n) => el("span", { class: "chip", dir: "auto" }, n))));
      if ((kb.loaded_names || []).length)
        main.appendChild(el("p", {}, (kb.loaded_names || []).map((n) => el("span", { class: "chip loaded", title: n.label }, n.name, " (" + (LABELS[n.label] || n.label) + ")"))));
    }
    main.appendChild(el("h2", {}, "الإشارات عبر الزمن"));
    main.appendChild(await timelineBox({ actor: id }, false));
    main.appendChild(el("h2", {}, "الأوصاف حسب المنبر"));
    main.appendChild(table(["المنبر", "الوصف", "العدد"], (a.labels || []).map((l) => [outletName(l.outlet), labelChip(Object.assign({}, l, { count: 1 })), String(l.count)])));
    const evRows = (list, other) => list.map((e) => [e.date || "", cameoChip(e.cameo), actorLink(e[other]), link("#/article/" + e.doc + "?hl=" + e.start + "-" + e.end, e.context || e.text || "…")]);
    main.appendChild(el("h2", {}, "أحداث هو فاعلها"));
    main.appendChild(table(["التاريخ", "الحدث", "الهدف", "النص"], evRows(a.as_source || [], "target")));
    main.appendChild(el("h2", {}, "أحداث هو هدفها"));
    main.appendChild(table(["التاريخ", "الحدث", "الفاعل", "النص"], evRows(a.as_target || [], "source")));
  }

  /* ------------------------------------------------------------ events */

  /* A filter form whose fields are the page's parameters; submitting it
   * changes the hash (so a filtered page can be bookmarked). */
  function filterForm(page, params, fields) {
    const form = el("form", { class: "filters", id: page + "-filters" }, fields.map((f) => el("label", {}, f.label,
      f.options ? el("select", { name: f.name }, el("option", { value: "" }, "الكل"),
        f.options.map((o) => el("option", { value: o.value, selected: params[f.name] === o.value }, o.text)))
        : el("input", { name: f.name, type: f.type || "text", value: params[f.name] || "", placeholder: f.placeholder || "", dir: f.dir || "auto" }))),
      el("button", { type: "submit" }, "تصفية"),
      link("#/" + page, "مسح", { class: "chip" }));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const v = {};
      for (const f of fields) v[f.name] = form.elements[f.name].value.trim();
      location.hash = "#/" + page + query(v);
    });
    return form;
  }

  async function outletOptions() {
    try {
      const o = await api("/api/outlets?limit=100");
      return o.items.filter((x) => x.outlet).map((x) => ({ value: x.outlet, text: x.outlet }));
    } catch (e) { return []; }
  }

  function downloads(formats, params) {
    return el("p", { class: "downloads" }, "تنزيل الجدول كاملاً بهذه المرشحات: ", formats.map((f) =>
      el("a", { class: "button", href: "/api/export" + query(Object.assign({}, params, { format: f, limit: "", offset: "" })), download: "", dataset: { format: f } }, f)));
  }

  async function pageEvents(params) {
    const [a, outlets] = await Promise.all([api("/api/events" + query(params)), outletOptions()]);
    await resolveNames(Object.assign(eventNames(a.items), { actors: eventNames(a.items).actors.concat([params.actor, params.target]), places: a.items.map((e) => e.place).concat([params.place]) }));
    clear(main);
    main.appendChild(el("h1", {}, "الأحداث"));
    const roots = Object.keys(CAMEO_AR).filter((k) => k.length === 2).map((k) => ({ value: k, text: k + " " + CAMEO_AR[k] }));
    main.appendChild(filterForm("events", params, [
      { name: "since", label: "من", type: "date" }, { name: "until", label: "إلى", type: "date" },
      { name: "actor", label: "الفاعل", placeholder: "sdf" }, { name: "target", label: "الهدف", placeholder: "usa" },
      { name: "cameo", label: "نوع الحدث", options: params.cameo && !roots.some((r) => r.value === params.cameo) ? roots.concat([{ value: params.cameo, text: params.cameo + " " + cameoAr(params.cameo) }]) : roots },
      { name: "outlet", label: "المنبر", options: outlets }, { name: "place", label: "المكان", placeholder: "gn:170794", dir: "ltr" }]));
    const filters = { since: params.since, until: params.until, actor: params.actor, target: params.target, cameo: params.cameo, outlet: params.outlet, place: params.place };
    main.appendChild(downloads(["events-csv", "events-jsonl"], filters));
    main.appendChild(el("p", { class: "muted", id: "events-total" }, a.total + " حدث"));
    main.appendChild(el("div", { id: "events-table" }, table(["التاريخ", "الفاعل", "الحدث", "الهدف", "المكان", "المنبر", "السياق"], a.items.map((e) => [
      e.date || "", actorLink(e.source), cameoChip(e.cameo), actorLink(e.target),
      e.place ? link("#/events" + query(Object.assign({}, filters, { place: e.place })), placeName(e.place), { title: e.place, dataset: { place: e.place } }) : "",
      outletName(e.outlet),
      link("#/article/" + e.doc + "?hl=" + e.start + "-" + e.end, e.context || e.text || "…")]))));
    main.appendChild(pager(a, (off) => { location.hash = "#/events" + query(Object.assign({}, params, { offset: off })); }));
    await eventMap(filters);
  }

  /* Where the filtered events happened, over the whole store: a place's
   * mark sized by its events, near places clustered until zoomed in; the
   * events placed only in a country are listed, not put on a point. */
  async function eventMap(filters) {
    const f = Object.assign({}, filters, { place: "", limit: 300 });
    let ep;
    try { ep = await api("/api/event-places" + query(f)); } catch (e) { return; }
    await resolveNames({ places: ep.items.map((x) => x.place) });
    const located = [], countries = [];
    for (const x of ep.items) {
      const n = names.places.get(x.place);
      if (n && typeof n.lat === "number") located.push({ id: x.place, name: n.ar || x.place, lat: n.lat, lon: n.lon, mentions: x.count });
      else countries.push(placeName(x.place) + " (" + x.count + ")");
    }
    main.appendChild(el("h2", {}, "أين وقعت الأحداث"));
    const box = el("div", { id: "event-map" });
    main.appendChild(box);
    main.appendChild(el("p", { class: "muted" }, ep.total > ep.items.length ? "أكثر " + ep.items.length + " مكاناً من " + ep.total + ". " : "",
      countries.length ? "على مستوى البلد فقط: " + countries.join("، ") : ""));
    await window.rasdMap.draw(box, located, { cluster: true });
  }

  /* ------------------------------------------------------------ quotes */

  async function pageQuotes(params) {
    const [a, outlets] = await Promise.all([api("/api/quotes" + query(params)), outletOptions()]);
    await resolveNames({ actors: a.items.map((q) => q.speaker).concat([params.speaker]) });
    clear(main);
    main.appendChild(el("h1", {}, "التصريحات"));
    main.appendChild(filterForm("quotes", params, [
      { name: "since", label: "من", type: "date" }, { name: "until", label: "إلى", type: "date" },
      { name: "speaker", label: "المتحدث", placeholder: "person:…" }, { name: "outlet", label: "المنبر", options: outlets }]));
    main.appendChild(downloads(["quotes-csv"], { since: params.since, until: params.until, speaker: params.speaker, outlet: params.outlet }));
    main.appendChild(el("p", { class: "muted", id: "quotes-total" }, a.total + " تصريح"));
    main.appendChild(el("div", { id: "quotes-list" }, a.items.map((q) => el("blockquote", { class: "quote-card", dataset: { doc: q.doc } },
      el("div", { class: "speaker-name" }, q.speaker ? actorLink(q.speaker, q.speaker_text) : el("span", {}, q.speaker_text || "متحدث غير معروف"),
        q.verb ? el("span", { class: "muted" }, " · " + q.verb) : null, q.direct ? el("span", { class: "muted" }, " · مباشر") : null),
      el("p", {}, link("#/article/" + q.doc + "?hl=" + q.start + "-" + q.end, "«" + (q.text || "…") + "»", { class: "quote-link" })),
      el("div", { class: "muted" }, outletName(q.outlet), " · ", q.published || "", " · ", link("#/article/" + q.doc, q.title || "المقالة"))))));
    main.appendChild(pager(a, (off) => { location.hash = "#/quotes" + query(Object.assign({}, params, { offset: off })); }));
  }

  /* ---------------------------------------------------------- timeline */

  const DAY = 86400000;
  /* "2023-09-04" -> ms (UTC); a partial date ("2019-03") is not a day and is left out */
  function dayMs(d) { return /^\d{4}-\d{2}-\d{2}$/.test(d || "") ? Date.parse(d + "T00:00:00Z") : NaN; }
  function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }
  /* the Monday of ms's week */
  function weekOf(ms) { const wd = (new Date(ms).getUTCDay() + 6) % 7; return ms - wd * DAY; }

  /* [{date, value}] summed into bins of a day or a week: Map ms -> value */
  function bin(rows, by, value) {
    const out = new Map();
    for (const r of rows) {
      const t = dayMs(r.date);
      if (isNaN(t)) continue;
      const k = by === "week" ? weekOf(t) : t;
      out.set(k, (out.get(k) || 0) + (value(r) || 0));
    }
    return out;
  }

  /* Ticks of a time scale: the first step from a day to ten years that
   * gives at most `most`, on round dates (month starts, year starts). */
  function timeTicks(t0, t1, most) {
    const steps = [[1, "d"], [2, "d"], [7, "d"], [14, "d"], [1, "m"], [2, "m"], [3, "m"], [6, "m"], [1, "y"], [2, "y"], [5, "y"], [10, "y"]];
    for (const [n, u] of steps) {
      const ticks = [];
      let d = new Date(t0);
      if (u === "d") d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
      else if (u === "m") d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % n), 1));
      else d = new Date(Date.UTC(d.getUTCFullYear() - (d.getUTCFullYear() % n), 0, 1));
      while (d.getTime() <= t1 && ticks.length < 40) {
        if (d.getTime() >= t0) ticks.push(d.getTime());
        if (u === "d") d = new Date(d.getTime() + n * DAY);
        else if (u === "m") d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
        else d = new Date(Date.UTC(d.getUTCFullYear() + n, 0, 1));
      }
      if (ticks.length <= most) return { ticks, fmt: (ms) => u === "d" ? isoDay(ms) : u === "m" ? isoDay(ms).slice(0, 7) : isoDay(ms).slice(0, 4) };
    }
    return { ticks: [t0, t1], fmt: isoDay };
  }

  /* 0..max in about four round steps */
  function valueTicks(max) {
    const raw = Math.max(1, max) / 4, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * mag).find((x) => x >= raw);
    const out = [];
    for (let v = 0; v <= max + step * 0.001 || out.length < 2; v += step) out.push(v);
    return out;
  }

  /* Counts over time on a real date axis: a date's distance from another is
   * proportional to the time between them. bars: events per bin; line:
   * mentions (or articles) per bin. Drawn left to right, as dates are read. */
  function timeChart(series, by) {
    const SVG = "http://www.w3.org/2000/svg";
    const mk = (name, attrs, text) => {
      const e = document.createElementNS(SVG, name);
      for (const k in attrs) e.setAttribute(k, String(attrs[k]));
      if (text !== undefined) e.textContent = text;
      return e;
    };
    /* drawn at the width it will have (a phone's text stays legible) */
    const w = Math.max(300, Math.min(760, (main.clientWidth || 760) - 4)), h = 240, L = 44, R = 14, T = 12, B = 34;
    const svg = mk("svg", { viewBox: "0 0 " + w + " " + h, class: "chart", role: "img", dir: "ltr" });
    const keys = series.flatMap((s) => [...s.values.keys()]);
    if (!keys.length) { svg.appendChild(mk("text", { x: w / 2, y: h / 2, "text-anchor": "middle", class: "empty" }, "لا بيانات مؤرخة")); return svg; }
    const span = by === "week" ? 7 * DAY : DAY;
    const t0 = Math.min(...keys), t1 = Math.max(...keys) + span;
    const max = Math.max(1, ...series.flatMap((s) => [...s.values.values()]));
    const yt = valueTicks(max), ymax = yt[yt.length - 1];
    const x = (t) => L + (w - L - R) * (t - t0) / Math.max(DAY, t1 - t0);
    const y = (v) => h - B - (h - B - T) * v / ymax;
    svg.setAttribute("aria-label", "الأعداد عبر الزمن");
    const axes = mk("g", { class: "axis" });
    for (const v of yt) {
      axes.appendChild(mk("line", { x1: L, x2: w - R, y1: y(v), y2: y(v), class: v ? "grid" : "base" }));
      axes.appendChild(mk("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end", class: "ytick" }, String(Math.round(v * 100) / 100)));
    }
    const tt = timeTicks(t0, t1, Math.max(2, Math.floor((w - L - R) / 75)));
    for (const t of tt.ticks) {
      axes.appendChild(mk("line", { x1: x(t), x2: x(t), y1: h - B, y2: h - B + 5, class: "base" }));
      axes.appendChild(mk("text", { x: x(t), y: h - B + 18, "text-anchor": "middle", class: "xtick" }, tt.fmt(t)));
    }
    svg.appendChild(axes);
    const bw = Math.max(2, x(t0 + span) - x(t0) - 1);
    for (const s of series) {
      const pts = [...s.values.entries()].sort((a, b) => a[0] - b[0]);
      const g = mk("g", { class: "series " + s.cls });
      if (s.kind === "bars") {
        for (const [t, v] of pts) {
          const r = mk("rect", { x: x(t).toFixed(1), y: y(v).toFixed(1), width: bw.toFixed(1), height: (y(0) - y(v)).toFixed(1) });
          r.dataset.date = isoDay(t);
          r.appendChild(mk("title", {}, s.name + " · " + isoDay(t) + ": " + v));
          g.appendChild(r);
        }
      } else {
        g.appendChild(mk("polyline", { points: pts.map(([t, v]) => (x(t) + bw / 2).toFixed(1) + "," + y(v).toFixed(1)).join(" ") }));
        for (const [t, v] of pts) {
          const c = mk("circle", { cx: (x(t) + bw / 2).toFixed(1), cy: y(v).toFixed(1), r: 3 });
          c.appendChild(mk("title", {}, s.name + " · " + isoDay(t) + ": " + v));
          g.appendChild(c);
        }
      }
      svg.appendChild(g);
    }
    return svg;
  }

  /* A chart of /api/timeline with its legend; selectable: a form to choose
   * the actor, event root, outlet and bin (day or week) in place. */
  async function timelineBox(fixed, selectable) {
    const box = el("div", { class: "timeline-box", id: "timeline" });
    const holder = el("div", { class: "chart-holder" });
    const state = Object.assign({ by: "day" }, fixed);
    async function draw() {
      const p = { actor: state.actor, cameo: state.cameo, outlet: state.outlet };
      let t;
      try { t = await api("/api/timeline" + query(p)); } catch (e) { clear(holder); holder.appendChild(el("p", { class: "error" }, e.message)); return; }
      const line = state.actor ? { name: "إشارات", cls: "mentions", values: bin(t.articles, state.by, (r) => r.mentions) }
        : { name: "مقالات", cls: "articles", values: bin(t.articles, state.by, (r) => r.count) };
      const series = [{ name: "أحداث", cls: "events", kind: "bars", values: bin(t.events, state.by, (r) => r.count) }, line];
      const undated = t.events.filter((r) => isNaN(dayMs(r.date))).reduce((n, r) => n + r.count, 0);
      clear(holder);
      holder.appendChild(timeChart(series, state.by));
      holder.appendChild(el("p", { class: "legend chart-legend" },
        el("span", { class: "key events" }, "أحداث"), el("span", { class: "key " + line.cls }, line.name),
        el("span", { class: "muted" }, state.by === "week" ? " · لكل أسبوع" : " · لكل يوم"),
        undated ? el("span", { class: "muted" }, " · " + undated + " حدث بتاريخ غير كامل لا يظهر") : null));
    }
    if (selectable) {
      const outlets = await outletOptions();
      const roots = Object.keys(CAMEO_AR).filter((k) => k.length === 2);
      const form = el("form", { class: "filters" },
        el("label", {}, "الفاعل", el("input", { name: "actor", placeholder: "sdf", dir: "ltr", value: state.actor || "" })),
        el("label", {}, "نوع الحدث", el("select", { name: "cameo" }, el("option", { value: "" }, "الكل"), roots.map((r) => el("option", { value: r }, r + " " + CAMEO_AR[r])))),
        el("label", {}, "المنبر", el("select", { name: "outlet" }, el("option", { value: "" }, "الكل"), outlets.map((o) => el("option", { value: o.value }, o.text)))),
        el("label", {}, "الفترة", el("select", { name: "by" }, el("option", { value: "day" }, "يوم"), el("option", { value: "week" }, "أسبوع"))),
        el("button", { type: "submit" }, "عرض"));
      const apply = async (ev) => {
        if (ev) ev.preventDefault();
        for (const k of ["actor", "cameo", "outlet", "by"]) state[k] = form.elements[k].value.trim();
        await draw();
      };
      form.addEventListener("submit", apply);
      form.addEventListener("change", (ev) => { if (ev.target.tagName === "SELECT") apply(); });
      box.appendChild(form);
    } else {
      const sel = el("select", { name: "by", "aria-label": "الفترة" }, el("option", { value: "day" }, "لكل يوم"), el("option", { value: "week" }, "لكل أسبوع"));
      sel.addEventListener("change", () => { state.by = sel.value; draw(); });
      box.appendChild(sel);
    }
    box.appendChild(holder);
    await draw();
    return box;
  }

  /* ----------------------------------------------------------- outlets */

  async function pageOutlets(params) {
    const a = await api("/api/outlets" + query(params));
    await resolveNames({ actors: a.items.flatMap((o) => o.labels.slice(0, 30).map((l) => l.actor)) });
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
    main.appendChild(el("h2", {}, "الأحداث والمقالات عبر الزمن"));
    main.appendChild(await timelineBox({}, true));
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
      else if (parts[0] === "quotes") await pageQuotes(params);
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
