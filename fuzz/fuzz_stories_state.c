/*
 * fuzz_stories_state.c: libFuzzer target for the story-state loader
 * (rasd_stories_load), which reads bytes the store kept and that may be
 * damaged. Each input is tried twice:
 *   - as it is (the magic number, version, length and checksum checks);
 *   - with its header repaired (magic, version, length and checksum made
 *     right), so that mutations reach the structure behind the checksum.
 * A state that loads must cluster an article, save, and load again.
 * (fuzz_dedup reads the input as an article: they were one target, at
 * 3 runs a second.)
 */
#include "rasd.h"
#include "corpus/stories.h"
#include "small_lexicon.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

static rasd_lexicon *lex;
static rasd_analyzer *an;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    /* 500 words: the prior is rebuilt for every clusterer made */
    lex = small_lexicon_load(RASD_DATA_DIR, 500);
    an = lex ? rasd_analyzer_new(lex, NULL) : NULL;
    if (!an) abort();
    return 0;
}

static void check(int cond) {
    if (!cond) abort();
}

/* The lexicon's prior is a table of 2^17 slots made per clusterer: one
 * input in eight builds it, the others learn frequencies online only, so
 * that a run takes well under a millisecond. */
static rasd_stories_options opts;

static void exercise(const unsigned char *data, size_t size) {
    rasd_error err = {0};
    rasd_stories *s = rasd_stories_load(data, size, &opts, &err);
    if (!s) {
        check(err.code == RASD_ERR_FORMAT && err.message[0]);
        return;
    }
    static const char text[] = "قصف مدفعي على قرى ريف تل تمر شمال الحسكة ونزوح عائلات";
    rasd_story_input in = {.id = INT64_MAX, .published = "2024-03-10", .title = "قصف", .text = text,
                           .len = sizeof text - 1};
    rasd_story_assignment out;
    check(rasd_stories_add(s, an, &in, &out, &err) == RASD_OK);
    unsigned char *saved = NULL;
    size_t saved_len = 0;
    check(rasd_stories_save(s, &saved, &saved_len, &err) == RASD_OK);
    rasd_stories_destroy(s);
    s = rasd_stories_load(saved, saved_len, &opts, &err);
    check(s != NULL);
    rasd_stories_destroy(s);
    free(saved);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    opts.no_prior = size % 8 != 0;
    exercise(data, size);
    /* header: magic[8] version u32 length u64 XXH64 u64, little-endian */
    enum { HEADER = 28 };
    unsigned char *fixed = malloc(size + HEADER);
    if (!fixed) return 0;
    memcpy(fixed, "RASDSTRY\1\0\0\0", 12);
    memcpy(fixed + HEADER, data, size);
    uint64_t len = size, sum = XXH64(fixed + HEADER, size, 0);
    for (int i = 0; i < 8; i++) {
        fixed[12 + i] = (unsigned char)(len >> (8 * i));
        fixed[20 + i] = (unsigned char)(sum >> (8 * i));
    }
    exercise(fixed, size + HEADER);
    free(fixed);
    return 0;
}
