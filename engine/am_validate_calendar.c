/* engine/am_validate_calendar.c: the domain checks of the meeting calendar (docs/formats.md,
 * "calendar"): a known year or explicit lists, half windows inside the year and in order, the
 * numbers of the calendar, date ranges of experts and counties, and fixed meetings that fall in
 * a half. Called by am_validate; reports only. */
#include <stdarg.h>
#include <stdio.h>

#include "am_instance_impl.h"

static const char *const half_names[AM_N_HALVES] = {"H1", "H2"};

static am_status add(am_diags *d, am_diag_level lv, const char *rec, const char *field,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static am_status add(am_diags *d, am_diag_level lv, const char *rec, const char *field,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    am_status st = am_diags_addv(d, lv, rec, field, fmt, ap);
    va_end(ap);
    return st;
}

#define ADD(...)                                                                                   \
    do {                                                                                           \
        if (add(d, __VA_ARGS__) != AM_OK)                                                          \
            return AM_ENOMEM;                                                                      \
    } while (0)

static am_status check_windows(const am_calendar *c, am_diags *d)
{
    am_date jan1 = am_date_from_ymd(c->year, 1, 1), dec31 = am_date_from_ymd(c->year, 12, 31);
    char a[11], b[11], f[48];
    for (int h = 0; h < AM_N_HALVES; h++) {
        const am_range *w = &c->halves[h];
        snprintf(f, sizeof f, "halves.%s", half_names[h]);
        if (w->from > w->to)
            ADD(AM_DIAG_ERROR, "calendar", f, "window %s..%s ends before it starts",
                am_date_format(w->from, a), am_date_format(w->to, b));
        else if (w->from < jan1 || w->to > dec31)
            ADD(AM_DIAG_ERROR, "calendar", f, "window %s..%s is not inside the year %d",
                am_date_format(w->from, a), am_date_format(w->to, b), c->year);
    }
    if (c->halves[0].to >= c->halves[1].from)
        ADD(AM_DIAG_ERROR, "calendar", "halves.H2", "H2 must start after H1 ends (%s)",
            am_date_format(c->halves[0].to, a));
    return AM_OK;
}

static am_status check_lists(const am_calendar *c, am_diags *d)
{
    char a[11], f[48];
    for (int i = 0; i < c->n_holidays; i++) {
        int y, m, day;
        am_date_to_ymd(c->holidays[i], &y, &m, &day);
        snprintf(f, sizeof f, "holidays");
        if (y != c->year)
            ADD(AM_DIAG_WARNING, "calendar", f, "%s is not in the year %d; ignored",
                am_date_format(c->holidays[i], a), c->year);
    }
    for (int i = 0; i < c->n_workdays; i++)
        if (am_date_weekday(c->workdays[i]) < 5)
            ADD(AM_DIAG_WARNING, "calendar", "workdays",
                "%s is a weekday: it is a working day anyway", am_date_format(c->workdays[i], a));
    return AM_OK;
}

static am_status check_calendar(const am_calendar *c, am_diags *d)
{
    if (c->year < 1900 || c->year > 2199) {
        ADD(AM_DIAG_ERROR, "calendar", "year", "year %d is out of range (1900..2199)", c->year);
        return AM_OK;
    }
    if (!c->lists_known)
        ADD(AM_DIAG_ERROR, "calendar", "year",
            "advmatch ships the official days off of 2025 and 2026 only; for %d give "
            "calendar.holidays and calendar.workdays", c->year);
    if (c->meetings_per_half < 1 || c->meetings_per_half > 6)
        ADD(AM_DIAG_ERROR, "calendar", "meetings_per_half", "must be 1..6, not %d",
            c->meetings_per_half);
    if (c->max_per_province_per_day < 1)
        ADD(AM_DIAG_ERROR, "calendar", "max_meetings_per_province_per_day",
            "must be at least 1, not %d", c->max_per_province_per_day);
    if (!(c->min_attendance >= 0 && c->min_attendance <= 1))
        ADD(AM_DIAG_ERROR, "calendar", "min_attendance", "must be a share between 0 and 1, not %g",
            c->min_attendance);
    am_status st = check_windows(c, d);
    return st == AM_OK ? check_lists(c, d) : st;
}

static am_status check_ranges(const am_range *r, int n, const char *rec, const char *what,
                              am_diags *d)
{
    char a[11], b[11], f[48];
    for (int i = 0; i < n; i++)
        if (r[i].from > r[i].to) {
            snprintf(f, sizeof f, "%s[%d]", what, i);
            ADD(AM_DIAG_ERROR, rec, f, "range %s..%s ends before it starts",
                am_date_format(r[i].from, a), am_date_format(r[i].to, b));
        }
    return AM_OK;
}

am_status am_validate_calendar(const am_instance *inst, am_diags *d)
{
    const am_calendar *c = &inst->calendar;
    char rec[64], a[11], b[11], e[11], g[11], h[11];
    if (c->present && check_calendar(c, d) != AM_OK)
        return AM_ENOMEM;
    for (int i = 0; i < inst->n_counties; i++)
        if (check_ranges(inst->counties[i].blackout, inst->counties[i].n_blackout,
                         am_instance_county_label(inst, i, rec, sizeof rec), "blackout",
                         d) != AM_OK)
            return AM_ENOMEM;
    for (int i = 0; i < inst->n_experts; i++)
        if (check_ranges(inst->experts[i].unavailable, inst->experts[i].n_unavailable,
                         am_instance_expert_label(inst, i, rec, sizeof rec), "unavailable",
                         d) != AM_OK)
            return AM_ENOMEM;
    for (int i = 0; i < inst->n_meetings; i++) {
        const am_fixed_meeting *m = &inst->meetings[i];
        am_instance_meeting_label(inst, i, rec, sizeof rec);
        if (!c->present)
            ADD(AM_DIAG_ERROR, rec, "date", "meetings need a \"calendar\" with the year");
        else if (m->half < 0)
            ADD(AM_DIAG_ERROR, rec, "date",
                "%s lies in neither half (H1 %s..%s, H2 %s..%s)", am_date_format(m->date, a),
                am_date_format(c->halves[0].from, b), am_date_format(c->halves[0].to, e),
                am_date_format(c->halves[1].from, g), am_date_format(c->halves[1].to, h));
    }
    return AM_OK;
}
