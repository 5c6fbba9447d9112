/*
 * pg_search.h: the store's search on PostgreSQL (pg_search.c), the
 * backend's `search` operation (store.h's rasd_store_search).
 */
#ifndef RASD_PG_SEARCH_H
#define RASD_PG_SEARCH_H

#include "storage/store.h"

typedef struct pg_conn PGconn;

/* The hits of qq over the store on db, best first; an reads the query. */
rasd_status rasd_pg_search(PGconn *db, rasd_analyzer *an, const rasd_search_query *qq, rasd_search_fn fn, void *ctx,
                           rasd_error *err);

#endif
