#!/usr/bin/env node
// Writes data/kb/iso-codes.tsv (ISO 3166-1 alpha-2 TAB alpha-3) from the npm
// package i18n-iso-countries: rasd needs it to read the country column of a
// user's GeoNames dump (`--geonames`).
"use strict";
const fs = require("fs");
const path = require("path");
const countries = require("i18n-iso-countries");
const rows = Object.entries(countries.getAlpha2Codes())
  .map(([a2]) => [a2, countries.alpha2ToAlpha3(a2)])
  .filter(([, a3]) => a3)
  .sort((x, y) => x[0].localeCompare(y[0]));
const out = ["# Derived by scripts/build-iso-codes.js; do not edit.", "alpha2\talpha3",
  ...rows.map((r) => r.join("\t"))].join("\n") + "\n";
fs.writeFileSync(path.join(__dirname, "..", "data", "kb", "iso-codes.tsv"), out);
console.log(`build-iso-codes: ${rows.length} countries`);
