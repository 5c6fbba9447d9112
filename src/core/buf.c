/*
 * buf.c: memory: a growable byte buffer, used to build keys and JSON (growth
 * is geometric; a failed allocation is remembered (oom) rather than returned
 * from every append, which keeps the callers' code straight), and the
 * allocator for large hash tables.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)

void rasd_buf_reserve(rasd_buf *b, size_t extra) {
    if (b->oom) return;
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            b->oom = true;
            return;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        b->oom = true;
        return;
    }
    b->data = p;
    b->cap = cap;
    b->data[b->len] = '\0'; /* a reserved buffer is always a valid string */
}

void rasd_buf_append_slow(rasd_buf *b, const char *s, size_t n) {
    rasd_buf_reserve(b, n);
    if (b->oom || n == 0) return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void rasd_buf_putc_slow(rasd_buf *b, char c) {
    rasd_buf_reserve(b, 1);
    if (b->oom) return;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void rasd_buf_put_cp_slow(rasd_buf *b, int32_t cp) {
    char tmp[4];
    rasd_buf_append(b, tmp, rasd_utf8_encode(cp, tmp));
}

uint32_t rasd_le_u32(rasd_le_reader *r) {
    if (r->short_read || r->end - r->p < 4) {
        r->short_read = true;
        r->p = r->end;
        return 0;
    }
    uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
    r->p += 4;
    return v;
}

uint64_t rasd_le_u64(rasd_le_reader *r) {
    uint64_t lo = rasd_le_u32(r);
    return lo | (uint64_t)rasd_le_u32(r) << 32;
}

float rasd_le_f32(rasd_le_reader *r) {
    uint32_t v = rasd_le_u32(r);
    float f;
    memcpy(&f, &v, 4);
    return f;
}

double rasd_le_f64(rasd_le_reader *r) {
    uint64_t v = rasd_le_u64(r);
    double f;
    memcpy(&f, &v, 8);
    return f;
}

void rasd_buf_put_u32(rasd_buf *b, uint32_t v) {
    unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    rasd_buf_append(b, (const char *)c, 4);
}

void rasd_buf_put_u64(rasd_buf *b, uint64_t v) {
    rasd_buf_put_u32(b, (uint32_t)v);
    rasd_buf_put_u32(b, (uint32_t)(v >> 32));
}

void rasd_buf_put_f32(rasd_buf *b, float f) {
    uint32_t v;
    memcpy(&v, &f, 4);
    rasd_buf_put_u32(b, v);
}

void rasd_buf_put_f64(rasd_buf *b, double f) {
    uint64_t v;
    memcpy(&v, &f, 8);
    rasd_buf_put_u64(b, v);
}

void rasd_buf_free(rasd_buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = false;
}

void *rasd_table_alloc(size_t bytes) {
    if (bytes < HUGE_PAGE) return calloc(1, bytes ? bytes : 1);
    size_t rounded = (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE; /* aligned_alloc wants a multiple */
    void *p = aligned_alloc(HUGE_PAGE, rounded);
    if (!p) return NULL;
#ifdef MADV_HUGEPAGE
    madvise(p, rounded, MADV_HUGEPAGE);
#endif
    memset(p, 0, rounded);
    return p;
}

bool rasd_grow(void **items, size_t *cap, size_t count, size_t size) {
    if (count < *cap) return true;
    size_t nc = *cap ? *cap * 2 : 16;
    while (nc <= count) nc *= 2;
    if (nc > SIZE_MAX / size) return false;
    void *p = realloc(*items, nc * size);
    if (!p) return false;
    *items = p;
    *cap = nc;
    return true;
}
