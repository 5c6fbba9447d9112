/*
 * test_helpers.h: small helpers shared by the cmocka test programs.
 */
#ifndef RASD_TEST_HELPERS_H
#define RASD_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rasd.h"

/* The key of s, in a static buffer (tests are single-threaded). */
static inline const char *key_of(const char *s) {
    static char buf[4096];
    rasd_normalize(s, strlen(s), buf, sizeof buf);
    return buf;
}

/* One lexicon and analyzer for a whole test program. */
static rasd_lexicon *test_lex;
static rasd_analyzer *test_an;

static inline int setup_analyzer(void **state) {
    (void)state;
    rasd_error err = {0};
    test_lex = rasd_lexicon_load(NULL, &err);
    if (!test_lex) {
        fprintf(stderr, "cannot load the lexicon: %s\n", err.message);
        return -1;
    }
    test_an = rasd_analyzer_new(test_lex, &err);
    return test_an ? 0 : -1;
}

static inline int teardown_analyzer(void **state) {
    (void)state;
    rasd_analyzer_destroy(test_an);
    rasd_lexicon_destroy(test_lex);
    return 0;
}

#endif
