/*
 * link.c: duplicates and stories for the ingest (link.h). The dedup
 * index is made of fingerprints only, so it is rebuilt from the
 * fingerprints table when a store opens (a fraction of a second for tens
 * of thousands of articles); it keeps their band keys in memory and reads
 * a candidate's signature back from that table (fetch_fingerprint), so
 * that its memory hardly grows with the store. The story clusterer saves
 * its state as one blob, written
 * in the same transaction as the batch it describes, so a killed ingest
 * leaves state and articles in step.
 *
 * Stories are assigned on a thread of their own, in input order, while the
 * writer stores the next articles; each batch's commit waits for them, so
 * what is committed has its story, except in a run that ends with a settle
 * (rasd_link_story_later): its batches leave stories to the settle, and
 * are marked as owing it until it commits.
 *
 * Several processes can ingest into one database (PostgreSQL): each
 * writes one batch at a time under rasd_store_lock_writers, and first
 * catches up with what the others committed (rasd_link_sync): every
 * batch's save leaves a "writer" state naming the process and its turn,
 * and a process that finds another's name there reloads the duplicate
 * index and the clusterer from the store, which that batch left complete.
 *
 * Stories depend on the order articles are clustered in; rasd_link_settle
 * clusters the whole store again in a canonical order (day, then hash),
 * so that stores holding the same articles hold the same stories however
 * the articles arrived (docs/store-postgres.md).
 *
 * A fingerprint is stored as the struct's bytes (rasd_fingerprint is
 * plain integers): a database moves between machines of the same byte
 * order; a wrong-sized blob is refused when the index is rebuilt.
 */
#include "ingest/link.h"

#include "core/internal.h"
#include "corpus/stories.h"

#include <pthread.h>
#include <time.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define STORIES_STATE "stories"
#define WRITER_STATE "writer"
#define SETTLE_STATE "settle" /* 1 byte: 1 a settle is owed, 0 none */

typedef struct story_result {
    int64_t doc, story;
    double similarity;
    bool ok;
} story_result;

struct rasd_link {
    rasd_dedup *dedup;
    /* the store of the call in progress, which the duplicate index reads
     * candidates' signatures from (a session's calls may each come through
     * another connection to the same database) */
    rasd_store *store;
    rasd_error fetch_err; /* why the last read failed */
    rasd_stories *stories;
    rasd_analyzer *an; /* the story thread's */
    int64_t *touched;  /* stories changed since the last save */
    size_t n_touched, cap_touched;
    rasd_status fp_status;
    int64_t bad_fp_doc;
    size_t failures;
    double story_cpu; /* CPU seconds of the story thread so far */
    /* the story thread: jobs in, results out, both in input order */
    pthread_t thread;
    bool started, stop;
    pthread_mutex_t mu;
    pthread_cond_t changed;
    rasd_link_job *jobs;
    size_t n_jobs, cap_jobs, next_job;
    story_result *results;
    size_t n_results, cap_results;
    /* who saved last (WRITER_STATE): this process's token and turn */
    unsigned char token[16];
    uint64_t turns;
    void *seen;
    size_t seen_len, reloads;
};

static void job_free(rasd_link_job *j) {
    free(j->published);
    rasd_story_terms_free(j->terms);
    memset(j, 0, sizeof *j);
}

/* The serial half of the clusterer: the terms were read by a worker. */
static story_result assign(rasd_link *l, rasd_link_job *j) {
    story_result r = {.doc = j->id};
    if (!j->terms) return r;
    rasd_story_input in = {.id = j->id, .published = j->published};
    rasd_story_assignment a = {0};
    rasd_error err = {0};
    r.ok = rasd_stories_assign(l->stories, l->an, &in, j->terms, &a, &err) == RASD_OK;
    r.story = a.story;
    r.similarity = a.similarity;
    return r;
}

