/*
 * analysis_setup.h: what fuzz_analysis and fuzz_analysis_rows share: the
 * real data loaded once, and one document analysed the way `rasd analyze`
 * does it. The two targets were one until the whole analysis under the
 * sanitizers, its JSON read back by jansson and the rows built twice came
 * too close to a thousand runs a second; each now checks one thing.
 *
 * A run costs some milliseconds per kilobyte under the sanitizers: the
 * input is cut at FUZZ_ANALYSIS_MAX bytes (a sentence, where every stage
 * has work); fuzz_text takes long inputs through the stages that work byte
 * by byte, and fuzz_events the event coder.
 */
#ifndef RASD_FUZZ_ANALYSIS_SETUP_H
#define RASD_FUZZ_ANALYSIS_SETUP_H

#include "rasd.h"
#include "default_flags.h"
#include "extract/dates.h"
#include "extract/numbers.h"
#include "ner/ner.h"

#include <stdint.h>
#include <stdlib.h>

#define FUZZ_ANALYSIS_MAX 128

typedef struct fuzz_analysis_data {
    rasd_analyzer *an;
    rasd_knowledge *kn;
    rasd_ner_model *tagger;
    rasd_numbers *numbers;
    rasd_dates *dates;
} fuzz_analysis_data;

static inline void fuzz_check(int cond) {
    if (!cond) abort();
}

/* libFuzzer's flags for both targets, then the data (loaded once). */
static inline void fuzz_analysis_init(int *argc, char ***argv, fuzz_analysis_data *d) {
    /* 70% of the time in the entropic schedule; a sentence per run */
    static const char *const flags[] = {"-entropic=0", "-max_len=128"};
    _Static_assert(FUZZ_ANALYSIS_MAX == 128, "-max_len above says the same");
    fuzz_default_flags(argc, argv, flags, 2);
    rasd_error err = {0};
    rasd_lexicon *lex = rasd_lexicon_load(NULL, &err);
    fuzz_check(lex && (d->an = rasd_analyzer_new(lex, &err)));
    d->kn = rasd_knowledge_load(NULL, &err);
    d->tagger = rasd_ner_load(lex, NULL, &err);
    d->numbers = rasd_numbers_load(NULL, &err);
    d->dates = rasd_dates_load(NULL, &err);
    fuzz_check(d->kn && d->tagger && d->numbers && d->dates);
}

/* The analysis of data[0, size) cut at FUZZ_ANALYSIS_MAX, with tokens on
 * even sizes and a publication date on sizes not divisible by three (so
 * both paths of each are reached); NULL when the reader refuses the bytes.
 * *doc is to be destroyed by the caller when the result is not NULL. */
static inline rasd_analysis *fuzz_analyze(const fuzz_analysis_data *d, const uint8_t *data, size_t size,
                                          rasd_document *doc) {
    if (size > FUZZ_ANALYSIS_MAX) size = FUZZ_ANALYSIS_MAX;
    rasd_read_options opt = {.allow_non_arabic = true};
    if (rasd_document_from_buffer("fuzz", (const char *)data, size, &opt, doc, NULL) != RASD_OK) return NULL;
    rasd_analysis_options aopt = {.with_tokens = size % 2 == 0,
                                  .knowledge = d->kn,
                                  .tagger = d->tagger,
                                  .numbers = d->numbers,
                                  .dates = d->dates,
                                  .published = size % 3 ? "2023-09-04" : NULL};
    rasd_analysis *a = NULL;
    fuzz_check(rasd_analyze_document(d->an, doc, &aopt, &a, NULL) == RASD_OK);
    return a;
}

#endif
