/* engine/include/advmatch/am_intern.h: string interning; maps each distinct string to a dense
 * int id (0, 1, 2, ... in order of first appearance). Strings and table live in an arena. */
#ifndef ADVMATCH_AM_INTERN_H
#define ADVMATCH_AM_INTERN_H

#include <stddef.h>

#include "advmatch/am_arena.h"

typedef struct am_intern am_intern;

/* A new table whose memory lives in `a`, which must outlive it. NULL on no memory. */
am_intern *am_intern_new(am_arena *a);

/* Id of `s` (length len), adding it if new. -1 on no memory. */
int am_intern_get(am_intern *t, const char *s, size_t len);

/* Id of `s`, or -1 if it was never added. */
int am_intern_find(const am_intern *t, const char *s, size_t len);

/* The string of `id` (0 <= id < am_intern_count). Borrowed: owned by the table's arena. */
const char *am_intern_str(const am_intern *t, int id);

int am_intern_count(const am_intern *t);

#endif