static void *story_thread(void *arg) {
    rasd_link *l = arg;
    pthread_mutex_lock(&l->mu);
    for (;;) {
        while (!l->stop && l->next_job == l->n_jobs) pthread_cond_wait(&l->changed, &l->mu);
        if (l->next_job == l->n_jobs) break; /* stopping, nothing left */
        rasd_link_job job = l->jobs[l->next_job];
        memset(&l->jobs[l->next_job], 0, sizeof job);
        pthread_mutex_unlock(&l->mu);
        story_result r = assign(l, &job);
        job_free(&job);
        struct timespec cpu;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
        pthread_mutex_lock(&l->mu);
        l->story_cpu = (double)cpu.tv_sec + (double)cpu.tv_nsec / 1e9;
        l->next_job++;
        if (l->n_results < l->cap_results || rasd_grow((void **)&l->results, &l->cap_results, l->n_results,
                                                          sizeof *l->results))
            l->results[l->n_results++] = r;
        else
            l->failures++;
        pthread_cond_broadcast(&l->changed);
    }
    pthread_mutex_unlock(&l->mu);
    return NULL;
}

/* The duplicate index's rasd_dedup_fetch_fn: the signature of a candidate,
 * read back from the fingerprints table (it keeps the band keys alone). */
static rasd_status fetch_fingerprint(void *ctx, int64_t id, rasd_fingerprint *fp) {
    rasd_link *l = ctx;
    size_t len = 0;
    rasd_status st = rasd_store_get_fingerprint(l->store, id, fp, sizeof *fp, &len, &l->fetch_err);
    if (st != RASD_OK) return st;
    if (len == 0) return RASD_ERR_NOT_FOUND;
    if (len != sizeof *fp)
        return rasd_fail(&l->fetch_err, RASD_ERR_DATA, "%s: fingerprint of document %lld is damaged",
                         rasd_store_target(l->store), (long long)id);
    return RASD_OK;
}

static rasd_dedup *new_dedup(rasd_link *l, rasd_error *err) {
    rasd_dedup_options opt = {.fetch = fetch_fingerprint, .fetch_ctx = l};
    return rasd_dedup_new(&opt, err);
}

/* Why rasd_dedup_add failed, into err. */
static rasd_status dedup_failed(rasd_link *l, rasd_status st, rasd_error *err) {
    if (l->fetch_err.code == st) {
        if (err) *err = l->fetch_err;
        return st;
    }
    return rasd_fail(err, st, "duplicate index: %s", rasd_status_name(st));
}

static bool add_fingerprint(void *ctx, int64_t doc, const void *data, size_t len) {
    rasd_link *l = ctx;
    if (len != sizeof(rasd_fingerprint)) {
        l->fp_status = RASD_ERR_DATA;
        l->bad_fp_doc = doc;
        return false;
    }
    rasd_fingerprint fp;
    memcpy(&fp, data, sizeof fp);
    rasd_dup_match m;
    l->fp_status = rasd_dedup_add(l->dedup, doc, &fp, &m);
    return l->fp_status == RASD_OK;
}

/* (Re)builds the duplicate index and the clusterer from the store. */
static rasd_status load(rasd_link *l, rasd_store *store, rasd_error *err) {
    rasd_dedup_destroy(l->dedup);
    rasd_stories_destroy(l->stories);
    l->stories = NULL;
    l->fp_status = RASD_OK;
    l->store = store;
    l->fetch_err = (rasd_error){0};
    if (!(l->dedup = new_dedup(l, err))) return err ? err->code : RASD_ERR_NOMEM;
    rasd_status st = rasd_store_each_fingerprint(store, add_fingerprint, l, err);
    if (st != RASD_OK) return st;
    if (l->fp_status != RASD_OK && l->fetch_err.code == l->fp_status) return dedup_failed(l, l->fp_status, err);
    if (l->fp_status != RASD_OK)
        return rasd_fail(err, l->fp_status, "%s: fingerprint of document %lld is damaged (%s)",
                         rasd_store_target(store), (long long)l->bad_fp_doc, rasd_status_name(l->fp_status));
    void *state = NULL;
    size_t len = 0;
    if ((st = rasd_store_get_state(store, STORIES_STATE, &state, &len, err)) != RASD_OK) return st;
    l->stories = state ? rasd_stories_load(state, len, NULL, err) : rasd_stories_new(NULL, err);
    free(state);
    return l->stories ? RASD_OK : (err && err->code ? err->code : RASD_ERR_NOMEM);
}

