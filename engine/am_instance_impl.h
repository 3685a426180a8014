/* engine/am_instance_impl.h: the layout of am_instance, shared by am_instance.c (builder and
 * accessors) and am_freeze.c (sorting and reference resolution). Private to engine/. */
#ifndef ADVMATCH_AM_INSTANCE_IMPL_H
#define ADVMATCH_AM_INSTANCE_IMPL_H

#include "advmatch/am_arena.h"
#include "advmatch/am_instance.h"
#include "advmatch/am_intern.h"

/* Records as added, strings copied into the arena; references still by id. */
typedef struct raw_province {
    am_province_rec r;
} raw_province;
typedef struct raw_county {
    am_county_rec r;
    int *fields; /* interned field of each industry */
} raw_county;
typedef struct raw_expert {
    am_expert_rec r;
    int org;
    int *fields; /* interned */
} raw_expert;

typedef struct raw_meeting {
    am_meeting_rec r;
} raw_meeting;

typedef struct raw_current {
    am_current_rec r;
} raw_current;

struct am_instance {
    am_arena *arena;
    am_intern *fields;
    am_intern *orgs;
    am_policy policy;
    int frozen;
    raw_province *rp;
    raw_county *rc;
    raw_expert *re;
    size_t cap_rp, cap_rc, cap_re;
    int n_rp, n_rc, n_re;
    bool has_calendar;
    am_calendar_rec cal_rec;  /* lists copied into the arena */
    raw_meeting *rm;
    size_t cap_rm;
    int n_rm;
    raw_current *rcur;
    size_t cap_rcur;
    int n_rcur;
    /* after freeze */
    am_calendar calendar;
    am_fixed_meeting *meetings;
    int n_meetings;
    am_current *current; /* sorted by county, expert, input position */
    int n_current;
    am_province *provinces;
    am_county *counties;
    am_expert *experts;
    int n_provinces, n_counties, n_experts;
};

/* am_freeze_calendar.c: finish the calendar (defaults, shipped lists, sorted lists) and resolve
 * the fixed meetings (sorted by county, then date). AM_OK or AM_ENOMEM; problems go to `d`. */
am_status am_freeze_calendar(am_instance *inst, am_diags *d);

/* am_instance_current.c: resolve the current memberships (sorted by county, then expert); an
 * unknown county or expert is reported and the entry dropped. AM_OK or AM_ENOMEM. */
am_status am_freeze_current(am_instance *inst, am_diags *d);

/* am_validate_calendar.c: the calendar's domain checks, called by am_validate. AM_OK or
 * AM_ENOMEM; problems go to `d`. */
am_status am_validate_calendar(const am_instance *inst, am_diags *d);

/* am_validate_current.c: the checks of the current memberships (duplicates, leaders, locked
 * memberships that cannot hold, limits the locked ones alone break), called by am_validate.
 * AM_OK or AM_ENOMEM; problems go to `d`. */
am_status am_validate_current(const am_instance *inst, am_diags *d);

#endif
