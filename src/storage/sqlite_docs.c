/*
 * sqlite_docs.c: the SQLite writer's documents (sqlite_store.c opens the
 * store): a document row and its rows (entities, places, quotes, events,
 * framing, numbers, dates, paragraphs, removed boilerplate), its full-text
 * row (at once outside a batch, kept for the commit inside one), the
 * actors' sums, and the document ids and hashes the ingest asks for.
 * Separate from the connection's life and from the story thread's rows:
 * this is what one stored document writes.
 */
#include "storage/sqlite_internal.h"

#include "storage/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------- full-text rows */

static bool copy_terms(rasd_term_list *to, const rasd_term_list *from) {
    memset(to, 0, sizeof *to);
    if (!from || !from->filled) return true;
    *to = *from;
    to->data = NULL;
    to->cap = from->len;
    if (from->len && !(to->data = malloc(from->len))) {
        memset(to, 0, sizeof *to);
        return false;
    }
    if (from->len) memcpy(to->data, from->data, from->len);
    return true;
}

void sq_drop_pending(sqlite_store *s) {
    for (size_t i = 0; i < s->n_pending; i++) {
        fts_pending *p = &s->pending[i];
        free(p->title);
        free(p->text);
        rasd_term_list_free(&p->title_terms);
        rasd_term_list_free(&p->text_terms);
    }
    s->n_pending = 0;
}

static rasd_status index_now(sqlite_store *s, int64_t id, const char *title, const char *text, size_t len,
                             const rasd_term_list *title_terms, const rasd_term_list *text_terms, rasd_error *err) {
    sqlite3_stmt *q = s->st[ST_INSERT_FTS];
    sqlite3_bind_int64(q, 1, id);
    sq_bind_text(q, 2, title);
    sqlite3_bind_text(q, 3, text, (int)len, SQLITE_STATIC);
    rasd_fts_expect(s->fts, title_terms, text_terms);
    rasd_status st = sq_step_done(s, q, err, "indexing a document");
    rasd_fts_expect(s->fts, NULL, NULL);
    return st;
}

/* Keeps a document's full-text row for the commit (copies: the caller's
 * document is gone by then). */
static rasd_status index_later(sqlite_store *s, int64_t id, const rasd_store_doc *d, rasd_error *err) {
    if (s->n_pending == s->cap_pending) {
        size_t cap = s->cap_pending ? s->cap_pending * 2 : 256;
        fts_pending *grown = realloc(s->pending, cap * sizeof *grown);
        if (!grown) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory keeping a document's index row");
        s->pending = grown;
        s->cap_pending = cap;
    }
    fts_pending *p = &s->pending[s->n_pending];
    memset(p, 0, sizeof *p);
    p->id = id;
    p->len = d->len;
    bool ok = (!d->title || (p->title = strdup(d->title))) && (p->text = malloc(d->len + 1)) &&
              (!d->rows || (copy_terms(&p->title_terms, &d->rows->title_terms) &&
                            copy_terms(&p->text_terms, &d->rows->text_terms)));
    if (p->text) memcpy(p->text, d->text, d->len), p->text[d->len] = '\0';
    s->n_pending++; /* even half-built, so that drop_pending frees it */
    return ok ? RASD_OK : rasd_fail(err, RASD_ERR_NOMEM, "out of memory keeping a document's index row");
}

/* Adds the entity rows of the documents in temp.batch_docs to the actors'
 * sums (schema.c, step 7), once for all of them. */
static rasd_status add_sums(sqlite_store *s, rasd_error *err) {
    char *msg = NULL;
    if (sqlite3_exec(s->db, rasd_sqlite_sums_sql, NULL, NULL, &msg) == SQLITE_OK) return RASD_OK;
    rasd_status st = rasd_fail(err, RASD_ERR_DB, "%s: adding to the actors' sums: %s", s->base.target,
                               msg ? msg : sqlite3_errmsg(s->db));
    sqlite3_free(msg);
    return st;
}

