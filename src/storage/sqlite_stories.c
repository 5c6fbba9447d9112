/*
 * sqlite_stories.c: the SQLite store's rows of the story thread: each
 * document's story and its duplicate link, each story's summary and
 * labels (one story at a time, or all at once), the documents in settling
 * order, and the thread's saved state and fingerprints. Separate from the
 * documents' writer (sqlite_docs.c): these rows are the story thread's
 * own, written after the documents are stored.
 */
#include "storage/sqlite_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* -------------------------------------------------------------- stories */

rasd_status sq_set_story(rasd_store *b, int64_t doc, int64_t story, double sim, rasd_error *err) {
    sqlite_store *s = sq_of(b);
    sqlite3_stmt *q = s->st[ST_SET_STORY];
    sqlite3_bind_int64(q, 1, story);
    sqlite3_bind_double(q, 2, sim);
    sqlite3_bind_int64(q, 3, doc);
    return sq_step_done(s, q, err, "assigning a story");
}

/* Called once per batch for each story the batch touched. */
rasd_status sq_refresh_story(rasd_store *b, int64_t story, rasd_error *err) {
    sqlite_store *s = sq_of(b);
    static const int STEPS[] = {ST_STORY_SUMMARY, ST_STORY_LABELS_DELETE, ST_STORY_LABELS};
    for (size_t i = 0; i < 3; i++) {
        sqlite3_stmt *q = s->st[STEPS[i]];
        sqlite3_bind_int64(q, 1, story);
        rasd_status st = sq_step_done(s, q, err, "summarising a story");
        if (st != RASD_OK) return st;
    }
    return RASD_OK;
}

/* ---------------------------------------------------------------- state */

/* From this size a state is written into a blob of zeros in place
 * (sqlite3_blob_write): bound as a value, SQLite copied it whole into the
 * row it builds, one more copy of the story clusterer's state (8.7 MB for
 * the whole SaudiNewsNet) at the settle's end. */
#define STATE_IN_PLACE (1u << 20)

rasd_status sq_put_state(rasd_store *b, const char *name, const void *data, size_t len, rasd_error *err) {
    sqlite_store *s = sq_of(b);
    if (len >= STATE_IN_PLACE && len <= INT_MAX) {
        sqlite3_stmt *z = s->st[ST_PUT_STATE_ZERO];
        sqlite3_bind_text(z, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_int64(z, 2, (sqlite3_int64)len);
        rasd_status st = sq_step_done(s, z, err, "saving state");
        if (st != RASD_OK) return st;
        sqlite3_blob *blob = NULL;
        if (sqlite3_blob_open(s->db, "main", "state", "data", sqlite3_last_insert_rowid(s->db), 1, &blob) != SQLITE_OK ||
            sqlite3_blob_write(blob, data, (int)len, 0) != SQLITE_OK) {
            st = sq_db_fail(s, err, "saving state");
            sqlite3_blob_close(blob);
            return st;
        }
        return sqlite3_blob_close(blob) == SQLITE_OK ? RASD_OK : sq_db_fail(s, err, "saving state");
    }
    sqlite3_stmt *q = s->st[ST_PUT_STATE];
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_blob64(q, 2, data ? data : "", len, SQLITE_STATIC);
    return sq_step_done(s, q, err, "saving state");
}

rasd_status sq_get_state(rasd_store *b, const char *name, void **data, size_t *len, rasd_error *err) {
    sqlite_store *s = sq_of(b);
    sqlite3_stmt *q = s->st[ST_GET_STATE];
    *data = NULL;
    *len = 0;
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    rasd_status st = RASD_OK;
    if (rc == SQLITE_ROW) {
        size_t n = (size_t)sqlite3_column_bytes(q, 0);
        const void *p = sqlite3_column_blob(q, 0);
        *data = malloc(n ? n : 1);
        if (!*data) st = rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory reading state %s", b->target, name);
        else if (n) memcpy(*data, p, n);
        *len = n;
    } else if (rc != SQLITE_DONE) {
        st = sq_db_fail(s, err, "reading state");
    }
    sqlite3_reset(q);
    return st;
}

rasd_status sq_put_fingerprint(rasd_store *b, int64_t doc, const void *fp, size_t len, rasd_error *err) {
    sqlite_store *s = sq_of(b);
    sqlite3_stmt *q = s->st[ST_PUT_FP];
    sqlite3_bind_int64(q, 1, doc);
    sqlite3_bind_blob64(q, 2, fp, len, SQLITE_STATIC);
    return sq_step_done(s, q, err, "saving a fingerprint");
}

rasd_status sq_each_fingerprint(rasd_store *b, rasd_fingerprint_fn fn, void *ctx, rasd_error *err) {
    sqlite_store *s = sq_of(b);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "SELECT doc, data FROM fingerprints ORDER BY doc", -1, &q, NULL) != SQLITE_OK)
        return sq_db_fail(s, err, "reading fingerprints");
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        if (!fn(ctx, sqlite3_column_int64(q, 0), sqlite3_column_blob(q, 1), (size_t)sqlite3_column_bytes(q, 1)))
            break;
    rasd_status st = rc == SQLITE_ROW || rc == SQLITE_DONE ? RASD_OK : sq_db_fail(s, err, "reading fingerprints");
    sqlite3_finalize(q);
    return st;
}

