/*
 * reader_json_array.h: the boundaries of the elements of a JSON array,
 * found without parsing them (reader_json_array.c), so that each element
 * is parsed alone and a bad one costs only itself (reader_json.c).
 */
#ifndef RASD_READER_JSON_ARRAY_H
#define RASD_READER_JSON_ARRAY_H

#include <stdbool.h>
#include <stddef.h>

typedef struct rasd_json_array {
    const char *data;
    size_t len, pos;
    size_t index; /* elements returned so far */
} rasd_json_array;

typedef enum rasd_json_array_step {
    RASD_JA_ELEMENT,   /* [start, end) holds one element (not yet checked) */
    RASD_JA_END,       /* the closing bracket; pos is past it */
    RASD_JA_TRUNCATED, /* the data ended inside the array */
} rasd_json_array_step;

/* Starts at data's first non-blank byte (after a UTF-8 byte-order mark);
 * false when that is not '['. */
bool rasd_json_array_open(rasd_json_array *a, const char *data, size_t len);
/* The next element's bytes, trimmed of blanks. */
rasd_json_array_step rasd_json_array_next(rasd_json_array *a, size_t *start, size_t *end);

#endif
