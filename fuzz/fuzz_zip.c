/*
 * fuzz_zip.c: libFuzzer target for the zip reader (src/corpus/reader_zip.c):
 * the end-of-central-directory search, the central directory and local
 * headers, stored and deflated members, and the dispatch of each member to
 * the JSON, JSON Lines and text readers. The archive is read from memory,
 * as rasd_read_path reads it after mapping the file. Members are capped
 * small so that a mutated size cannot make one run take seconds.
 *
 * Every article handed on must be whole (an origin naming the archive, a
 * text); every skipped member must say why.
 */
#include "core/internal.h"
#include "corpus/reader.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static bool check_article(void *ctx, rasd_article *a) {
    (void)ctx;
    if (!a->origin || strncmp(a->origin, "f.zip:", 6) || !a->text) abort();
    if (a->published && !rasd_valid_date(a->published)) abort();
    return true;
}

static void check_skip(void *ctx, const rasd_error *err) {
    (void)ctx;
    if (!err->message[0]) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    rasd_reader_options opt = {.source = (size & 1) ? "fuzz-outlet" : NULL, .max_bytes = 1 << 16};
    rasd_reader_sink sink = {check_article, check_skip, NULL, NULL, false, NULL};
    rasd_error err = {0};
    if (rasd_read_zip("f.zip", (const char *)data, size, &opt, &sink, &err) != RASD_OK && !err.message[0]) abort();
    rasd_reader_sink_done(&sink);
    return 0;
}
