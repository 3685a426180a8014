/* engine/include/advmatch/am_instance.h: the problem data (policy, provinces, counties, experts,
 * the current memberships, the calendar).
 * Built with am_instance_add_* from records whose strings are copied, then frozen: freeze sorts
 * by id, resolves references to dense indexes and reports what it cannot resolve. A frozen
 * instance is read-only and may be shared. All its memory lives in one arena it owns. */
#ifndef ADVMATCH_AM_INSTANCE_H
#define ADVMATCH_AM_INSTANCE_H

#include <stdbool.h>

#include "advmatch/am_date.h"
#include "advmatch/am_diags.h"
#include "advmatch/am_error.h"

typedef enum am_region { AM_REGION_EAST, AM_REGION_CENTRAL, AM_REGION_WEST, AM_REGION_NORTHEAST } am_region;
typedef enum am_level { AM_LEVEL_NATIONAL, AM_LEVEL_PROVINCIAL, AM_LEVEL_LOCAL } am_level;

/* Value-chain stages; a set of stages is a bit mask (1u << AM_STAGE_x). */
typedef enum am_stage {
    AM_STAGE_PRODUCTION,
    AM_STAGE_PROCESSING,
    AM_STAGE_PRESERVATION,
    AM_STAGE_STORAGE_TRANSPORT,
    AM_STAGE_BRANDING,
    AM_N_STAGES
} am_stage;

/* Names used in files ("east", "national", "storage_transport"), and their inverses (-1 if the
 * name is unknown). Never NULL for a valid value. */
const char *am_region_name(am_region r);
const char *am_level_name(am_level l);
const char *am_stage_name(am_stage s);
int am_region_parse(const char *s);
int am_level_parse(const char *s);
int am_stage_parse(const char *s);

/* A member's role in a group; the leader is a member too. Names "member", "leader". */
typedef enum am_role { AM_ROLE_MEMBER, AM_ROLE_LEADER } am_role;
const char *am_role_name(am_role r);
int am_role_parse(const char *s); /* -1 if unknown */

/* The policy of a round. am_policy_init sets the documented defaults. */
typedef struct am_policy {
    int size_min, size_target, size_max;   /* 0 <= min <= target <= max */
    int local_min, local_max;              /* 0 <= min <= max */
    int pairing_min, pairing_max;          /* 0 <= min <= max */
    int max_same_org;                      /* >= 1 */
    int pen_leader, pen_size, pen_local, pen_pairing, pen_industry, pen_stage, pen_over_target;
    int pen_change;                        /* per unlocked current membership dropped; default 20 */
    int preference_bonus;                  /* >= 0; all penalties >= 0 */
} am_policy;
void am_policy_init(am_policy *p);

/* How a meeting is held. Names "onsite", "video". */
typedef enum am_mode { AM_MODE_ONSITE, AM_MODE_VIDEO } am_mode;
const char *am_mode_name(am_mode m);
int am_mode_parse(const char *s);

/* Halves of the year: H1 (index 0, the planning meeting) and H2 (index 1, the summary). */
#define AM_N_HALVES 2

/* The meeting calendar of a year (docs/formats.md, "calendar"). */
typedef struct am_calendar {
    bool present;           /* the instance has a calendar; nothing below is meaningful if not */
    int year;
    const am_date *holidays; /* official days off, ascending, unique */
    int n_holidays;
    const am_date *workdays; /* weekend days that are official working days, ascending */
    int n_workdays;
    bool lists_shipped;      /* holidays/workdays came from advmatch's own table for `year` */
    bool lists_known;        /* given in the input or shipped; false: year unknown (an error) */
    am_range halves[AM_N_HALVES]; /* windows; default H1 Feb 1..Jun 30, H2 Jul 1..Dec 15 */
    int meetings_per_half;        /* >= 1, default 1 */
    int max_per_province_per_day; /* >= 1, default 3 */
    double min_attendance;        /* 0..1, default 0.6: share of members available */
    bool plan_early_summary_late; /* default true */
} am_calendar;

/* Builder record of the calendar: dates already parsed. n < 0 for a list means "not given"
 * (use the shipped official list of `year`); a half window with from > to means "default". */
typedef struct am_calendar_rec {
    int year;
    const am_date *holidays;
    int n_holidays;
    const am_date *workdays;
    int n_workdays;
    am_range halves[AM_N_HALVES];
    int meetings_per_half, max_per_province_per_day;
    double min_attendance;
    bool plan_early_summary_late;
} am_calendar_rec;
/* Defaults: year 0, both lists not given, default windows, 1, 3, 0.6, true. */
void am_calendar_rec_init(am_calendar_rec *r);

