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

  /* Draws places ([{id, name, lat, lon, mentions}]) into container. The
   * view fits the places (at least the region around Syria). */
  async function draw(container, places) {
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
    for (const p of located) {
      const xy = projection([p.lon, p.lat]);
      if (!xy || xy[0] < 0 || xy[1] < 0 || xy[0] > width || xy[1] > height) continue; /* outside the view */
      const c = svgEl("circle", { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: (3 + 6 * Math.sqrt((p.mentions || 1) / max)).toFixed(1), class: "place" });
      c.dataset.place = p.id;
      const title = svgEl("title", {});
      title.textContent = (p.name || p.id) + " (" + (p.mentions || 0) + ")";
      c.appendChild(title);
      svg.appendChild(c);
      const label = svgEl("text", { x: (xy[0] + 8).toFixed(1), y: (xy[1] + 4).toFixed(1), class: "place-label" });
      label.textContent = p.name || p.id;
      svg.appendChild(label);
    }
    return svg;
  }

  return { draw: draw };
})();
