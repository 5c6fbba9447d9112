/*
 * json_write.h: JSON text written straight into a buffer: analyze's whole
 * line (analysis_json.c, analysis_events.c). yajl's generator costs a
 * call, a state check and a print callback per key and value, and a copy
 * of every part into its own buffer: measured, that was 11% of analyze
 * while it wrote the token arrays and mentions, and 8% more while it still
 * wrote the rest (docs/text.md).
 *
 * The bytes are the ones yajl 2 wrote, which the line kept for years:
 * strings escaped as yajl escapes them (no escaped solidus, no UTF-8
 * check: the text is validated on reading), integers as "%lld", other
 * numbers as yajl_gen_double's "%.20g" (with ".0" when that reads as an
 * integer). tests/test_json_write.c compares them with yajl's own;
 * fuzz_text checks the escaping on every input.
 */
#ifndef RASD_JSON_WRITE_H
#define RASD_JSON_WRITE_H

#include "core/internal.h"

#include <stdio.h>
#include <string.h>

/* Appends s[0..n) as a JSON string, quotes included. */
void rasd_json_str(rasd_buf *b, const char *s, size_t n);
/* Appends v in decimal. */
void rasd_json_num(rasd_buf *b, size_t v);
/* Appends v in decimal, with its sign. */
void rasd_json_int(rasd_buf *b, long long v);
/* Appends v as yajl_gen_double wrote it; null when v is not finite (yajl
 * refused such a value, leaving the line without it). */
void rasd_json_double(rasd_buf *b, double v);
/* Appends text that is JSON already (punctuation, a key with its quotes). */
static inline void rasd_json_raw(rasd_buf *b, const char *lit) { rasd_buf_append(b, lit, strlen(lit)); }

/* A C string, or null for NULL and "". */
static inline void fstr(rasd_buf *f, const char *s) { rasd_json_str(f, s, strlen(s)); }
static inline void fstr_or_null(rasd_buf *f, const char *s) {
    if (s && *s) fstr(f, s);
    else rasd_json_raw(f, "null");
}
static inline void fbool(rasd_buf *f, bool v) { rasd_json_raw(f, v ? "true" : "false"); }
/* [start,end] */
static inline void fspan(rasd_buf *f, size_t start, size_t end) {
    rasd_buf_putc(f, '[');
    rasd_json_num(f, start);
    rasd_buf_putc(f, ',');
    rasd_json_num(f, end);
    rasd_buf_putc(f, ']');
}
/* Appends v as printf's "%.*f" with 0 to 6 decimals writes it, to the
 * same digit (printf's exact decimal rounding, ties to even): by integer
 * arithmetic on the double's bits, since printf's general path cost some
 * 2,500 instructions a number (a coordinate, a weight, a confidence) and
 * 2% of analyze. Other precisions and values of 2^43 or more go to
 * snprintf itself. */
void rasd_json_fixed(rasd_buf *b, double v, int decimals);
/* Coordinates with six decimals (about 10 cm), not yajl's %.17g. */
static inline void fcoordinate(rasd_buf *f, double v) { rasd_json_fixed(f, v, 6); }

#endif
