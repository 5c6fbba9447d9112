/*
 * error.c: the library's single error path. Every failure is a stable
 * rasd_status plus a message that says what went wrong and where.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static const char *const STATUS_NAMES[] = {
    [RASD_OK] = "ok",
    [RASD_ERR_NOMEM] = "nomem",
    [RASD_ERR_IO] = "io",
    [RASD_ERR_IS_DIR] = "is-directory",
    [RASD_ERR_EMPTY] = "empty",
    [RASD_ERR_BINARY] = "binary",
    [RASD_ERR_UTF8] = "invalid-utf8",
    [RASD_ERR_TOO_LARGE] = "too-large",
    [RASD_ERR_NOT_ARABIC] = "not-arabic",
    [RASD_ERR_DATA] = "data",
    [RASD_ERR_USAGE] = "usage",
    [RASD_ERR_FORMAT] = "format",
    [RASD_ERR_NETWORK] = "network",
    [RASD_ERR_DB] = "db",
    [RASD_ERR_NOT_FOUND] = "not-found",
};

const char *rasd_status_name(rasd_status status) {
    if ((unsigned)status < sizeof STATUS_NAMES / sizeof STATUS_NAMES[0] && STATUS_NAMES[status])
        return STATUS_NAMES[status];
    return "unknown";
}

static rasd_status vfail(rasd_error *err, rasd_status code, bool has_offset, size_t offset,
                         const char *fmt, va_list ap) {
    if (!err) return code;
    err->code = code;
    err->has_offset = has_offset;
    err->offset = offset;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    return code;
}

rasd_status rasd_fail(rasd_error *err, rasd_status code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vfail(err, code, false, 0, fmt, ap);
    va_end(ap);
    return code;
}

rasd_status rasd_fail_at(rasd_error *err, rasd_status code, size_t offset, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vfail(err, code, true, offset, fmt, ap);
    va_end(ap);
    return code;
}
