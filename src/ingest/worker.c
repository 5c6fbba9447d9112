/*
 * worker.c: the per-article pipeline, on the pool's worker threads
 * (ingest_internal.h): the boilerplate filter over its body, the same
 * analysis as `rasd analyze`, flattened into the store's rows, its
 * fingerprint and story terms; or, with --from-jsonl, the rows of an
 * analysis made elsewhere. Every way into the store (files, --from-jsonl,
 * articles given in memory: POST /api/ingest, rasd watch) prepares its
 * articles here. The analyzers are kept in the session's stash between
 * chunks and calls.
 */
#include "ingest/ingest_internal.h"

#include "core/internal.h"
#include "storage/terms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *ingest_take_analyzer(void *ctx) {
    ingest *g = ctx;
    rasd_ingest_session *s = g->s;
    rasd_analyzer *an = NULL;
    pthread_mutex_lock(&s->stash_mu);
    if (s->n_stash) an = s->stash[--s->n_stash];
    pthread_mutex_unlock(&s->stash_mu);
    if (an) return an;
    /* NULL fails this thread's articles, each named (ingest_analyse_one) */
    return rasd_analyzer_new(s->lex, NULL);
}

void ingest_give_back(void *ctx, void *state) {
    ingest *g = ctx;
    rasd_ingest_session *s = g->s;
    if (!state) return;
    pthread_mutex_lock(&s->stash_mu);
    if (s->n_stash < MAX_ANALYZERS) {
        s->stash[s->n_stash++] = state;
        state = NULL;
    }
    pthread_mutex_unlock(&s->stash_mu);
    rasd_analyzer_destroy(state);
}

void ingest_fail_item(item *it, rasd_status code, const char *msg) {
    it->code = code;
    it->error = strdup(msg);
}

static hash128 parse_hash(const char *hex) {
    hash128 h = {0, 0};
    for (int i = 0; i < 32 && hex[i]; i++) {
        int c = hex[i], v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 0;
        if (i < 16) h.hi = h.hi << 4 | (uint64_t)v;
        else h.lo = h.lo << 4 | (uint64_t)v;
    }
    return h;
}

