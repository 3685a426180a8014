/* adapters/service/include/advmatch/am_service.h: running rounds from the ledger: read the
 * ledger in one snapshot, cut out the round's scope, form the groups (am_match, which checks
 * them), compute what changes, write it back in one transaction; and the worker loop of
 * `advmatch serve` (LISTEN/NOTIFY, claim with a lease, heartbeats, cancellation). */
#ifndef ADVMATCH_AM_SERVICE_H
#define ADVMATCH_AM_SERVICE_H

#include <signal.h>
#include <stdbool.h>

#include "advmatch/am_error.h"
#include "advmatch/am_instance.h"
#include "advmatch/am_match.h"
#include "advmatch/am_pg.h"
#include "advmatch/am_schedule.h"

typedef struct am_service_opts {
    const char *worker;   /* "host:pid", recorded on the rounds it runs */
    int lease_s;          /* a round is ours for this long after each heartbeat */
    const volatile sig_atomic_t *stop; /* SIGTERM/SIGINT: give the round back and stop */
    void (*log)(void *ctx, const char *line); /* one line per event (stderr), or NULL */
    void *log_ctx;
    void (*on_progress)(void *ctx, const am_progress *p); /* the solve's progress, or NULL */
    void *progress_ctx;
} am_service_opts;

typedef struct am_service_report {
    long long id;
    am_round_kind kind;
    enum { AM_RUN_DONE, AM_RUN_FAILED, AM_RUN_CANCELLED, AM_RUN_RELEASED } end;
    char message[512];        /* failed: the cause (the round stores it whole) */
    am_status cause;          /* failed: the status of the cause (AM_EINPUT bad data, AM_ETEMP
                                 the ledger changed meanwhile, AM_ESOLVER, ...) */
    char outcome[16];         /* done: optimal, feasible, time_limit */
    long long objective;
    double bound, gap;        /* gap < 0: none */
    int n_counties, n_members, n_shortfalls, n_changes;
    long load_ms, solve_ms, write_ms;
} am_service_report;

/* Run round `c` (claimed by o->worker) to its end: done, failed (with the cause stored on the
 * round), cancelled, or released back to the queue when *o->stop became non-zero. Returns AM_OK
 * whenever the round's end was recorded (the report says which); an error only when not even
 * that was possible (connection lost: the lease runs out and another worker takes it). */
am_status am_service_run(am_pg *db, const am_pg_claim *c, const am_service_opts *o,
                         am_service_report *rep, am_error *err);

/* The instance round `id` would solve if it ran now (its request, the ledger as it stands):
 * read, scope cut out, validated. *out: a new frozen instance (caller frees). AM_EINPUT when the
 * ledger's data break a rule (the message names the first records). */
am_status am_service_round_instance(am_pg *db, long long id, am_instance **out, am_error *err);

/* Plan the year's meetings of the published groups and store the plan (docs/database.md,
 * "Meetings"): the ledger read in one snapshot (it needs a calendar), the groups as they stand,
 * the newest stored plan of the year as the previous one (groups whose members are unchanged
 * keep their meetings), am_meetings with `p`, then am_pg_schedule_store. On AM_OK *sched (for
 * *inst, which must outlive it; caller frees both) and *id, *previous (0 if none). */
am_status am_service_schedule(am_pg *db, const am_match_params *p, am_instance **inst,
                              am_schedule **sched, long long *id, long long *previous,
                              am_error *err);

/* The worker loop of `advmatch serve`: connect to `conninfo`, LISTEN, and take queued rounds
 * one at a time until *o->stop. Reconnects after a lost connection (every 5 s). Returns AM_OK
 * on a clean stop. */
am_status am_service_serve(const char *conninfo, const am_service_opts *o, am_error *err);

#endif
