/*
 * ingest_post.c: POST /api/ingest (ingest_post.h). The body is checked
 * here (a JSON object, string members, a real date), its HTML character
 * references decoded as the JSON reader decodes a scraped record's, and
 * the article handed to rasd_ingest as one record given in memory.
 *
 * Posts are serialised by one lock (SQLite has one writer anyway, and a
 * session serves one call at a time); the session keeps the duplicate
 * index and story state between posts, so only the first one loads them.
 */
#include "server/ingest_post.h"

#include "core/internal.h"
#include "corpus/article.h"
#include "corpus/charref.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rasd_post_ingest {
    rasd_ingest_options opt;
    pthread_mutex_t lock;
};

rasd_post_ingest *rasd_post_ingest_new(const rasd_ingest_options *opt) {
    rasd_post_ingest *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->opt = *opt;
    p->opt.jsonl = NULL;
    p->opt.paths = NULL;
    p->opt.n_paths = 0;
    p->opt.progress = NULL;
    if (!(p->opt.session = rasd_ingest_session_new())) {
        free(p);
        return NULL;
    }
    pthread_mutex_init(&p->lock, NULL);
    return p;
}

void rasd_post_ingest_destroy(rasd_post_ingest *p) {
    if (!p) return;
    rasd_ingest_session_destroy(p->opt.session);
    pthread_mutex_destroy(&p->lock);
    free(p);
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

/* A copy with the HTML character references decoded (a posted article is
 * a JSON record like a scraped one), or a plain copy; NULL stays NULL. */
static bool decoded_copy(const char *s, char **out) {
    *out = NULL;
    if (!s) return true;
    size_t len = 0;
    bool changed = false;
    return rasd_charref_decode(s, strlen(s), out, &len, &changed);
}

static bool copy(const char *s, char **out) {
    *out = s ? strdup(s) : NULL;
    return !s || *out;
}

/* What became of the one record. */
typedef struct outcome {
    bool seen;
    rasd_status status;
    char error[512];
    int64_t id;
    bool already;
} outcome;

static void on_record(void *ctx, const rasd_ingest_record *rec) {
    outcome *o = ctx;
    o->seen = true;
    o->status = rec->status;
    o->id = rec->id;
    o->already = rec->already;
    if (rec->error) snprintf(o->error, sizeof o->error, "%s", rec->error);
}

static rasd_status article_of(json_t *o, rasd_article *a, rasd_error *err) {
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
    memset(a, 0, sizeof *a);
    if (!copy("POST /api/ingest", &a->origin) || !decoded_copy(title, &a->title) ||
        !decoded_copy(text, &a->text) || !copy(source, &a->source) || !copy(url, &a->url) ||
        !copy(author, &a->author) || !copy(published, &a->published)) {
        rasd_article_clear(a);
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    }
    a->len = strlen(a->text);
    return RASD_OK;
}

rasd_status rasd_post_ingest_json(void *ctx, rasd_store *store, const char *body, size_t len, int64_t *id,
                                  bool *already, rasd_error *err) {
    rasd_post_ingest *p = ctx;
    *id = 0;
    *already = false;
    json_error_t jerr;
    json_t *o = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!o) return rasd_fail_at(err, RASD_ERR_FORMAT, (size_t)jerr.position, "POST /api/ingest: byte %d: %s",
                                jerr.position, jerr.text);
    if (!json_is_object(o)) {
        json_decref(o);
        return rasd_fail(err, RASD_ERR_FORMAT, "POST /api/ingest: the body must be a JSON object");
    }
    rasd_article a;
    rasd_status st = article_of(o, &a, err);
    json_decref(o);
    if (st != RASD_OK) return st;
    outcome out = {0};
    rasd_ingest_options opt = p->opt;
    opt.articles = &a;
    opt.n_articles = 1;
    opt.on_record = on_record;
    opt.ctx = &out;
    rasd_ingest_report report;
    pthread_mutex_lock(&p->lock);
    st = rasd_ingest(store, &opt, &report, err);
    pthread_mutex_unlock(&p->lock);
    rasd_article_clear(&a); /* what the ingest did not take over */
    if (st != RASD_OK) return st;
    if (!out.seen) return rasd_fail(err, RASD_ERR_NOMEM, "POST /api/ingest: the article was not stored");
    if (out.status != RASD_OK) return rasd_fail(err, out.status, "%s", out.error);
    *id = out.id;
    *already = out.already;
    return RASD_OK;
}
