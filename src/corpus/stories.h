/*
 * stories.h: online clustering of articles into stories across outlets.
 *
 * An article joins the most similar open story (weighted terms plus shared
 * entities, within a time window around its date) when the similarity
 * passes a threshold, else it opens a new story. A story's id is the id of
 * its first article, so ids are stable. Weights, thresholds and the window
 * are documented and justified in docs/corpus.md.
 *
 * The clusterer's state (story centroids, document frequencies) can be
 * saved to a byte string and loaded again, so the store persists it and
 * a later ingest continues the same stories.
 * Contract shared by src/corpus/stories.c and the store.
 */
#ifndef RASD_STORIES_H
#define RASD_STORIES_H

#include "rasd.h"

typedef struct rasd_story_input {
    int64_t id;               /* the article's id in the store */
    const char *published;    /* YYYY-MM-DD, or NULL (then: the time of ingest) */
    const char *outlet;       /* or NULL */
    const char *title;        /* or NULL */
    const char *text;         /* the body */
    size_t len;
    const char *const *entities; /* entity ids the analysis found (KB ids count most) */
    size_t n_entities;
} rasd_story_input;

typedef struct rasd_story_assignment {
    int64_t story;            /* story id (the id of its first article) */
    bool opened;              /* this article opened the story */
    double similarity;        /* to the story it joined (1 when it opened one) */
} rasd_story_assignment;

/* Defaults (docs/corpus.md): cosine to a story's centroid, days around it. */
#define RASD_STORIES_DEFAULT_THRESHOLD 0.3
#define RASD_STORIES_DEFAULT_WINDOW 3

typedef struct rasd_stories_options {
    double threshold;         /* 0: default */
    int window_days;          /* 0: default */
    bool no_prior;            /* learn document frequencies online only, without
                                 the lexicon's background (docs/corpus.md) */
} rasd_stories_options;

/* The background the document-frequency prior stands for: the articles the
 * lexicon's counts come from (data/lexicon/ar-words.tsv: SaudiNewsNet). */
#define RASD_STORIES_PRIOR_DOCS 26743

/* One writer at a time: articles are assigned in the order they are added
 * (ingest order, roughly by date), and the result depends on that order. */
typedef struct rasd_stories rasd_stories;

rasd_stories *rasd_stories_new(const rasd_stories_options *opt, rasd_error *err);
void rasd_stories_destroy(rasd_stories *s);
/* Assigns one article (uses the caller's analyzer for terms): the same as
 * rasd_story_terms_new then rasd_stories_assign. */
rasd_status rasd_stories_add(rasd_stories *s, rasd_analyzer *an, const rasd_story_input *in,
                             rasd_story_assignment *out, rasd_error *err);

/* The two halves of rasd_stories_add, so that an ingest reads the words on
 * its worker threads and keeps only the assignment serial. An article's
 * terms before weighting (stems with their counts, entity ids): computed
 * from in's title, text and entities with the caller's analyzer alone, so
 * any thread may call it. */
typedef struct rasd_story_terms rasd_story_terms;
rasd_status rasd_story_terms_new(rasd_analyzer *an, const rasd_story_input *in, rasd_story_terms **out,
                                 rasd_error *err);
void rasd_story_terms_free(rasd_story_terms *t);
/* Weights the terms (idf), finds the story and updates the clusterer; uses
 * in->id and in->published only (title, text and entities are in terms).
 * an: for the lexicon of the document-frequency prior (read once). */
rasd_status rasd_stories_assign(rasd_stories *s, rasd_analyzer *an, const rasd_story_input *in,
                                const rasd_story_terms *terms, rasd_story_assignment *out, rasd_error *err);
/* State as a byte string (malloc'd) and back. */
rasd_status rasd_stories_save(const rasd_stories *s, unsigned char **data, size_t *len, rasd_error *err);
rasd_stories *rasd_stories_load(const unsigned char *data, size_t len, const rasd_stories_options *opt,
                                rasd_error *err);

#endif
