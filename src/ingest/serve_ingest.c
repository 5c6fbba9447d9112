/*
 * serve_ingest.c: POST /api/ingest for `rasd serve --allow-ingest`: one
 * JSON article in, analysed, linked to its duplicate and story, and stored
 * in its own transaction, the way `rasd ingest` does for many (the same
 * engine, rows and links: src/cli/cmd_ingest.c, ingest/link.h).
 *
 * Writes are serialised by one lock (SQLite has one writer anyway); the
 * duplicate index and story state are loaded on the first article and kept.
 */
#include "cli/engine.h"
#include "cli/cli_query.h"
#include "corpus/charref.h"
#include "ingest/link.h"
#include "storage/terms.h"

#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct cli_ingest {
    cli_engine engine;
    rasd_analysis_options analysis;
    rasd_analyzer *an;
    rasd_link *link;
    pthread_mutex_t lock;
};

cli_ingest *cli_ingest_new(const char *data_dir) {
    cli_ingest *g = calloc(1, sizeof *g);
    if (!g) {
        cli_error("out of memory");
        return NULL;
    }
    cli_engine_options eopt = {.data_dir = data_dir, .entities = true, .tagger = true};
    rasd_error err = {0};
    if (!cli_engine_load(&g->engine, &eopt, &g->analysis) || !(g->an = rasd_analyzer_new(g->engine.lex, &err))) {
        if (err.message[0]) cli_error("%s", err.message);
        cli_engine_destroy(&g->engine);
        free(g);
        return NULL;
    }
    pthread_mutex_init(&g->lock, NULL);
    return g;
}

void cli_ingest_destroy(cli_ingest *g) {
    if (!g) return;
    rasd_link_close(g->link);
    rasd_analyzer_destroy(g->an);
    cli_engine_destroy(&g->engine);
    pthread_mutex_destroy(&g->lock);
    free(g);
}

static const char *member(json_t *o, const char *name, rasd_status *st, rasd_error *err) {
    json_t *v = json_object_get(o, name);
    if (!v || json_is_null(v)) return NULL;
    if (!json_is_string(v)) {
        *st = rasd_fail(err, RASD_ERR_FORMAT, "POST /api/ingest: \"%s\" must be a string", name);
        return NULL;
    }
    return json_string_value(v);
}

