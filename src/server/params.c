/*
 * params.c: query parameters into an rasd_query (see params.h).
 */
#include "server/params.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static bool allowed_name(const char *allowed, const char *name) {
    size_t n = strlen(name);
    for (const char *p = allowed; *p;) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && strncmp(p, name, n) == 0) return true;
        p += len;
        while (*p == ' ') p++;
    }
    return false;
}

static rasd_status read_size(const char *name, const char *v, size_t *out, rasd_error *err) {
    char *end;
    errno = 0;
    if (!*v || strspn(v, "0123456789") != strlen(v) || strlen(v) > 9)
        return rasd_fail(err, RASD_ERR_USAGE, "%s: \"%.40s\" is not a number from 0 to 999999999", name, v);
    unsigned long long n = strtoull(v, &end, 10);
    *out = (size_t)n;
    return RASD_OK;
}

rasd_status rasd_params_read(const rasd_http_request *req, const char *allowed, rasd_query *q,
                             const char **format, rasd_error *err) {
    memset(q, 0, sizeof *q);
    if (format) *format = NULL;
    for (size_t i = 0; i < req->n_params; i++) {
        const char *name = req->params[i].name, *v = req->params[i].value;
        if (!allowed_name(allowed, name))
            return rasd_fail(err, RASD_ERR_USAGE, "unknown parameter \"%.60s\"; this endpoint takes: %s", name,
                             allowed);
        for (size_t j = 0; j < i; j++)
            if (strcmp(req->params[j].name, name) == 0)
                return rasd_fail(err, RASD_ERR_USAGE, "%s: given more than once", name);
        const char **slot = NULL;
        if (strcmp(name, "limit") == 0) {
            rasd_status s = read_size(name, v, &q->limit, err);
            if (s != RASD_OK) return s;
            if (q->limit == 0) return rasd_fail(err, RASD_ERR_USAGE, "limit: must be at least 1");
            continue;
        }
        if (strcmp(name, "offset") == 0) {
            rasd_status s = read_size(name, v, &q->offset, err);
            if (s != RASD_OK) return s;
            continue;
        }
        if (strcmp(name, "q") == 0) slot = &q->text;
        else if (strcmp(name, "since") == 0) slot = &q->since;
        else if (strcmp(name, "until") == 0) slot = &q->until;
        else if (strcmp(name, "outlet") == 0) slot = &q->outlet;
        else if (strcmp(name, "actor") == 0) slot = &q->actor;
        else if (strcmp(name, "target") == 0) slot = &q->target;
        else if (strcmp(name, "cameo") == 0) slot = &q->cameo;
        else if (strcmp(name, "speaker") == 0) slot = &q->speaker;
        else if (strcmp(name, "place") == 0) slot = &q->place;
        else if (strcmp(name, "type") == 0) slot = &q->type;
        else if (strcmp(name, "format") == 0) slot = format;
        if (!slot) return rasd_fail(err, RASD_ERR_USAGE, "parameter \"%.60s\" is not supported here", name);
        /* an empty value means "not given", as a form leaves it */
        *slot = *v ? v : NULL;
    }
    return rasd_query_check(q, err);
}

rasd_status rasd_params_id(const char *text, int64_t *id, rasd_error *err) {
    size_t n = text ? strlen(text) : 0;
    if (n == 0 || n > 18 || strspn(text, "0123456789") != n || (n > 1 && text[0] == '0'))
        return rasd_fail(err, RASD_ERR_USAGE, "\"%.40s\" is not a record id (a positive number)", text ? text : "");
    *id = (int64_t)strtoll(text, NULL, 10);
    if (*id <= 0) return rasd_fail(err, RASD_ERR_USAGE, "\"%.40s\" is not a record id (a positive number)", text);
    return RASD_OK;
}