static rasd_status note_batch_doc(sqlite_store *s, int64_t id, rasd_error *err) {
    sqlite3_stmt *q = s->st[ST_BATCH_DOC];
    sqlite3_bind_int64(q, 1, id);
    return sq_step_done(s, q, err, "listing a stored document for the actors' sums");
}

rasd_status sq_index_pending(sqlite_store *s, rasd_error *err) {
    rasd_status st = RASD_OK;
    for (size_t i = 0; st == RASD_OK && i < s->n_pending; i++) {
        const fts_pending *p = &s->pending[i];
        st = index_now(s, p->id, p->title, p->text, p->len, &p->title_terms, &p->text_terms, err);
        if (st == RASD_OK && !s->defer_sums) st = note_batch_doc(s, p->id, err);
    }
    sq_drop_pending(s);
    return st == RASD_OK && !s->defer_sums ? add_sums(s, err) : st;
}

void sq_defer_sums(rasd_store *b, bool defer) { sq_of(b)->defer_sums = defer; }

/* The page cache while the sums are made again from every row: the GROUP
 * BY sorters are allowed as much memory as the page cache, and the
 * temporary tables of the DISTINCTs live in memory (temp_store), so with
 * the full cache the rebuild held ~18 MB more for the whole SaudiNewsNet
 * than for a quarter of it (the settle's peak); with this one the same
 * sums in the same time (the sorters spill to temporary files). */
#define SUMS_CACHE_KIB "4096"

