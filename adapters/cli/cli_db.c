/* adapters/cli/cli_db.c: opening the ledger for a command: connect with a libpq conninfo and,
 * when asked, refuse a schema that is not the one this advmatch knows, each with a message that
 * says what to do and the exit status to return. */
#include <sysexits.h>

#include "cli.h"

int cli_db_open(const char *conninfo, bool need_current_schema, am_pg **out)
{
    am_error err = {0};
    am_pg *db = NULL;
    *out = NULL;
    am_status st = am_pg_connect(conninfo, &db, &err);
    if (st != AM_OK) {
        cli_print_error(&err);
        return cli_exit_code(st, false); /* AM_EUNAVAIL: 69 */
    }
    if (need_current_schema) {
        int version = 0;
        st = am_pg_schema_version(db, &version, &err);
        if (st != AM_OK) {
            cli_print_error(&err);
            am_pg_close(db);
            /* a schema newer than this program: it cannot use this database either */
            return st == AM_EINPUT ? EX_UNAVAILABLE : cli_exit_code(st, false);
        }
        int latest = am_pg_schema_latest();
        if (version < latest) {
            if (version == 0)
                fprintf(stderr, "advmatch: error: the database has no advmatch schema: run "
                                "advmatch db migrate first\n");
            else
                fprintf(stderr, "advmatch: error: the database has schema version %d, this "
                                "advmatch needs %d: run advmatch db migrate first\n",
                        version, latest);
            am_pg_close(db);
            return EX_UNAVAILABLE;
        }
    }
    *out = db;
    return 0;
}
