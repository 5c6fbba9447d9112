/*
 * pg_store.h: the PostgreSQL backend of the store (pg_store.c), opened by
 * store.c for a postgres:// or postgresql:// target.
 */
#ifndef RASD_PG_STORE_H
#define RASD_PG_STORE_H

#include "storage/store.h"

/* url: a libpq connection URI. The schema is created or migrated. */
rasd_store *rasd_pg_store_open(const char *url, const rasd_lexicon *lex, rasd_error *err);

/* For the query layer (queries_pg.c): a PostgreSQL store's connection and
 * the analyzer its searches read queries with; NULL for another backend. */
typedef struct pg_conn PGconn;
PGconn *rasd_pg_store_conn(rasd_store *s);
rasd_analyzer *rasd_pg_store_analyzer(rasd_store *s);

/* libpq's last message on db without its closing newline (a per-thread
 * buffer, good until the next call). */
const char *rasd_pg_message(PGconn *db);

#endif
