/* adapters/pg/include/advmatch/am_pg.h: the PostgreSQL ledger (docs/database.md): connection,
 * schema migrations, import of an instance, the consistent read of the whole ledger, and the
 * life of a round (request, claim with a lease, write-back with COPY, publish, list).
 * The only users of libpq live behind this header; no PGconn or PGresult leaves the adapter.
 * Every write is one transaction: on any error it is rolled back and nothing is changed.
 * Errors: AM_EUNAVAIL (server unreachable, connection lost), AM_ETEMP (serialisation failure,
 * deadlock, a conflict a new round will not have), AM_EDB (any other server error; the message
 * has the server's text and detail, the SQLSTATE), AM_EINPUT (data the database refuses,
 * record and field named), AM_ENOMEM. */
#ifndef ADVMATCH_AM_PG_H
#define ADVMATCH_AM_PG_H

#include <signal.h>
#include <stdbool.h>

#include "advmatch/am_error.h"
#include "advmatch/am_instance.h"
#include "advmatch/am_result.h"
#include "advmatch/am_schedule.h"

typedef struct am_pg am_pg;

/* Connect with a libpq conninfo string ("host=/tmp dbname=x", "postgresql://..."); NULL or ""
 * uses the PG* environment variables only. On AM_OK *out is a new connection the caller closes
 * with am_pg_close(). AM_EUNAVAIL with the server's message when it cannot connect. */
am_status am_pg_connect(const char *conninfo, am_pg **out, am_error *err);
void am_pg_close(am_pg *db);

/* ---- migrations (pg_migrate.c) ---- */
/* Apply every numbered migration of adapters/pg/migrations/ not yet recorded in
 * advmatch_schema_version, each in its own transaction, under an advisory lock (two migrators
 * never race). *applied: how many ran now; *version: the schema version after. */
am_status am_pg_migrate(am_pg *db, int *applied, int *version, am_error *err);
/* The schema version (0 when never migrated). AM_EINPUT when the database is newer than this
 * program (a migration it does not know). */
am_status am_pg_schema_version(am_pg *db, int *version, am_error *err);
/* The version of the newest migration this advmatch knows: what am_pg_migrate brings a
 * database to, and the schema version the commands need. */
int am_pg_schema_latest(void);

/* ---- import (pg_import.c) ---- */
typedef struct am_pg_import_report {
    int n_provinces, n_counties, n_experts;   /* records in the instance */
    int n_new_counties, n_changed_counties;   /* inserted / whose content changed */
    int n_new_experts, n_changed_experts;
    int n_skipped_refs;  /* prefers/declines naming a county or expert that does not exist */
    long long version;   /* the ledger version the import wrote (unchanged if nothing did) */
} am_pg_import_report;
/* Load or update the reference data of `inst` (frozen, validated): policy, calendar (when
 * present), provinces, counties, experts with every list, fixed meetings, in one transaction
 * through COPY. Records not in `inst` are kept. A record whose content changed gets
 * changed = the new ledger version. The instance's current[] is not imported (groups are
 * written by rounds only). */
am_status am_pg_import(am_pg *db, const am_instance *inst, am_pg_import_report *rep,
                       am_error *err);

/* ---- the ledger as an instance (pg_read.c) ---- */
/* Read the whole ledger in one REPEATABLE READ READ ONLY transaction: policy, calendar, every
 * province, county and expert, fixed meetings, and the open (published) memberships as
 * unlocked current[] entries. *out is a new frozen instance (caller frees); *version the ledger
 * version of the snapshot. Problems the engine's freeze finds go to `d`. */
am_status am_pg_read_ledger(am_pg *db, am_instance **out, long long *version, am_diags *d,
                            am_error *err);

/* ---- rounds (pg_round.c) ---- */
typedef enum am_round_kind { AM_ROUND_QUARTERLY, AM_ROUND_PREVIEW, AM_ROUND_NIGHTLY } am_round_kind;
const char *am_round_kind_name(am_round_kind k); /* "quarterly", "preview", "nightly" */
int am_round_kind_parse(const char *s);          /* -1 if unknown */

