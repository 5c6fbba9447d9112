/*
 * fuzz_analysis.c: libFuzzer target for the whole analysis of a document
 * (actors, people, places, the name tagger, quotes, framing, events,
 * numbers and dates) with the real data, loaded once: it must give one
 * JSON line, which jansson reads back, and the store's rows built from
 * the typed analysis must be those parsed back from that line.
 *
 * A run costs some milliseconds per kilobyte under the sanitizers: the
 * input is cut at 160 bytes (a sentence or two, where every stage has
 * work), so that the target makes about a thousand runs a second; fuzz_text
 * takes long inputs through the stages that work byte by byte, and
 * fuzz_events the event coder.
 */
#include "rasd.h"
#include "default_flags.h"
#include "extract/dates.h"
#include "extract/numbers.h"
#include "ner/ner.h"
#include "storage/rows.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TEXT 160

static rasd_analyzer *an;
static rasd_knowledge *kn;
static rasd_ner_model *tagger;
static rasd_numbers *numbers;
static rasd_dates *dates;

static void check(int cond) {
    if (!cond) abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    /* 70% of the time in the entropic schedule; a sentence or two per run */
    static const char *const flags[] = {"-entropic=0", "-max_len=160"};
    fuzz_default_flags(argc, argv, flags, 2);
    rasd_error err = {0};
    rasd_lexicon *lex = rasd_lexicon_load(NULL, &err);
    check(lex && (an = rasd_analyzer_new(lex, &err)));
    kn = rasd_knowledge_load(NULL, &err);
    tagger = rasd_ner_load(lex, NULL, &err);
    numbers = rasd_numbers_load(NULL, &err);
    dates = rasd_dates_load(NULL, &err);
    check(kn && tagger && numbers && dates);
    return 0;
}

static void same_str(const char *a, const char *b) { check((!a && !b) || (a && b && strcmp(a, b) == 0)); }

/* The rows of the typed analysis are those of its line (rows_analysis.c). */
static void same_rows(const rasd_rows *x, const rasd_rows *y) {
    check(x->n_entities == y->n_entities && x->n_places == y->n_places && x->n_quotes == y->n_quotes &&
          x->n_events == y->n_events && x->n_framing == y->n_framing && x->n_numbers == y->n_numbers &&
          x->n_dates == y->n_dates && x->n_paragraphs == y->n_paragraphs);
    for (size_t i = 0; i < x->n_entities; i++) {
        same_str(x->entities[i].id, y->entities[i].id);
        same_str(x->entities[i].name, y->entities[i].name);
        same_str(x->entities[i].mentions, y->entities[i].mentions);
    }
    for (size_t i = 0; i < x->n_places; i++) {
        same_str(x->places[i].id, y->places[i].id);
        check(x->places[i].lat == y->places[i].lat && x->places[i].lon == y->places[i].lon);
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
    for (size_t i = 0; i < x->n_numbers; i++) check(x->numbers[i].value == y->numbers[i].value);
    for (size_t i = 0; i < x->n_dates; i++) same_str(x->dates[i].value, y->dates[i].value);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > MAX_TEXT) size = MAX_TEXT;
    rasd_document doc;
    rasd_read_options opt = {.allow_non_arabic = true};
    if (rasd_document_from_buffer("fuzz", (const char *)data, size, &opt, &doc, NULL) != RASD_OK) return 0;
    rasd_analysis_options aopt = {.with_tokens = size % 2 == 0,
                                  .knowledge = kn,
                                  .tagger = tagger,
                                  .numbers = numbers,
                                  .dates = dates,
                                  .published = size % 3 ? "2023-09-04" : NULL};
    char *json = NULL;
    size_t json_len = 0;
    rasd_analysis *a = NULL;
    check(rasd_analyze_document(an, &doc, &aopt, &a, NULL) == RASD_OK);
    check(rasd_analysis_write_json(a, &json, &json_len, NULL) == RASD_OK);
    check(json_len > 0 && json[json_len - 1] == '\n');
    json_t *back = json_loadb(json, json_len, JSON_ALLOW_NUL, NULL);
    check(back != NULL);
    json_decref(back);
    rasd_rows x, y;
    check(rasd_rows_from_analysis(a, &x, NULL) == RASD_OK);
    check(rasd_rows_from_json("fuzz", json, json_len, &y, NULL) == RASD_OK);
    same_rows(&x, &y);
    rasd_rows_free(&x);
    rasd_rows_free(&y);
    rasd_analysis_destroy(a);
    free(json);
    rasd_document_destroy(&doc);
    return 0;
}
