/*
 * ingest.c: rasd_ingest (rasd.h), a run from start to report: the
 * session's link to what is stored, the table of hashes stored before,
 * the reader thread and the pool (input.c, worker.c, writer.c), the last
 * batch, and the settle of a bulk import. The callers (`rasd ingest`,
 * POST /api/ingest, `rasd watch --db`) only choose inputs and options and
 * show what it reports.
 */
#include "ingest/ingest_internal.h"

#include <stdlib.h>
#include <string.h>

rasd_ingest_session *rasd_ingest_session_new(void) {
    rasd_ingest_session *s = calloc(1, sizeof *s);
    if (s) pthread_mutex_init(&s->stash_mu, NULL);
    return s;
}

void rasd_ingest_session_destroy(rasd_ingest_session *s) {
    if (!s) return;
    rasd_link_close(s->link);
    rasd_analyzer_destroy(s->writer_an);
    for (size_t i = 0; i < s->n_stash; i++) rasd_analyzer_destroy(s->stash[i]);
    pthread_mutex_destroy(&s->stash_mu);
    free(s);
}

/* The link to the stored articles' duplicates and stories: kept from the
 * session's last call, else rebuilt from the store. A session serves one
 * database, through whichever connection (a server's calls borrow one of
 * several): the link holds what the database holds, not the connection. */
static rasd_status session_open(rasd_ingest_session *s, rasd_store *store, const rasd_lexicon *lex,
                                rasd_error *err) {
    s->lex = lex;
    if (s->link) return RASD_OK;
    if (!(s->link = rasd_link_open(store, s->writer_an, err))) return err->code ? err->code : RASD_ERR_DB;
    return RASD_OK;
}

rasd_status ingest_writer_analyzer(rasd_ingest_session *s, rasd_error *err) {
    if (s->writer_an) return RASD_OK;
    if (!(s->writer_an = rasd_analyzer_new(s->lex, err))) return err->code ? err->code : RASD_ERR_NOMEM;
    rasd_link_set_analyzer(s->link, s->writer_an);
    return RASD_OK;
}

/* Fails the run before any article is read: the store is left as it was. */
static void fail_start(ingest *g, const rasd_error *err) {
    g->r.db_failed = true;
    g->db_err = *err;
}

