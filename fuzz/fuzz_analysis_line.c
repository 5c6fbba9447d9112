/*
 * fuzz_analysis_line.c: libFuzzer target for the reader of `rasd analyze`
 * lines that `rasd ingest --from-jsonl` stores (src/storage/analysis_line.c)
 * and the rows it takes from them (src/storage/rows.c). Any input is either
 * RASD_ERR_FORMAT (or NOMEM) with a message naming the line, or a text
 * whose hash is the line's doc.id, with a title; never a crash or a leak.
 */
#include "storage/analysis_line.h"
#include "storage/rows.h"

#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check(int cond) {
    if (!cond) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    rasd_analysis_line l;
    rasd_error err = {0};
    rasd_status st = rasd_analysis_line_read("fuzz.jsonl#1", (const char *)data, size, &l, &err);
    if (st != RASD_OK) {
        check(st == RASD_ERR_FORMAT || st == RASD_ERR_NOMEM);
        check(strstr(err.message, "fuzz.jsonl#1") != NULL);
        return 0;
    }
    check(l.text && l.title && *l.title && strlen(l.id) == 32);
    XXH128_hash_t h = XXH3_128bits(l.text, l.len);
    char id[33];
    snprintf(id, sizeof id, "%016llx%016llx", (unsigned long long)h.high64, (unsigned long long)h.low64);
    check(strcmp(id, l.id) == 0);
    rasd_rows rows;
    memset(&rows, 0, sizeof rows);
    rasd_rows_from_json("fuzz.jsonl#1", (const char *)data, size, &rows, &err);
    rasd_rows_free(&rows);
    rasd_analysis_line_free(&l);
    return 0;
}
