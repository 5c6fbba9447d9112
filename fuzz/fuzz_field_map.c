/*
 * fuzz_field_map.c: libFuzzer target for ingest's --map option
 * (rasd_field_map_parse, src/corpus/reader*.c): "title=headline,content=body".
 * A map that parses must point into the spec and name non-empty members;
 * then a small JSON article is read with it, the members it names in turn.
 * A spec that does not parse must say why.
 */
#include "core/internal.h"
#include "corpus/reader.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check(int cond) {
    if (!cond) abort();
}

static bool on_article(void *ctx, rasd_article *a) {
    (void)ctx;
    check(a->origin && a->text);
    return true;
}

static void on_skip(void *ctx, const rasd_error *err) {
    (void)ctx;
    check(err->message[0] != 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 4096) return 0;
    char *spec = malloc(size + 1);
    check(spec != NULL);
    memcpy(spec, data, size);
    spec[size] = 0;
    rasd_field_map map;
    memset(&map, 0, sizeof map);
    rasd_error err = {0};
    if (rasd_field_map_parse(spec, &map, &err) == RASD_OK) {
        const char *f[] = {map.title, map.content, map.source, map.url, map.date, map.author};
        for (size_t i = 0; i < 6; i++)
            if (f[i]) check(f[i] >= spec && f[i] <= spec + size && *f[i]);
        static const char json[] = "{\"headline\": \"عنوان\", \"body\": \"نص الخبر القصير عن الاجتماع في المدينة\","
                                   " \"site\": \"موقع\", \"when\": \"2021-02-03\", \"x\": \"y\"}";
        rasd_reader_options opt = {.map = map};
        rasd_reader_sink sink = {on_article, on_skip, NULL, NULL, false, NULL};
        rasd_read_json("a.json", json, sizeof json - 1, &opt, &sink, &err);
        rasd_reader_sink_done(&sink);
    } else {
        check(err.message[0] != 0);
    }
    free(spec);
    return 0;
}
