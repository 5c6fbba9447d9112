/*
 * link.h: what links a new article to those already stored: its
 * duplicate (src/corpus/dedup.h) and its story (src/corpus/stories.h),
 * with their state kept in the store so that a later ingest continues
 * where the last one stopped. All calls into dedup and stories during an
 * ingest go through here.
 *
 * rasd_link_prepare runs on worker threads (it uses only the caller's
 * analyzer); everything else runs on the one writer thread.
 */
#ifndef RASD_INGEST_LINK_H
#define RASD_INGEST_LINK_H

#include "corpus/dedup.h"
#include "corpus/stories.h"
#include "storage/rows.h"
#include "storage/store.h"

typedef struct rasd_link rasd_link;

typedef struct rasd_link_result {
    int64_t duplicate_of;  /* 0: not a duplicate */
    const char *dup_kind;  /* "exact" or "near" when a duplicate */
    double similarity;
} rasd_link_result;

/* Rebuilds the duplicate index from the store's fingerprints and loads the
 * story clusterer's saved state. an: the writer thread's analyzer, or
 * NULL until rasd_link_set_analyzer. */
rasd_link *rasd_link_open(rasd_store *store, rasd_analyzer *an, rasd_error *err);
void rasd_link_close(rasd_link *l);
/* The analyzer the link's story thread assigns with, for a link opened
 * without one: set before any story is assigned or settled. */
void rasd_link_set_analyzer(rasd_link *l, rasd_analyzer *an);

/* Worker side: the article's fingerprint, its paragraphs' keys and the
 * paragraphs that repeat an earlier one of the same text (rows->paragraphs'
 * repeats), and the terms its story will be found by (*terms, free it with
 * rasd_story_terms_free unless handed to rasd_link_story; terms NULL: none,
 * for an article whose story is left to the settle). text[0, len) is the
 * stored text (title line, then the body); title its first line. */
rasd_status rasd_link_prepare(rasd_analyzer *an, const char *title, const char *text, size_t len, rasd_rows *rows,
                              rasd_fingerprint *fp, rasd_story_terms **terms, rasd_error *err);
/* Writer side, before storing the article under id: is it a duplicate?
 * (The index reads candidates' fingerprints back from store: every
 * article linked before must have its fingerprint stored by now, as
 * rasd_link_story and rasd_link_story_later do.) */
rasd_status rasd_link_duplicate(rasd_link *l, rasd_store *store, int64_t id, const rasd_fingerprint *fp,
                                rasd_link_result *out, rasd_error *err);
/* What the story clusterer needs of a stored article; the link takes every
 * field (the caller hands them over and must not free them). */
typedef struct rasd_link_job {
    int64_t id;
    char *published;         /* or NULL */
    rasd_story_terms *terms; /* from rasd_link_prepare */
} rasd_link_job;

/* Writer side, after storing the article: stores its fingerprint and
 * queues it for its story, which a thread of the link's own assigns while
 * the writer goes on (the clusterer is the other half of the serial work
 * of an ingest). Takes job's fields. */
rasd_status rasd_link_story(rasd_link *l, rasd_store *store, rasd_link_job *job, const rasd_fingerprint *fp,
                            rasd_error *err);
/* Instead of rasd_link_story in a run that ends with a settle (the
 * settle decides every story again, in its own order, from an empty
 * clusterer: a story assigned now would only be overwritten): stores the
 * fingerprint alone, and the article has no story until the settle. */
rasd_status rasd_link_story_later(rasd_link *l, rasd_store *store, int64_t id, const rasd_fingerprint *fp,
                                  rasd_error *err);
/* Before each commit: waits for the queued articles' stories, stores them,
 * refreshes the touched stories' summaries and saves the clusterer's
 * state, all in the same transaction as the articles. */
rasd_status rasd_link_save(rasd_link *l, rasd_store *store, rasd_error *err);
/* At the start of a batch, once it holds rasd_store_lock_writers: when
 * another process has committed since this one's last batch, reloads the
 * duplicate index and the clusterer from the store, so that they see its
 * articles. Does nothing for a process writing alone. */
rasd_status rasd_link_sync(rasd_link *l, rasd_store *store, rasd_error *err);
/* Settles duplicates and stories: decides every stored article's
 * duplicate link and story again, from an empty duplicate index and
 * clusterer, in a canonical order (day, then hash:
 * rasd_store_each_settle_doc) rather than the order articles arrived in,
 * and stores what changed and the clusterer's new state. The result
 * depends only on what the store holds, so stores holding the same
 * articles end with the same links and stories however the articles came
 * in (several processes at once, another input order). Inside a batch
 * holding rasd_store_lock_writers, after rasd_link_sync and rasd_link_save
 * (the story queue must be empty). */
typedef struct rasd_settle_counts {
    size_t articles;   /* decided again */
    size_t duplicates; /* whose duplicate link changed */
    size_t stories;    /* whose story or similarity changed */
} rasd_settle_counts;
/* terms_an: an analyzer besides the link's (one no other thread uses
 * meanwhile), with which the settle reads each article's story terms
 * while the link's story thread assigns the stories of the articles read
 * before it: the two halves of the settle's work on two cores. NULL: both
 * on the calling thread. The stories are the same either way. */
rasd_status rasd_link_settle(rasd_link *l, rasd_store *store, rasd_analyzer *terms_an, rasd_settle_counts *counts,
                              rasd_error *err);
/* A settle owed to the store, kept in its state table ("settle": 1 owed,
 * 0 not) so that it outlives a killed process: marked in each batch of a
 * run that will end with a settle (a bulk import, --settle, or a settle an
 * earlier run left owed), and cleared by rasd_link_settle in the
 * transaction that commits the settle. A later ingest that finds it owed
 * finishes it; rasd serve warns (rasd_ingest_settle_owed, rasd.h). */
rasd_status rasd_link_mark_unsettled(rasd_store *store, rasd_error *err);
rasd_status rasd_link_is_unsettled(rasd_store *store, bool *owed, rasd_error *err);
/* How many times rasd_link_sync reloaded. */
size_t rasd_link_reloads(const rasd_link *l);
/* Articles whose story could not be assigned (they keep none), so far. */
size_t rasd_link_story_failures(const rasd_link *l);
/* CPU seconds the story thread has used so far (the serial half of the
 * clusterer, for the ingest's summary). */
double rasd_link_story_cpu(rasd_link *l);

#endif
