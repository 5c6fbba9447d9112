/*
 * fuzz_json_reader.c: libFuzzer target for the JSON the store reads: the
 * article readers of JSON and JSON Lines (src/corpus/reader_json.c)
 * through the dispatch (reader.c), and the analysis-rows flattener
 * (src/storage/rows.c). The first byte picks the name the buffer is read
 * under (.json, .jsonl, or none, so that sniffing by content runs too, zip
 * archives included) or, with bit 0x40, the flattener. Every article must
 * come out as the readers promise (an origin, text of the stated length, a
 * real date); every row as the tables need it (ids, closed mention lists).
 */
#include "corpus/reader.h"
#include "storage/rows.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static bool check_article(void *ctx, rasd_article *a) {
    (void)ctx;
    if (!a->origin || !a->text || strlen(a->text) > a->len) abort();
    if (a->published && !rasd_valid_date(a->published)) abort();
    return true;
}

static void check_skip(void *ctx, const rasd_error *err) {
    (void)ctx;
    if (!err->message[0]) abort(); /* a skip always says why */
}

static void check_rows(const char *data, size_t size) {
    rasd_rows r;
    rasd_error err = {0};
    if (rasd_rows_from_json("fuzz", data, size, &r, &err) != RASD_OK) {
        if (!err.message[0] || r.n_entities || r.arena) abort(); /* failed: said why, kept nothing */
        return;
    }
    for (size_t i = 0; i < r.n_entities; i++) {
        const char *m = r.entities[i].mentions;
        if (!r.entities[i].id || !m || m[0] != '[' || m[strlen(m) - 1] != ']') abort();
    }
    for (size_t i = 0; i < r.n_places; i++)
        if (!r.places[i].id || !r.places[i].mentions) abort();
    rasd_rows_free(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    if (data[0] & 0x40) {
        check_rows((const char *)data + 1, size - 1);
        return 0;
    }
    static const char *const NAMES[] = {"fuzz.json", "fuzz.jsonl", "fuzz", "fuzz.ndjson"};
    const char *name = NAMES[data[0] % 4];
    rasd_reader_options opt = {.source = "fuzz-outlet"};
    if (data[0] & 0x80) opt.map.content = "body";
    rasd_reader_sink sink = {check_article, check_skip, NULL, NULL, false, NULL};
    rasd_error err = {0};
    rasd_read_buffer(name, (const char *)data + 1, size - 1, &opt, &sink, &err);
    rasd_reader_sink_done(&sink);
    return 0;
}
