/*
 * writer.c: the one writer of an ingest (ingest_internal.h). It takes the
 * prepared articles in input order, decides each one's duplicate and
 * story (link.c) and writes it in batches, one transaction per batch. A
 * killed ingest therefore loses the batch in flight and nothing else;
 * running it again stores what is missing and reports the rest as
 * already stored.
 *
 * Into PostgreSQL, several ingests may run at once (on one machine or
 * many): each analyses a whole chunk first, then writes it as one batch
 * holding the database's writer lock, after catching up with the other
 * processes' batches (rasd_store_lock_writers, rasd_link_sync), so ids,
 * duplicates and stories are decided one batch at a time while analysis,
 * the bulk of the work, runs everywhere at once (docs/store-postgres.md).
 */
#include "ingest/ingest_internal.h"

#include "core/pool.h"

#include <signal.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void db_failure(ingest *g, const rasd_error *err) {
    g->r.db_failed = true;
    g->db_err = *err;
}

/* A bulk import (it has stored at least as many articles as the store
 * held when it began: a first import, or each of several workers started
 * together on an empty store) settles, as does a run asked to or one that
 * finds a settle owed. A small ingest into a large store does not: a
 * settle costs ~0.2 ms of CPU per stored article. Nor do articles given in
 * memory, a few at a time, unless asked. */
bool ingest_will_settle(const ingest *g) {
    size_t since = g->r.stored + (g->n_prior - g->base); /* with what the killed runs it completes stored */
    return g->opt->settle || g->owed ||
           (g->know_prior && !g->opt->no_settle && since > 0 && since >= g->base);
}

bool ingest_settles_from_start(const ingest *g) {
    size_t since = 1 + (g->n_prior - g->base);
    return g->opt->settle || g->owed || (g->know_prior && !g->opt->no_settle && since >= g->base);
}

/* The base of the bulk test, kept in the store (state "ingest-base", 8
 * bytes) from a run's first commit to its last: a run killed and run again
 * is judged as the one run it completes, so the second run settles when an
 * uninterrupted one would have, even if the first stopped before it had
 * stored as many articles as the store held. Runs of articles given in
 * memory never settle by themselves and keep none. */
#define BASE_STATE "ingest-base"

rasd_status ingest_load_base(ingest *g, rasd_error *err) {
    void *data = NULL;
    size_t len = 0;
    rasd_status st = rasd_store_get_state(g->store, BASE_STATE, &data, &len, err);
    uint64_t b = 0;
    if (data && len == sizeof b) memcpy(&b, data, sizeof b);
    g->base_kept = data && len == sizeof b && b <= g->n_prior;
    free(data);
    g->base = g->base_kept ? (size_t)b : g->n_prior;
    return st;
}

static rasd_status keep_base(ingest *g, bool ending, rasd_error *err) {
    if (ending) return rasd_store_put_state(g->store, BASE_STATE, "", 0, err);
    if (g->base_kept) return RASD_OK;
    uint64_t b = g->base;
    return rasd_store_put_state(g->store, BASE_STATE, &b, sizeof b, err);
}

/* For the kill test (tests/test_settle_kill.c): dies without a word at a
 * named point, so that a kill lands late in an import or inside the
 * settle without a race on timing. RASD_TEST_KILL_AFTER_BATCHES=N: right
 * after the Nth commit of the run; RASD_TEST_KILL_IN_SETTLE: once the
 * settle is written, before it commits. */
static void test_kill_point(const char *name, size_t at) {
    const char *v = getenv(name);
    if (v && (at == 0 || strtoull(v, NULL, 10) == at)) raise(SIGKILL);
}

