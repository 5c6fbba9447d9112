/*
 * arena.h: an allocator for many small strings that live as long as their
 * owner (the knowledge base's names): blocks are never moved, so pointers
 * stay valid, and everything is freed at once.
 */
#ifndef RASD_ARENA_H
#define RASD_ARENA_H

#include <stddef.h>

typedef struct rasd_arena_block rasd_arena_block;

typedef struct rasd_arena {
    rasd_arena_block *head;
    size_t used, size; /* of the head block */
} rasd_arena;

/* A NUL-terminated copy of s[0..n), or NULL when out of memory. */
char *rasd_arena_strndup(rasd_arena *a, const char *s, size_t n);
void rasd_arena_free(rasd_arena *a);

#endif
