/*
 * fuzz_json_reader.c: libFuzzer target for the article readers of JSON and
 * JSON Lines (src/corpus/reader_json.c) through the dispatch (reader.c).
 * The first byte picks the name the buffer is read under (.json, .jsonl,
 * or none, so that sniffing by content runs too); every article must come
 * out as the readers promise: an origin, text of the stated length, a
 * date that is a real date.
 */
#include "corpus/reader.h"

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
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