rasd_link *rasd_link_open(rasd_store *store, rasd_analyzer *an, rasd_error *err) {
    rasd_link *l = calloc(1, sizeof *l);
    if (!l) {
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        return NULL;
    }
    l->an = an;
    pthread_mutex_init(&l->mu, NULL);
    pthread_cond_init(&l->changed, NULL);
    /* a name no other process has: pid, clock and address, packed into
     * bytes (a struct would hash its uninitialised padding too) */
    struct timespec ts = {0, 0};
    clock_gettime(CLOCK_REALTIME, &ts);
    int64_t seed[4] = {(int64_t)getpid(), (int64_t)ts.tv_sec, (int64_t)ts.tv_nsec, (int64_t)(intptr_t)l};
    XXH128_hash_t h = XXH3_128bits(seed, sizeof seed);
    memcpy(l->token, &h, sizeof l->token);
    if (rasd_store_get_state(store, WRITER_STATE, &l->seen, &l->seen_len, err) != RASD_OK) goto fail;
    if (load(l, store, err) != RASD_OK) goto fail;
    if (pthread_create(&l->thread, NULL, story_thread, l) != 0) {
        rasd_fail(err, RASD_ERR_NOMEM, "cannot start the story thread");
        goto fail;
    }
    l->started = true;
    return l;
fail:
    rasd_link_close(l);
    return NULL;
}

void rasd_link_set_analyzer(rasd_link *l, rasd_analyzer *an) {
    pthread_mutex_lock(&l->mu);
    l->an = an;
    pthread_mutex_unlock(&l->mu);
}

void rasd_link_close(rasd_link *l) {
    if (!l) return;
    if (l->started) {
        pthread_mutex_lock(&l->mu);
        l->stop = true;
        pthread_cond_broadcast(&l->changed);
        pthread_mutex_unlock(&l->mu);
        pthread_join(l->thread, NULL);
    }
    for (size_t i = l->next_job; i < l->n_jobs; i++) job_free(&l->jobs[i]);
    free(l->jobs);
    free(l->results);
    pthread_cond_destroy(&l->changed);
    pthread_mutex_destroy(&l->mu);
    rasd_dedup_destroy(l->dedup);
    rasd_stories_destroy(l->stories);
    free(l->touched);
    free(l->seen);
    free(l);
}

/* Marks each paragraph that repeats an earlier one (the most similar
 * earlier one; the earliest among equals). */
static rasd_status mark_repeats(rasd_analyzer *an, const char *text, size_t len, rasd_rows *rows,
                                rasd_error *err) {
    if (rows->n_paragraphs < 2) return RASD_OK;
    rasd_span_list paras = {0};
    paras.items = malloc(rows->n_paragraphs * sizeof *paras.items);
    if (!paras.items) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory finding repeated paragraphs");
    paras.cap = paras.count = rows->n_paragraphs;
    for (size_t i = 0; i < rows->n_paragraphs; i++) {
        const rasd_row_paragraph *p = &rows->paragraphs[i];
        bool ok = p->start >= 0 && p->end >= p->start && (size_t)p->end <= len;
        /* a span the analysis got wrong counts as empty, never read */
        paras.items[i] = ok ? (rasd_span){(size_t)p->start, (size_t)p->end} : (rasd_span){0, 0};
    }
    rasd_paragraph_pair *pairs = NULL;
    size_t n = 0;
    rasd_status st = rasd_repeated_paragraphs(an, text, &paras, &pairs, &n, err);
    rasd_span_list_free(&paras);
    for (size_t i = 0; st == RASD_OK && i < n; i++) {
        if (pairs[i].b >= rows->n_paragraphs || pairs[i].a >= pairs[i].b) continue;
        rasd_row_paragraph *p = &rows->paragraphs[pairs[i].b];
        if (p->repeats < 0 || pairs[i].similarity > p->repeat_similarity ||
            (pairs[i].similarity == p->repeat_similarity && (int64_t)pairs[i].a < p->repeats)) {
            p->repeats = (int64_t)pairs[i].a;
            p->repeat_similarity = pairs[i].similarity;
            p->repeat_exact = pairs[i].exact;
        }
    }
    free(pairs);
    return st;
}

