/*
 * pg_store.h: the PostgreSQL backend of the store (pg_store.c), opened by
 * store.c for a postgres:// or postgresql:// target.
 */
#ifndef RASD_PG_STORE_H
#define RASD_PG_STORE_H

#include "storage/store.h"

/* url: a libpq connection URI. The schema is created or migrated. */
rasd_store *rasd_pg_store_open(const char *url, const rasd_lexicon *lex, rasd_error *err);

#endif
