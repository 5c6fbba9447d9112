/*
 * snn_zip.h: the benchmarks' one reader of SaudiNewsNet zips (one JSON array
 * of articles per member). Deliberately minimal (libzip + jansson, a whole
 * member in memory): the general readers belong to the ingest commands, and
 * a benchmark that compares against them must not measure them twice.
 */
#ifndef RASD_BENCH_SNN_ZIP_H
#define RASD_BENCH_SNN_ZIP_H

#include <jansson.h>
#include <stddef.h>

/* Called for each article object; member is the zip member's name, index the
 * article's place in its array. */
typedef void (*snn_article_fn)(void *ctx, json_t *article, const char *member, size_t index);

/* Reads every member of the zip at path and calls fn for each article.
 * Problems are reported on stderr prefixed with who; returns -1 when the zip
 * cannot be opened, else 0 (unreadable members are skipped). */
int snn_zip_each(const char *who, const char *path, snn_article_fn fn, void *ctx);

#endif