rasd_status rasd_link_prepare(rasd_analyzer *an, const char *title, const char *text, size_t len, rasd_rows *rows,
                              rasd_fingerprint *fp, rasd_story_terms **terms, rasd_error *err) {
    if (terms) *terms = NULL;
    for (size_t i = 0; i < rows->n_paragraphs; i++) {
        rasd_row_paragraph *p = &rows->paragraphs[i];
        if (p->start >= 0 && p->end > p->start && (size_t)p->end <= len)
            p->key = rasd_paragraph_key(an, text, (size_t)p->start, (size_t)p->end);
    }
    rasd_status st = mark_repeats(an, text, len, rows, err);
    if (st == RASD_OK) st = rasd_fingerprint_text(an, text, len, fp, err);
    if (st != RASD_OK || !terms) return st;
    /* the story's terms: the same input rasd_stories_add would read */
    const char **ents = rows->n_entities ? malloc(rows->n_entities * sizeof *ents) : NULL;
    if (rows->n_entities && !ents) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < rows->n_entities; i++) ents[i] = rows->entities[i].id;
    rasd_story_input in = {.title = title, .text = text, .len = len, .entities = ents, .n_entities = rows->n_entities};
    st = rasd_story_terms_new(an, &in, terms, err);
    free(ents);
    return st;
}

rasd_status rasd_link_duplicate(rasd_link *l, rasd_store *store, int64_t id, const rasd_fingerprint *fp,
                                rasd_link_result *out, rasd_error *err) {
    rasd_dup_match m = {0};
    memset(out, 0, sizeof *out);
    if (!l->dedup) /* a failed settle that could not reload it */
        return rasd_fail(err, RASD_ERR_NOMEM, "the duplicate index is gone after a failed settle");
    l->store = store;
    l->fetch_err = (rasd_error){0};
    rasd_status st = rasd_dedup_add(l->dedup, id, fp, &m);
    if (st != RASD_OK) return dedup_failed(l, st, err);
    if (m.kind != RASD_DUP_NONE && m.original > 0 && m.original != id) {
        out->duplicate_of = m.original;
        out->dup_kind = m.kind == RASD_DUP_EXACT ? "exact" : "near";
        out->similarity = m.similarity;
    }
    return RASD_OK;
}

rasd_status rasd_link_story(rasd_link *l, rasd_store *store, rasd_link_job *job, const rasd_fingerprint *fp,
                            rasd_error *err) {
    rasd_status st = rasd_store_put_fingerprint(store, job->id, fp, sizeof *fp, err);
    if (st != RASD_OK) {
        job_free(job);
        return st;
    }
    pthread_mutex_lock(&l->mu);
    if (l->next_job == l->n_jobs) l->next_job = l->n_jobs = 0; /* all taken: reuse the array */
    bool ok = rasd_grow((void **)&l->jobs, &l->cap_jobs, l->n_jobs, sizeof *l->jobs);
    if (ok) {
        l->jobs[l->n_jobs++] = *job;
        memset(job, 0, sizeof *job);
        pthread_cond_broadcast(&l->changed);
    }
    pthread_mutex_unlock(&l->mu);
    if (!ok) {
        job_free(job);
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory queueing a story");
    }
    return RASD_OK;
}

