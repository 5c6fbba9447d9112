/*
 * store.c: the one place that picks a storage backend and forwards the
 * store's operations to it (store.h, store_backend.h). A target that is a
 * postgres:// or postgresql:// URL goes to the PostgreSQL backend
 * (pg_store.c); any other target is a SQLite file.
 */
#include "storage/pg_store.h"
#include "storage/store_backend.h"

#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

rasd_store *rasd_store_open(const char *target, const rasd_lexicon *lex, rasd_error *err) {
    if (!target || !*target) target = getenv("RASD_DB");
    if (!target || !*target) target = "rasd.db";
    if (rasd_store_is_pg(target)) return rasd_pg_store_open(target, lex, err);
    return rasd_sqlite_store_open(target, lex, err);
}

bool rasd_store_is_pg(const char *target) {
    return target && (strncmp(target, "postgres://", 11) == 0 || strncmp(target, "postgresql://", 13) == 0);
}

void rasd_store_close(rasd_store *s) {
    if (s) s->ops->close(s);
}

const char *rasd_store_target(const rasd_store *s) { return s->target; }
uint64_t rasd_store_size(rasd_store *s) { return s->ops->size(s); }
rasd_status rasd_store_begin(rasd_store *s, rasd_error *err) { return s->ops->begin(s, err); }
rasd_status rasd_store_commit(rasd_store *s, rasd_error *err) { return s->ops->commit(s, err); }
rasd_status rasd_store_rollback(rasd_store *s, rasd_error *err) { return s->ops->rollback(s, err); }
rasd_status rasd_store_lock_writers(rasd_store *s, rasd_error *err) {
    return s->ops->lock_writers ? s->ops->lock_writers(s, err) : RASD_OK;
}

rasd_status rasd_store_put(rasd_store *s, const rasd_store_doc *d, int64_t *id, bool *already, rasd_error *err) {
    if (!d->hash || !d->text_id || !d->origin || !d->text)
        return rasd_fail(err, RASD_ERR_USAGE, "rasd_store_put: hash, text_id, origin and text are required");
    return s->ops->put(s, d, id, already, err);
}

rasd_status rasd_store_find_by_hash(rasd_store *s, const char *hash, int64_t *id, rasd_error *err) {
    return s->ops->find_by_hash(s, hash, id, err);
}

rasd_status rasd_store_each_hash(rasd_store *s, rasd_hash_fn fn, void *ctx, rasd_error *err) {
    return s->ops->each_hash(s, fn, ctx, err);
}

rasd_status rasd_store_next_id(rasd_store *s, int64_t *id, rasd_error *err) { return s->ops->next_id(s, id, err); }

rasd_status rasd_store_set_story(rasd_store *s, int64_t doc, int64_t story, double similarity, rasd_error *err) {
    return s->ops->set_story(s, doc, story, similarity, err);
}

rasd_status rasd_store_refresh_story(rasd_store *s, int64_t story, rasd_error *err) {
    return s->ops->refresh_story(s, story, err);
}

rasd_status rasd_store_each_settle_doc(rasd_store *s, rasd_settle_doc_fn fn, void *ctx, rasd_error *err) {
    return s->ops->each_settle_doc(s, fn, ctx, err);
}

rasd_status rasd_store_set_duplicate(rasd_store *s, int64_t doc, int64_t duplicate_of, const char *kind,
                                     double similarity, rasd_error *err) {
    return s->ops->set_duplicate(s, doc, duplicate_of, kind, similarity, err);
}

rasd_status rasd_store_rebuild_story_rows(rasd_store *s, rasd_error *err) {
    return s->ops->rebuild_story_rows(s, err);
}

void rasd_store_defer_sums(rasd_store *s, bool defer) {
    if (s->ops->defer_sums) s->ops->defer_sums(s, defer);
}

rasd_status rasd_store_rebuild_sums(rasd_store *s, rasd_error *err) {
    return s->ops->rebuild_sums ? s->ops->rebuild_sums(s, err) : RASD_OK;
}

bool rasd_settle_row_emit(rasd_settle_rows *r, const rasd_settle_row *row, rasd_settle_doc_fn fn, void *ctx,
                          bool *oom) {
    size_t n = 0;
    if (row->entities && *row->entities) {
        size_t len = strlen(row->entities);
        if (len + 1 > r->cap_buf) {
            char *b = realloc(r->buf, len + 1);
            if (!b) return !(*oom = true);
            r->buf = b;
            r->cap_buf = len + 1;
        }
        memcpy(r->buf, row->entities, len + 1);
        for (char *p = r->buf;; n++) {
            if (n == r->cap_ids && !rasd_grow((void **)&r->ids, &r->cap_ids, n, sizeof *r->ids)) return !(*oom = true);
            r->ids[n] = p;
            char *sep = strchr(p, RASD_ENTITY_SEP);
            if (!sep) break;
            *sep = '\0';
            p = sep + 1;
        }
        n++;
    }
    rasd_settle_doc d = {.id = row->id, .hash = row->hash, .published = row->published, .title = row->title,
                        .text = row->text ? row->text : "", .len = row->text ? row->len : 0,
                        .entities = r->ids, .n_entities = n, .story = row->story, .similarity = row->similarity,
                        .duplicate_of = row->duplicate_of, .dup_kind = row->dup_kind,
                        .dup_similarity = row->dup_similarity, .fingerprint = row->fingerprint,
                        .fingerprint_len = row->fingerprint ? row->fingerprint_len : 0};
    return fn(ctx, &d);
}

void rasd_settle_rows_free(rasd_settle_rows *r) {
    free(r->ids);
    free(r->buf);
}

rasd_status rasd_store_put_state(rasd_store *s, const char *name, const void *data, size_t len, rasd_error *err) {
    return s->ops->put_state(s, name, data, len, err);
}

rasd_status rasd_store_get_state(rasd_store *s, const char *name, void **data, size_t *len, rasd_error *err) {
    return s->ops->get_state(s, name, data, len, err);
}

rasd_status rasd_store_put_fingerprint(rasd_store *s, int64_t doc, const void *fp, size_t len, rasd_error *err) {
    return s->ops->put_fingerprint(s, doc, fp, len, err);
}

rasd_status rasd_store_each_fingerprint(rasd_store *s, rasd_fingerprint_fn fn, void *ctx, rasd_error *err) {
    return s->ops->each_fingerprint(s, fn, ctx, err);
}

rasd_status rasd_store_get_fingerprint(rasd_store *s, int64_t doc, void *buf, size_t cap, size_t *len,
                                       rasd_error *err) {
    return s->ops->get_fingerprint(s, doc, buf, cap, len, err);
}

rasd_status rasd_store_search(rasd_store *s, const rasd_search_query *q, rasd_search_fn fn, void *ctx,
                              rasd_error *err) {
    if (!q->text || !*q->text) return rasd_fail(err, RASD_ERR_USAGE, "search: empty query");
    return s->ops->search(s, q, fn, ctx, err);
}

rasd_status rasd_store_counts_get(rasd_store *s, rasd_store_counts *out, rasd_error *err) {
    return s->ops->counts(s, out, err);
}

void rasd_store_identity(const char *url, const char *text, size_t len, char out[33]) {
    XXH3_state_t st;
    XXH3_128bits_reset(&st);
    if (url) {
        XXH3_128bits_update(&st, url, strlen(url));
        XXH3_128bits_update(&st, "\0", 1);
    }
    XXH3_128bits_update(&st, text, len);
    XXH128_hash_t h = XXH3_128bits_digest(&st);
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h.high64, (unsigned long long)h.low64);
}
