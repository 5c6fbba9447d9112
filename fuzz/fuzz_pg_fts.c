/*
 * fuzz_pg_fts.c: libFuzzer target for the PostgreSQL full-text literals
 * (src/storage/pg_fts.c), which need no server: the input's first line is
 * read as a search query (FTS5 syntax) and the whole input as an article. A query either fails with
 * RASD_ERR_USAGE or gives a tsquery whose quotes and parentheses balance
 * and which is empty exactly when it has no phrase; the article's tsvector
 * has balanced quotes; the snippet of the article for the query is built
 * without a crash, a leak or a hang.
 */
#include "storage/pg_fts.h"
#include "default_flags.h"

#include <stdlib.h>
#include <string.h>

static rasd_lexicon *lex;
static rasd_analyzer *an;

static void check(int cond) {
    if (!cond) abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    /* every word of the article is analysed for its tsvector and snippet:
     * 2 KB articles and the plain schedule (the entropic one took a
     * quarter of the time) keep the target over 1,000 runs/s */
    static const char *const flags[] = {"-entropic=0", "-max_len=2048"};
    fuzz_default_flags(argc, argv, flags, 2);
    rasd_error err = {0};
    lex = rasd_lexicon_load(NULL, &err);
    an = lex ? rasd_analyzer_new(lex, &err) : NULL;
    return an ? 0 : 1;
}

/* Quotes pair up (a doubled '' inside a lexeme is one quote character)
 * and parentheses outside lexemes balance. */
static void balanced(const char *s) {
    int depth = 0;
    bool in = false;
    for (const char *p = s; *p; p++) {
        if (in) {
            if (*p == '\\' && p[1]) p++;
            else if (*p == '\'' && p[1] == '\'') p++;
            else if (*p == '\'') in = false;
        } else if (*p == '\'') {
            in = true;
        } else if (*p == '(') {
            depth++;
        } else if (*p == ')') {
            check(--depth >= 0);
        }
    }
    check(!in && depth == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    size_t len = strlen(text); /* queries are C strings */
    /* the query is the first line, at most 200 bytes (what a search box
     * holds): the snippet scores every window of the article against every
     * phrase, and the whole input as the query made a run quadratic in
     * its size (600 runs/s) */
    size_t qlen = strcspn(text, "\n");
    if (qlen > 200) qlen = 200;
    char *query = strndup(text, qlen);
    if (!query) {
        free(text);
        return 0;
    }
    rasd_pg_query q;
    rasd_error err = {0};
    rasd_status st = rasd_pg_query_parse(an, query, &q, &err);
    free(query);
    if (st != RASD_OK) {
        check(st == RASD_ERR_USAGE || st == RASD_ERR_NOMEM);
    } else {
        balanced(q.tsquery);
        check((*q.tsquery == '\0') == (q.n_phrases == 0));
        rasd_buf snip = {0};
        check(rasd_pg_snippet(an, &q, text, len, "[", "]", &snip));
        rasd_buf_free(&snip);
        rasd_pg_query_free(&q);
    }
    rasd_buf tsv = {0};
    size_t n_terms = 0;
    check(rasd_pg_tsvector(an, text, text, len, NULL, NULL, &tsv, &n_terms));
    if (tsv.data) balanced(tsv.data);
    rasd_buf_free(&tsv);
    free(text);
    return 0;
}
