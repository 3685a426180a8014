/* engine/am_calendar.c: working days of a meeting calendar, half windows, date ranges, and the
 * official holiday lists advmatch ships (embedded at build time from
 * fixtures/reference/cn-holidays.csv: lines "date,kind,name", kind holiday or workday). */
#include <stdlib.h>
#include <string.h>

#include "am_calendar_impl.h"

extern const char am_ref_cn_holidays_csv[];

void am_calendar_rec_init(am_calendar_rec *r)
{
    memset(r, 0, sizeof *r);
    r->n_holidays = -1;
    r->n_workdays = -1;
    for (int h = 0; h < AM_N_HALVES; h++)
        r->halves[h] = (am_range){1, 0}; /* from > to: default */
    r->meetings_per_half = 1;
    r->max_per_province_per_day = 3;
    r->min_attendance = 0.6;
    r->plan_early_summary_late = true;
}

static bool in_sorted(const am_date *v, int n, am_date d)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (v[mid] == d)
            return true;
        if (v[mid] < d)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return false;
}

bool am_calendar_is_workday(const am_calendar *c, am_date d)
{
    if (in_sorted(c->workdays, c->n_workdays, d))
        return true;
    return am_date_weekday(d) < 5 && !in_sorted(c->holidays, c->n_holidays, d);
}

int am_calendar_half_of(const am_calendar *c, am_date d)
{
    for (int h = 0; h < AM_N_HALVES; h++)
        if (d >= c->halves[h].from && d <= c->halves[h].to)
            return h;
    return -1;
}

bool am_ranges_contain(const am_range *r, int n, am_date d)
{
    for (int i = 0; i < n; i++)
        if (d >= r[i].from && d <= r[i].to)
            return true;
    return false;
}

/* Calls fn(date, is_workday, ctx) for each line of the shipped table in `year`. */
static void each_shipped(int year, void (*fn)(am_date, bool, void *), void *ctx)
{
    const char *p = strchr(am_ref_cn_holidays_csv, '\n'); /* skip the header */
    while (p && *p) {
        p++;
        char date[11];
        am_date d;
        if (strlen(p) > 11 && p[10] == ',') {
            memcpy(date, p, 10);
            date[10] = '\0';
            if (am_date_parse(date, &d) && atoi(date) == year)
                fn(d, strncmp(p + 11, "workday", 7) == 0, ctx);
        }
        p = strchr(p, '\n');
    }
}

static void count_year(am_date d, bool w, void *ctx)
{
    (void)d;
    (void)w;
    ++*(int *)ctx;
}

bool am_calendar_year_shipped(int year)
{
    int n = 0;
    each_shipped(year, count_year, &n);
    return n > 0;
}

typedef struct collect {
    am_date *hol, *wd;
    int nh, nw;
} collect;

static void collect_one(am_date d, bool w, void *ctx)
{
    collect *c = ctx;
    if (w) {
        if (c->wd)
            c->wd[c->nw] = d;
        c->nw++;
    } else {
        if (c->hol)
            c->hol[c->nh] = d;
        c->nh++;
    }
}

int am_calendar_shipped_lists(am_arena *a, int year, const am_date **hol, int *nh,
                              const am_date **wd, int *nw)
{
    collect c = {0};
    each_shipped(year, collect_one, &c);
    int n_h = c.nh, n_w = c.nw;
    c = (collect){AM_ARENA_ARRAY(a, am_date, n_h + 1), AM_ARENA_ARRAY(a, am_date, n_w + 1), 0, 0};
    if (!c.hol || !c.wd)
        return -1;
    each_shipped(year, collect_one, &c); /* the table is in date order */
    *hol = c.hol;
    *nh = c.nh;
    *wd = c.wd;
    *nw = c.nw;
    return 0;
}
