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

#include <string.h>

/* Appends s[0..n) as a JSON string, quotes included. */
void rasd_json_str(rasd_buf *b, const char *s, size_t n);
/* Appends v in decimal. */
void rasd_json_num(rasd_buf *b, size_t v);
/* Appends text that is JSON already (punctuation, a key with its quotes). */
static inline void rasd_json_raw(rasd_buf *b, const char *lit) { rasd_buf_append(b, lit, strlen(lit)); }

#endif
