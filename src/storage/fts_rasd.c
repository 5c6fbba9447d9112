/*
 * fts_rasd.c: the `rasd` FTS5 tokenizer, glue between SQLite's tokenizer
 * API (after the porter wrapper in SQLite's ext/fts5/fts5_tokenize.c) and
 * rasd's terms (terms.c). Each tokenizer instance owns an analyzer; FTS5
 * uses an instance from one connection, so one thread, at a time.
 *
 * When an ingest has computed a text's terms on a worker thread, it tells
 * the tokenizer (rasd_fts_expect) and the writer thread replays them
 * instead of analysing the text again: the writer is an ingest's
 * bottleneck, the workers are not. The analyzer is therefore made on the
 * first text that needs it: an ingest that replays every text never
 * makes one, and an analyzer's word cache is 32 MB.
 */
#include "storage/fts_rasd.h"

#include "core/internal.h"

#include <stdlib.h>
#include <string.h>

struct rasd_fts {
    const rasd_lexicon *lex;
    const rasd_term_list *expect[2];
};

typedef struct fts_tok {
    rasd_fts *fts;
    rasd_analyzer *an;
} fts_tok;

typedef int (*token_cb)(void *, int, const char *, int, int, int);

typedef struct emit_ctx {
    token_cb cb;
    void *ctx;
    int rc;
} emit_ctx;

static bool emit(void *ctx, const char *term, size_t len, size_t start, size_t end) {
    emit_ctx *e = ctx;
    e->rc = e->cb(e->ctx, 0, term, (int)len, (int)start, (int)end);
    return e->rc == SQLITE_OK;
}

static int tok_create(void *ctx, const char **args, int n_args, Fts5Tokenizer **out) {
    (void)args;
    (void)n_args;
    fts_tok *t = calloc(1, sizeof *t);
    if (!t) return SQLITE_NOMEM;
    t->fts = ctx;
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p) {
    fts_tok *t = (fts_tok *)p;
    if (!t) return;
    rasd_analyzer_destroy(t->an);
    free(t);
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n_text, token_cb cb) {
    fts_tok *t = (fts_tok *)p;
    if (!text || n_text <= 0) return SQLITE_OK;
    emit_ctx e = {cb, ctx, SQLITE_OK};
    if (flags & FTS5_TOKENIZE_DOCUMENT)
        for (int i = 0; i < 2; i++)
            if (rasd_terms_match(t->fts->expect[i], text, (size_t)n_text)) {
                rasd_terms_replay(t->fts->expect[i], emit, &e);
                return e.rc == SQLITE_DONE ? SQLITE_OK : e.rc;
            }
    rasd_error err = {0};
    if (!t->an && !(t->an = rasd_analyzer_new(t->fts->lex, &err))) return SQLITE_NOMEM;
    rasd_terms_each(t->an, text, (size_t)n_text, emit, &e);
    return e.rc == SQLITE_DONE ? SQLITE_OK : e.rc;
}

/* SQLite's documented way to reach the FTS5 API from C. */
static fts5_api *fts5_api_of(sqlite3 *db) {
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return api;
}

rasd_fts *rasd_fts_register(sqlite3 *db, const rasd_lexicon *lex, rasd_error *err) {
    fts5_api *api = fts5_api_of(db);
    if (!api || api->iVersion < 2) {
        rasd_fail(err, RASD_ERR_DB, "SQLite has no FTS5 (needed for the full-text index)");
        return NULL;
    }
    rasd_fts *fts = calloc(1, sizeof *fts);
    if (!fts) {
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        return NULL;
    }
    fts->lex = lex;
    static fts5_tokenizer TOKENIZER = {tok_create, tok_delete, tok_tokenize};
    /* SQLite calls free() on fts when the connection closes */
    if (api->xCreateTokenizer(api, "rasd", fts, &TOKENIZER, free) != SQLITE_OK) {
        rasd_fail(err, RASD_ERR_DB, "cannot register the rasd FTS5 tokenizer: %s", sqlite3_errmsg(db));
        return NULL;
    }
    return fts;
}

void rasd_fts_expect(rasd_fts *fts, const rasd_term_list *a, const rasd_term_list *b) {
    fts->expect[0] = a;
    fts->expect[1] = b;
}
