#!/usr/bin/env node
// build-countries.js: write data/kb/countries.tsv, one `state` actor per
// country of ISO 3166-1 (plus Kosovo, which i18n-iso-countries carries as XKK),
// from the npm package i18n-iso-countries, plus a small hand table (EXTRA) of
// the spellings and loaded labels the Arabic press uses and the package lacks.
//
//   node scripts/build-countries.js [OUTPUT]     (default data/kb/countries.tsv)
//
// The output is deterministic: rows sorted by id, aliases in first-seen order.
// Format: data/kb/README.md (11 tab-separated columns, header line first).
// A name the package gives to two countries (English "Congo") is left out of
// both rows and reported in the summary line; list it in data/kb/ambiguous.tsv.
"use strict";

const fs = require("fs");
const path = require("path");
const countries = require("i18n-iso-countries");
countries.registerLocale(require("i18n-iso-countries/langs/en.json"));
countries.registerLocale(require("i18n-iso-countries/langs/ar.json"));
const PKG_VERSION = require("i18n-iso-countries/package.json").version;

const COLUMNS = ["id", "type", "country", "parent", "cameo", "name_en", "name_ar",
  "aliases_ar", "aliases_en", "loaded_ar", "note"];

// Hand table, keyed by alpha-3: Arabic press spellings the package lacks
// (letter-changing variants only: the matcher already folds أ/إ/آ, ة/ه, ى/ي,
// diacritics and attached clitics), English short names, and loaded labels
// (label=category) that name the state itself.
const EXTRA = {
  SYR: { ar: ["سورية", "الجمهورية العربية السورية"], en: ["Syria"] },
  USA: {
    ar: ["أمريكا", "أميركا", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية"],
    en: ["America"],
    loaded: ["الاحتلال الأمريكي=occupation", "الاحتلال الأميركي=occupation",
      "الشيطان الأكبر=derogatory"],
  },
  RUS: { ar: ["روسيا الاتحادية", "الاتحاد الروسي"], loaded: ["الاحتلال الروسي=occupation"] },
  TUR: {
    ar: ["الجمهورية التركية", "جمهورية تركيا"],
    loaded: ["الاحتلال التركي=occupation", "دولة الاحتلال التركي=occupation"],
  },
  ISR: {
    ar: ["دولة إسرائيل"],
    loaded: ["الكيان الصهيوني=zionist-entity", "الكيان الإسرائيلي=zionist-entity",
      "العدو الصهيوني=enemy", "العدو الإسرائيلي=enemy", "الاحتلال الإسرائيلي=occupation",
      "دولة الاحتلال=occupation", "كيان الاحتلال=occupation"],
  },
  IRN: {
    ar: ["الجمهورية الإسلامية الإيرانية", "جمهورية إيران الإسلامية", "الجمهورية الإسلامية في إيران"],
    loaded: ["الاحتلال الإيراني=occupation"],
  },
  IRQ: { ar: ["جمهورية العراق"] },
  LBN: { ar: ["الجمهورية اللبنانية"] },
  JOR: { ar: ["المملكة الأردنية الهاشمية", "المملكة الأردنية"] },
  SAU: { ar: ["المملكة العربية السعودية", "المملكة السعودية"] },
  QAT: { ar: ["دولة قطر"] },
  ARE: { ar: ["الإمارات", "دولة الإمارات", "دولة الإمارات العربية المتحدة"], en: ["Emirates"] },
  EGY: { ar: ["جمهورية مصر العربية"] },
  KWT: { ar: ["دولة الكويت"] },
  BHR: { ar: ["مملكة البحرين"] },
  OMN: { ar: ["سلطنة عمان"] },
  YEM: { ar: ["الجمهورية اليمنية"] },
  PSE: { ar: ["دولة فلسطين"] },
  CHN: { ar: ["جمهورية الصين الشعبية", "الصين الشعبية"] },
  GBR: { ar: ["بريطانيا", "بريطانيا العظمى"], en: ["Britain"] },
  FRA: { ar: ["الجمهورية الفرنسية"] },
  DEU: { ar: ["جمهورية ألمانيا الاتحادية"] },
};

// The folding the matcher applies (data/kb/README.md), for duplicate detection.
function foldAr(s) {
  return s
    .replace(/[\u064B-\u0652\u0670\u0640]/g, "")
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ة/g, "ه")
    .replace(/ى/g, "ي")
    .replace(/\s+/g, " ")
    .trim();
}
function foldEn(s) {
  return s.toLowerCase().replace(/\s+/g, " ").trim();
}
function clean(s) {
  // no tab, newline or the list separator inside a field
  return String(s).replace(/[\t\r\n|]+/g, " ").replace(/\s+/g, " ").trim();
}