rasd_status sq_rebuild_sums(rasd_store *b, rasd_error *err) {
    sqlite_store *s = sq_of(b);
    char *msg = NULL;
    int rc = sqlite3_exec(s->db, "PRAGMA cache_size = -" SUMS_CACHE_KIB, NULL, NULL, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_exec(s->db, rasd_sqlite_sums_rebuild_sql, NULL, NULL, &msg);
    /* the cache back to its size whatever happened */
    int back = sqlite3_exec(s->db, "PRAGMA cache_size = -" SQLITE_CACHE_KIB, NULL, NULL, NULL);
    if (rc == SQLITE_OK && back == SQLITE_OK) return RASD_OK;
    rasd_status st = rasd_fail(err, RASD_ERR_DB, "%s: making the actors' sums again: %s", s->base.target,
                               msg ? msg : sqlite3_errmsg(s->db));
    sqlite3_free(msg);
    return st;
}

/* ------------------------------------------------------------ documents */

static rasd_status find_hash(sqlite_store *s, const char *hash, int64_t *id, rasd_error *err) {
    sqlite3_stmt *st = s->st[ST_FIND_HASH];
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? RASD_OK : sq_db_fail(s, err, "finding a document by hash");
}

/* published, source: the document's, as its row holds them */
static rasd_status put_rows(sqlite_store *s, int64_t id, const char *published, const char *source,
                            const rasd_rows *r, rasd_error *err) {
    rasd_status st = RASD_OK;
    sqlite3_stmt *q;
    q = s->st[ST_ENTITY];
    for (size_t i = 0; st == RASD_OK && i < r->n_entities; i++) {
        const rasd_row_entity *e = &r->entities[i];
        sqlite3_bind_int64(q, 1, id);
        sq_bind_text(q, 2, e->id);
        sq_bind_text(q, 3, e->name);
        sq_bind_text(q, 4, e->type);
        sq_bind_text(q, 5, e->country);
        sqlite3_bind_int64(q, 6, e->mention_count);
        sq_bind_text(q, 7, e->mentions);
        st = sq_step_done(s, q, err, "storing an entity");
    }
    q = s->st[ST_PLACE];
    for (size_t i = 0; st == RASD_OK && i < r->n_places; i++) {
        const rasd_row_place *p = &r->places[i];
        sqlite3_bind_int64(q, 1, id);
        sq_bind_text(q, 2, p->id);
        sq_bind_text(q, 3, p->name);
        if (p->has_coords) {
            sqlite3_bind_double(q, 4, p->lat);
            sqlite3_bind_double(q, 5, p->lon);
        }
        sq_bind_text(q, 6, p->country);
        sqlite3_bind_int64(q, 7, p->mention_count);
        sq_bind_text(q, 8, p->mentions);
        st = sq_step_done(s, q, err, "storing a place");
    }
    q = s->st[ST_QUOTE];
    for (size_t i = 0; st == RASD_OK && i < r->n_quotes; i++) {
        const rasd_row_quote *x = &r->quotes[i];
        sqlite3_bind_int64(q, 1, id);
        sq_bind_text(q, 2, x->speaker);
        sq_bind_text(q, 3, x->speaker_text);
        sq_bind_text(q, 4, x->verb);
        sqlite3_bind_int(q, 5, x->direct);
        sqlite3_bind_int64(q, 6, x->start);
        sqlite3_bind_int64(q, 7, x->end);
        sq_bind_text(q, 8, x->text);
        sq_bind_text(q, 9, published);
        sq_bind_text(q, 10, source);
        st = sq_step_done(s, q, err, "storing a quote");
    }
    q = s->st[ST_EVENT];
    for (size_t i = 0; st == RASD_OK && i < r->n_events; i++) {
        const rasd_row_event *x = &r->events[i];
        sqlite3_bind_int64(q, 1, id);
        sq_bind_text(q, 2, x->source);
        sq_bind_text(q, 3, x->target);
        sq_bind_text(q, 4, x->cameo);
        sq_bind_text(q, 5, x->plover);
        sq_bind_text(q, 6, x->acled);
        sq_bind_text(q, 7, x->place);
        sq_bind_text(q, 8, x->date);
        sq_bind_text(q, 9, x->flags && *x->flags ? x->flags : NULL);
        sqlite3_bind_int64(q, 10, x->start);
        sqlite3_bind_int64(q, 11, x->end);
        sq_bind_text(q, 12, x->detail);
        sq_bind_text(q, 13, published);
        sq_bind_text(q, 14, source);
        st = sq_step_done(s, q, err, "storing an event");
    }
    q = s->st[ST_FRAMING];
    for (size_t i = 0; st == RASD_OK && i < r->n_framing; i++) {
        const rasd_row_framing *x = &r->framing[i];
        sqlite3_bind_int64(q, 1, id);
        sq_bind_text(q, 2, x->actor);
        sq_bind_text(q, 3, x->term);
        sq_bind_text(q, 4, x->label);
        sqlite3_bind_int64(q, 5, x->polarity);
        sqlite3_bind_int64(q, 6, x->start);
        sqlite3_bind_int64(q, 7, x->end);
        sq_bind_text(q, 8, published);
        sq_bind_text(q, 9, source);
        st = sq_step_done(s, q, err, "storing a framing term");
    }
    q = s->st[ST_NUMBER];
    for (size_t i = 0; st == RASD_OK && i < r->n_numbers; i++) {
        const rasd_row_number *x = &r->numbers[i];
        sqlite3_bind_int64(q, 1, id);
        sq_bind_text(q, 2, x->text);
        if (x->has_value) sqlite3_bind_double(q, 3, x->value);
        sq_bind_text(q, 4, x->unit);
        sq_bind_text(q, 5, x->unit_code);
        sqlite3_bind_int64(q, 6, x->start);
        sqlite3_bind_int64(q, 7, x->end);
        st = sq_step_done(s, q, err, "storing a number");
    }
    q = s->st[ST_DATE];
    for (size_t i = 0; st == RASD_OK && i < r->n_dates; i++) {
        const rasd_row_date *x = &r->dates[i];
        sqlite3_bind_int64(q, 1, id);
        sq_bind_text(q, 2, x->text);
        sq_bind_text(q, 3, x->value);
        sq_bind_text(q, 4, x->granularity);
        sqlite3_bind_int64(q, 5, x->start);
        sqlite3_bind_int64(q, 6, x->end);
        st = sq_step_done(s, q, err, "storing a date");
    }
    q = s->st[ST_PARAGRAPH];
    for (size_t i = 0; st == RASD_OK && i < r->n_paragraphs; i++) {
        const rasd_row_paragraph *x = &r->paragraphs[i];
        int64_t first = 0;
        if (x->key) { /* the earliest document holding the same paragraph */
            sqlite3_stmt *f = s->st[ST_PARAGRAPH_FIRST];
            sqlite3_bind_int64(f, 1, (int64_t)x->key);
            int rc = sqlite3_step(f);
            if (rc == SQLITE_ROW) first = sqlite3_column_int64(f, 0);
            sqlite3_reset(f);
            if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
                st = sq_db_fail(s, err, "looking up a repeated paragraph");
                break;
            }
        }
        sqlite3_bind_int64(q, 1, id);
        sqlite3_bind_int64(q, 2, (int64_t)i);
        sqlite3_bind_int64(q, 3, x->start);
        sqlite3_bind_int64(q, 4, x->end);
        if (x->key) sqlite3_bind_int64(q, 5, (int64_t)x->key);
        if (first && first != id) sqlite3_bind_int64(q, 6, first);
        if (x->repeats >= 0 && (size_t)x->repeats < i) {
            sqlite3_bind_int64(q, 7, x->repeats);
            sqlite3_bind_double(q, 8, x->repeat_similarity);
        }
        st = sq_step_done(s, q, err, "storing a paragraph");
    }
    q = s->st[ST_BOILERPLATE];
    for (size_t i = 0; st == RASD_OK && i < r->n_boilerplate; i++) {
        const rasd_row_boilerplate *x = &r->boilerplate[i];
        sqlite3_bind_int64(q, 1, id);
        sqlite3_bind_int64(q, 2, (int64_t)i);
        sqlite3_bind_int64(q, 3, x->at);
        sqlite3_bind_int64(q, 4, x->input_start);
        sqlite3_bind_int64(q, 5, x->input_end);
        sq_bind_text(q, 6, x->reason ? x->reason : "");
        sq_bind_text(q, 7, x->text ? x->text : "");
        st = sq_step_done(s, q, err, "storing a removed boilerplate line");
    }
    return st;
}