rasd_status rasd_link_story_later(rasd_link *l, rasd_store *store, int64_t id, const rasd_fingerprint *fp,
                                  rasd_error *err) {
    (void)l; /* the clusterer does not see it until the settle */
    return rasd_store_put_fingerprint(store, id, fp, sizeof *fp, err);
}

size_t rasd_link_story_failures(const rasd_link *l) { return l->failures; }

double rasd_link_story_cpu(rasd_link *l) {
    pthread_mutex_lock(&l->mu);
    double t = l->story_cpu;
    pthread_mutex_unlock(&l->mu);
    return t;
}

static rasd_status touch(rasd_link *l, int64_t story, rasd_error *err) {
    for (size_t i = 0; i < l->n_touched; i++)
        if (l->touched[i] == story) return RASD_OK;
    if (!rasd_grow((void **)&l->touched, &l->cap_touched, l->n_touched, sizeof *l->touched))
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    l->touched[l->n_touched++] = story;
    return RASD_OK;
}

/* The story thread's results so far, once it has caught up with every
 * job queued; the link keeps none of them after. */
static story_result *take_results(rasd_link *l, size_t *n) {
    pthread_mutex_lock(&l->mu);
    while (l->next_job < l->n_jobs) pthread_cond_wait(&l->changed, &l->mu);
    story_result *results = l->results;
    *n = l->n_results;
    l->results = NULL;
    l->n_results = l->cap_results = 0;
    pthread_mutex_unlock(&l->mu);
    return results;
}

rasd_status rasd_link_save(rasd_link *l, rasd_store *store, rasd_error *err) {
    /* the batch's stories, once the thread has caught up */
    size_t n;
    story_result *results = take_results(l, &n);
    rasd_status st = RASD_OK;
    for (size_t i = 0; st == RASD_OK && i < n; i++) {
        if (!results[i].ok) {
            l->failures++;
            continue;
        }
        st = rasd_store_set_story(store, results[i].doc, results[i].story, results[i].similarity, err);
        if (st == RASD_OK) st = touch(l, results[i].story, err);
    }
    free(results);
    if (st != RASD_OK) return st;
    for (size_t i = 0; i < l->n_touched; i++) {
        st = rasd_store_refresh_story(store, l->touched[i], err);
        if (st != RASD_OK) return st;
    }
    l->n_touched = 0;
    if (!l->stories) return rasd_fail(err, RASD_ERR_NOMEM, "the story clusterer is gone after a failed settle");
    unsigned char *data = NULL;
    size_t len = 0;
    st = rasd_stories_save(l->stories, &data, &len, err);
    if (st == RASD_OK) st = rasd_store_put_state(store, STORIES_STATE, data, len, err);
    free(data);
    if (st != RASD_OK) return st;
    /* this process wrote last: its token and turn */
    unsigned char *mark = malloc(sizeof l->token + 8);
    if (!mark) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    l->turns++;
    memcpy(mark, l->token, sizeof l->token);
    memcpy(mark + sizeof l->token, &l->turns, 8);
    st = rasd_store_put_state(store, WRITER_STATE, mark, sizeof l->token + 8, err);
    free(l->seen);
    l->seen = mark;
    l->seen_len = sizeof l->token + 8;
    return st;
}

rasd_status rasd_link_sync(rasd_link *l, rasd_store *store, rasd_error *err) {
    void *now = NULL;
    size_t len = 0;
    rasd_status st = rasd_store_get_state(store, WRITER_STATE, &now, &len, err);
    if (st != RASD_OK) return st;
    bool same = (!now && !l->seen) || (now && l->seen && len == l->seen_len && memcmp(now, l->seen, len) == 0);
    if (same) {
        free(now);
        return RASD_OK;
    }
    free(l->seen);
    l->seen = now;
    l->seen_len = len;
    l->reloads++;
    /* the story thread is idle between batches (rasd_link_save drained it) */
    pthread_mutex_lock(&l->mu);
    st = load(l, store, err);
    pthread_mutex_unlock(&l->mu);
    return st;
}