/* Is `d` a working day: Monday..Friday and not a holiday, or an exchanged working day? */
bool am_calendar_is_workday(const am_calendar *c, am_date d);
/* The half whose window contains `d`, or -1. */
int am_calendar_half_of(const am_calendar *c, am_date d);
/* Is `d` inside one of the ranges (any order)? */
bool am_ranges_contain(const am_range *r, int n, am_date d);

/* Years whose official lists advmatch ships (from fixtures/reference/cn-holidays.csv). */
bool am_calendar_year_shipped(int year);

/* ---- builder records: strings are borrowed for the call and copied ---- */
typedef struct am_province_rec {
    const char *code;                /* "52" */
    const char *name;
    am_region region;
    const char *const *paired_with;  /* eastern partner codes; usually 0 or 1 */
    int n_paired_with;
} am_province_rec;

typedef struct am_industry_rec {
    const char *field;
    int weight; /* 1..3 (validated) */
} am_industry_rec;

typedef struct am_county_rec {
    const char *id, *name, *province;
    const am_industry_rec *industries;
    int n_industries;
    unsigned stages; /* needed stages, bit mask */
    int priority;    /* > 0 (validated) */
    const char *const *prefers;      /* expert ids */
    int n_prefers;
    const char *const *recommended;  /* expert ids; 0 = no list sent */
    int n_recommended;
    const am_range *blackout;        /* days no meeting may be held in the county */
    int n_blackout;
} am_county_rec;

typedef struct am_expert_rec {
    const char *id, *name;
    am_level level;
    const char *org, *province;
    const char *county; /* home county id, or NULL */
    const char *const *fields;
    int n_fields;
    unsigned stages;
    int capacity, leader_capacity; /* >= 0 (validated) */
    const char *const *declines;   /* county ids */
    int n_declines;
    const char *const *prefers;    /* county ids */
    int n_prefers;
    bool active;
    const am_range *unavailable;   /* days the expert cannot attend a meeting */
    int n_unavailable;
} am_expert_rec;

/* A meeting already held or fixed: it never moves and counts for its half. */
typedef struct am_meeting_rec {
    const char *county;
    am_date date;
    am_mode mode;
} am_meeting_rec;

/* A membership as the groups stand (the instance's `current[]`, docs/formats.md). A locked one
 * must stay exactly as it is; an unlocked one may be dropped at the price of pen_change. */
typedef struct am_current_rec {
    const char *county; /* county id */
    const char *expert; /* expert id */
    am_role role;
    bool locked;
} am_current_rec;

/* ---- frozen records: read-only views; every int index is dense, -1 when unresolved ---- */
typedef struct am_industry {
    int field;  /* interned field id */
    int weight;
} am_industry;

typedef struct am_province {
    const char *code, *name;
    am_region region;
    const int *paired; /* province indexes of the eastern partners, ascending */
    int n_paired;
    int input_idx;     /* position in the input's provinces[] */
} am_province;

typedef struct am_county {
    const char *id, *name;
    int province;
    const am_industry *industries; /* input order, no duplicate field */
    int n_industries;
    unsigned stages;
    int priority;
    const int *prefers;     /* expert indexes, ascending, unique */
    int n_prefers;
    const int *recommended; /* expert indexes, ascending, unique; n == 0: no list */
    int n_recommended;
    const am_range *blackout; /* input order */
    int n_blackout;
    int input_idx;
} am_county;

typedef struct am_expert {
    const char *id, *name;
    am_level level;
    int org;       /* interned organisation id */
    int province;
    int county;    /* home county index, -1 if none */
    const int *fields; /* interned field ids, ascending, unique */
    int n_fields;
    unsigned stages;
    int capacity, leader_capacity;
    const int *declines; /* county indexes, ascending, unique */
    int n_declines;
    const int *prefers;  /* county indexes, ascending, unique */
    int n_prefers;
    bool active;
    const am_range *unavailable; /* input order */
    int n_unavailable;
    int input_idx;
} am_expert;

typedef struct am_fixed_meeting {
    int county; /* county index, -1 if unknown (reported) */
    am_date date;
    am_mode mode;
    int half;   /* am_calendar_half_of(date); -1 outside both windows (validate reports it) */
    int input_idx;
} am_fixed_meeting;