typedef struct am_pg_request {
    am_round_kind kind;
    const char *const *provinces; /* scope by province code; preview: exactly one */
    int n_provinces;
    const char *const *counties;  /* scope by county id */
    int n_counties;
    double time_limit_s;          /* <= 0: none */
    double gap;                   /* 0: prove optimality */
    long max_changes;             /* nightly: refuse to publish more changes; < 0: no limit */
    bool direct;                  /* run by the requesting process (not queued for `serve`) */
} am_pg_request;

/* Insert a request (status queued; the insert wakes the workers). *id: its round id. A
 * province or county that does not exist is AM_EINPUT naming it. */
am_status am_pg_round_request(am_pg *db, const am_pg_request *r, long long *id, am_error *err);

/* A round a worker took. Strings live in the struct's arena; free with am_pg_claim_free. */
typedef struct am_pg_claim {
    long long id;
    am_round_kind kind;
    char **provinces;
    int n_provinces;
    char **counties;
    int n_counties;
    double time_limit_s, gap;
    long max_changes;
    int attempts;       /* including this one */
    void *mem_;         /* private */
} am_pg_claim;
void am_pg_claim_free(am_pg_claim *c);

/* Take the oldest round that is queued, or running with its lease run out (its worker died),
 * or exactly round `only_id` when > 0, with FOR UPDATE SKIP LOCKED, and mark it running for
 * `worker` ("host:pid") until now + lease_s. *got false when there is none. A round whose
 * lease ran out for the third time is marked failed instead of taken. */
am_status am_pg_round_claim(am_pg *db, const char *worker, int lease_s, long long only_id,
                            am_pg_claim *out, bool *got, am_error *err);
/* The request of round `id` (any status) in the same form, without taking it. AM_EINPUT when
 * the round does not exist. */
am_status am_pg_round_read_request(am_pg *db, long long id, am_pg_claim *out, am_error *err);
/* Extend the lease; *cancel true when someone asked to cancel the round. AM_ETEMP when the
 * round is no longer ours (lease lost): stop working on it. */
am_status am_pg_round_heartbeat(am_pg *db, long long id, const char *worker, int lease_s,
                                bool *cancel, am_error *err);
/* End a round we hold as failed (message: the cause) or cancelled. */
am_status am_pg_round_fail(am_pg *db, long long id, const char *worker, bool cancelled,
                           const char *message, am_error *err);
/* Give a round we hold back to the queue (SIGTERM of a worker). */
am_status am_pg_round_release(am_pg *db, long long id, const char *worker, am_error *err);
/* Ask to cancel: a queued round is cancelled at once, a running one by its worker.
 * AM_EINPUT when the round does not exist or has ended. */
am_status am_pg_round_cancel(am_pg *db, long long id, am_error *err);
/* Mark running rounds of direct runs whose lease ran out as failed (their process died). */
am_status am_pg_round_sweep(am_pg *db, int *n_failed, am_error *err);

/* What a round changes in a published group, computed by the caller against current[]. */
typedef struct am_pg_change {
    const char *county, *expert;
    const char *change;  /* "added", "dropped", "role" */
    am_role role;        /* the role after (dropped: the role it had) */
    const char *reason;
} am_pg_change;

typedef struct am_pg_outcome {
    const am_instance *inst;   /* the instance the round solved (its document is stored) */
    const am_result *res;      /* checked groups of every county of inst */
    const am_pg_change *changes; /* publishing kinds: what the groups change; else ignored */
    int n_changes;
    long long read_version;    /* ledger version of the snapshot inst was read from */
    long load_ms, solve_ms;
} am_pg_outcome;
/* Write a round's result in one transaction, with COPY: round_county, round_member,
 * round_shortfall, the instance document; for quarterly and nightly also the published groups
 * (memberships of the scope's counties ended and added, the change log) after checking that
 * nothing the round read has changed since read_version (else AM_ETEMP naming the change).
 * The round must be running for `worker`. Marks it done. The environment variable
 * AM_FAILPOINT=pg-write-kill kills the process (SIGKILL) in the middle of this transaction;
 * AM_FAILPOINT=pg-write-error makes it fail there (tests). */
