/*
 * ingest_post.h: POST /api/ingest for `rasd serve --allow-ingest`: one
 * JSON article ({"text" or "content", "title", "source", "published",
 * "url", "author"}) stored through rasd_ingest (rasd.h), the function
 * `rasd ingest` calls, so that it is analysed, linked and stored exactly
 * as the same article read from a file would be.
 */
#ifndef RASD_SERVER_INGEST_POST_H
#define RASD_SERVER_INGEST_POST_H

#include "rasd.h"

typedef struct rasd_post_ingest rasd_post_ingest;

/* opt: the options of every call (engine, analysis, boilerplate filter,
 * keep_json), copied; inputs, callbacks and the session are its own. The
 * resources opt points to must outlive the ingester. */
rasd_post_ingest *rasd_post_ingest_new(const rasd_ingest_options *opt);
void rasd_post_ingest_destroy(rasd_post_ingest *p);
/* A rasd_ingest_fn (server.h): the request's body in, the document's id
 * out; *already when it was stored before. */
rasd_status rasd_post_ingest_json(void *p, rasd_store *store, const char *body, size_t len, int64_t *id,
                                  bool *already, rasd_error *err);

#endif