/* Takes back the rows of a document that failed half-way inside a batch:
 * its rows are the last of each table, so the ids the next document gets
 * are those a rollback would have left. */
static void undo_doc(sqlite_store *s, int64_t id) {
    static const char *const TABLES[] = {"entities", "places",     "quotes",     "events",   "framing",
                                         "numbers",  "dates",      "paragraphs", "boilerplate"};
    char sql[128];
    for (size_t i = 0; i < sizeof TABLES / sizeof TABLES[0]; i++) {
        snprintf(sql, sizeof sql, "DELETE FROM %s WHERE doc = %lld", TABLES[i], (long long)id);
        sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    }
    snprintf(sql, sizeof sql, "DELETE FROM documents WHERE id = %lld", (long long)id);
    sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

/* A document that fails half-way leaves no row. Outside a batch its rows
 * are one savepoint; inside one, a savepoint per document made SQLite
 * copy every page the document touched into a sub-journal (about 5% of
 * the writer thread, and the statements to open and release it), for a
 * failure that comes once in many thousand documents: the rows it wrote
 * are deleted instead (undo_doc); its full-text row waits for the commit. */
rasd_status sq_put(rasd_store *base, const rasd_store_doc *d, int64_t *id, bool *already, rasd_error *err) {
    sqlite_store *s = sq_of(base);
    *already = false;
    *id = 0;
    bool in_batch = !sqlite3_get_autocommit(s->db);
    rasd_status st = in_batch ? RASD_OK : sq_exec(s, "SAVEPOINT doc", err);
    if (st != RASD_OK) return st;
    sqlite3_stmt *q = s->st[ST_INSERT_DOC];
    sq_bind_text(q, 1, d->hash);
    sq_bind_text(q, 2, d->text_id);
    sq_bind_text(q, 3, d->origin);
    sq_bind_text(q, 4, d->url);
    sq_bind_text(q, 5, d->title);
    sq_bind_text(q, 6, d->source);
    sq_bind_text(q, 7, d->author);
    sq_bind_text(q, 8, d->published);
    sqlite3_bind_text(q, 9, d->text, (int)d->len, SQLITE_STATIC);
    if (d->analysis_json) sqlite3_bind_text(q, 10, d->analysis_json, (int)d->analysis_len, SQLITE_STATIC);
    if (d->duplicate_of > 0) {
        sqlite3_bind_int64(q, 11, d->duplicate_of);
        sq_bind_text(q, 12, d->dup_kind);
        sqlite3_bind_double(q, 13, d->similarity);
    }
    if (d->id > 0) sqlite3_bind_int64(q, 14, d->id);
    st = sq_step_done(s, q, err, "storing a document");
    if (st == RASD_OK && sqlite3_changes(s->db) == 0) { /* the hash is there: re-ingest */
        *already = true;
        st = find_hash(s, d->hash, id, err);
        if (st == RASD_OK) return in_batch ? RASD_OK : sq_exec(s, "RELEASE doc", err);
    }
    int64_t written = 0; /* the document row this call wrote */
    if (st == RASD_OK) {
        *id = written = sqlite3_last_insert_rowid(s->db);
        if (!in_batch)
            st = index_now(s, *id, d->title, d->text, d->len, d->rows ? &d->rows->title_terms : NULL,
                           d->rows ? &d->rows->text_terms : NULL, err);
    }
    if (st == RASD_OK && d->rows) st = put_rows(s, *id, d->published, d->source, d->rows, err);
    if (st == RASD_OK && !in_batch) st = note_batch_doc(s, *id, err);
    if (st == RASD_OK && !in_batch) st = add_sums(s, err);
    if (st == RASD_OK && in_batch) return index_later(s, *id, d, err);
    if (st == RASD_OK && (st = sq_exec(s, "RELEASE doc", err)) == RASD_OK) return RASD_OK;
    if (in_batch && written) undo_doc(s, written);
    else if (!in_batch) sqlite3_exec(s->db, "ROLLBACK TO doc; RELEASE doc", NULL, NULL, NULL);
    *id = 0;
    return st;
}

rasd_status sq_find_by_hash(rasd_store *b, const char *hash, int64_t *id, rasd_error *err) {
    return find_hash(sq_of(b), hash, id, err);
}

rasd_status sq_each_hash(rasd_store *b, rasd_hash_fn fn, void *ctx, rasd_error *err) {
    sqlite_store *s = sq_of(b);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "SELECT hash FROM documents", -1, &q, NULL) != SQLITE_OK)
        return sq_db_fail(s, err, "reading the document hashes");
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        if (!fn(ctx, (const char *)sqlite3_column_text(q, 0))) break;
    rasd_status st = rc == SQLITE_ROW || rc == SQLITE_DONE ? RASD_OK : sq_db_fail(s, err, "reading the document hashes");
    sqlite3_finalize(q);
    return st;
}

rasd_status sq_next_id(rasd_store *b, int64_t *id, rasd_error *err) {
    sqlite_store *s = sq_of(b);
    sqlite3_stmt *q = s->st[ST_NEXT_ID];
    int rc = sqlite3_step(q);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_reset(q);
    return rc == SQLITE_ROW ? RASD_OK : sq_db_fail(s, err, "reading the next document id");
}
