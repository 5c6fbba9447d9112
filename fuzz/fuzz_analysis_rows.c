/*
 * fuzz_analysis_rows.c: libFuzzer target for the store's rows of an
 * analysis. The rows the writer builds from the typed analysis
 * (rows_analysis.c) must be those that `ingest --from-jsonl` parses back
 * from its JSON line (rows.c), field by field, for any text: the two paths
 * store the same article the same way. analysis_setup.h says why this is
 * not part of fuzz_analysis.
 */
#include "analysis_setup.h"
#include "storage/rows.h"

#include <string.h>

static fuzz_analysis_data data;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    fuzz_analysis_init(argc, argv, &data);
    return 0;
}

static void same_str(const char *a, const char *b) { fuzz_check((!a && !b) || (a && b && strcmp(a, b) == 0)); }

static void same_rows(const rasd_rows *x, const rasd_rows *y) {
    fuzz_check(x->n_entities == y->n_entities && x->n_places == y->n_places && x->n_quotes == y->n_quotes &&
               x->n_events == y->n_events && x->n_framing == y->n_framing && x->n_numbers == y->n_numbers &&
               x->n_dates == y->n_dates && x->n_paragraphs == y->n_paragraphs);
    for (size_t i = 0; i < x->n_entities; i++) {
        same_str(x->entities[i].id, y->entities[i].id);
        same_str(x->entities[i].name, y->entities[i].name);
        same_str(x->entities[i].mentions, y->entities[i].mentions);
    }
    for (size_t i = 0; i < x->n_places; i++) {
        same_str(x->places[i].id, y->places[i].id);
        fuzz_check(x->places[i].lat == y->places[i].lat && x->places[i].lon == y->places[i].lon);
    }
    for (size_t i = 0; i < x->n_quotes; i++) {
        same_str(x->quotes[i].speaker, y->quotes[i].speaker);
        same_str(x->quotes[i].text, y->quotes[i].text);
    }
    for (size_t i = 0; i < x->n_events; i++) {
        same_str(x->events[i].source, y->events[i].source);
        same_str(x->events[i].target, y->events[i].target);
        same_str(x->events[i].place, y->events[i].place);
        same_str(x->events[i].flags, y->events[i].flags);
        same_str(x->events[i].detail, y->events[i].detail);
    }
    for (size_t i = 0; i < x->n_numbers; i++) fuzz_check(x->numbers[i].value == y->numbers[i].value);
    for (size_t i = 0; i < x->n_dates; i++) same_str(x->dates[i].value, y->dates[i].value);
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size) {
    rasd_document doc;
    rasd_analysis *a = fuzz_analyze(&data, bytes, size, &doc);
    if (!a) return 0;
    char *json = NULL;
    size_t json_len = 0;
    fuzz_check(rasd_analysis_write_json(a, &json, &json_len, NULL) == RASD_OK);
    rasd_rows x, y;
    fuzz_check(rasd_rows_from_analysis(a, &x, NULL) == RASD_OK);
    fuzz_check(rasd_rows_from_json("fuzz", json, json_len, &y, NULL) == RASD_OK);
    same_rows(&x, &y);
    rasd_rows_free(&x);
    rasd_rows_free(&y);
    rasd_analysis_destroy(a);
    free(json);
    rasd_document_destroy(&doc);
    return 0;
}
