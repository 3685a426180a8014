/* engine/am_calendar_impl.h: the engine-internal part of the calendar: the shipped official
 * lists of a year, copied into an arena. Private to engine/. */
#ifndef ADVMATCH_AM_CALENDAR_IMPL_H
#define ADVMATCH_AM_CALENDAR_IMPL_H

#include "advmatch/am_arena.h"
#include "advmatch/am_instance.h"

/* Holidays and exchanged working days of `year` from the shipped table, ascending, in `a`.
 * Both counts are 0 for a year the table does not know. 0, or -1 on no memory. */
int am_calendar_shipped_lists(am_arena *a, int year, const am_date **hol, int *nh,
                              const am_date **wd, int *nw);

#endif