am_status am_pg_round_write(am_pg *db, long long id, const char *worker,
                            const am_pg_outcome *o, am_error *err);
/* Turn preview `id` (done, not yet published) into the published groups of its counties, if
 * nothing it read changed since (else AM_ETEMP naming what changed). */
am_status am_pg_round_publish(am_pg *db, long long id, int *n_changes, am_error *err);

/* One row of `round list` / the head of `round show`. */
typedef struct am_pg_round_info {
    long long id;
    char kind[16], status[16], solver_status[16];
    char scope[256];          /* "province 52", "3 counties", "all ready counties" */
    char requester[64], worker[96];
    char created_at[40], started_at[40], finished_at[40], published_at[40]; /* "" if none */
    bool has_objective;
    long long objective;
    double bound, gap;        /* gap < 0: none */
    int n_counties, n_members, n_changes; /* -1 if none */
    long load_ms, solve_ms, write_ms;     /* -1 if none */
    int attempts;
    char error[512];
} am_pg_round_info;
/* The last `limit` rounds, newest first. *out: a new array of *n (caller frees with free()). */
am_status am_pg_round_list(am_pg *db, int limit, am_pg_round_info **out, int *n, am_error *err);
am_status am_pg_round_get(am_pg *db, long long id, am_pg_round_info *out, am_error *err);
/* The instance document a round solved (done rounds), as stored. *doc: a new NUL-terminated
 * string the caller frees with free(); NULL when the round stored none. */
am_status am_pg_round_input(am_pg *db, long long id, char **doc, am_error *err);

/* The groups a round stored, as a result against `inst` (the round's own instance, read back
 * from am_pg_round_input): members with role, channel and score, shortfalls, the outcome.
 * *out: a new finished result (caller frees with am_result_free()). AM_EINPUT when the round
 * has no groups or they name a county or expert `inst` does not have. */
am_status am_pg_round_result(am_pg *db, long long id, const am_instance *inst, am_result **out,
                             am_error *err);

/* One line of a round's change log. */
typedef struct am_pg_change_row {
    char county[16], expert[64], change[16], role[16], reason[256], at[40];
} am_pg_change_row;
/* The change log of round `id` by county and expert. *out: a new array (free()). */
am_status am_pg_round_changes(am_pg *db, long long id, am_pg_change_row **out, int *n,
                              am_error *err);

/* ---- meetings (pg_schedule.c) ---- */
/* The newest stored plan of `year`: *doc its advmatch-schedule/1 document (caller frees with
 * free()) and *id, or *doc NULL and *id 0 when there is none. */
am_status am_pg_schedule_latest(am_pg *db, int year, long long *id, char **doc, am_error *err);
/* Store plan `s` (for the published groups as of ledger version read_version; `previous` the
 * plan whose meetings it kept, or 0) in one transaction: the plan with its document `doc`, and
 * its meetings by COPY. AM_ETEMP, nothing stored, when a published membership changed after
 * read_version (the plan is for groups that no longer stand). *id: the new plan. */
am_status am_pg_schedule_store(am_pg *db, const am_schedule *s, long long read_version,
                               long long previous, const char *doc, long long *id,
                               am_error *err);

/* ---- waking up (pg_listen.c) ---- */
/* LISTEN on `channel` ("advmatch_round"). */
am_status am_pg_listen(am_pg *db, const char *channel, am_error *err);
/* Wait up to timeout_ms for a notification (or until *stop becomes non-zero, checked at least
 * every 200 ms); *notified tells whether one came. Consumes every pending notification. */
am_status am_pg_wait(am_pg *db, long timeout_ms, const volatile sig_atomic_t *stop, bool *notified,
                     am_error *err);

#endif
