/* adapters/json/json_out.c: writes advmatch-result/1 and advmatch-instance/1 by hand, in a fixed
 * layout (two-space indentation, fixed key order, integers where the format has integers), so
 * that equal data always give equal bytes. */
#include <math.h>

#include "advmatch/am_json.h"

static void key(am_sink *s, const char *indent, const char *k)
{
    am_sink_puts(s, indent);
    am_sink_json_string(s, k);
    am_sink_puts(s, ": ");
}

/* `"k": "v"` with a separator before it unless first. */
static void kv_str(am_sink *s, bool first, const char *k, const char *v)
{
    am_sink_puts(s, first ? "" : ", ");
    am_sink_json_string(s, k);
    am_sink_puts(s, ": ");
    am_sink_json_string(s, v);
}

static void write_member(am_sink *s, const am_member *m)
{
    am_sink_puts(s, "{");
    kv_str(s, true, "expert", m->expert_id);
    kv_str(s, false, "role", am_role_name(m->role));
    kv_str(s, false, "channel", am_channel_name(m->channel));
    am_sink_printf(s, ", \"score\": %lld}", m->score);
}

static void write_group(am_sink *s, const am_group *g)
{
    am_sink_puts(s, "    {\n");
    key(s, "      ", "county");
    am_sink_json_string(s, g->county_id);
    am_sink_puts(s, ",\n");
    key(s, "      ", "members");
    am_sink_puts(s, g->n_members ? "[\n" : "[");
    for (int i = 0; i < g->n_members; i++) {
        am_sink_puts(s, "        ");
        write_member(s, &g->members[i]);
        am_sink_puts(s, i + 1 < g->n_members ? ",\n" : "\n      ");
    }
    am_sink_puts(s, "],\n");
    key(s, "      ", "shortfalls");
    am_sink_puts(s, g->n_shortfalls ? "[\n" : "[");
    for (int i = 0; i < g->n_shortfalls; i++) {
        const am_shortfall *f = &g->shortfalls[i];
        am_sink_puts(s, "        {");
        kv_str(s, true, "rule", am_rule_name(f->rule));
        am_sink_printf(s, ", \"missing\": %d", f->missing);
        kv_str(s, false, "detail", f->detail);
        am_sink_puts(s, i + 1 < g->n_shortfalls ? "},\n" : "}\n      ");
    }
    am_sink_puts(s, "]\n    }");
}

void am_json_write_result(const am_result *res, am_sink *s)
{
    long long obj = am_result_objective(res);
    am_sink_puts(s, "{\n");
    key(s, "  ", "format");
    am_sink_json_string(s, AM_JSON_RESULT_FORMAT);
    am_sink_puts(s, ",\n");
    key(s, "  ", "status");
    am_sink_json_string(s, am_outcome_name(am_result_outcome(res)));
    am_sink_printf(s, ",\n  \"objective\": %lld,\n", obj);
    if (am_result_has_bound(res)) {
        /* The objective is an integer, so the integer part of the bound is a bound too. */
        double b = floor(am_result_bound(res) + 1e-6);
        long long bound = b < (double)obj ? obj : (long long)b;
        double gap = (double)(bound - obj) / fmax(1.0, fabs((double)obj));
        am_sink_printf(s, "  \"bound\": %lld,\n  \"gap\": %.6g,\n", bound, gap);
    } else {
        am_sink_puts(s, "  \"bound\": null,\n  \"gap\": null,\n");
    }
    int n = am_result_n_groups(res);
    am_sink_puts(s, n ? "  \"groups\": [\n" : "  \"groups\": [");
    for (int i = 0; i < n; i++) {
        write_group(s, am_result_group(res, i));
        am_sink_puts(s, i + 1 < n ? ",\n" : "\n  ");
    }
    const am_result_stats *st = am_result_stats_get(res);
    am_sink_printf(s,
                   "],\n  \"stats\": {\"n_candidates\": %lld, \"n_rows\": %lld, \"n_cols\": %lld, "
                   "\"n_binaries\": %lld, \"n_nonzeros\": %lld}\n}\n",
                   st->n_candidates, st->n_rows, st->n_cols, st->n_binaries, st->n_nonzeros);
}
