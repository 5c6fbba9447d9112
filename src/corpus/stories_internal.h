/*
 * stories_internal.h: what the story clusterer (stories.c) and its saved
 * state (stories_state.c) share: the clusterer's records and the two
 * operations loading needs.
 */
#ifndef RASD_STORIES_INTERNAL_H
#define RASD_STORIES_INTERNAL_H

#include "corpus/stories.h"

#include "core/internal.h"

#ifndef CENTROID_TERMS
#define CENTROID_TERMS 80 /* the heaviest terms a story's centroid keeps */
#endif
#ifndef POST_TERMS
#define POST_TERMS 20 /* the heaviest centroid terms a story is listed under */
#endif
#define FW_CACHE 4096 /* entries of the function-word cache (32 kB) */
/* More articles than any archive holds: a state claiming more is damaged
 * (and the count must never wrap). */
#define MAX_DOCS ((uint64_t)1 << 48)

typedef struct term_w {
    uint64_t term;
    float w;
} term_w;

typedef struct story {
    int64_t id;
    int32_t first_day, last_day;
    uint32_t n_articles;
    uint32_t n_terms; /* centroid, sorted by term */
    term_w *terms;
    double norm;
    /* the terms this story is listed under: its POST_TERMS heaviest
     * centroid terms as they are now (list entries under other terms are
     * stale and dropped when scanned), so that the candidates of an
     * article depend on the centroids alone, the same after a save and a
     * load as in the process that built them */
    uint64_t posted[POST_TERMS];
    uint32_t n_posted;
    uint32_t stamp, scan;
} story;

/* 64-bit key -> 32-bit value, open addressing, key 0 = empty. */
typedef struct map_slot {
    uint64_t key;
    uint32_t value;
} map_slot;

typedef struct map {
    map_slot *slots;
    size_t mask, used;
} map;

typedef struct list {
    uint32_t *items;
    size_t count, cap;
} list;

struct rasd_stories {
    double threshold;
    int window;
    uint64_t n_docs;
    map df;      /* term -> document frequency */
    map index;   /* term -> position in lists */
    list *lists; /* stories listed under a term */
    size_t n_lists, cap_lists;
    story *stories;
    size_t n_stories, cap_stories;
    int32_t max_day;
    uint32_t stamp, scan;
    /* Function-word answers of the lexicon, direct-mapped by the word's
     * hash: the lexicon is a large table probed at random, and the same
     * few thousand words make most of the text. */
    const rasd_lexicon *fw_lex;
    uint64_t fw_cache[FW_CACHE];
    /* The document-frequency prior: stem term -> its count in the
     * lexicon's background (read once per lexicon, see background_df). */
    bool use_prior;
    const rasd_lexicon *prior_lex;
    map prior;
};

struct rasd_story_terms {
    term_w *items; /* stems: raw count (> 0); entity ids: -boost (< 0) */
    size_t count;
};

/* The slot of key in m, created (value 0) when absent; NULL when out of memory. */
map_slot *stories_map_get(map *m, uint64_t key);
/* Lists story k under its heaviest centroid terms as they are now. */
bool stories_post(rasd_stories *s, uint32_t k);

#endif
