/* engine/include/advmatch/am_diags.h: a list of problems found in input data (errors and
 * warnings), each naming its record and field, so that every problem can be reported at once. */
#ifndef ADVMATCH_AM_DIAGS_H
#define ADVMATCH_AM_DIAGS_H

#include <stdarg.h>

#include "advmatch/am_error.h"

typedef enum am_diag_level { AM_DIAG_ERROR, AM_DIAG_WARNING } am_diag_level;

typedef struct am_diag {
    am_diag_level level;
    char record[64];   /* "experts[17] id \"E0042\"", "policy", "" (whole file) */
    char field[48];    /* "level", "industries[2].weight", "" */
    char message[256]; /* one line, lower case, no final period */
} am_diag;

typedef struct am_diags am_diags;

/* A new empty list; caller frees with am_diags_free(). NULL on no memory. */
am_diags *am_diags_new(void);
void am_diags_free(am_diags *d);

/* Append a problem. Past AM_DIAGS_MAX entries only the counts grow. Returns AM_OK or AM_ENOMEM. */
#define AM_DIAGS_MAX 1000
am_status am_diags_add(am_diags *d, am_diag_level level, const char *record, const char *field,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The same with a va_list, for checkers that wrap their own reporting function. */
am_status am_diags_addv(am_diags *d, am_diag_level level, const char *record, const char *field,
                        const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

/* Number of stored entries (<= AM_DIAGS_MAX), and the totals including those not stored. */
int am_diags_count(const am_diags *d);
int am_diags_n_errors(const am_diags *d);
int am_diags_n_warnings(const am_diags *d);

/* Entry i (0 <= i < am_diags_count). Borrowed: valid until am_diags_free(d). */
const am_diag *am_diags_get(const am_diags *d, int i);

/* Format `e` as one line: "error: <record>: <field>: <message>" ("warning: ..." for a warning),
 * leaving out an empty record or field. Always terminates buf; returns buf. */
char *am_diag_format(const am_diag *e, char *buf, int size);

/* Fill `err` from the first error entry (AM_EINPUT) and return AM_EINPUT, or AM_OK if none. */
am_status am_diags_to_error(const am_diags *d, am_error *err);

#endif
