/* adapters/json/include/advmatch/am_json.h: the JSON formats advmatch-instance/1 and
 * advmatch-result/1 (docs/formats.md). The only users of cJSON live behind this header; no cJSON
 * object leaves the adapter. Readers report every problem they find, naming record and field. */
#ifndef ADVMATCH_AM_JSON_H
#define ADVMATCH_AM_JSON_H

#include <stddef.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_diags.h"
#include "advmatch/am_instance.h"
#include "advmatch/am_io.h"
#include "advmatch/am_result.h"
#include "advmatch/am_schedule.h"

#define AM_JSON_INSTANCE_FORMAT "advmatch-instance/1"
#define AM_JSON_RESULT_FORMAT "advmatch-result/1"
#define AM_JSON_SCHEDULE_FORMAT "advmatch-schedule/1"

/* Parse an advmatch-instance/1 document of `len` bytes. Every problem goes to `d`: bytes that are
 * not UTF-8 (byte offset, line and column), JSON syntax (line and column), a wrong or missing
 * "format", wrong types, missing required keys, and unknown keys (warnings). Values that parse
 * but break domain rules are left to am_validate.
 * Returns AM_EINPUT with *out NULL when no instance can be built at all (not UTF-8, not JSON, not
 * an object, wrong format); otherwise AM_OK with *out a new frozen instance, which may still carry
 * errors in `d` (check am_diags_n_errors before using it). Caller frees with am_instance_free().
 * AM_ENOMEM. */
am_status am_json_read_instance(const char *data, size_t len, am_instance **out, am_diags *d,
                                am_error *err);

/* Parse an advmatch-result/1 document against `inst` (frozen). Unknown counties or experts,
 * unknown role/channel/status names and wrong types are errors in `d`. Groups are added in file
 * order; am_result_mark_listed counts how often each county appears. Returns AM_EINPUT with *out
 * NULL when the document is unusable; else AM_OK with *out a new finished result (caller frees
 * with am_result_free()), which may carry errors in `d`. AM_ENOMEM. */
am_status am_json_read_result(const char *data, size_t len, const am_instance *inst,
                              am_result **out, am_diags *d, am_error *err);

/* Write `res` as advmatch-result/1: two-space indentation, keys in a fixed order, integers for
 * objective and scores, so that equal results give equal bytes. Errors stay in the sink. */
void am_json_write_result(const am_result *res, am_sink *s);

/* Write `inst` (frozen) as advmatch-instance/1, records in their sorted order, every policy value
 * spelled out. Reading the output gives back an equal instance. Errors stay in the sink. */
void am_json_write_instance(const am_instance *inst, am_sink *s);

/* Write `s` as advmatch-schedule/1 (docs/formats.md): meetings by county, half and date with
 * their attendance, then the unscheduled ones with reasons. Equal schedules give equal bytes. */
void am_json_write_schedule(const am_schedule *s, am_sink *out);

/* Parse an advmatch-schedule/1 document against `inst` (frozen). Unknown counties or experts,
 * malformed dates and wrong types are errors in `d`. AM_EINPUT with *out NULL when unusable;
 * else AM_OK with a new finished schedule (caller frees with am_schedule_free()), which may
 * carry errors in `d`. AM_ENOMEM. */
am_status am_json_read_schedule(const char *data, size_t len, const am_instance *inst,
                                am_schedule **out, am_diags *d, am_error *err);

/* A meeting as an advmatch-schedule/1 file states it, read without the instance (for exports
 * such as iCalendar). Strings live in the arena given to the reader. */
typedef struct am_json_meeting {
    const char *county, *county_name;
    int half;        /* 0 = H1, 1 = H2 */
    int seq;         /* 0-based position among the meetings of its county and half */
    am_date date;
    const char *mode;
    const char *const *attending;
    int n_attending;
    const char *const *absent; /* "E0042 (unavailable 2026-03-02..2026-03-13)" */
    int n_absent;
} am_json_meeting;

/* Read the meetings of an advmatch-schedule/1 document into `a`. Problems go to `d`; AM_EINPUT
 * when the document is unusable, AM_ENOMEM. */
am_status am_json_read_schedule_meetings(const char *data, size_t len, am_arena *a,
                                         am_json_meeting **out, int *n, am_diags *d,
                                         am_error *err);

#endif
