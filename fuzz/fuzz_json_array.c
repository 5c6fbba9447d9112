/*
 * fuzz_json_array.c: libFuzzer target for the JSON array scanner
 * (src/corpus/reader_json_array.c) and the terminal escaper of the query
 * commands (src/cli/term_text.c), two small byte-level parsers.
 *
 * The scanner must always make progress and end, give spans inside the
 * data, in order, never overlapping; and on valid JSON (when jansson
 * parses the whole array) cut exactly the elements jansson sees. The
 * escaper's output must hold no control byte but line break and tab (none
 * at all on one line), no C1 character, and be valid UTF-8.
 */
#include "cli/cli.h"
#include "core/internal.h"
#include "corpus/reader_json_array.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static void check_scanner(const char *data, size_t size) {
    rasd_json_array a;
    if (!rasd_json_array_open(&a, data, size)) return;
    size_t last_end = 0, n = 0, s, e, prev_pos = a.pos;
    rasd_json_array_step step;
    while ((step = rasd_json_array_next(&a, &s, &e)) == RASD_JA_ELEMENT) {
        if (s > e || e > size || s < last_end) abort();
        if (a.pos <= prev_pos && a.pos < size) abort(); /* no progress: a loop */
        prev_pos = a.pos;
        last_end = e;
        if (++n > size + 1) abort();
    }
    if (a.pos > size) abort();
    /* on an array jansson reads whole, the same elements, each parsing alone */
    json_t *whole = json_loadb(data, size, JSON_DECODE_ANY, NULL);
    if (json_is_array(whole) && step == RASD_JA_END) {
        if (json_array_size(whole) != n) abort();
        rasd_json_array_open(&a, data, size);
        for (size_t i = 0; rasd_json_array_next(&a, &s, &e) == RASD_JA_ELEMENT; i++) {
            json_t *one = json_loadb(data + s, e - s, JSON_DECODE_ANY, NULL);
            if (!one || !json_equal(one, json_array_get(whole, i))) abort();
            json_decref(one);
        }
    }
    json_decref(whole);
}

static void check_escaper(const char *data, size_t size, bool one_line) {
    rasd_buf b = {0};
    cli_term_text(&b, data, size, one_line);
    if (b.oom) abort();
    for (size_t i = 0; i < b.len;) {
        unsigned char c = (unsigned char)b.data[i];
        if (c < 0x20 && (one_line || (c != '\n' && c != '\t'))) abort();
        if (c == 0x7f) abort();
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)b.data + i, (utf8proc_ssize_t)(b.len - i), &cp);
        if (k <= 0 || (cp >= 0x80 && cp <= 0x9f)) abort();
        i += (size_t)k;
    }
    rasd_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    const char *d = (const char *)data + 1;
    if (data[0] & 1) check_escaper(d, size - 1, data[0] & 2);
    else check_scanner(d, size - 1);
    return 0;
}