/* A current membership, resolved. Entries whose county or expert is unknown are reported by
 * freeze and dropped, so both indexes are valid. */
typedef struct am_current {
    int county;    /* county index */
    int expert;    /* expert index */
    am_role role;
    bool locked;
    int input_idx; /* position in the input's current[] */
} am_current;

typedef struct am_instance am_instance;

/* A new, empty, unfrozen instance with the default policy; caller frees with am_instance_free().
 * AM_ENOMEM on failure (*out NULL). */
am_status am_instance_new(am_instance **out, am_error *err);
void am_instance_free(am_instance *inst);

/* Builder calls; only before freeze. Strings are copied. AM_ENOMEM is the only failure. */
void am_instance_set_policy(am_instance *inst, const am_policy *p);
am_status am_instance_add_province(am_instance *inst, const am_province_rec *r, am_error *err);
am_status am_instance_add_county(am_instance *inst, const am_county_rec *r, am_error *err);
am_status am_instance_add_expert(am_instance *inst, const am_expert_rec *r, am_error *err);
am_status am_instance_set_calendar(am_instance *inst, const am_calendar_rec *r, am_error *err);
am_status am_instance_add_meeting(am_instance *inst, const am_meeting_rec *r, am_error *err);
/* One entry of current[], in input order (its position is the order of the calls). */
am_status am_instance_add_current(am_instance *inst, const am_current_rec *r, am_error *err);

/* Sort provinces by code, counties and experts by id (byte order), resolve every reference.
 * Duplicate ids and unknown references are added to `d` as errors naming the record (as it
 * stood in the input: "experts[17] id \"E0042\"") and field, and leave -1 / drop the entry.
 * Returns AM_OK (even with data errors: check am_diags_n_errors) or AM_ENOMEM. */
am_status am_instance_freeze(am_instance *inst, am_diags *d, am_error *err);

/* ---- read access (instance frozen) ---- */
const am_policy *am_instance_policy(const am_instance *inst);
int am_instance_n_provinces(const am_instance *inst);
int am_instance_n_counties(const am_instance *inst);
int am_instance_n_experts(const am_instance *inst);
int am_instance_n_fields(const am_instance *inst);
int am_instance_n_orgs(const am_instance *inst);
/* Borrowed: valid until am_instance_free(inst). idx must be in range. */
const am_province *am_instance_province(const am_instance *inst, int idx);
const am_county *am_instance_county(const am_instance *inst, int idx);
const am_expert *am_instance_expert(const am_instance *inst, int idx);
const char *am_instance_field_name(const am_instance *inst, int field);
const char *am_instance_org_name(const am_instance *inst, int org);
/* The calendar (present == false when the input has none). Borrowed. */
const am_calendar *am_instance_calendar(const am_instance *inst);
/* Fixed meetings, sorted by county, then date. */
int am_instance_n_meetings(const am_instance *inst);
const am_fixed_meeting *am_instance_meeting(const am_instance *inst, int idx);
/* Current memberships, sorted by county index, then expert index (then input position).
 * Borrowed: valid until am_instance_free(inst). idx must be in range. */
int am_instance_n_current(const am_instance *inst);
const am_current *am_instance_current(const am_instance *inst, int idx);
/* Index by id/code/name, or -1. */
int am_instance_find_province(const am_instance *inst, const char *code);
int am_instance_find_county(const am_instance *inst, const char *id);
int am_instance_find_expert(const am_instance *inst, const char *id);
int am_instance_find_field(const am_instance *inst, const char *name);

/* Record label as reported to users, from the input position: "experts[17] id \"E0042\"".
 * Writes at most `size` bytes into buf (always terminated) and returns buf. */
char *am_instance_county_label(const am_instance *inst, int idx, char *buf, int size);
char *am_instance_expert_label(const am_instance *inst, int idx, char *buf, int size);
char *am_instance_province_label(const am_instance *inst, int idx, char *buf, int size);
char *am_instance_meeting_label(const am_instance *inst, int idx, char *buf, int size);
/* "current[3]": the input position of current membership `idx` (frozen order). */
char *am_instance_current_label(const am_instance *inst, int idx, char *buf, int size);

/* Does expert `e` list field `field` (binary search)? Does county `c` lie in the list `l`? */
bool am_expert_has_field(const am_expert *e, int field);
bool am_index_in(const int *sorted, int n, int idx);

#endif
