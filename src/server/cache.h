/*
 * cache.h: the answers of `rasd serve`'s read routes, kept in memory and
 * reused while the store is unchanged. A store is written in batches
 * (`rasd ingest`, POST /api/ingest) and read far more often, and some
 * answers (the actors list, the outlets with their labels) aggregate the
 * whole store: recomputing them per request is what made them slow under
 * load. An answer is reused only for the same request (path and query)
 * at the same store version, and for at most its time to live.
 */
#ifndef RASD_CACHE_H
#define RASD_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct rasd_cache rasd_cache;

/* A cache holding at most max_bytes of answers (the least recently used
 * go first), each valid for ttl_s seconds; NULL when out of memory. */
rasd_cache *rasd_cache_new(size_t max_bytes, unsigned ttl_s);
void rasd_cache_destroy(rasd_cache *c);

/* A malloc'd copy of the answer stored under key for this version, or
 * false (none, another version, or expired); its gzip form instead (and
 * *gzipped set) when want_gzip and one was stored. */
bool rasd_cache_get(rasd_cache *c, const char *key, uint64_t version, bool want_gzip, char **body, size_t *len,
                    bool *gzipped);

/* Stores a copy of body, and of its gzip form gz when not NULL, under key
 * (an answer over an eighth of the budget is not kept); silently nothing
 * when out of memory. */
void rasd_cache_put(rasd_cache *c, const char *key, uint64_t version, const char *body, size_t len,
                    const unsigned char *gz, size_t gz_len);

/* Called on a miss, so that many requests for one answer not yet there
 * (a page's first visitors, a load test's first second) compute it once:
 * true when the caller is to compute it and then call rasd_cache_release;
 * false after waiting (at most 10 s) while another caller computed it:
 * look it up again. */
bool rasd_cache_claim(rasd_cache *c, const char *key);
void rasd_cache_release(rasd_cache *c, const char *key);

#endif
