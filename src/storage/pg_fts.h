/*
 * pg_fts.h: rasd's full-text index on PostgreSQL, without PostgreSQL's
 * text analysis: a document's terms (terms.c, the very terms the SQLite
 * FTS5 tokenizer reports) written as a tsvector literal, a search query
 * read with FTS5's syntax into a tsquery literal over the same terms, and
 * the snippet with marked matches that FTS5's snippet() gives on SQLite.
 * Pure functions of text: no connection, so the parsers are fuzzed alone
 * (fuzz/fuzz_pg_fts.c).
 */
#ifndef RASD_PG_FTS_H
#define RASD_PG_FTS_H

#include "rasd.h"
#include "storage/terms.h"

#include "core/internal.h"

/* A tsvector literal of a document's terms: the title's at positions from
 * 1 with weight A, the text's after them with weight D. title_terms or
 * text_terms, when they hold the terms of that text (computed ahead by an
 * ingest's workers), are replayed instead of analysing again. Appends to
 * out (NUL-terminated); *n_terms receives the number of terms (the
 * document's length for BM25, which the tsvector cannot tell: it merges
 * repeats and keeps 256 positions per term at most); false when out ran
 * out of memory. */
bool rasd_pg_tsvector(rasd_analyzer *an, const char *title, const char *text, size_t len,
                      const rasd_term_list *title_terms, const rasd_term_list *text_terms, rasd_buf *out,
                      size_t *n_terms);

/* A search query: phrases, each a sequence of terms, the last one maybe a
 * prefix; kept to mark matches in snippets. */
typedef struct rasd_pg_phrase {
    char **terms;
    size_t n;
    bool prefix;
} rasd_pg_phrase;

typedef struct rasd_pg_query {
    char *tsquery;          /* the tsquery literal; "" when the query gives no term */
    rasd_pg_phrase *phrases;
    size_t n_phrases;
} rasd_pg_query;

/* Reads FTS5 query syntax (words, "phrases", word* prefixes, AND, OR,
 * NOT, parentheses; words side by side must all match) into q. Bad syntax,
 * and NEAR(), which a tsquery cannot say, are RASD_ERR_USAGE with the byte
 * offset in the query. */
rasd_status rasd_pg_query_parse(rasd_analyzer *an, const char *text, rasd_pg_query *q, rasd_error *err);
void rasd_pg_query_free(rasd_pg_query *q);

/* The snippet of text around the query's matches, as FTS5's
 * snippet(..., open, close, '…', 14): the 14-term window with the most
 * matched phrases, each phrase occurrence between open and close, '…'
 * where the window cuts the text. Appends to out (NUL-terminated). */
bool rasd_pg_snippet(rasd_analyzer *an, const rasd_pg_query *q, const char *text, size_t len, const char *open,
                     const char *close, rasd_buf *out);

#endif
