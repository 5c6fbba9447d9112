/*
 * store_backend.h: what a storage backend provides (store.h's operations
 * as a table of functions). store.c dispatches every public call through
 * it; a backend embeds rasd_store as its first member.
 */
#ifndef RASD_STORE_BACKEND_H
#define RASD_STORE_BACKEND_H

#include "storage/store.h"

typedef struct rasd_store_ops {
    const char *name;
    void (*close)(rasd_store *s);
    uint64_t (*size)(rasd_store *s);
    rasd_status (*begin)(rasd_store *s, rasd_error *err);
    rasd_status (*commit)(rasd_store *s, rasd_error *err);
    rasd_status (*rollback)(rasd_store *s, rasd_error *err);
    rasd_status (*put)(rasd_store *s, const rasd_store_doc *d, int64_t *id, bool *already, rasd_error *err);
    rasd_status (*find_by_hash)(rasd_store *s, const char *hash, int64_t *id, rasd_error *err);
    rasd_status (*each_hash)(rasd_store *s, rasd_hash_fn fn, void *ctx, rasd_error *err);
    rasd_status (*next_id)(rasd_store *s, int64_t *id, rasd_error *err);
    rasd_status (*set_story)(rasd_store *s, int64_t doc, int64_t story, double similarity, rasd_error *err);
    rasd_status (*refresh_story)(rasd_store *s, int64_t story, rasd_error *err);
    rasd_status (*put_state)(rasd_store *s, const char *name, const void *data, size_t len, rasd_error *err);
    rasd_status (*get_state)(rasd_store *s, const char *name, void **data, size_t *len, rasd_error *err);
    rasd_status (*put_fingerprint)(rasd_store *s, int64_t doc, const void *fp, size_t len, rasd_error *err);
    rasd_status (*each_fingerprint)(rasd_store *s, rasd_fingerprint_fn fn, void *ctx, rasd_error *err);
    rasd_status (*get_fingerprint)(rasd_store *s, int64_t doc, void *buf, size_t cap, size_t *len, rasd_error *err);
    rasd_status (*search)(rasd_store *s, const rasd_search_query *q, rasd_search_fn fn, void *ctx, rasd_error *err);
    rasd_status (*counts)(rasd_store *s, rasd_store_counts *out, rasd_error *err);
    /* NULL: the backend's batches already exclude other writers */
    rasd_status (*lock_writers)(rasd_store *s, rasd_error *err);
    rasd_status (*each_settle_doc)(rasd_store *s, rasd_settle_doc_fn fn, void *ctx, rasd_error *err);
    rasd_status (*rebuild_story_rows)(rasd_store *s, rasd_error *err);
    rasd_status (*set_duplicate)(rasd_store *s, int64_t doc, int64_t duplicate_of, const char *kind, double similarity,
                                 rasd_error *err);
    /* NULL: no sums kept over stored rows */
    void (*defer_sums)(rasd_store *s, bool defer);
    rasd_status (*rebuild_sums)(rasd_store *s, rasd_error *err);
} rasd_store_ops;

struct rasd_store {
    const rasd_store_ops *ops;
    char *target;
};

/* Settling, shared by the backends (store.c): each backend's query lists
 * the documents in settling order with their entity ids joined by
 * RASD_ENTITY_SEP (one aggregate per document instead of a query each);
 * these split the ids and hand a row on as a rasd_settle_doc. */
#define RASD_ENTITY_SEP '\x1f'
typedef struct rasd_settle_row {
    int64_t id, story, duplicate_of;
    double similarity, dup_similarity;
    const char *dup_kind;
    const char *hash, *published, *title, *text, *entities; /* entities: joined, or NULL */
    size_t len;
    const void *fingerprint; /* or NULL */
    size_t fingerprint_len;
} rasd_settle_row;
typedef struct rasd_settle_rows {
    const char **ids; /* scratch for the split entity ids */
    char *buf;
    size_t cap_ids, cap_buf;
} rasd_settle_rows;
/* false: fn asked to stop, or out of memory (*oom set). */
bool rasd_settle_row_emit(rasd_settle_rows *r, const rasd_settle_row *row, rasd_settle_doc_fn fn, void *ctx,
                          bool *oom);
void rasd_settle_rows_free(rasd_settle_rows *r);

/* The SQLite backend (sqlite_store.c). */
rasd_store *rasd_sqlite_store_open(const char *path, const rasd_lexicon *lex, rasd_error *err);

#endif
