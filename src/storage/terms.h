/*
 * terms.h: the terms rasd's full-text index keeps for a text, and where
 * each comes from. Backend-neutral: the SQLite FTS5 tokenizer
 * (fts_rasd.c) reports these terms, and an ingest computes them on its
 * worker threads ahead of time (rasd_terms_collect) so that the one
 * writer thread only replays them. The rules are in terms.c.
 */
#ifndef RASD_TERMS_H
#define RASD_TERMS_H

#include "rasd.h"

/* Called for each term in text order; return false to stop. */
typedef bool (*rasd_term_fn)(void *ctx, const char *term, size_t len, size_t start, size_t end);

/* Runs fn over the terms of text[0, len); false when fn stopped it. */
bool rasd_terms_each(rasd_analyzer *an, const char *text, size_t len, rasd_term_fn fn, void *ctx);

/* The term of one word token text[start, end) (written to out, cap bytes,
 * NUL-terminated); its length, 0 when the word gives none. */
size_t rasd_term_of_word(rasd_analyzer *an, const char *text, size_t start, size_t end, char *out, size_t cap);

/* A text's terms, packed, with what identifies the text they belong to. */
typedef struct rasd_term_list {
    unsigned char *data; /* entries: u32 start, u32 end, u8 length, term bytes */
    size_t len, cap, n;
    size_t text_len;
    uint64_t text_hash;  /* XXH3-64 of the text */
    bool filled;
} rasd_term_list;

rasd_status rasd_terms_collect(rasd_analyzer *an, const char *text, size_t len, rasd_term_list *out,
                               rasd_error *err);
/* Whether list holds the terms of text[0, len). */
bool rasd_terms_match(const rasd_term_list *list, const char *text, size_t len);
/* Replays a list's terms into fn. */
bool rasd_terms_replay(const rasd_term_list *list, rasd_term_fn fn, void *ctx);
void rasd_term_list_free(rasd_term_list *list);

#endif
