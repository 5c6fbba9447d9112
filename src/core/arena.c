/*
 * arena.c: see arena.h.
 */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

#define BLOCK 65536

struct rasd_arena_block {
    rasd_arena_block *next;
    char data[];
};

char *rasd_arena_strndup(rasd_arena *a, const char *s, size_t n) {
    if (!a->head || a->used + n + 1 > a->size) {
        size_t size = n + 1 > BLOCK ? n + 1 : BLOCK;
        rasd_arena_block *b = malloc(sizeof *b + size);
        if (!b) return NULL;
        b->next = a->head;
        a->head = b;
        a->used = 0;
        a->size = size;
    }
    char *p = a->head->data + a->used;
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    a->used += n + 1;
    return p;
}

void rasd_arena_free(rasd_arena *a) {
    while (a->head) {
        rasd_arena_block *next = a->head->next;
        free(a->head);
        a->head = next;
    }
    a->used = a->size = 0;
}