/* ------------------------------------------------------------- settling */

typedef struct dup_result {
    int64_t doc, original;
    const char *kind;
    double similarity;
} dup_result;

/* A document's story before the settle, to tell whether it changed. */
typedef struct old_story {
    int64_t doc, story;
    double similarity;
} old_story;

typedef struct settle {
    rasd_link *l;
    rasd_analyzer *terms_an; /* reads the terms while the story thread assigns; NULL: all here */
    old_story *old; /* in settling order, with terms_an: the documents queued */
    size_t n_old, cap_old;
    rasd_stories *stories;
    rasd_dedup *dedup;
    story_result *out; /* the articles whose story changes */
    size_t n_out, cap_out, articles, failures;
    dup_result *dups; /* and those whose duplicate link changes */
    size_t n_dups, cap_dups;
    rasd_status status;
    rasd_error *err;
} settle;

/* The duplicate decision for d, made again in settling order. */
static bool settle_duplicate(settle *x, const rasd_settle_doc *d) {
    /* read with its document, one at a time: the whole store's
     * fingerprints held at once were 540 bytes an article of the settle's
     * peak */
    if (!d->fingerprint) return true; /* no fingerprint (not possible from an ingest): its link stays */
    if (d->fingerprint_len != sizeof(rasd_fingerprint)) { /* as load() refuses it */
        x->status = rasd_fail(x->err, RASD_ERR_DATA, "fingerprint of document %lld is damaged", (long long)d->id);
        return false;
    }
    rasd_fingerprint fp;
    memcpy(&fp, d->fingerprint, sizeof fp);
    rasd_dup_match m = {0};
    x->l->fetch_err = (rasd_error){0};
    rasd_status st = rasd_dedup_add(x->dedup, d->id, &fp, &m);
    if (st != RASD_OK) {
        x->status = dedup_failed(x->l, st, x->err);
        return false;
    }
    bool dup = m.kind != RASD_DUP_NONE && m.original > 0 && m.original != d->id;
    const char *kind = !dup ? NULL : m.kind == RASD_DUP_EXACT ? "exact" : "near";
    int64_t original = dup ? m.original : 0;
    double sim = dup ? m.similarity : 0;
    bool same = original == d->duplicate_of &&
                (original == 0 || (d->dup_kind && strcmp(kind, d->dup_kind) == 0 && sim == d->dup_similarity));
    if (same) return true;
    if (x->n_dups == x->cap_dups && !rasd_grow((void **)&x->dups, &x->cap_dups, x->n_dups, sizeof *x->dups)) {
        x->status = rasd_fail(x->err, RASD_ERR_NOMEM, "out of memory settling duplicates");
        return false;
    }
    x->dups[x->n_dups++] = (dup_result){d->id, original, kind, sim};
    return true;
}

/* How many articles the story thread may lag behind while the settle
 * reads: their terms wait in memory. */
#define SETTLE_AHEAD 256

/* With terms_an: the document's terms read here, its story assigned by
 * the story thread in the same order (results compared at the end). */
