/*
 * fts_rasd.h: the `rasd` tokenizer for SQLite's FTS5, so that full-text
 * search reads words the way the rest of rasd does (matching keys, clitics
 * stripped, Snowball stems). SQLite backend only.
 */
#ifndef RASD_FTS_RASD_H
#define RASD_FTS_RASD_H

#include "rasd.h"

#include <sqlite3.h>

/* Registers the tokenizer "rasd" on db; lex must outlive db. */
rasd_status rasd_fts_register(sqlite3 *db, const rasd_lexicon *lex, rasd_error *err);

/* The term the tokenizer indexes for the word text[start, end) (for tests
 * and `rasd words`-style inspection): written to out (cap bytes, NUL-
 * terminated); returns its length, 0 when the word gives no term. */
size_t rasd_fts_term(rasd_analyzer *an, const char *text, size_t start, size_t end, char *out, size_t cap);

#endif