function main() {
  const out = process.argv[2] || path.join(__dirname, "..", "data", "kb", "countries.tsv");
  const arAll = countries.getNames("ar", { select: "all" });
  const enAll = countries.getNames("en", { select: "all" });
  const alpha2s = Object.keys(countries.getAlpha2Codes()).sort();

  const rows = [];
  for (const a2 of alpha2s) {
    const a3 = countries.alpha2ToAlpha3(a2);
    const extra = EXTRA[a3] || {};
    const nameEn = clean(countries.getName(a2, "en") || (enAll[a2] || [])[0] || a3);
    const nameAr = clean(countries.getName(a2, "ar") || (arAll[a2] || [])[0] || "");
    rows.push({
      a2, a3,
      id: a3.toLowerCase(),
      nameEn, nameAr,
      ar: [...(arAll[a2] || []), ...(extra.ar || [])].map(clean),
      en: [...(enAll[a2] || []), ...(extra.en || [])].map(clean),
      loaded: (extra.loaded || []).map(clean),
      hand: Boolean(EXTRA[a3]),
    });
  }
  for (const k of Object.keys(EXTRA)) {
    if (!rows.some((r) => r.a3 === k)) throw new Error(`EXTRA: unknown alpha-3 ${k}`);
  }

  // Which ids claim each folded name (names, aliases and loaded labels).
  const claims = new Map();
  const claim = (key, id) => {
    if (!claims.has(key)) claims.set(key, new Set());
    claims.get(key).add(id);
  };
  for (const r of rows) {
    [r.nameAr, ...r.ar].filter(Boolean).forEach((n) => claim("ar:" + foldAr(n), r.id));
    r.loaded.forEach((l) => claim("ar:" + foldAr(l.split("=")[0]), r.id));
    [r.nameEn, ...r.en].forEach((n) => claim("en:" + foldEn(n), r.id));
  }
  const shared = (key) => claims.get(key).size > 1;
  const dropped = new Set();

  const lines = [COLUMNS.join("\t")];
  let nAliasAr = 0, nAliasEn = 0, nLoaded = 0;
  for (const r of rows.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) {
    const seenAr = new Set([foldAr(r.nameAr)]);
    const aliasesAr = [];
    for (const n of r.ar) {
      const k = foldAr(n);
      if (!n || seenAr.has(k)) continue;
      seenAr.add(k);
      if (shared("ar:" + k)) { dropped.add(n); continue; }
      aliasesAr.push(n);
    }
    const seenEn = new Set([foldEn(r.nameEn)]);
    const aliasesEn = [];
    for (const n of r.en) {
      const k = foldEn(n);
      if (!n || seenEn.has(k)) continue;
      seenEn.add(k);
      if (shared("en:" + k)) { dropped.add(n); continue; }
      aliasesEn.push(n);
    }
    if (shared("ar:" + foldAr(r.nameAr)) || shared("en:" + foldEn(r.nameEn))) {
      throw new Error(`${r.id}: its main name is claimed by another country`);
    }
    nAliasAr += aliasesAr.length;
    nAliasEn += aliasesEn.length;
    nLoaded += r.loaded.length;
    let note = `i18n-iso-countries ${PKG_VERSION}; alpha-2 ${r.a2}`;
    const num = countries.alpha2ToNumeric(r.a2);
    if (num) note += `; numeric ${num}`;
    if (r.a2 === "XK") note += "; user-assigned code, Kosovo is not in ISO 3166-1";
    if (r.hand) note += "; extra spellings from the hand table in scripts/build-countries.js";
    lines.push([
      r.id, "state", r.a3, "", r.a3, r.nameEn, r.nameAr,
      aliasesAr.join("|"), aliasesEn.join("|"), r.loaded.join("|"), note,
    ].join("\t"));
  }
  fs.writeFileSync(out, lines.join("\n") + "\n");
  const d = [...dropped].sort();
  console.log(`${path.relative(process.cwd(), out)}: ${rows.length} states, ` +
    `${nAliasAr} Arabic aliases, ${nAliasEn} English aliases, ${nLoaded} loaded labels, ` +
    `${Object.keys(EXTRA).length} hand-table rows; names shared by two countries, left out: ` +
    (d.length ? d.join(", ") : "none"));
}

main();
