/*
 * json_write.h: JSON text written straight into a buffer, for the parts of
 * analyze's line with thousands of small items (tokens with --tokens,
 * mentions, paragraph and sentence spans). yajl's generator costs a call,
 * a state check and a print callback per key and value: measured, those
 * arrays took most of the JSON writing (11% of analyze). The fragment is
 * then placed into the yajl document as one value (yajl_gen_number writes
 * its bytes as given, with yajl's own separators around it), so yajl still
 * writes the document's structure.
 *
 * Strings are escaped exactly as yajl 2 escapes them (no escaped solidus,
 * no UTF-8 check: the text is validated on reading), so the line is byte
 * for byte what yajl alone wrote; fuzz_text checks that on every input.
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
/* Appends text that is JSON already (punctuation, a key with its quotes). */
static inline void rasd_json_raw(rasd_buf *b, const char *lit) { rasd_buf_append(b, lit, strlen(lit)); }

/* A C string, or null for NULL and "". */
static inline void fstr(rasd_buf *f, const char *s) { rasd_json_str(f, s, strlen(s)); }
static inline void fstr_or_null(rasd_buf *f, const char *s) {
    if (s && *s) fstr(f, s);
    else rasd_json_raw(f, "null");
}
/* Coordinates with six decimals (about 10 cm), not yajl's %.17g. */
static inline void fcoordinate(rasd_buf *f, double v) {
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%.6f", v);
    rasd_buf_append(f, buf, (size_t)n);
}

#endif