static bool settle_queue(settle *x, const rasd_settle_doc *d) {
    rasd_link *l = x->l;
    rasd_story_input in = {.id = d->id, .published = d->published, .title = d->title, .text = d->text,
                           .len = d->len, .entities = d->entities, .n_entities = d->n_entities};
    rasd_link_job job = {.id = d->id};
    rasd_error e = {0};
    rasd_status st = rasd_story_terms_new(x->terms_an, &in, &job.terms, &e);
    if (st == RASD_OK && d->published && !(job.published = strdup(d->published))) st = RASD_ERR_NOMEM;
    if (st == RASD_OK && x->n_old == x->cap_old &&
        !rasd_grow((void **)&x->old, &x->cap_old, x->n_old, sizeof *x->old))
        st = RASD_ERR_NOMEM;
    if (st != RASD_OK) {
        job_free(&job);
        x->status = rasd_fail(x->err, st, "%s", st == RASD_ERR_NOMEM ? "out of memory settling stories" : e.message);
        return false;
    }
    x->old[x->n_old++] = (old_story){d->id, d->story, d->similarity};
    x->articles++;
    pthread_mutex_lock(&l->mu);
    while (l->n_jobs - l->next_job >= SETTLE_AHEAD) pthread_cond_wait(&l->changed, &l->mu);
    if (l->next_job == l->n_jobs) l->next_job = l->n_jobs = 0; /* all taken: reuse the array */
    bool ok = rasd_grow((void **)&l->jobs, &l->cap_jobs, l->n_jobs, sizeof *l->jobs);
    if (ok) {
        l->jobs[l->n_jobs++] = job;
        pthread_cond_broadcast(&l->changed);
    }
    pthread_mutex_unlock(&l->mu);
    if (!ok) {
        job_free(&job);
        x->status = rasd_fail(x->err, RASD_ERR_NOMEM, "out of memory settling stories");
    }
    return ok;
}

/* With terms_an, once every document is queued: the story thread's
 * results, in settling order, against the stories the documents had. */
static rasd_status settle_collect(settle *x) {
    rasd_link *l = x->l;
    size_t n;
    story_result *results = take_results(l, &n);
    rasd_status st = RASD_OK;
    if (n != x->n_old) /* a result the thread had no memory to keep */
        st = rasd_fail(x->err, RASD_ERR_NOMEM, "out of memory settling stories");
    for (size_t i = 0; st == RASD_OK && i < n; i++) {
        const story_result *r = &results[i];
        const old_story *o = &x->old[i];
        if (!r->ok) { /* (a bad date): the article keeps the story it has */
            x->failures++;
            continue;
        }
        if (r->story == o->story && r->similarity == o->similarity) continue;
        if (x->n_out == x->cap_out && !rasd_grow((void **)&x->out, &x->cap_out, x->n_out, sizeof *x->out)) {
            st = rasd_fail(x->err, RASD_ERR_NOMEM, "out of memory settling stories");
            break;
        }
        x->out[x->n_out++] = (story_result){o->doc, r->story, r->similarity, true};
    }
    free(results);
    return st;
}

static bool settle_one(void *ctx, const rasd_settle_doc *d) {
    settle *x = ctx;
    if (!settle_duplicate(x, d)) return false;
    if (x->terms_an) return settle_queue(x, d);
    rasd_story_input in = {.id = d->id, .published = d->published, .title = d->title, .text = d->text,
                           .len = d->len, .entities = d->entities, .n_entities = d->n_entities};
    rasd_story_terms *terms = NULL;
    rasd_story_assignment a = {0};
    rasd_error e = {0};
    rasd_status st = rasd_story_terms_new(x->l->an, &in, &terms, &e);
    if (st == RASD_OK) st = rasd_stories_assign(x->stories, x->l->an, &in, terms, &a, &e);
    rasd_story_terms_free(terms);
    x->articles++;
    if (st == RASD_ERR_NOMEM) {
        x->status = rasd_fail(x->err, st, "%s", e.message);
        return false;
    }
    if (st != RASD_OK) { /* (a bad date): the article keeps the story it has */
        x->failures++;
        return true;
    }
    if (a.story == d->story && a.similarity == d->similarity) return true;
    if (x->n_out == x->cap_out && !rasd_grow((void **)&x->out, &x->cap_out, x->n_out, sizeof *x->out)) {
        x->status = rasd_fail(x->err, RASD_ERR_NOMEM, "out of memory settling stories");
        return false;
    }
    x->out[x->n_out++] = (story_result){d->id, a.story, a.similarity, true};
    return true;
}

/* After a failed settle: the index and clusterer as the store has them
 * (the settle saves neither before it succeeds). */
