/*
 * names.h: GET /api/names, what the web interface shows instead of ids
 * and codes: actors' Arabic and English names from the knowledge base and
 * CAMEO codes' English labels, for the ids and codes of a page, in one
 * request. No store is read.
 */
#ifndef RASD_SERVER_NAMES_H
#define RASD_SERVER_NAMES_H

#include "knowledge/knowledge.h"
#include "server/http.h"

/* Most ids or codes one request may name (comma-separated, each list). */
#define RASD_NAMES_MAX 200

/* actors: "sdf,usa,person:…" (ids the knowledge base lacks are null);
 * places: "gn:170794,…" (Arabic and English names, country);
 * cameo: "190,0231" (codes the codebook lacks are null). kn may be NULL. */
void rasd_names_answer(const rasd_knowledge *kn, const rasd_http_request *req, rasd_http_response *res);

#endif
