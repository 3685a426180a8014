/* engine/include/advmatch/am_error.h: status codes and the error record every fallible call fills.
 * Owns nothing; an am_error is a plain value the caller provides. */
#ifndef ADVMATCH_AM_ERROR_H
#define ADVMATCH_AM_ERROR_H

#include <stdarg.h>

typedef enum am_status {
    AM_OK = 0,
    AM_EINPUT,   /* data break a format or domain rule; record and field say where */
    AM_ENOMEM,   /* an allocation failed */
    AM_EIO,      /* file system */
    AM_EDB,      /* PostgreSQL error that a retry will not fix */
    AM_ETEMP,    /* try again later */
    AM_EUNAVAIL, /* a service is unreachable */
    AM_ESOLVER,  /* GLPK failed or fired its fatal-error hook */
    AM_EINTERNAL, /* a broken invariant: our bug, never the user's data */
    AM_ECREATE    /* an output file cannot be created (missing directory, no permission) */
} am_status;

typedef struct am_error {
    am_status status;
    char record[64];   /* "experts[17] id \"E0042\""; "" if none */
    char field[48];    /* "level"; "" if none */
    char message[256]; /* one line, lower case, no final period */
    char detail[256];  /* errno text, GLPK code, ...; "" if none */
} am_error;

/* Try `expr`; on failure jump to the function's `done:` label with `st` set. */
#define AM_TRY(expr)                                                                               \
    do {                                                                                           \
        st = (expr);                                                                               \
        if (st != AM_OK)                                                                           \
            goto done;                                                                             \
    } while (0)

/* Reset `err` (may be NULL) to AM_OK with empty texts. */
void am_error_clear(am_error *err);

/* Record an error and return `status`. Keeps the first error: if err already holds one, nothing
 * changes and the earlier status is returned. `err` may be NULL. record and field may be NULL. */
am_status am_error_set(am_error *err, am_status status, const char *record, const char *field,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Set err->detail (only if it is empty); printf-style. */
void am_error_detail(am_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Stable lower-case name of a status ("ok", "input", "nomem", ...). Never NULL. */
const char *am_status_name(am_status status);

#endif
