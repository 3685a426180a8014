/* engine/am_diags.c: the list of input problems; owns an arena holding its entries. */
#include "advmatch/am_diags.h"

#include <stdio.h>
#include <string.h>

#include "advmatch/am_arena.h"

struct am_diags {
    am_arena *arena;
    am_diag *items;
    size_t cap;
    int count;
    int n_errors, n_warnings;
};

am_diags *am_diags_new(void)
{
    am_arena *a = am_arena_new();
    if (!a)
        return NULL;
    am_diags *d = am_arena_alloc(a, sizeof *d, _Alignof(am_diags));
    if (!d) {
        am_arena_free(a);
        return NULL;
    }
    d->arena = a;
    return d;
}

void am_diags_free(am_diags *d)
{
    if (d)
        am_arena_free(d->arena);
}

am_status am_diags_add(am_diags *d, am_diag_level level, const char *record, const char *field,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    am_status st = am_diags_addv(d, level, record, field, fmt, ap);
    va_end(ap);
    return st;
}

am_status am_diags_addv(am_diags *d, am_diag_level level, const char *record, const char *field,
                        const char *fmt, va_list ap)
{
    if (level == AM_DIAG_ERROR)
        d->n_errors++;
    else
        d->n_warnings++;
    if (d->count >= AM_DIAGS_MAX)
        return AM_OK;
    if (am_arena_grow(d->arena, (void **)&d->items, &d->cap, (size_t)d->count + 1, sizeof(am_diag),
                      _Alignof(am_diag)) != 0)
        return AM_ENOMEM;
    am_diag *e = &d->items[d->count++];
    e->level = level;
    snprintf(e->record, sizeof e->record, "%s", record ? record : "");
    snprintf(e->field, sizeof e->field, "%s", field ? field : "");
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    return AM_OK;
}

int am_diags_count(const am_diags *d) { return d->count; }
int am_diags_n_errors(const am_diags *d) { return d->n_errors; }
int am_diags_n_warnings(const am_diags *d) { return d->n_warnings; }
const am_diag *am_diags_get(const am_diags *d, int i) { return &d->items[i]; }

am_status am_diags_to_error(const am_diags *d, am_error *err)
{
    for (int i = 0; i < d->count; i++) {
        const am_diag *e = &d->items[i];
        if (e->level == AM_DIAG_ERROR)
            return am_error_set(err, AM_EINPUT, e->record, e->field, "%s", e->message);
    }
    if (d->n_errors > 0)
        return am_error_set(err, AM_EINPUT, NULL, NULL, "%d problems in the input", d->n_errors);
    return AM_OK;
}

char *am_diag_format(const am_diag *e, char *buf, int size)
{
    snprintf(buf, (size_t)size, "%s: %s%s%s%s%s", e->level == AM_DIAG_ERROR ? "error" : "warning",
             e->record, e->record[0] ? ": " : "", e->field, e->field[0] ? ": " : "", e->message);
    return buf;
}
