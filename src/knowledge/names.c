/*
 * names.c: the name trie (see names.h). Edges live in one hash table keyed
 * by the parent node's number followed by the token key, so the trie costs
 * one table, not a table per node.
 */
#include "names.h"

#include <stdlib.h>
#include <string.h>

#define MAX_KEY 256

size_t rasd_name_token_key(const char *text, const rasd_token *t, char *out, size_t cap) {
    size_t n = rasd_normalize(text + t->start, t->end - t->start, out, cap);
    if (n >= cap) n = strlen(out);
    if (t->type == RASD_TOK_PUNCT && (strcmp(out, "\"") == 0 || strcmp(out, "'") == 0)) return 0;
    return n;
}

static inline uint64_t edge_hash(uint32_t node, uint64_t key_hash) { return rasd_names_edge_hash(node, key_hash); }

static size_t edge_key(uint32_t node, const char *key, size_t len, char *out) {
    memcpy(out, &node, 4);
    memcpy(out + 4, key, len);
    return len + 4;
}

uint32_t rasd_names_edge_child(const rasd_names *n, size_t len, uint64_t h) {
    if (len == 0 || len > MAX_KEY) return 0;
    /* by hash and length alone (rasd_strtab_find_hashed says why): a walk
     * asks at every token, and comparing the edge's bytes was one more
     * cache miss each time (3.5% of analyze) */
    const rasd_strtab_entry *e = rasd_strtab_find_hashed(&n->edges, len + 4, h);
    return e ? e->count : 0;
}

uint32_t rasd_names_child(const rasd_names *n, uint32_t node, const char *key, size_t len) {
    if (len == 0 || len > MAX_KEY) return 0;
    return rasd_names_child_hashed(n, node, key, len, rasd_hash_bytes(key, len));
}

rasd_status rasd_names_add(rasd_names *n, const char *name, size_t len, rasd_name_target target, uint32_t *node_out,
                           rasd_error *err) {
    if (n->finalized) return rasd_fail(err, RASD_ERR_USAGE, "names: add after finalize");
    rasd_tokenizer tz;
    rasd_token t;
    rasd_tokenizer_init(&tz, name, len);
    uint32_t node = 0;
    bool any = false;
    char key[MAX_KEY], buf[MAX_KEY + 4];
    while (rasd_tokenizer_next(&tz, &t)) {
        size_t kl = rasd_name_token_key(name, &t, key, sizeof key);
        if (kl == 0) continue;
        if (node == 0) {
            if (!n->root_bits && !(n->root_bits = calloc(RASD_NAMES_ROOT_BITS / 64, sizeof(uint64_t))))
                return rasd_fail(err, RASD_ERR_NOMEM, "out of memory building the name trie");
            uint64_t h = rasd_hash_bytes(key, kl) & (RASD_NAMES_ROOT_BITS - 1);
            n->root_bits[h >> 6] |= (uint64_t)1 << (h & 63);
        }
        uint64_t h = edge_hash(node, rasd_hash_bytes(key, kl));
        if (node != 0) {
            if (!n->edge_bits && !(n->edge_bits = calloc(RASD_NAMES_ROOT_BITS / 64, sizeof(uint64_t))))
                return rasd_fail(err, RASD_ERR_NOMEM, "out of memory building the name trie");
            uint64_t b = h & (RASD_NAMES_ROOT_BITS - 1);
            n->edge_bits[b >> 6] |= (uint64_t)1 << (b & 63);
        }
        size_t k = edge_key(node, key, kl, buf);
        rasd_strtab_entry *e = rasd_strtab_get_hashed(&n->edges, buf, k, h, true);
        if (!e) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory building the name trie");
        if (e->count == 0) e->count = ++n->n_nodes; /* node numbers start at 1; 0 is the root */
        node = e->count;
        any = true;
    }
    if (node_out) *node_out = any ? node : 0;
    if (!any) return RASD_OK;
    if (n->n_pairs == n->cap_pairs) {
        size_t cap = n->cap_pairs ? n->cap_pairs * 2 : 1024;
        struct rasd_name_pair *p = realloc(n->pairs, cap * sizeof *p);
        if (!p) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory building the name trie");
        n->pairs = p;
        n->cap_pairs = cap;
    }
    n->pairs[n->n_pairs++] = (struct rasd_name_pair){node, target};
    return RASD_OK;
}

static int by_node(const void *a, const void *b) {
    const struct rasd_name_pair *x = a, *y = b;
    if (x->node != y->node) return x->node < y->node ? -1 : 1;
    /* stable order within a node: by kind, then index, then flags */
    if (x->target.kind != y->target.kind) return x->target.kind < y->target.kind ? -1 : 1;
    if (x->target.index != y->target.index) return x->target.index < y->target.index ? -1 : 1;
    return (int)x->target.flags - (int)y->target.flags;
}

rasd_status rasd_names_finalize(rasd_names *n, rasd_error *err) {
    if (n->n_pairs) qsort(n->pairs, n->n_pairs, sizeof *n->pairs, by_node);
    n->node_first = calloc((size_t)n->n_nodes + 1, sizeof *n->node_first);
    n->node_count = calloc((size_t)n->n_nodes + 1, sizeof *n->node_count);
    if (!n->node_first || !n->node_count) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory finalizing names");
    for (size_t i = n->n_pairs; i-- > 0;) {
        uint32_t node = n->pairs[i].node;
        n->node_first[node] = (uint32_t)i;
        if (n->node_count[node] < UINT16_MAX) n->node_count[node]++;
    }
    n->finalized = true;
    return RASD_OK;
}

void rasd_names_free(rasd_names *n) {
    rasd_strtab_free(&n->edges);
    free(n->pairs);
    free(n->node_first);
    free(n->node_count);
    free(n->root_bits);
    free(n->edge_bits);
    memset(n, 0, sizeof *n);
}
