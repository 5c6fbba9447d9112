/*
 * map.js: places on an offline map. Country outlines come from
 * world-atlas (TopoJSON, embedded in the binary) drawn with d3-geo and
 * topojson-client; nothing is fetched from outside this server. Every
 * element is built with the DOM API and every name set as text.
 */
"use strict";

window.rasdMap = (function () {
  const SVG = "http://www.w3.org/2000/svg";
  let countries = null; /* a promise of the GeoJSON, fetched once */

  function land() {
    if (!countries) {
      countries = fetch("/static/countries-50m.json")
        .then((r) => { if (!r.ok) throw new Error("countries: HTTP " + r.status); return r.json(); })
        .then((topo) => topojson.feature(topo, topo.objects.countries));
    }
    return countries;
  }

  function svgEl(name, attrs) {
    const e = document.createElementNS(SVG, name);
    for (const k in attrs) e.setAttribute(k, String(attrs[k]));
    return e;
  }

  /* Zoom by buttons (and the wheel), pan by dragging: the viewBox moves,
   * so the drawing stays sharp; circles and labels keep their size on
   * screen through a counter-scale of their stroke and font. */
  function zoomable(svg, container, width, height, onZoom) {
    let view = { x: 0, y: 0, w: width, h: height };
    const set = () => {
      svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map((v) => v.toFixed(1)).join(" "));
      const k = view.w / width;
      svg.style.setProperty("--k", k.toFixed(3));
      svg.dataset.zoom = (1 / k).toFixed(2);
      onZoom(k);
    };
    const zoom = (f, cx, cy) => {
      const w = Math.min(width, Math.max(width / 16, view.w / f)), h = w * height / width;
      cx = cx === undefined ? view.x + view.w / 2 : cx;
      cy = cy === undefined ? view.y + view.h / 2 : cy;
      view = { x: Math.min(width - w, Math.max(0, cx - (cx - view.x) * w / view.w)), y: Math.min(height - h, Math.max(0, cy - (cy - view.y) * h / view.h)), w: w, h: h };
      set();
    };
    const bar = document.createElement("div");
    bar.className = "map-zoom";
    for (const [text, f, label] of [["+", 2, "تكبير"], ["−", 0.5, "تصغير"], ["⟲", 0, "الخريطة كاملة"]]) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = text;
      b.setAttribute("aria-label", label);
      b.dataset.zoom = String(f);
      b.addEventListener("click", () => { if (f) zoom(f); else { view = { x: 0, y: 0, w: width, h: height }; set(); } });
      bar.appendChild(b);
    }
    container.insertBefore(bar, svg);
    svg.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const r = svg.getBoundingClientRect();
      zoom(ev.deltaY < 0 ? 1.25 : 0.8, view.x + (ev.clientX - r.left) / r.width * view.w, view.y + (ev.clientY - r.top) / r.height * view.h);
    }, { passive: false });
    let drag = null;
    svg.addEventListener("pointerdown", (ev) => { drag = { x: ev.clientX, y: ev.clientY, v: Object.assign({}, view) }; });
    svg.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      const r = svg.getBoundingClientRect();
      view.x = Math.min(width - view.w, Math.max(0, drag.v.x - (ev.clientX - drag.x) / r.width * view.w));
      view.y = Math.min(height - view.h, Math.max(0, drag.v.y - (ev.clientY - drag.y) / r.height * view.h));
      set();
    });
    for (const e of ["pointerup", "pointerleave"]) svg.addEventListener(e, () => { drag = null; });
    set();
  }

  /* Draws places ([{id, name, lat, lon, mentions}]) into container. The
   * view fits the places (at least the region around Syria). */
  async function draw(container, places, opts) {
    opts = opts || {};
    const located = places.filter((p) => typeof p.lat === "number" && typeof p.lon === "number");
    const width = 760, height = 480;
    const svg = svgEl("svg", { viewBox: "0 0 " + width + " " + height, class: "map", role: "img" });
    svg.setAttribute("aria-label", "خريطة الأماكن");
    container.appendChild(svg);
    let geo;
    try {
      geo = await land();
    } catch (e) {
      const t = svgEl("text", { x: 20, y: 30 });
      t.textContent = "تعذر تحميل الخريطة: " + e.message;
      svg.appendChild(t);
      return svg;
    }
    /* the extent to show: the places near the median place (a story about
     * Deir ez-Zor that names Washington stays a map of Syria), padded,
     * never smaller than ~6 degrees; Syria when nothing is located */
    const median = (v) => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)];
    const mx = located.length ? median(located.map((p) => p.lon)) : 39;
    const my = located.length ? median(located.map((p) => p.lat)) : 35;
    const near = located.filter((p) => Math.abs(p.lon - mx) < 12 && Math.abs(p.lat - my) < 12);
    let lons = near.map((p) => p.lon), lats = near.map((p) => p.lat);
    if (!near.length) { lons = [35.5, 42.5]; lats = [32.3, 37.4]; }
    const x0 = Math.min(...lons), x1 = Math.max(...lons), y0 = Math.min(...lats), y1 = Math.max(...lats);
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    const half = Math.max(3, (x1 - x0) / 2 + 1, (y1 - y0) / 2 + 1);
    const box = { type: "Feature", geometry: { type: "MultiPoint", coordinates: [[cx - half, Math.max(-80, cy - half)], [cx + half, Math.min(80, cy + half)]] } };
    const projection = d3.geoMercator().fitExtent([[10, 10], [width - 10, height - 10]], box);
    const path = d3.geoPath(projection);
    const g = svgEl("g", {});
    for (const f of geo.features) {
      const d = path(f);
      if (d) g.appendChild(svgEl("path", { d: d, class: "land" }));
    }
    svg.appendChild(g);
    const max = Math.max(1, ...located.map((p) => p.mentions || 1));
    const marks = svgEl("g", { class: "marks" });
    const labels = svgEl("g", { class: "labels" });
    svg.appendChild(marks);
    svg.appendChild(labels); /* in the page, so that labels can be measured */
    /* Marks at zoom 1/k (k: user units per screen unit): the same size on
     * screen whatever the zoom. With cluster, places closer than 22 px on
     * screen are one mark (the most mentioned names it, its size the sum);
     * zooming in splits them. Labels go to the most mentioned first, and a
     * label that would overlap one already drawn is left to the tooltip. */
    function render(k) {
      while (marks.firstChild) marks.removeChild(marks.firstChild);
      while (labels.firstChild) labels.removeChild(labels.firstChild);
      const groups = [], outside = [];
      for (const p of located.slice().sort((a, b) => (b.mentions || 0) - (a.mentions || 0))) {
        const xy = projection([p.lon, p.lat]);
        if (!xy || xy[0] < 0 || xy[1] < 0 || xy[0] > width || xy[1] > height) { outside.push(p); continue; } /* outside the map */
        const near = opts.cluster ? groups.find((g) => Math.hypot(g.xy[0] - xy[0], g.xy[1] - xy[1]) < 22 * k) : null;
        if (near) { near.members.push(p); near.mentions += p.mentions || 1; } else groups.push({ xy: xy, members: [p], mentions: p.mentions || 1 });
      }
      /* the map shows the region of most places; the others are named in its title */
      svg.dataset.outside = String(outside.length);
      svg.setAttribute("aria-label", "خريطة الأماكن" + (outside.length ? "؛ خارجها: " + outside.map((o) => o.name || o.id).join("، ") : ""));
      const top = Math.max(max, ...groups.map((g) => g.mentions));
      const boxes = [];
      for (const g of groups) {
        const p = g.members[0], xy = g.xy;
        const r = (3 + 6 * Math.sqrt(g.mentions / top)) * k;
        const c = svgEl("circle", { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: r.toFixed(2), class: "place" + (g.members.length > 1 ? " cluster" : "") });
        c.dataset.place = p.id;
        c.dataset.members = String(g.members.length);
        const title = svgEl("title", {});
        title.textContent = g.members.map((m) => (m.name || m.id) + " (" + (m.mentions || 0) + ")").join("، ");
        c.appendChild(title);
        marks.appendChild(c);
        const name = (p.name || p.id) + (g.members.length > 1 ? " +" + (g.members.length - 1) : "");
        const label = svgEl("text", { x: (xy[0] + r + 2 * k).toFixed(1), y: (xy[1] + 4 * k).toFixed(1), class: "place-label", "text-anchor": "start", direction: "ltr" });
        label.dataset.place = p.id;
        label.textContent = name;
        labels.appendChild(label);
        let box = null;
        try { const b = label.getBBox(); box = { x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height }; } catch (e) { /* not rendered */ }
        if (box && boxes.some((o) => o.x0 < box.x1 && box.x0 < o.x1 && o.y0 < box.y1 && box.y0 < o.y1)) labels.removeChild(label);
        else if (box) boxes.push(box);
      }
    }
    zoomable(svg, container, width, height, render);
    return svg;
  }

  return { draw: draw };
})();