int ingest_hash_cmp(const void *a, const void *b) {
    const hash128 *x = a, *y = b;
    if (x->hi != y->hi) return x->hi < y->hi ? -1 : 1;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

bool ingest_add_stored(void *ctx, const char *hash) {
    ingest *g = ctx;
    if (!rasd_grow((void **)&g->prior, &g->cap_prior, g->n_prior, sizeof *g->prior)) return false;
    g->prior[g->n_prior++] = parse_hash(hash);
    return true;
}

/* Articles given in memory leave the table unread (it would cost a pass
 * over the store for each): the writer's look-up by hash still finds them. */
static bool was_stored(const ingest *g, const char *hash) {
    hash128 h = parse_hash(hash);
    return g->n_prior && bsearch(&h, g->prior, g->n_prior, sizeof *g->prior, ingest_hash_cmp);
}

/* The boilerplate filter over the body (HTML and feed readers have run it
 * already; on their text it finds nothing more). The removed lines become
 * rows of their own, their offsets counted in the text as it will be stored:
 * prefix bytes (the title line) and then the kept body. On success the
 * article's body is the kept text. */
static rasd_status strip_boilerplate(const rasd_boilerplate *bp, item *it, size_t prefix, rasd_error *err) {
    if (!bp || !it->a.text || !it->a.len) return RASD_OK;
    rasd_boilerplate_result r;
    rasd_status st = rasd_boilerplate_filter(bp, it->a.text, it->a.len, &r, err);
    if (st != RASD_OK || !r.n_removed) {
        if (st == RASD_OK) rasd_boilerplate_result_free(&r);
        return st;
    }
    rasd_row_boilerplate *rows = calloc(r.n_removed, sizeof *rows);
    if (!rows) {
        rasd_boilerplate_result_free(&r);
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    }
    /* a removed line goes with its line break, so the kept text before the
     * i-th removed line is its start less the bytes removed before it */
    size_t gone = 0;
    for (size_t i = 0; i < r.n_removed; i++) {
        rasd_span sp = r.removed[i].span;
        size_t at = sp.start - gone;
        if (at > r.len) at = r.len; /* blank lines dropped at the end */
        rows[i].at = (int64_t)(prefix + at);
        rows[i].input_start = (int64_t)(prefix + sp.start);
        rows[i].input_end = (int64_t)(prefix + sp.end);
        rows[i].reason = r.removed[i].reason;
        rows[i].text = strndup(it->a.text + sp.start, sp.end - sp.start);
        gone += sp.end - sp.start + (sp.end < it->a.len);
        if (!rows[i].text) {
            for (size_t k = 0; k < i; k++) free(rows[k].text);
            free(rows);
            rasd_boilerplate_result_free(&r);
            return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        }
    }
    free(it->a.text);
    it->a.text = r.text;
    it->a.len = r.len;
    it->rows.boilerplate = rows;
    it->rows.n_boilerplate = r.n_removed;
    r.text = NULL;
    rasd_boilerplate_result_free(&r);
    return RASD_OK;
}

/* The rows, fingerprint and index terms of an analysed article: from its
 * analysis when it was analysed here (a), else from its JSON line
 * (--from-jsonl). Reading the rows from the analysis spares writing a line
 * only to parse it back (and the events' details out of it again). */
static void rows_of_analysis(ingest *g, item *it, rasd_analyzer *an, const rasd_analysis *a) {
    rasd_error err = {0};
    /* lines the boilerplate filter removed were set aside before the analysis */
    rasd_row_boilerplate *removed = it->rows.boilerplate;
    size_t n_removed = it->rows.n_boilerplate;
    it->rows.boilerplate = NULL;
    it->rows.n_boilerplate = 0;
    rasd_status st = a ? rasd_rows_from_analysis(a, &it->rows, &err)
                       : rasd_rows_from_json(it->a.origin, it->json, it->json_len, &it->rows, &err);
    if (st == RASD_OK) {
        it->rows.boilerplate = removed;
        it->rows.n_boilerplate = n_removed;
    } else {
        for (size_t k = 0; k < n_removed; k++) free(removed[k].text);
        free(removed);
    }
    if (st == RASD_OK)
        st = rasd_link_prepare(an, it->title, it->text, it->len, &it->rows, &it->fp,
                               g->stories_later ? NULL : &it->terms, &err);
    /* the index's terms, here rather than on the writer thread */
    if (st == RASD_OK) st = rasd_terms_collect(an, it->title, strlen(it->title), &it->rows.title_terms, &err);
    if (st == RASD_OK) st = rasd_terms_collect(an, it->text, it->len, &it->rows.text_terms, &err);
    if (st != RASD_OK) {
        ingest_fail_item(it, st, err.message);
        return;
    }
    if (!g->keep_json) {
        free(it->json);
        it->json = NULL;
        it->json_len = 0;
    }
}

/* ------------------------------------------- --from-jsonl: analysed elsewhere */

/* An item whose analysis came with it (a line of rasd analyze output):
 * its text, title, outlet and date from the line, the rest as usual. The
 * identity is the text's hash, as for a .txt file (the analysis has no
 * URL), so the same article ingested either way is stored once. */
static void from_analysis(ingest *g, item *it, rasd_analyzer *an) {
    rasd_error err = {0};
    rasd_analysis_line l;
    rasd_status st = rasd_analysis_line_read(it->a.origin, it->json, it->json_len, &l, &err);
    if (st != RASD_OK) {
        ingest_fail_item(it, st, err.message);
        return;
    }
    it->text = l.text;
    it->len = l.len;
    it->title = l.title;
    it->a.source = l.source ? l.source : (g->ropt && g->ropt->source ? strdup(g->ropt->source) : NULL);
    it->a.published = l.published;
    if (l.origin) { /* where the text came from, rather than the line */
        free(it->a.origin);
        it->a.origin = l.origin;
    }
    memcpy(it->text_id, l.id, sizeof it->text_id);
    rasd_store_identity(it->a.url, it->text, it->len, it->hash);
    if (was_stored(g, it->hash)) {
        it->stored = true;
        return;
    }
    rows_of_analysis(g, it, an, NULL);
}

void ingest_analyse_one(void *ctx, void *state, size_t i) {
    ingest *g = ctx;
    item *it = &g->chunk[i];
    rasd_analyzer *an = state;
    rasd_error err = {0};
    if (it->error) return; /* a record the reader skipped, reported in order */
    if (!an) {
        ingest_fail_item(it, RASD_ERR_NOMEM, "no analyzer (out of memory)");
        return;
    }
    if (it->analysed) {
        from_analysis(g, it, an);
        return;
    }
    /* the document the analysis reads: the title as its first line */
    size_t prefix = it->a.title && *it->a.title ? strlen(it->a.title) + 1 : 0;
    rasd_status st = strip_boilerplate(g->bp, it, prefix, &err);
    if (st != RASD_OK) {
        ingest_fail_item(it, st, err.message);
        return;
    }
    rasd_buf b = {0};
    if (prefix) {
        rasd_buf_append(&b, it->a.title, strlen(it->a.title));
        rasd_buf_putc(&b, '\n');
    }
    rasd_buf_append(&b, it->a.text ? it->a.text : "", it->a.len);
    if (b.oom) {
        rasd_buf_free(&b);
        ingest_fail_item(it, RASD_ERR_NOMEM, "out of memory");
        return;
    }
    rasd_document doc;
    size_t built = b.len;
    st = rasd_document_from_buffer(it->a.origin, b.data ? b.data : "", b.len, &g->read, &doc, &err);
    rasd_buf_free(&b);
    if (st == RASD_OK && doc.len != built) { /* offsets of removed lines would not hold: keep none */
        for (size_t k = 0; k < it->rows.n_boilerplate; k++) it->rows.boilerplate[k].at = -1;
    }
    if (st != RASD_OK) {
        ingest_fail_item(it, st, err.message);
        return;
    }
    it->text = doc.text;
    it->len = doc.len;
    doc.text = NULL;
    if (!(it->title = strndup(it->text + doc.title.start, doc.title.end - doc.title.start))) {
        rasd_document_destroy(&doc);
        ingest_fail_item(it, RASD_ERR_NOMEM, "out of memory");
        return;
    }
    memcpy(it->text_id, doc.id, sizeof it->text_id);
    rasd_store_identity(it->a.url, it->text, it->len, it->hash);
    if (was_stored(g, it->hash)) { /* ingested before: nothing to analyse */
        it->stored = true;
        rasd_document_destroy(&doc);
        return;
    }
    doc.text = it->text; /* lent back for the analysis */
    rasd_analysis_options opt = g->analysis;
    opt.source = it->a.source;
    opt.published = it->a.published;
    rasd_analysis *a = NULL;
    st = rasd_analyze_document(an, &doc, &opt, &a, &err);
    /* the line only when the store keeps it (documents.analysis, --keep-json) */
    if (st == RASD_OK && g->keep_json) st = rasd_analysis_write_json(a, &it->json, &it->json_len, &err);
    if (st == RASD_OK) rows_of_analysis(g, it, an, a);
    else ingest_fail_item(it, st, err.message);
    rasd_analysis_destroy(a); /* before the document: it reads its text */
    doc.text = NULL;
    rasd_document_destroy(&doc);
}