static rasd_status store_one(cli_ingest *g, rasd_store *store, json_t *o, int64_t *id, bool *already,
                             rasd_error *err) {
    rasd_status st = RASD_OK;
    const char *text = member(o, "text", &st, err);
    if (!text) text = member(o, "content", &st, err);
    const char *title = member(o, "title", &st, err), *source = member(o, "source", &st, err);
    const char *url = member(o, "url", &st, err), *author = member(o, "author", &st, err);
    const char *published = member(o, "published", &st, err);
    if (st != RASD_OK) return st;
    if (!text || !*text) return rasd_fail(err, RASD_ERR_FORMAT, "POST /api/ingest: \"text\" is missing or empty");
    if (published && !rasd_valid_date(published))
        return rasd_fail(err, RASD_ERR_FORMAT, "POST /api/ingest: \"published\" (%.40s) is not YYYY-MM-DD",
                         published);
    /* the document the analysis reads: the title as its first line */
    rasd_buf b = {0};
    if (title && *title) {
        rasd_buf_append(&b, title, strlen(title));
        rasd_buf_putc(&b, '\n');
    }
    rasd_buf_append(&b, text, strlen(text));
    if (b.oom) {
        rasd_buf_free(&b);
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    }
    /* a posted article is a JSON record like a scraped one: its HTML
     * character references decoded before analysis (charref.h) */
    char *decoded = NULL;
    size_t decoded_len = 0;
    bool changed = false;
    bool ok = rasd_charref_decode(b.data, b.len, &decoded, &decoded_len, &changed);
    rasd_buf_free(&b);
    if (!ok) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    rasd_document doc;
    rasd_read_options read = {0};
    st = rasd_document_from_buffer("POST /api/ingest", decoded, decoded_len, &read, &doc, err);
    free(decoded);
    if (st != RASD_OK) return st;
    char hash[33];
    rasd_store_identity(url, doc.text, doc.len, hash);
    char *doc_title = strndup(doc.text + doc.title.start, doc.title.end - doc.title.start);
    rasd_analysis_options opt = g->analysis;
    opt.source = source;
    opt.published = published;
    char *json = NULL;
    size_t json_len = 0;
    rasd_rows rows = {0};
    rasd_fingerprint fp;
    rasd_story_terms *terms = NULL;
    rasd_link_result lr = {0};
    bool in_tx = false;
    st = doc_title ? RASD_OK : rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    if (st == RASD_OK) st = rasd_analysis_json(g->an, &doc, &opt, &json, &json_len, err);
    if (st == RASD_OK) st = rasd_rows_from_json("POST /api/ingest", json, json_len, &rows, err);
    if (st == RASD_OK) st = rasd_link_prepare(g->an, doc_title, doc.text, doc.len, &rows, &fp, &terms, err);
    /* the index's terms, as the ingest's workers compute them */
    if (st == RASD_OK) st = rasd_terms_collect(g->an, doc_title, strlen(doc_title), &rows.title_terms, err);
    if (st == RASD_OK) st = rasd_terms_collect(g->an, doc.text, doc.len, &rows.text_terms, err);
    if (st == RASD_OK) st = rasd_store_find_by_hash(store, hash, id, err);
    if (st == RASD_OK && *id) {
        *already = true;
        goto done;
    }
    if (st == RASD_OK && !g->link && !(g->link = rasd_link_open(store, g->an, err))) st = err->code;
    if (st == RASD_OK && (st = rasd_store_begin(store, err)) == RASD_OK) in_tx = true;
    if (st == RASD_OK) st = rasd_store_next_id(store, id, err);
    if (st == RASD_OK) st = rasd_link_duplicate(g->link, *id, &fp, &lr, err);
    rasd_store_doc d = {
        .id = *id, .hash = hash, .text_id = doc.id, .origin = "POST /api/ingest", .url = url, .title = doc_title,
        .source = source, .author = author, .published = published, .text = doc.text, .len = doc.len,
        .analysis_json = json, .analysis_len = json_len, .rows = &rows, .duplicate_of = lr.duplicate_of,
        .dup_kind = lr.dup_kind, .similarity = lr.similarity,
    };
    if (st == RASD_OK) st = rasd_store_put(store, &d, id, already, err);
    if (st == RASD_OK && !*already) {
        /* the story clusterer takes the article's terms and a copy of its date */
        rasd_link_job job = {*id, published ? strdup(published) : NULL, terms};
        terms = NULL;
        if (published && !job.published) {
            rasd_story_terms_free(job.terms);
            st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        } else {
            st = rasd_link_story(g->link, store, &job, &fp, err);
        }
    }
    if (st == RASD_OK) st = rasd_link_save(g->link, store, err);
    if (st == RASD_OK) st = rasd_store_commit(store, err);
    if (st == RASD_OK) in_tx = false;
done:
    if (in_tx) {
        rasd_error ignored = {0};
        rasd_store_rollback(store, &ignored);
        /* the link's memory may now hold what was rolled back: reload it */
        rasd_link_close(g->link);
        g->link = NULL;
    }
    rasd_story_terms_free(terms);
    rasd_rows_free(&rows);
    free(json);
    free(doc_title);
    rasd_document_destroy(&doc);
    return st;
}

rasd_status cli_ingest_json(void *ctx, rasd_store *store, const char *body, size_t len, int64_t *id, bool *already,
                            rasd_error *err) {
    cli_ingest *g = ctx;
    json_error_t jerr;
    json_t *o = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!o) return rasd_fail_at(err, RASD_ERR_FORMAT, (size_t)jerr.position, "POST /api/ingest: byte %d: %s",
                                jerr.position, jerr.text);
    if (!json_is_object(o)) {
        json_decref(o);
        return rasd_fail(err, RASD_ERR_FORMAT, "POST /api/ingest: the body must be a JSON object");
    }
    *id = 0;
    *already = false;
    pthread_mutex_lock(&g->lock);
    rasd_status st = store_one(g, store, o, id, already, err);
    pthread_mutex_unlock(&g->lock);
    json_decref(o);
    return st;
}
