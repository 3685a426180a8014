/* models/include/advmatch/am_meetings.h: the meeting scheduler: a GLPK integer program that
 * picks a day for every group's meetings in each half of the year (docs/formulation.md,
 * "Meetings"), then the independent schedule check. */
#ifndef ADVMATCH_AM_MEETINGS_H
#define ADVMATCH_AM_MEETINGS_H

#include "advmatch/am_match.h"
#include "advmatch/am_schedule.h"

/* Uses the am_match_params fields time_limit_ms, mip_gap_rel, write_lp_path, stop,
 * on_progress/progress_ctx and skip_check with the same meaning. */

/* Schedule the meetings of the groups in `groups` (a result for `inst`, which must be frozen,
 * valid and have a calendar). `previous` (or NULL) is an earlier schedule: the meetings of every
 * group whose members are unchanged since are kept where they were. On AM_OK *out is a new
 * schedule (caller frees with am_schedule_free()) that passed am_schedule_check (a failure there
 * is AM_EINTERNAL). AM_EINPUT when the instance has no calendar; AM_ENOMEM, AM_ESOLVER, AM_EIO. */
am_status am_meetings(const am_instance *inst, const am_result *groups,
                      const am_schedule *previous, const am_match_params *p, am_schedule **out,
                      am_error *err);

#endif
