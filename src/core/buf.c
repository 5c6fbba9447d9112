/*
 * buf.c: memory: a growable byte buffer, used to build keys and JSON (growth
 * is geometric; a failed allocation is remembered (oom) rather than returned
 * from every append, which keeps the callers' code straight), and the
 * allocator for large hash tables.
 */
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

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

bool rasd_buf_read_file(rasd_buf *b, FILE *f) {
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        rasd_buf_reserve(b, (size_t)st.st_size + 1); /* + 1: the read that finds the end needs no growth */
    for (;;) {
        if (b->cap - b->len < 2) rasd_buf_reserve(b, 65536); /* a file that grew, or no size known */
        if (b->oom) return true;
        size_t got = fread(b->data + b->len, 1, b->cap - b->len - 1, f);
        b->len += got;
        b->data[b->len] = '\0';
        if (got == 0) return !ferror(f);
    }
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

/* Large tables straight from mmap, not aligned_alloc + memset: fresh pages
 * are zero already, so nothing is written at creation (the memset was 92M
 * instructions of `analyze`'s start-up, the word analyzers' caches most of
 * it; in time the kernel zeroes each page either way, at its first touch).
 * The mapping is cut to 2 MB boundaries so huge pages can back all of it. */
static size_t table_rounded(size_t bytes) {
    return (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
}

void *rasd_table_alloc(size_t bytes) {
    if (bytes < HUGE_PAGE) return calloc(1, bytes ? bytes : 1);
    size_t rounded = table_rounded(bytes);
    if (rounded > SIZE_MAX - HUGE_PAGE) return NULL;
    char *p = mmap(NULL, rounded + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    char *a = (char *)(((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
    if (a > p) munmap(p, (size_t)(a - p));
    if (p + HUGE_PAGE > a) munmap(a + rounded, (size_t)(p + HUGE_PAGE - a));
#ifdef MADV_HUGEPAGE
    madvise(a, rounded, MADV_HUGEPAGE);
#endif
    return a;
}

void rasd_table_free(void *p, size_t bytes) {
    if (!p) return;
    if (bytes < HUGE_PAGE)
        free(p);
    else
        munmap(p, table_rounded(bytes));
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
