/*
 * fuzz_analysis.c: libFuzzer target for the whole analysis of a document
 * (actors, people, places, the name tagger, quotes, framing, events,
 * numbers and dates) with the real data, loaded once: it must give one
 * JSON line, which jansson reads back.
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

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

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
    check(rasd_analysis_json(an, &doc, &aopt, &json, &json_len, NULL) == RASD_OK);
    check(json_len > 0 && json[json_len - 1] == '\n');
    json_t *back = json_loadb(json, json_len, JSON_ALLOW_NUL, NULL);
    check(back != NULL);
    json_decref(back);
    free(json);
    rasd_document_destroy(&doc);
    return 0;
}
