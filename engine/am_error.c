/* engine/am_error.c: filling am_error records; keeps the first (root-cause) error. */
#include "advmatch/am_error.h"

#include <stdio.h>
#include <string.h>

void am_error_clear(am_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

static void copy_text(char *dst, size_t size, const char *src)
{
    if (!src)
        src = "";
    snprintf(dst, size, "%s", src);
}

am_status am_error_set(am_error *err, am_status status, const char *record, const char *field,
                       const char *fmt, ...)
{
    if (!err)
        return status;
    if (err->status != AM_OK)
        return err->status;
    err->status = status;
    copy_text(err->record, sizeof err->record, record);
    copy_text(err->field, sizeof err->field, field);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    err->detail[0] = '\0';
    return status;
}

void am_error_detail(am_error *err, const char *fmt, ...)
{
    if (!err || err->detail[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->detail, sizeof err->detail, fmt, ap);
    va_end(ap);
}

const char *am_status_name(am_status status)
{
    static const char *const names[] = {"ok",    "input",   "nomem",  "io",      "db",
                                        "temp",  "unavail", "solver", "internal", "create"};
    if ((unsigned)status < sizeof names / sizeof names[0])
        return names[status];
    return "unknown";
}
