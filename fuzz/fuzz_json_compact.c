/*
 * fuzz_json_compact.c: libFuzzer target for the whitespace remover the
 * PostgreSQL query layer runs over PostgreSQL's JSON text
 * (rasd_pg_json_compact, src/storage/queries_pg.c). Any input: the output
 * is the input less some spaces, tabs and line breaks, never longer, and
 * never a crash or a read past the end; a valid JSON text comes out as the
 * same JSON value (jansson reads both), with no whitespace left outside
 * its strings.
 */
#include "storage/queries_pg.h"

#include "core/internal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static void check(int cond) {
    if (!cond) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    rasd_buf out = {0};
    rasd_pg_json_compact((const char *)data, size, &out);
    check(!out.oom);
    check(out.len <= size);
    /* the output is the input with bytes taken out, all of them whitespace */
    size_t j = 0;
    for (size_t i = 0; i < size; i++) {
        if (j < out.len && out.data[j] == (char)data[i]) j++;
        else check(data[i] == ' ' || data[i] == '\n' || data[i] == '\t' || data[i] == '\r');
    }
    check(j == out.len);
    json_t *a = json_loadb((const char *)data, size, JSON_DECODE_ANY, NULL);
    if (a) {
        json_t *b = json_loadb(out.data ? out.data : "", out.len, JSON_DECODE_ANY, NULL);
        check(b != NULL && json_equal(a, b));
        json_decref(b);
        json_decref(a);
    }
    rasd_buf_free(&out);
    return 0;
}
