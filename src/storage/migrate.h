/*
 * migrate.h: a whole store copied into another, empty one (SQLite into
 * PostgreSQL and back): documents, analysis rows, duplicates, stories and
 * state, then the target's full-text index rebuilt (migrate.c). The one
 * place besides the backends that speaks SQL to both, so that the command
 * line (`rasd migrate`) does not.
 */
#ifndef RASD_STORAGE_MIGRATE_H
#define RASD_STORAGE_MIGRATE_H

#include "rasd.h"

/* How far a migration got: what the caller tells its user. */
typedef enum rasd_migrate_stage {
    RASD_MIGRATE_NOT_OPENED,  /* a store could not be opened (err) */
    RASD_MIGRATE_NOT_EMPTY,   /* the target holds documents: nothing done (err) */
    RASD_MIGRATE_NOT_COPIED,  /* the copy failed and was rolled back: the target is as it was (err) */
    RASD_MIGRATE_NOT_INDEXED, /* PostgreSQL: the rows are copied, the full-text index is not (err) */
    RASD_MIGRATE_DONE
} rasd_migrate_stage;

typedef struct rasd_migrate_counts {
    size_t documents, stories;
} rasd_migrate_counts;

/* After each table is copied: its name and rows (links: the second pass
 * over documents, which sets their duplicate links). */
typedef void (*rasd_migrate_table_fn)(void *ctx, const char *table, size_t rows, bool links);

rasd_migrate_stage rasd_store_migrate(const char *from, const char *to, const rasd_lexicon *lex,
                                      rasd_migrate_table_fn on_table, void *ctx, rasd_migrate_counts *counts,
                                      rasd_error *err);

#endif
