/* adapters/service/service_impl.h: what the files of the round service share: the state of one
 * running round, the choice of its counties and the changes its groups make. Private. */
#ifndef ADVMATCH_SERVICE_IMPL_H
#define ADVMATCH_SERVICE_IMPL_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "advmatch/am_diags.h"
#include "advmatch/am_instance.h"
#include "advmatch/am_result.h"
#include "advmatch/am_service.h"

typedef struct run_ctx {
    am_pg *db;
    const am_pg_claim *c;
    const am_service_opts *o;
    volatile sig_atomic_t stop; /* ends the solve: cancelled, lease lost or o->stop */
    long last_beat_ms;
    bool cancelled, lost;
} run_ctx;

/* The round's counties and which current memberships of the ledger it carries, and locks. */
typedef struct scope_sel {
    bool *county_in; /* per county of the ledger */
    bool *keep;      /* per current membership of the ledger */
    bool *lock;
    int n_in;
} scope_sel;

/* Choose by kind (docs/database.md, "Rounds"): quarterly: the counties asked for, else every
 * county without a published group; preview: the province's counties, every current membership
 * of them unlocked; nightly: the groups with a member who is no longer a candidate (withdrew,
 * inactive, declined, lost the field; a leader who can no longer lead), the other members of
 * those groups locked. AM_EINPUT naming a county or province the ledger does not have. */
am_status svc_scope_choose(run_ctx *x, const am_instance *full, scope_sel *out, am_error *err);
void svc_scope_free(scope_sel *s);

/* What the groups of `res` (for the counties of `inst`) change against the ledger's published
 * memberships of those counties (current[] of `full`), with a reason for each. */
typedef struct svc_changes {
    am_pg_change *v;
    int n;
    struct am_arena *arena; /* holds v and the reasons */
} svc_changes;
am_status svc_changes_compute(run_ctx *x, const am_instance *full, const am_instance *inst,
                              const am_result *res, svc_changes *out, am_error *err);
void svc_changes_free(svc_changes *c);

/* "the ledger's data break N rules: <the first three errors>" into buf. (round_run.c) */
void svc_diags_line(const am_diags *d, char *buf, size_t size);

long svc_now_ms(void);
void svc_log(const am_service_opts *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
