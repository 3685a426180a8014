/* adapters/service/serve.c: the worker loop of `advmatch serve`: wait for requests (LISTEN, and
 * a look every two seconds for rounds whose lease ran out), take one, run it, repeat; reconnect
 * after a lost connection; stop cleanly when asked. */
#include <time.h>

#include "service_impl.h"

/* Sleep `ms` unless *stop becomes non-zero first. */
static void nap(const volatile sig_atomic_t *stop, long ms)
{
    for (long t = 0; t < ms && !(stop && *stop); t += 100) {
        struct timespec ts = {0, 100 * 1000000L};
        nanosleep(&ts, NULL);
    }
}

static am_pg *open_db(const char *conninfo, const am_service_opts *o)
{
    am_pg *db = NULL;
    am_error e = {0};
    am_status st = am_pg_connect(conninfo, &db, &e);
    if (st == AM_OK)
        st = am_pg_listen(db, "advmatch_round", &e);
    if (st != AM_OK) {
        svc_log(o, "worker %s: %s; trying again in 5 s", o->worker, e.message);
        am_pg_close(db);
        return NULL;
    }
    svc_log(o, "worker %s: waiting for rounds", o->worker);
    return db;
}

am_status am_service_serve(const char *conninfo, const am_service_opts *o, am_error *err)
{
    (void)err;
    am_pg *db = NULL;
    while (!(o->stop && *o->stop)) {
        if (!db && !(db = open_db(conninfo, o))) {
            nap(o->stop, 5000);
            continue;
        }
        am_error e = {0};
        am_pg_claim c;
        bool got = false;
        am_status st = am_pg_round_claim(db, o->worker, o->lease_s, 0, &c, &got, &e);
        if (st == AM_OK && got) {
            svc_log(o, "worker %s: took round %lld (%s, attempt %d)", o->worker, c.id,
                    am_round_kind_name(c.kind), c.attempts);
            am_service_report rep;
            st = am_service_run(db, &c, o, &rep, &e);
            am_pg_claim_free(&c);
        } else if (st == AM_OK) {
            bool notified;
            st = am_pg_wait(db, 2000, o->stop, &notified, &e);
        }
        if (st != AM_OK) {
            svc_log(o, "worker %s: %s", o->worker, e.message);
            if (st == AM_EUNAVAIL) {
                am_pg_close(db);
                db = NULL;
            }
            nap(o->stop, 1000);
        }
    }
    am_pg_close(db);
    svc_log(o, "worker %s: stopped", o->worker);
    return AM_OK;
}
