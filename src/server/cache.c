/*
 * cache.c: the answer cache of cache.h: a chained hash table under one
 * mutex (a lookup is a hash and a memcpy, far shorter than any query), with
 * least-recently-used eviction by a scan when over budget (rare: the
 * budget holds thousands of answers).
 */
#include "server/cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BUCKETS 4096

typedef struct entry {
    struct entry *next;
    char *key;
    uint64_t version;
    time_t stored;
    uint64_t used; /* the tick of its last use */
    char *body;
    size_t len;
} entry;

struct rasd_cache {
    pthread_mutex_t lock;
    entry *buckets[BUCKETS];
    size_t bytes, max_bytes;
    unsigned ttl_s;
    uint64_t tick;
};

static size_t hash_of(const char *key) {
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) h = (h ^ *p) * 1099511628211ull;
    return (size_t)(h % BUCKETS);
}

static size_t cost(const entry *e) { return e->len + strlen(e->key) + sizeof *e; }

rasd_cache *rasd_cache_new(size_t max_bytes, unsigned ttl_s) {
    rasd_cache *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    pthread_mutex_init(&c->lock, NULL);
    c->max_bytes = max_bytes;
    c->ttl_s = ttl_s;
    return c;
}

static void entry_free(entry *e) {
    free(e->key);
    free(e->body);
    free(e);
}

void rasd_cache_destroy(rasd_cache *c) {
    if (!c) return;
    for (size_t i = 0; i < BUCKETS; i++)
        for (entry *e = c->buckets[i], *next; e; e = next) {
            next = e->next;
            entry_free(e);
        }
    pthread_mutex_destroy(&c->lock);
    free(c);
}

/* Unlinks and frees the entry *at points to. */
static void drop(rasd_cache *c, entry **at) {
    entry *e = *at;
    *at = e->next;
    c->bytes -= cost(e);
    entry_free(e);
}

bool rasd_cache_get(rasd_cache *c, const char *key, uint64_t version, char **body, size_t *len) {
    bool hit = false;
    time_t now = time(NULL);
    pthread_mutex_lock(&c->lock);
    for (entry **at = &c->buckets[hash_of(key)]; *at; at = &(*at)->next) {
        entry *e = *at;
        if (strcmp(e->key, key) != 0) continue;
        if (e->version != version || now - e->stored >= (time_t)c->ttl_s) {
            drop(c, at); /* stale: its replacement comes with the answer */
            break;
        }
        char *copy = malloc(e->len + 1);
        if (copy) {
            memcpy(copy, e->body, e->len);
            copy[e->len] = '\0';
            *body = copy;
            *len = e->len;
            e->used = ++c->tick;
            hit = true;
        }
        break;
    }
    pthread_mutex_unlock(&c->lock);
    return hit;
}

/* Drops least recently used entries until `need` more bytes fit. */
static void make_room(rasd_cache *c, size_t need) {
    while (c->bytes + need > c->max_bytes && c->bytes) {
        entry **oldest = NULL;
        for (size_t i = 0; i < BUCKETS; i++)
            for (entry **at = &c->buckets[i]; *at; at = &(*at)->next)
                if (!oldest || (*at)->used < (*oldest)->used) oldest = at;
        if (!oldest) break;
        drop(c, oldest);
    }
}

void rasd_cache_put(rasd_cache *c, const char *key, uint64_t version, const char *body, size_t len) {
    if (len > c->max_bytes / 8) return;
    entry *e = calloc(1, sizeof *e);
    if (!e) return;
    e->key = strdup(key);
    e->body = malloc(len ? len : 1);
    if (!e->key || !e->body) {
        entry_free(e);
        return;
    }
    memcpy(e->body, body, len);
    e->len = len;
    e->version = version;
    e->stored = time(NULL);
    pthread_mutex_lock(&c->lock);
    size_t b = hash_of(key);
    /* another thread may have answered the same request meanwhile */
    for (entry **at = &c->buckets[b]; *at; at = &(*at)->next)
        if (strcmp((*at)->key, key) == 0) {
            drop(c, at);
            break;
        }
    make_room(c, cost(e));
    e->used = ++c->tick;
    e->next = c->buckets[b];
    c->buckets[b] = e;
    c->bytes += cost(e);
    pthread_mutex_unlock(&c->lock);
}
