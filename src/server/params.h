/*
 * params.h: a request's query parameters read into an rasd_query, with
 * every value checked: an unknown parameter, a repeated one, a number that
 * is not one, or a filter rasd_query_check refuses is a 400 that names the
 * parameter. Pure functions, fuzzed by fuzz/fuzz_http.c.
 */
#ifndef RASD_PARAMS_H
#define RASD_PARAMS_H

#include "server/http.h"
#include "storage/queries.h"

/* allowed: the parameters the endpoint takes, space-separated
 * ("q outlet since until limit offset"). Extra names it knows besides the
 * query's fields: "format". *format receives its value (or NULL). */
rasd_status rasd_params_read(const rasd_http_request *req, const char *allowed, rasd_query *q,
                             const char **format, rasd_error *err);

/* A record id in a path: a decimal number in [1, 2^63). */
rasd_status rasd_params_id(const char *text, int64_t *id, rasd_error *err);

#endif