bool ingest_end_batch(ingest *g, bool reopen) {
    double t0 = now();
    rasd_error err = {0};
    rasd_status st = RASD_OK;
    /* the settle owed from the first batch that makes it due, in each
     * batch's transaction: a run killed after it, in its import or in its
     * settle, leaves a store that the next ingest settles (and a worker
     * whose batches follow another's settle owes it again) */
    bool settling = ingest_will_settle(g);
    if (settling) st = rasd_link_mark_unsettled(g->store, &err);
    /* the run ends with this commit unless a settle follows (it ends the run then) */
    if (st == RASD_OK && g->know_prior) st = keep_base(g, !reopen && !settling, &err);
    if (st == RASD_OK) st = rasd_link_save(g->link, g->store, &err);
    /* a batch marked unsettled leaves the store's sums to the settle,
     * which makes them again from every row anyway (rasd_store_rebuild_sums) */
    rasd_store_defer_sums(g->store, settling);
    if (st == RASD_OK) st = rasd_store_commit(g->store, &err);
    if (st == RASD_OK) { /* durable now, whatever happens to the next batch's begin */
        g->r.committed = g->r.stored;
        g->r.committed_exact = g->r.exact;
        g->r.committed_near = g->r.near;
        g->base_kept = true;
        test_kill_point("RASD_TEST_KILL_AFTER_BATCHES", ++g->commits);
#ifdef __GLIBC__
        /* a batch's articles, rows and full-text copies are freed by now,
         * on this thread, from the arenas of the threads that made them:
         * without a trim the freed pages stayed resident and the import's
         * peak memory grew with the corpus */
        malloc_trim(0);
#endif
    }
    if (st == RASD_OK && reopen) st = rasd_store_begin(g->store, &err);
    if (st != RASD_OK) {
        db_failure(g, &err);
        return false;
    }
    g->in_batch = 0;
    g->holding = false;
    g->r.t_commit += now() - t0;
    return true;
}

void ingest_free_item(item *it) {
    rasd_article_clear(&it->a);
    free(it->text);
    free(it->title);
    free(it->json);
    free(it->error);
    rasd_rows_free(&it->rows);
    rasd_story_terms_free(it->terms);
    memset(it, 0, sizeof *it);
}

/* Tells the caller what became of a record, then the counts so far. */
static void tell(ingest *g, const item *it, rasd_status status, const char *error, int64_t id, bool already) {
    const rasd_ingest_options *o = g->opt;
    if (o->on_record) {
        rasd_ingest_record rec = {it->a.origin, status, error, id, already};
        o->on_record(o->ctx, &rec);
    }
    if (o->progress) {
        /* the reader thread counts produced and bytes_done under q_mu */
        pthread_mutex_lock(&g->q_mu);
        rasd_ingest_report so_far = g->r;
        pthread_mutex_unlock(&g->q_mu);
        o->progress(o->ctx, &so_far);
    }
}

static void skip(ingest *g, const item *it, rasd_status code, const char *msg) {
    g->r.skipped++;
    if (code <= RASD_ERR_NOT_FOUND) g->r.skipped_by[code]++;
    tell(g, it, code, msg, 0, false);
}