/* -------------------------------------------------------- settling stories */

/* In settling order, each document by its id: sorting whole rows (text,
 * title, entity lists) held the whole store in SQLite's sorter at once,
 * the ingest's peak of memory; sorting the ids alone keeps it flat. */
static rasd_status settle_order(sqlite_store *s, int64_t **ids, size_t *n, rasd_error *err) {
    sqlite3_stmt *q;
    *ids = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT id FROM documents ORDER BY coalesce(published, substr(ingested_at, 1, 10)), hash",
                           -1, &q, NULL) != SQLITE_OK)
        return sq_db_fail(s, err, "ordering documents for their stories");
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (*n == cap && !rasd_grow((void **)ids, &cap, *n, sizeof **ids)) {
            sqlite3_finalize(q);
            return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory ordering documents", s->base.target);
        }
        (*ids)[(*n)++] = sqlite3_column_int64(q, 0);
    }
    rasd_status st = rc == SQLITE_DONE ? RASD_OK : sq_db_fail(s, err, "ordering documents for their stories");
    sqlite3_finalize(q);
    return st;
}

rasd_status sq_get_fingerprint(rasd_store *b, int64_t doc, void *buf, size_t cap, size_t *len, rasd_error *err) {
    sqlite_store *s = sq_of(b);
    sqlite3_stmt *q = s->st[ST_GET_FP];
    *len = 0;
    sqlite3_bind_int64(q, 1, doc);
    int rc = sqlite3_step(q);
    rasd_status st = RASD_OK;
    if (rc == SQLITE_ROW) {
        const void *p = sqlite3_column_blob(q, 0);
        *len = (size_t)sqlite3_column_bytes(q, 0);
        if (*len <= cap && *len) memcpy(buf, p, *len);
    } else if (rc != SQLITE_DONE) {
        st = sq_db_fail(s, err, "reading a fingerprint");
    }
    sqlite3_reset(q);
    return st;
}

