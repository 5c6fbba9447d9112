/*
 * test_pg_helpers.h: a fresh database on the throwaway PostgreSQL server of
 * tests/pg_harness.sh, for the tests that run on both backends.
 */
#ifndef RASD_TEST_PG_HELPERS_H
#define RASD_TEST_PG_HELPERS_H

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Drops and creates database `name` beside the harness's ($RASD_TEST_PG,
 * whose URL ends in /postgres: the same server, another database) and
 * writes its URL into url. Returns 0, or -1 with the reason in why. */
static inline int pg_fresh_database(const char *name, char *url, size_t size, char *why, size_t why_size) {
    const char *base = getenv("RASD_TEST_PG");
    PGconn *c = base ? PQconnectdb(base) : NULL;
    if (!c || PQstatus(c) != CONNECTION_OK) {
        snprintf(why, why_size, "cannot connect to %s: %s", base ? base : "(no RASD_TEST_PG)",
                 c ? PQerrorMessage(c) : "");
        if (c) PQfinish(c);
        return -1;
    }
    PQclear(PQexec(c, "SET client_min_messages = warning"));
    char sql[256];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
    PQclear(PQexec(c, sql));
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
    PGresult *r = PQexec(c, sql);
    int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : -1;
    if (rc) snprintf(why, why_size, "%s: %s", sql, PQerrorMessage(c));
    PQclear(r);
    PQfinish(c);
    const char *slash = strrchr(base, '/');
    snprintf(url, size, "%.*s/%s", (int)(slash - base), base, name);
    return rc;
}

#endif
