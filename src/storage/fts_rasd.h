/*
 * fts_rasd.h: the `rasd` tokenizer for SQLite's FTS5, so that full-text
 * search reads words the way the rest of rasd does (terms.h). SQLite
 * backend only.
 */
#ifndef RASD_FTS_RASD_H
#define RASD_FTS_RASD_H

#include "rasd.h"
#include "storage/terms.h"

#include <sqlite3.h>

typedef struct rasd_fts rasd_fts;

/* Registers the tokenizer "rasd" on db (lex must outlive db); the handle
 * is freed with the connection. */
rasd_fts *rasd_fts_register(sqlite3 *db, const rasd_lexicon *lex, rasd_error *err);

/* Terms computed ahead (rasd_terms_collect) for the texts about to be
 * indexed on this connection: the tokenizer replays a list instead of
 * reading a text whose length and hash it matches. NULL: none. */
void rasd_fts_expect(rasd_fts *fts, const rasd_term_list *a, const rasd_term_list *b);

#endif