rasd_status rasd_ingest(rasd_store *store, const rasd_ingest_options *opt, rasd_ingest_report *report,
                        rasd_error *err) {
    ingest g = {.store = store, .opt = opt, .analysis = opt->analysis, .read = opt->read};
    rasd_error scratch = {0};
    if (!err) err = &scratch;
    memset(report, 0, sizeof *report);
    if (!opt->lex) return rasd_fail(err, RASD_ERR_USAGE, "rasd_ingest: no lexicon");
    g.ropt = opt->reader ? opt->reader : &g.default_ropt;
    g.jobs = opt->jobs ? opt->jobs : 1;
    if (g.jobs > MAX_ANALYZERS) g.jobs = MAX_ANALYZERS;
    g.batch = opt->batch ? opt->batch : 1000;
    g.keep_json = opt->keep_json;
    g.bp = opt->boilerplate;
    rasd_ingest_session *own = NULL;
    if (!(g.s = opt->session) && !(g.s = own = rasd_ingest_session_new()))
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    pthread_mutex_init(&g.q_mu, NULL);
    pthread_cond_init(&g.q_changed, NULL);
    g.r.shared = rasd_store_is_pg(rasd_store_target(store));
    rasd_error e = {0};
    rasd_status st = session_open(g.s, store, opt->lex, &e);
    if (st != RASD_OK) { /* not started: no database error of the run */
        *err = e;
        goto done;
    }
    g.link = g.s->link;
    /* Articles given in memory (a server's few at a time) skip the table:
     * reading every stored hash would cost more than they do. */
    g.know_prior = opt->jsonl || opt->n_paths;
    if (g.know_prior && rasd_store_each_hash(store, ingest_add_stored, &g, &e) != RASD_OK) {
        fail_start(&g, &e);
        goto done;
    }
    if (g.n_prior) qsort(g.prior, g.n_prior, sizeof *g.prior, ingest_hash_cmp);
    g.base = g.n_prior;
    /* A settle an earlier run left owed is finished by a run of files or
     * one asked to settle, not by a few articles given in memory (a
     * server's: a settle rewrites the whole store) */
    if (g.know_prior && ingest_load_base(&g, &e) != RASD_OK) {
        fail_start(&g, &e);
        goto done;
    }
    if ((g.know_prior || opt->settle) && rasd_link_is_unsettled(store, &g.r.settle_owed, &e) != RASD_OK) {
        fail_start(&g, &e);
        goto done;
    }
    g.owed = g.r.settle_owed && !opt->no_settle;
    g.stories_later = ingest_settles_from_start(&g);
    /* the link's analyzer (its word cache alone is 32 MB) only once a
     * story is assigned: a run that leaves them to its settle makes it
     * there, after the workers' are freed */
    if (!g.stories_later && ingest_writer_analyzer(g.s, &e) != RASD_OK) {
        fail_start(&g, &e);
        goto done;
    }
    for (size_t i = 0; i < opt->n_paths; i++) g.r.bytes_total += ingest_bytes_under(opt->paths[i], 0);
    if (opt->jsonl && strcmp(opt->jsonl, "-") != 0) g.r.bytes_total += ingest_bytes_under(opt->jsonl, 0);
    if (rasd_store_begin(store, &e) != RASD_OK) {
        fail_start(&g, &e);
        goto done;
    }
    pthread_t reader;
    if (pthread_create(&reader, NULL, ingest_reader_thread, &g) != 0) {
        rasd_fail(&e, RASD_ERR_NOMEM, "cannot start the reader thread");
        fail_start(&g, &e);
        rasd_error ignored = {0};
        rasd_store_rollback(store, &ignored);
        goto done;
    }
    ingest_consume(&g);
    pthread_join(reader, NULL);
    if (!g.r.db_failed) ingest_end_batch(&g, false);
    /* A bulk import settles by itself (ingest_will_settle), so that its
     * stories and links are those of the canonical order whatever the
     * order of the input or of the workers' turns; the last worker to end
     * settles everything. An owed settle is finished here, once, after
     * what is new is stored: settling first would only be redone. */
    if (ingest_will_settle(&g) && !g.r.db_failed) {
        /* the workers' analyzers (word caches and the tagger's memory,
         * some 85 MB each) are idle from here: freed before the settle
         * builds its index and clusterer, but one, which reads the
         * settle's story terms beside the writer's (ingest_settle). Only
         * a session of this run's own: a caller's reuses them. */
        if (own) {
            pthread_mutex_lock(&own->stash_mu);
            for (size_t i = 1; i < own->n_stash; i++) rasd_analyzer_destroy(own->stash[i]);
            if (own->n_stash > 1) own->n_stash = 1;
            pthread_mutex_unlock(&own->stash_mu);
        }
        ingest_settle(&g);
        g.r.settled = true;
    }
    if (g.r.db_failed) {
        rasd_error ignored = {0};
        rasd_store_rollback(store, &ignored);
    }
    g.r.story_cpu = rasd_link_story_cpu(g.link);
    g.r.story_failures = rasd_link_story_failures(g.link);
    g.r.reloads = rasd_link_reloads(g.link);
    g.r.settled_articles = g.settled.articles;
    g.r.settled_duplicates = g.settled.duplicates;
    g.r.settled_stories = g.settled.stories;
    if (g.r.db_failed) {
        /* the link's memory may hold what was rolled back: the next call
         * rebuilds it from the store */
        rasd_link_close(g.s->link);
        g.s->link = NULL;
        *err = g.db_err;
        if (err->code == RASD_OK) err->code = RASD_ERR_DB;
    }
done:
    for (size_t i = 0; i < g.n_filling; i++) ingest_free_item(&g.filling[i]);
    free(g.filling);
    free(g.prior);
    pthread_cond_destroy(&g.q_changed);
    pthread_mutex_destroy(&g.q_mu);
    rasd_ingest_session_destroy(own);
    *report = g.r;
    if (st != RASD_OK) return st;
    return g.r.db_failed ? err->code : RASD_OK;
}

rasd_status rasd_ingest_settle_owed(rasd_store *store, bool *owed, rasd_error *err) {
    rasd_error scratch = {0};
    *owed = false;
    return rasd_link_is_unsettled(store, owed, err ? err : &scratch);
}