static rasd_status restore(rasd_link *l, rasd_store *store, rasd_status st) {
    rasd_error ignored = {0};
    pthread_mutex_lock(&l->mu);
    load(l, store, &ignored);
    pthread_mutex_unlock(&l->mu);
    return st;
}

rasd_status rasd_link_settle(rasd_link *l, rasd_store *store, rasd_analyzer *terms_an, rasd_settle_counts *counts,
                              rasd_error *err) {
    settle x = {.l = l, .terms_an = terms_an, .err = err, .status = RASD_OK};
    /* the old index and clusterer go before the new ones are built: held
     * both, the settle was the ingest's peak of memory (the story thread
     * is idle: every batch's commit waited for it) */
    pthread_mutex_lock(&l->mu);
    rasd_stories_destroy(l->stories);
    rasd_dedup_destroy(l->dedup);
    l->stories = NULL;
    l->dedup = NULL;
    pthread_mutex_unlock(&l->mu);
    l->store = store;
    if (!(x.stories = rasd_stories_new(NULL, err)) || !(x.dedup = new_dedup(l, err))) {
        rasd_stories_destroy(x.stories);
        return restore(l, store, err && err->code ? err->code : RASD_ERR_NOMEM);
    }
    /* with terms_an the story thread assigns into the new clusterer (it
     * is idle: every batch's commit waited for it, and its results were
     * taken) */
    if (terms_an) {
        pthread_mutex_lock(&l->mu);
        l->stories = x.stories;
        pthread_mutex_unlock(&l->mu);
    }
    rasd_status st = rasd_store_each_settle_doc(store, settle_one, &x, err);
    if (st == RASD_OK) st = x.status;
    if (terms_an) { /* even after a failure: the thread must be idle before the clusterer goes */
        rasd_status collected = settle_collect(&x);
        if (st == RASD_OK) st = collected;
        pthread_mutex_lock(&l->mu);
        l->stories = NULL;
        pthread_mutex_unlock(&l->mu);
    }
    free(x.old);
    for (size_t i = 0; st == RASD_OK && i < x.n_dups; i++)
        st = rasd_store_set_duplicate(store, x.dups[i].doc, x.dups[i].original, x.dups[i].kind, x.dups[i].similarity,
                                      err);
    for (size_t i = 0; st == RASD_OK && i < x.n_out; i++)
        st = rasd_store_set_story(store, x.out[i].doc, x.out[i].story, x.out[i].similarity, err);
    if (st == RASD_OK && x.n_out) st = rasd_store_rebuild_story_rows(store, err);
    free(x.out);
    free(x.dups);
    if (st != RASD_OK) {
        rasd_stories_destroy(x.stories);
        rasd_dedup_destroy(x.dedup);
        return restore(l, store, st);
    }
    /* the settled index and clusterer go on from here */
    pthread_mutex_lock(&l->mu);
    l->stories = x.stories;
    l->dedup = x.dedup;
    l->n_touched = 0;
    l->failures += x.failures;
    pthread_mutex_unlock(&l->mu);
    if (counts) *counts = (rasd_settle_counts){x.articles, x.n_dups, x.n_out};
    /* settled once this transaction commits, and not before */
    st = rasd_store_put_state(store, SETTLE_STATE, "0", 1, err);
    if (st != RASD_OK) return st;
    return rasd_link_save(l, store, err); /* its state, and the writer mark others reload on */
}

rasd_status rasd_link_mark_unsettled(rasd_store *store, rasd_error *err) {
    return rasd_store_put_state(store, SETTLE_STATE, "1", 1, err);
}

rasd_status rasd_link_is_unsettled(rasd_store *store, bool *owed, rasd_error *err) {
    void *data = NULL;
    size_t len = 0;
    rasd_status st = rasd_store_get_state(store, SETTLE_STATE, &data, &len, err);
    *owed = st == RASD_OK && data && len == 1 && *(const char *)data == '1';
    free(data);
    return st;
}

size_t rasd_link_reloads(const rasd_link *l) { return l->reloads; }
