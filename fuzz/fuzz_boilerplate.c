/*
 * fuzz_boilerplate.c: libFuzzer target for the plain-text boilerplate
 * filter (src/corpus/boilerplate.c) and its phrase-list compiler. Checks
 * on every input: removed spans are whole lines of the input, in order,
 * not overlapping; the kept text is the input less them (so never longer);
 * valid UTF-8 in gives valid UTF-8 out.
 */
#include "rasd.h"
#include "corpus/boilerplate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static rasd_boilerplate *bp;

static void check(int cond) {
    if (!cond) abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    bp = rasd_boilerplate_load(NULL, NULL);
    if (!bp) abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    rasd_boilerplate_result r;
    check(rasd_boilerplate_filter(bp, s, size, &r, NULL) == RASD_OK);
    check(r.text != NULL);
    check(r.len <= size);
    size_t removed = 0, last_end = 0;
    for (size_t i = 0; i < r.n_removed; i++) {
        rasd_span sp = r.removed[i].span;
        check(sp.start <= sp.end && sp.end <= size && (i == 0 || sp.start > last_end));
        check(sp.start == 0 || s[sp.start - 1] == '\n');
        check(sp.end == size || s[sp.end] == '\n');
        check(r.removed[i].reason != NULL);
        removed += sp.end - sp.start;
        last_end = sp.end;
    }
    check(r.len + removed <= size);
    rasd_utf8_report rep;
    char *clean = NULL;
    size_t cl;
    if (rasd_utf8_sanitize(s, size, true, &clean, &cl, &rep, NULL) == RASD_OK && !memchr(s, '\0', size) &&
        (size < 3 || memcmp(s, "\xEF\xBB\xBF", 3) != 0)) {
        char *out = NULL;
        size_t ol;
        check(rasd_utf8_sanitize(r.text, r.len, true, &out, &ol, &rep, NULL) == RASD_OK);
        free(out);
    }
    free(clean);
    rasd_boilerplate_result_free(&r);
    /* the input as a phrase list: compiles or fails with a message */
    rasd_error err = {0};
    rasd_boilerplate *mine = rasd_boilerplate_from_buffer("fuzz.txt", s, size, &err);
    if (!mine) check(err.message[0] != '\0');
    rasd_boilerplate_destroy(mine);
    return 0;
}
