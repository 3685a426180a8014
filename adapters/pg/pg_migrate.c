/* adapters/pg/pg_migrate.c: `advmatch db migrate`: apply the numbered SQL migrations compiled in
 * from adapters/pg/migrations/, each in one transaction, recorded in advmatch_schema_version. */
#include <stdio.h>
#include <string.h>

#include "pg_impl.h"

/* Byte arrays embedded by cmake/embed.cmake from adapters/pg/migrations/. */
extern const char am_ref_001_schema_sql[];
extern const char am_ref_002_access_sql[];
extern const char am_ref_003_rounds_sql[];
extern const char am_ref_004_stamps_sql[];
extern const char am_ref_005_meetings_sql[];

typedef struct migration {
    int version;
    const char *name;
    const char *sql;
} migration;

/* In order; a new migration is a new file there and a new line here, never an edit of one
 * that was released. */
static const migration migrations[] = {
    {1, "001_schema.sql", am_ref_001_schema_sql},
    {2, "002_access.sql", am_ref_002_access_sql},
    {3, "003_rounds.sql", am_ref_003_rounds_sql},
    {4, "004_stamps.sql", am_ref_004_stamps_sql},
    {5, "005_meetings.sql", am_ref_005_meetings_sql},
};
static const int n_migrations = (int)(sizeof migrations / sizeof migrations[0]);

static const char create_version_table[] =
    "CREATE TABLE IF NOT EXISTS public.advmatch_schema_version ("
    " version integer PRIMARY KEY, name text NOT NULL,"
    " applied_at timestamptz NOT NULL DEFAULT now())";

int am_pg_schema_latest(void)
{
    return migrations[n_migrations - 1].version;
}

am_status am_pg_schema_version(am_pg *db, int *version, am_error *err)
{
    *version = 0;
    PGresult *r = NULL;
    am_status st = pg_query(db,
                            "SELECT coalesce(max(version), 0) FROM public.advmatch_schema_version "
                            "WHERE to_regclass('public.advmatch_schema_version') IS NOT NULL",
                            0, NULL, &r, "read the schema version", err);
    if (st != AM_OK) {
        /* the table does not exist: never migrated */
        if (strstr(err->message, "does not exist")) {
            am_error_clear(err);
            return AM_OK;
        }
        return st;
    }
    *version = (int)pg_get_ll(r, 0, 0, 0);
    PQclear(r);
    if (*version > am_pg_schema_latest())
        return am_error_set(err, AM_EINPUT, NULL, NULL,
                            "the database has schema version %d, newer than this advmatch "
                            "knows (%d): upgrade advmatch", *version, am_pg_schema_latest());
    return AM_OK;
}

/* Apply migration `m` unless it is recorded; *ran tells. */
static am_status apply(am_pg *db, const migration *m, bool *ran, am_error *err)
{
    *ran = false;
    am_status st;
    AM_TRY(pg_begin(db, "", err));
    AM_TRY(pg_exec(db, "SELECT pg_advisory_xact_lock(hashtext('advmatch-migrate'))",
                   "lock the migrations", err));
    AM_TRY(pg_exec(db, create_version_table, "create advmatch_schema_version", err));
    char v[16];
    snprintf(v, sizeof v, "%d", m->version);
    const char *params[] = {v, m->name};
    PGresult *r = NULL;
    AM_TRY(pg_query(db, "SELECT 1 FROM public.advmatch_schema_version WHERE version = $1", 1,
                    params, &r, "read the schema version", err));
    bool done = PQntuples(r) > 0;
    PQclear(r);
    if (!done) {
        char what[96];
        snprintf(what, sizeof what, "migration %s", m->name);
        AM_TRY(pg_exec(db, m->sql, what, err));
        AM_TRY(pg_query(db, "INSERT INTO public.advmatch_schema_version (version, name) "
                            "VALUES ($1, $2)", 2, params, NULL, "record the migration", err));
    }
    AM_TRY(pg_commit(db, err));
    *ran = !done;
done:
    if (st != AM_OK)
        pg_rollback(db);
    return st;
}

am_status am_pg_migrate(am_pg *db, int *applied, int *version, am_error *err)
{
    *applied = 0;
    am_status st = am_pg_schema_version(db, version, err);
    if (st != AM_OK)
        return st;
    for (int i = 0; i < n_migrations; i++) {
        if (migrations[i].version <= *version)
            continue;
        bool ran;
        st = apply(db, &migrations[i], &ran, err);
        if (st != AM_OK)
            return st;
        *applied += ran;
    }
    return am_pg_schema_version(db, version, err);
}
