/*
 * pg_schema.h: the PostgreSQL schema of the store, as ordered migration
 * steps numbered like SQLite's (schema.h), so that a database of either
 * kind at version N holds the same tables with the same meaning. The
 * version lives in the one-row table rasd_schema.
 */
#ifndef RASD_PG_SCHEMA_H
#define RASD_PG_SCHEMA_H

#include "rasd.h"

#include <libpq-fe.h>

/* The advisory lock key (pg_advisory_xact_lock) that serializes schema
 * changes between rasd processes opening the same database at once. */
#define RASD_PG_LOCK_SCHEMA 0x72617364000001LL
/* The advisory lock key of rasd_store_lock_writers. */
#define RASD_PG_LOCK_WRITERS 0x72617364000002LL

/* Brings db up to the current schema (the same version number as
 * rasd_schema_version()); name is the target, for messages. A database
 * newer than this build is an error. */
rasd_status rasd_pg_schema_migrate(PGconn *db, const char *name, rasd_error *err);

#endif
