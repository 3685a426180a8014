/* adapters/report/include/advmatch/am_report.h: the groups of a result as one self-contained HTML
 * page for the people who approve them: a province's preview (summary, a bar per county, a table
 * per county with every member and what they cover, the meeting dates, the shortfalls with their
 * causes) or the national overview (one row per province). docs/report.md shows what it holds.
 *
 * The page needs nothing else: UTF-8, CSS inline (a print stylesheet too), system CJK fonts, no
 * script, no external URL, no timestamp: the same inputs give the same bytes. */
#ifndef ADVMATCH_AM_REPORT_H
#define ADVMATCH_AM_REPORT_H

#include <stdbool.h>

#include "advmatch/am_error.h"
#include "advmatch/am_instance.h"
#include "advmatch/am_io.h"
#include "advmatch/am_result.h"
#include "advmatch/am_schedule.h"

/* Write the report of `res` (groups of `inst`, frozen and valid) into `out`. `sched` (or NULL) is
 * a schedule of those groups: the province page then lists every group's meeting dates.
 * `province` is a province code for its preview, or NULL for the national overview.
 * All arguments are borrowed for the call. Errors: AM_EINPUT (nothing useful was written; err
 * says why) when `province` is not a province of `inst` (the message lists its codes), when `res`
 * is not a result of `inst` (its number of groups differs, a member is not an expert of it), or
 * when `sched` was not made for `inst` and these groups (a meeting lists an expert who is not a
 * member of the county's group); AM_ENOMEM (also when the sink failed). */
am_status am_report_html(const am_instance *inst, const am_result *res, const am_schedule *sched,
                         const char *province, am_sink *out, am_error *err);

/* A change that would remove (or not) a shortfall, found by solving again (models/am_relax.h):
 * listed under the shortfall on the province page. */
typedef struct am_report_fix {
    int county;       /* county index */
    int shortfall;    /* index into that county's group's shortfalls */
    char what[200];   /* in words: "E00017 李秀英 (national) leads one more group" */
    bool removes;     /* the shortfall is gone after solving again */
    long long delta;  /* the objective after minus before */
} am_report_fix;

/* am_report_html, with the fixes found for the shortfalls (borrowed; any order). */
am_status am_report_html_fixes(const am_instance *inst, const am_result *res,
                               const am_schedule *sched, const char *province,
                               const am_report_fix *fixes, int n_fixes, am_sink *out,
                               am_error *err);

#endif
