/*
 * schema.h: the SQLite schema as an ordered list of migration steps.
 * PRAGMA user_version holds how many steps a database has had; opening it
 * runs the rest, each step in its own transaction, so an old database is
 * brought up to date in place and a new one is built by the same path.
 * Steps are never edited once released: a change is a new step.
 */
#ifndef RASD_SCHEMA_H
#define RASD_SCHEMA_H

#include "rasd.h"

#include <sqlite3.h>

typedef struct rasd_migration {
    int version;         /* user_version after this step */
    const char *summary; /* what it adds, for messages */
    const char *sql;
} rasd_migration;

extern const rasd_migration rasd_migrations[];
extern const size_t rasd_n_migrations;

/* The SQL that adds the entity rows of the documents whose ids are in
 * temp.batch_docs(doc INTEGER PRIMARY KEY) to the actors' sums of step 7,
 * and empties that table. */
extern const char rasd_sqlite_sums_sql[];
/* The SQL that makes the actors' sums and lists (steps 7, 11 and 12) again
 * from every entity row (what the batches' rasd_sqlite_sums_sql add up
 * to), for a run that left them to its settle (rasd_store_defer_sums);
 * empties temp.batch_docs too. */
extern const char rasd_sqlite_sums_rebuild_sql[];

/* The schema version this build writes. */
int rasd_schema_version(void);

/* Brings db up to `target` (rasd_schema_version() for all); name is the
 * file, for messages. A database newer than this build is an error. */
rasd_status rasd_schema_migrate(sqlite3 *db, const char *name, int target, rasd_error *err);

#endif
