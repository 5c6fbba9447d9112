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
    unsigned char *gz; /* or NULL */
    size_t gz_len;
} entry;

#define MAX_PENDING 64

struct rasd_cache {
    pthread_mutex_t lock;
    pthread_cond_t done;          /* a pending answer was released */
    char *pending[MAX_PENDING];   /* keys being computed */
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

static size_t cost(const entry *e) { return e->len + e->gz_len + strlen(e->key) + sizeof *e; }

rasd_cache *rasd_cache_new(size_t max_bytes, unsigned ttl_s) {
    rasd_cache *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->done, NULL);
    c->max_bytes = max_bytes;
    c->ttl_s = ttl_s;
    return c;
}

static void entry_free(entry *e) {
    free(e->key);
    free(e->body);
    free(e->gz);
    free(e);
}

void rasd_cache_destroy(rasd_cache *c) {
    if (!c) return;
    for (size_t i = 0; i < BUCKETS; i++)
        for (entry *e = c->buckets[i], *next; e; e = next) {
            next = e->next;
            entry_free(e);
        }
    for (size_t i = 0; i < MAX_PENDING; i++) free(c->pending[i]);
    pthread_mutex_destroy(&c->lock);
    pthread_cond_destroy(&c->done);
    free(c);
}

/* Unlinks and frees the entry *at points to. */
static void drop(rasd_cache *c, entry **at) {
    entry *e = *at;
    *at = e->next;
    c->bytes -= cost(e);
    entry_free(e);
}

bool rasd_cache_get(rasd_cache *c, const char *key, uint64_t version, bool want_gzip, char **body, size_t *len,
                    bool *gzipped) {
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
        bool gz = want_gzip && e->gz;
        const void *from = gz ? (const void *)e->gz : e->body;
        size_t n = gz ? e->gz_len : e->len;
        char *copy = malloc(n + 1);
        if (copy) {
            memcpy(copy, from, n);
            copy[n] = '\0';
            *body = copy;
            *len = n;
            *gzipped = gz;
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

void rasd_cache_put(rasd_cache *c, const char *key, uint64_t version, const char *body, size_t len,
                    const unsigned char *gz, size_t gz_len) {
    if (len + gz_len > c->max_bytes / 8) return;
    entry *e = calloc(1, sizeof *e);
    if (!e) return;
    e->key = strdup(key);
    e->body = malloc(len ? len : 1);
    if (gz && (e->gz = malloc(gz_len ? gz_len : 1))) {
        memcpy(e->gz, gz, gz_len);
        e->gz_len = gz_len;
    }
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

static int pending_at(const rasd_cache *c, const char *key) {
    for (int i = 0; i < MAX_PENDING; i++)
        if (c->pending[i] && strcmp(c->pending[i], key) == 0) return i;
    return -1;
}

bool rasd_cache_claim(rasd_cache *c, const char *key) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 10;
    pthread_mutex_lock(&c->lock);
    bool waited = false;
    int rc = 0;
    while (pending_at(c, key) >= 0 && rc == 0) {
        waited = true;
        rc = pthread_cond_timedwait(&c->done, &c->lock, &until);
    }
    bool mine = false;
    if (!waited) {
        /* a full table only means no coalescing for this one */
        for (int i = 0; i < MAX_PENDING && !mine; i++)
            if (!c->pending[i] && (c->pending[i] = strdup(key))) mine = true;
        if (!mine) mine = true;
    }
    pthread_mutex_unlock(&c->lock);
    return mine;
}

void rasd_cache_release(rasd_cache *c, const char *key) {
    pthread_mutex_lock(&c->lock);
    int i = pending_at(c, key);
    if (i >= 0) {
        free(c->pending[i]);
        c->pending[i] = NULL;
    }
    pthread_cond_broadcast(&c->done);
    pthread_mutex_unlock(&c->lock);
}
