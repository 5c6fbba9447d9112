/*
 * strtab.h: a string-keyed open-addressing hash table holding a count and
 * flags per key, with the keys packed in one buffer. The lexicon and the
 * word counter both use it.
 */
#ifndef RASD_STRTAB_H
#define RASD_STRTAB_H

#include "internal.h"

typedef struct rasd_strtab_entry {
    uint64_t hash; /* never 0 in a used slot */
    uint32_t key_off, key_len;
    uint32_t count;
    uint32_t flags;
} rasd_strtab_entry;

typedef struct rasd_strtab {
    rasd_strtab_entry *slots;
    size_t mask, used;
    rasd_buf keys;
} rasd_strtab;

/* Finds key; with create, adds it (count 0) when absent. Returns NULL when
 * absent (without create) or out of memory (with create). */
rasd_strtab_entry *rasd_strtab_get(rasd_strtab *t, const char *key, size_t len, bool create);
/* The same with the key's hash given: rasd_hash_bytes(key, len) for a
 * table filled by rasd_strtab_get, so that a caller that probes several
 * tables with one key (a token's key, measured at 10% of analyze in
 * look-ups) hashes it once. A table filled through this function with a
 * hash of its own (the name trie's edges) must be probed with that hash. */
rasd_strtab_entry *rasd_strtab_get_hashed(rasd_strtab *t, const char *key, size_t len, uint64_t hash, bool create);
/* Finds a key by the hash it was stored with and its length alone, without
 * reading its bytes. For the lexicon, where a look-up of a word's
 * possible tails is made for every new word form and the comparison's read
 * of the key bytes (a cache miss in a 1.7 MB buffer) was 3% of analyze:
 * with 64-bit hashes, the chance that an absent string takes a present
 * key's place is below 2^-46 per look-up for a table of 2^17 keys. Tables
 * whose answers must be exact whatever the input use rasd_strtab_get. */
static inline const rasd_strtab_entry *rasd_strtab_find_hashed(const rasd_strtab *t, size_t len, uint64_t hash) {
    if (!t->slots) return NULL;
    uint64_t h = hash | 1;
    for (size_t i = (size_t)h & t->mask;; i = (i + 1) & t->mask) {
        const rasd_strtab_entry *e = &t->slots[i];
        if (!e->hash) return NULL;
        if (e->hash == h && e->key_len == len) return e;
    }
}

static inline const char *rasd_strtab_key(const rasd_strtab *t, const rasd_strtab_entry *e) {
    return t->keys.data + e->key_off;
}
void rasd_strtab_free(rasd_strtab *t);

#endif