rasd_status sq_each_settle_doc(rasd_store *b, rasd_settle_doc_fn fn, void *ctx, rasd_error *err) {
    sqlite_store *s = sq_of(b);
    int64_t *ids = NULL;
    size_t n = 0;
    rasd_status st = settle_order(s, &ids, &n, err);
    if (st != RASD_OK) return st;
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT d.id, d.hash, d.published, d.title, d.text, coalesce(d.story, 0),"
                           " coalesce(d.story_similarity, 0),"
                           " (SELECT group_concat(entity, char(31)) FROM entities e WHERE e.doc = d.id),"
                           " coalesce(d.duplicate_of, 0), d.dup_kind, coalesce(d.similarity, 0),"
                           " (SELECT data FROM fingerprints f WHERE f.doc = d.id)"
                           " FROM documents d WHERE d.id = ?",
                           -1, &q, NULL) != SQLITE_OK) {
        free(ids);
        return sq_db_fail(s, err, "reading documents for their stories");
    }
    rasd_settle_rows rows = {0};
    bool oom = false, more = true;
    int rc = SQLITE_DONE;
    for (size_t i = 0; more && i < n; i++) {
        sqlite3_bind_int64(q, 1, ids[i]);
        rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) {
            rasd_settle_row row = {
                .id = sqlite3_column_int64(q, 0),
                .hash = (const char *)sqlite3_column_text(q, 1),
                .published = (const char *)sqlite3_column_text(q, 2),
                .title = (const char *)sqlite3_column_text(q, 3),
                .text = (const char *)sqlite3_column_text(q, 4),
                .len = (size_t)sqlite3_column_bytes(q, 4),
                .story = sqlite3_column_int64(q, 5),
                .similarity = sqlite3_column_double(q, 6),
                .entities = (const char *)sqlite3_column_text(q, 7),
                .duplicate_of = sqlite3_column_int64(q, 8),
                .dup_kind = (const char *)sqlite3_column_text(q, 9),
                .dup_similarity = sqlite3_column_double(q, 10),
                .fingerprint = sqlite3_column_blob(q, 11),
                .fingerprint_len = (size_t)sqlite3_column_bytes(q, 11),
            };
            more = rasd_settle_row_emit(&rows, &row, fn, ctx, &oom);
            rc = SQLITE_DONE;
        } else if (rc != SQLITE_DONE) {
            more = false;
        }
        sqlite3_reset(q);
    }
    st = oom ? rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory reading documents", b->target)
         : rc == SQLITE_DONE ? RASD_OK
                             : sq_db_fail(s, err, "reading documents for their stories");
    rasd_settle_rows_free(&rows);
    sqlite3_finalize(q);
    free(ids);
    return st;
}

rasd_status sq_set_duplicate(rasd_store *b, int64_t doc, int64_t duplicate_of, const char *kind,
                                    double similarity, rasd_error *err) {
    sqlite_store *s = sq_of(b);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "UPDATE documents SET duplicate_of = ?, dup_kind = ?, similarity = ? WHERE id = ?",
                           -1, &q, NULL) != SQLITE_OK)
        return sq_db_fail(s, err, "linking a duplicate");
    if (duplicate_of) {
        sqlite3_bind_int64(q, 1, duplicate_of);
        sqlite3_bind_text(q, 2, kind, -1, SQLITE_STATIC);
        sqlite3_bind_double(q, 3, similarity);
    }
    sqlite3_bind_int64(q, 4, doc);
    rasd_status st = sq_step_done(s, q, err, "linking a duplicate");
    sqlite3_finalize(q);
    return st;
}

/* The statements of sq_refresh_story, for every story at once. */
rasd_status sq_rebuild_story_rows(rasd_store *b, rasd_error *err) {
    sqlite_store *s = sq_of(b);
    static const char SQL_REBUILD[] =
        "DELETE FROM story_labels;"
        "DELETE FROM stories;"
        "INSERT INTO stories(id, title, first_seen, last_seen, n_articles, outlets)"
        " SELECT d.story, (SELECT title FROM documents WHERE id = d.story),"
        "  min(coalesce(d.published, substr(d.ingested_at, 1, 10))),"
        "  max(coalesce(d.published, substr(d.ingested_at, 1, 10))), count(*),"
        "  (SELECT group_concat(source, ', ') FROM (SELECT DISTINCT source FROM documents"
        "   WHERE story = d.story AND source IS NOT NULL ORDER BY source))"
        " FROM documents d WHERE d.story IS NOT NULL GROUP BY d.story;"
        "INSERT INTO story_labels(story, outlet, actor, label, count)"
        " SELECT d.story, coalesce(d.source, ''), coalesce(f.actor, ''), f.label, count(*)"
        " FROM documents d JOIN framing f ON f.doc = d.id WHERE d.story IS NOT NULL AND f.label IS NOT NULL"
        " GROUP BY 1, 2, 3, 4;";
    if (sqlite3_exec(s->db, SQL_REBUILD, NULL, NULL, NULL) != SQLITE_OK) return sq_db_fail(s, err, "summarising stories");
    return RASD_OK;
}
