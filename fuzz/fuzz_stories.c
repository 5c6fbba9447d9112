/*
 * fuzz_stories.c: libFuzzer target for story clustering (src/corpus/stories.c)
 * of any text: an empty clusterer takes the article, opens a story with
 * it, and takes it again. The lexicon is a small copy (small_lexicon.h):
 * a clusterer made per input would otherwise read the whole word list
 * into its prior each time; the prior (a table of 2^17 slots) is built in
 * one run of sixteen, the others learn frequencies online only.
 */
#include "rasd.h"
#include "default_flags.h"
#include "corpus/stories.h"
#include "small_lexicon.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* past 2 KB (some 350 words) a longer text reaches no new code */
#define MAX_TEXT 2048

static rasd_analyzer *an;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    /* longer inputs are cut at MAX_TEXT anyway */
    static const char *const flags[] = {"-entropic=0", "-max_len=2048"};
    fuzz_default_flags(argc, argv, flags, 2);
    rasd_lexicon *lex = small_lexicon_load(RASD_DATA_DIR, 500);
    an = lex ? rasd_analyzer_new(lex, NULL) : NULL;
    if (!an) abort();
    return 0;
}

static void check(int cond) {
    if (!cond) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    rasd_document doc;
    rasd_read_options opt = {.allow_non_arabic = true};
    if (size > MAX_TEXT) size = MAX_TEXT;
    if (rasd_document_from_buffer("fuzz", (const char *)data, size, &opt, &doc, NULL) != RASD_OK) return 0;
    rasd_stories_options opts = {.no_prior = size % 16 != 0};
    rasd_stories *s = rasd_stories_new(&opts, NULL);
    rasd_story_input in = {.id = 1, .published = "2024-03-10", .text = doc.text, .len = doc.len};
    rasd_story_assignment out;
    check(s && rasd_stories_add(s, an, &in, &out, NULL) == RASD_OK && out.opened && out.story == 1);
    in.id = 2;
    check(rasd_stories_add(s, an, &in, &out, NULL) == RASD_OK);
    rasd_stories_destroy(s);
    rasd_document_destroy(&doc);
    return 0;
}