static void write_one(void *ctx, size_t i) {
    ingest *g = ctx;
    item *it = &g->chunk[i];
    g->r.read++;
    if (g->r.db_failed) {
        ingest_free_item(it);
        return;
    }
    if (it->stored) {
        g->r.already++;
        tell(g, it, RASD_OK, NULL, 0, true);
        ingest_free_item(it);
        return;
    }
    if (it->error && it->code == RASD_ERR_EMPTY) { /* a record without text: nothing to store, nothing wrong */
        g->r.empty++;
        tell(g, it, RASD_ERR_EMPTY, it->error, 0, false);
        ingest_free_item(it);
        return;
    }
    if (it->error || !it->text) {
        skip(g, it, it->error ? it->code : RASD_ERR_NOMEM, it->error ? it->error : "out of memory");
        ingest_free_item(it);
        return;
    }
    rasd_error err = {0};
    int64_t id = 0;
    rasd_status st = RASD_OK;
    if (g->r.shared && !g->holding) { /* this process's turn: wait for it, then catch up */
        st = rasd_store_lock_writers(g->store, &err);
        if (st == RASD_OK) st = rasd_link_sync(g->link, g->store, &err);
        if (st != RASD_OK) {
            db_failure(g, &err);
            ingest_free_item(it);
            return;
        }
        g->holding = true;
    }
    st = rasd_store_find_by_hash(g->store, it->hash, &id, &err);
    if (st == RASD_OK && id) {
        g->r.already++;
        tell(g, it, RASD_OK, NULL, id, true);
        ingest_free_item(it);
        return;
    }
    rasd_link_result lr = {0};
    if (st == RASD_OK) st = rasd_store_next_id(g->store, &id, &err);
    if (st == RASD_OK) st = rasd_link_duplicate(g->link, g->store, id, &it->fp, &lr, &err);
    rasd_store_doc d = {
        .id = id,
        .hash = it->hash,
        .text_id = it->text_id,
        .origin = it->a.origin,
        .url = it->a.url,
        .title = it->title,
        .source = it->a.source,
        .author = it->a.author,
        .published = it->a.published,
        .text = it->text,
        .len = it->len,
        .analysis_json = it->json,
        .analysis_len = it->json_len,
        .rows = &it->rows,
        .duplicate_of = lr.duplicate_of,
        .dup_kind = lr.dup_kind,
        .similarity = lr.similarity,
    };
    bool already = false;
    double t1 = now();
    if (st == RASD_OK) st = rasd_store_put(g->store, &d, &id, &already, &err);
    double t2 = now();
    size_t repeats = 0;
    for (size_t k = 0; k < it->rows.n_paragraphs; k++) repeats += it->rows.paragraphs[k].repeats >= 0;
    size_t removed = it->rows.n_boilerplate;
    if (st == RASD_OK && !already && (g->stories_later || ingest_will_settle(g))) {
        /* the settle this run ends with (and marks owed from this batch on)
         * decides every story again from an empty clusterer */
        st = rasd_link_story_later(g->link, g->store, id, &it->fp, &err);
    } else if (st == RASD_OK && !already) {
        /* the story thread takes over what it needs of the article */
        rasd_link_job job = {id, it->a.published, it->terms};
        it->a.published = NULL;
        it->terms = NULL;
        st = rasd_link_story(g->link, g->store, &job, &it->fp, &err);
    }
    g->r.t_store += t2 - t1;
    g->r.t_link += now() - t2;
    if (st == RASD_ERR_DB || st == RASD_ERR_NOMEM) { /* the database itself failed: stop writing */
        db_failure(g, &err);
        ingest_free_item(it);
        return;
    }
    if (st != RASD_OK) {
        skip(g, it, st, err.message);
    } else if (already) {
        g->r.already++;
        tell(g, it, RASD_OK, NULL, id, true);
    } else {
        g->r.stored++;
        g->r.text_bytes += d.len;
        g->r.repeated += repeats;
        g->r.repeating_docs += repeats > 0;
        g->r.boilerplate_lines += removed;
        g->r.boilerplate_docs += removed > 0;
        if (lr.duplicate_of && strcmp(lr.dup_kind, "exact") == 0) g->r.exact++;
        else if (lr.duplicate_of) g->r.near++;
        if (++g->in_batch >= g->batch) ingest_end_batch(g, true);
        tell(g, it, RASD_OK, NULL, id, false);
    }
    ingest_free_item(it);
}

static void write_later(void *ctx, size_t i) {
    (void)ctx;
    (void)i;
}

void ingest_run_chunk(ingest *g) {
    if (!g->n) return;
    /* shared: the whole chunk is analysed before its turn, so the writer
     * lock is held while writing only, never while analysing */
    rasd_pool_spec spec = {g->n,        g->jobs, ingest_take_analyzer, ingest_give_back, ingest_analyse_one,
                           g->r.shared ? write_later : write_one, g};
    if (!rasd_pool_run(&spec)) {
        spec.jobs = 1;
        rasd_pool_run(&spec);
    }
    if (g->r.shared) {
        for (size_t i = 0; i < g->n; i++) write_one(g, i);
        if (g->holding && !g->r.db_failed) ingest_end_batch(g, true); /* the turn ends with the chunk */
    }
    g->n = 0;
}

void ingest_settle(ingest *g) {
    double t0 = now();
    rasd_error err = {0};
    rasd_status st = ingest_writer_analyzer(g->s, &err);
    if (st == RASD_OK) st = rasd_store_begin(g->store, &err);
    if (st == RASD_OK) st = rasd_store_lock_writers(g->store, &err);
    if (st == RASD_OK) st = rasd_link_sync(g->link, g->store, &err);
    /* a worker's analyzer reads the settle's story terms while the link's
     * own assigns the stories: the settle on two cores */
    rasd_analyzer *terms_an = st == RASD_OK ? ingest_take_analyzer(g) : NULL;
    if (st == RASD_OK) st = rasd_link_settle(g->link, g->store, terms_an, &g->settled, &err);
    ingest_give_back(g, terms_an);
    if (st == RASD_OK) st = rasd_store_rebuild_sums(g->store, &err);
    if (st == RASD_OK) st = keep_base(g, true, &err); /* any settle ends the run it completes */
    if (st == RASD_OK) test_kill_point("RASD_TEST_KILL_IN_SETTLE", 0);
    if (st == RASD_OK) st = rasd_store_commit(g->store, &err);
    rasd_store_defer_sums(g->store, false); /* settled: a later batch keeps its own sums */
    if (st != RASD_OK) db_failure(g, &err);
    g->r.t_settle = now() - t0;
}
