/*
 * fuzz_analysis.c: libFuzzer target for the whole analysis of a document
 * (actors, people, places, the name tagger, quotes, framing, events,
 * numbers and dates) with the real data, loaded once: it must give one
 * JSON line, which jansson reads back. fuzz_analysis_rows checks the
 * store's rows of the same analysis; analysis_setup.h says why two.
 */
#include "analysis_setup.h"

#include <jansson.h>

static fuzz_analysis_data data;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    fuzz_analysis_init(argc, argv, &data);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size) {
    rasd_document doc;
    rasd_analysis *a = fuzz_analyze(&data, bytes, size, &doc);
    if (!a) return 0;
    char *json = NULL;
    size_t json_len = 0;
    fuzz_check(rasd_analysis_write_json(a, &json, &json_len, NULL) == RASD_OK);
    fuzz_check(json_len > 0 && json[json_len - 1] == '\n');
    json_t *back = json_loadb(json, json_len, JSON_ALLOW_NUL, NULL);
    fuzz_check(back != NULL);
    json_decref(back);
    rasd_analysis_destroy(a);
    free(json);
    rasd_document_destroy(&doc);
    return 0;
}
