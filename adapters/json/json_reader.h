/* adapters/json/json_reader.h: the shared machinery of the JSON readers: turning bytes into a
 * cJSON tree with positioned syntax errors, and typed getters that report every wrong or missing
 * value to an am_diags list under the current record label. Private to adapters/json. */
#ifndef ADVMATCH_JSON_READER_H
#define ADVMATCH_JSON_READER_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_diags.h"

/* A reader's state. `rec` labels the record being read ("experts[17] id \"E0042\""); `scratch`
 * owns the temporary arrays handed to the instance builder; `st` keeps the first AM_ENOMEM. */
typedef struct jr {
    am_diags *d;
    am_arena *scratch;
    am_status st;
    char rec[64];
} jr;

/* Route cJSON's allocations through am_heap_realloc/am_heap_free (idempotent). */
void jr_init(void);

/* Parse `len` bytes into a cJSON tree (caller frees with cJSON_Delete). On bytes that are not
 * UTF-8, a syntax error or trailing text, adds one error naming byte offset, line and column
 * and returns NULL. Also NULL (with r->st = AM_ENOMEM) when out of memory. */
cJSON *jr_parse(jr *r, const char *data, size_t len);

/* Report a problem with `field` (may be "" or NULL) of the current record. */
void jr_error(jr *r, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void jr_warn(jr *r, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Warn about keys of `obj` not in the NULL-terminated `known` list, and flag keys given twice.
 * `prefix` is prepended to the key in the field name ("" or "industries[2]."). */
void jr_keys(jr *r, const cJSON *obj, const char *prefix, const char *const *known);

/* Name of the JSON type of `v` for messages ("a number", "null", ...). */
const char *jr_type_name(const cJSON *v);

/* Member `key` of `obj`, or NULL if absent. For optional keys an explicit null counts as absent. */
const cJSON *jr_get(const cJSON *obj, const char *key, bool required);

/* Typed values. `field` names the value in messages. A missing required value or one of the
 * wrong type is reported and the default returned; obj NULL (a record that is not an object,
 * reported already) gives the default silently. Strings are borrowed from the tree. */
const char *jr_string(jr *r, const cJSON *obj, const char *key, const char *field, bool required,
                      const char *def);
int jr_int(jr *r, const cJSON *obj, const char *key, const char *field, bool required, int def);
bool jr_bool(jr *r, const cJSON *obj, const char *key, const char *field, bool def);
/* A JSON number that is a whole number within int range, else reported; *ok false then. */
int jr_int_value(jr *r, const cJSON *v, const char *field, int def, bool *ok);

/* An optional array of strings: *n entries in scratch memory (NULL when absent or empty). A
 * non-string entry is reported under "<field>[i]" and left out. */
const char *const *jr_strings(jr *r, const cJSON *obj, const char *key, const char *field, int *n);

/* An optional array of names parsed by `parse` (returns -1 for an unknown name) into a bit mask;
 * unknown names are errors that list the `expected` names. */
unsigned jr_name_set(jr *r, const cJSON *obj, const char *key, const char *field,
                     int (*parse)(const char *), const char *expected);

/* A required or optional single name parsed by `parse`; the default when missing or unknown. */
int jr_name(jr *r, const cJSON *obj, const char *key, const char *field, bool required,
            int (*parse)(const char *), const char *expected, int def);

/* Set r->rec to "<array>[i]" or "<array>[i] <idkey> \"<id>\"" when the id is a string. */
void jr_label(jr *r, const char *array, int i, const char *idkey, const cJSON *obj);

#endif
