/* adapters/json/json_schedule_out.c: writes advmatch-schedule/1 by hand in a fixed layout, so
 * that equal schedules give equal bytes. */
#include <math.h>

#include "advmatch/am_json.h"

static const char *const half_names[AM_N_HALVES] = {"H1", "H2"};

static void write_meeting(am_sink *s, const am_instance *inst, const am_sched_meeting *m)
{
    const am_county *c = am_instance_county(inst, m->county);
    char date[11];
    am_sink_puts(s, "    {\n      \"county\": ");
    am_sink_json_string(s, c->id);
    am_sink_puts(s, ",\n      \"county_name\": ");
    am_sink_json_string(s, c->name);
    am_sink_printf(s,
                   ",\n      \"half\": \"%s\",\n      \"date\": \"%s\",\n      \"mode\": \"%s\","
                   "\n      \"fixed\": %s,\n      \"attending\": [",
                   half_names[m->half], am_date_format(m->date, date), am_mode_name(m->mode),
                   m->fixed ? "true" : "false");
    for (int i = 0; i < m->n_attending; i++) {
        am_sink_puts(s, i ? ", " : "");
        am_sink_json_string(s, am_instance_expert(inst, m->attending[i])->id);
    }
    am_sink_puts(s, "],\n      \"absent\": [");
    for (int i = 0; i < m->n_absent; i++) {
        am_sink_puts(s, i ? ", {\"expert\": " : "{\"expert\": ");
        am_sink_json_string(s, am_instance_expert(inst, m->absent[i])->id);
        am_sink_puts(s, ", \"reason\": ");
        am_sink_json_string(s, m->absent_reason[i]);
        am_sink_puts(s, "}");
    }
    am_sink_puts(s, "]\n    }");
}

void am_json_write_schedule(const am_schedule *s, am_sink *out)
{
    const am_instance *inst = am_schedule_instance(s);
    long long obj = am_schedule_objective(s);
    am_sink_puts(out, "{\n  \"format\": ");
    am_sink_json_string(out, AM_JSON_SCHEDULE_FORMAT);
    am_sink_printf(out, ",\n  \"year\": %d,\n  \"status\": \"%s\",\n  \"objective\": %lld,\n",
                   am_instance_calendar(inst)->year, am_outcome_name(am_schedule_outcome(s)), obj);
    if (am_schedule_has_bound(s)) {
        double b = floor(am_schedule_bound(s) + 1e-6);
        long long bound = b < (double)obj ? obj : (long long)b;
        am_sink_printf(out, "  \"bound\": %lld,\n  \"gap\": %.6g,\n", bound,
                       (double)(bound - obj) / fmax(1.0, fabs((double)obj)));
    } else {
        am_sink_puts(out, "  \"bound\": null,\n  \"gap\": null,\n");
    }
    int n = am_schedule_n_meetings(s);
    am_sink_puts(out, n ? "  \"meetings\": [\n" : "  \"meetings\": [");
    for (int i = 0; i < n; i++) {
        write_meeting(out, inst, am_schedule_meeting(s, i));
        am_sink_puts(out, i + 1 < n ? ",\n" : "\n  ");
    }
    int u = am_schedule_n_unscheduled(s);
    am_sink_puts(out, u ? "],\n  \"unscheduled\": [\n" : "],\n  \"unscheduled\": [");
    for (int i = 0; i < u; i++) {
        const am_sched_unscheduled *x = am_schedule_unscheduled(s, i);
        am_sink_puts(out, "    {\"county\": ");
        am_sink_json_string(out, am_instance_county(inst, x->county)->id);
        am_sink_printf(out, ", \"half\": \"%s\", \"missing\": %d, \"reason\": ",
                       half_names[x->half], x->missing);
        am_sink_json_string(out, x->reason);
        am_sink_puts(out, i + 1 < u ? "},\n" : "}\n  ");
    }
    am_sink_puts(out, "]\n}\n");
}
