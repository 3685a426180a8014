/* adapters/pg/pg_listen.c: LISTEN on a channel and wait on the connection's socket for a
 * notification, waking at least every 200 ms to look at a stop flag. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>

#include "pg_impl.h"

am_status am_pg_listen(am_pg *db, const char *channel, am_error *err)
{
    char *quoted = PQescapeIdentifier(db->conn, channel, strlen(channel));
    if (!quoted)
        return pg_fail(db, NULL, "listen", err);
    char sql[128];
    snprintf(sql, sizeof sql, "LISTEN %s", quoted);
    PQfreemem(quoted);
    return pg_exec(db, sql, "listen for round requests", err);
}

/* Consume what the server sent; *got true if a notification was among it. */
static am_status drain(am_pg *db, bool *got, am_error *err)
{
    if (!PQconsumeInput(db->conn))
        return pg_fail(db, NULL, "wait for round requests", err);
    PGnotify *n;
    while ((n = PQnotifies(db->conn)) != NULL) {
        *got = true;
        PQfreemem(n);
    }
    return AM_OK;
}

am_status am_pg_wait(am_pg *db, long timeout_ms, const volatile sig_atomic_t *stop,
                     bool *notified, am_error *err)
{
    *notified = false;
    am_status st = drain(db, notified, err);
    int fd = PQsocket(db->conn);
    if (st != AM_OK || *notified)
        return st;
    if (fd < 0)
        return pg_fail(db, NULL, "wait for round requests", err);
    for (long waited = 0; waited < timeout_ms && !(stop && *stop);) {
        long slice = timeout_ms - waited < 200 ? timeout_ms - waited : 200;
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int rc = poll(&p, 1, (int)slice);
        waited += slice;
        if (rc < 0 && errno != EINTR)
            return am_error_set(err, AM_EUNAVAIL, NULL, NULL, "wait for round requests: poll "
                                "failed");
        if (rc > 0) {
            st = drain(db, notified, err);
            if (st != AM_OK || *notified)
                return st;
        }
    }
    return AM_OK;
}
