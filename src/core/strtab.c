/*
 * strtab.c: see strtab.h. Linear probing, load factor at most 3/4.
 */
#include "strtab.h"

#include <stdlib.h>
#include <string.h>

static bool grow(rasd_strtab *t) {
    size_t old_cap = t->slots ? t->mask + 1 : 0;
    size_t cap = old_cap ? old_cap * 2 : 64; /* small: an extractor makes three per article */
    rasd_strtab_entry *slots = rasd_table_alloc(cap * sizeof(rasd_strtab_entry));
    if (!slots) return false;
    for (size_t i = 0; i < old_cap; i++) {
        if (!t->slots[i].hash) continue;
        size_t j = (size_t)t->slots[i].hash & (cap - 1);
        while (slots[j].hash) j = (j + 1) & (cap - 1);
        slots[j] = t->slots[i];
    }
    rasd_table_free(t->slots, old_cap * sizeof(rasd_strtab_entry));
    t->slots = slots;
    t->mask = cap - 1;
    return true;
}

rasd_strtab_entry *rasd_strtab_get(rasd_strtab *t, const char *key, size_t len, bool create) {
    if (!t->slots && !create) return NULL;
    return rasd_strtab_get_hashed(t, key, len, rasd_hash_bytes(key, len), create);
}

rasd_strtab_entry *rasd_strtab_get_hashed(rasd_strtab *t, const char *key, size_t len, uint64_t hash, bool create) {
    if (len > UINT32_MAX) return NULL;
    if (!t->slots) {
        if (!create || !grow(t)) return NULL;
    }
    uint64_t h = hash | 1;
    size_t i = (size_t)h & t->mask;
    for (;;) {
        rasd_strtab_entry *e = &t->slots[i];
        if (!e->hash) break;
        if (e->hash == h && e->key_len == len && memcmp(t->keys.data + e->key_off, key, len) == 0) return e;
        i = (i + 1) & t->mask;
    }
    if (!create) return NULL;
    if ((t->used + 1) * 4 > (t->mask + 1) * 3) {
        if (!grow(t)) return NULL;
        return rasd_strtab_get_hashed(t, key, len, hash, true);
    }
    size_t off = t->keys.len;
    rasd_buf_append(&t->keys, key, len);
    rasd_buf_putc(&t->keys, '\0'); /* keys are also C strings */
    if (t->keys.oom || off > UINT32_MAX) return NULL;
    rasd_strtab_entry *e = &t->slots[i];
    e->hash = h;
    e->key_off = (uint32_t)off;
    e->key_len = (uint32_t)len;
    t->used++;
    return e;
}

void rasd_strtab_free(rasd_strtab *t) {
    if (t->slots) rasd_table_free(t->slots, (t->mask + 1) * sizeof(rasd_strtab_entry));
    rasd_buf_free(&t->keys);
    memset(t, 0, sizeof *t);
}
