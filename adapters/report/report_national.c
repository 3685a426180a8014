/* adapters/report/report_national.c: the national overview: the totals, then one row per
 * province of the instance (its counties' groups: complete, members by channel, shortfalls by
 * rule, quotas, coverage, meetings, and the seats its experts hold in other provinces' groups). */
#include <stdio.h>
#include <string.h>

#include "report_impl.h"

typedef struct prov {
    rp_totals t;
    int supplied;          /* seats held by its experts in groups of other provinces */
    int held, missing;     /* meetings planned, meetings missing */
} prov;

/* A bar of the province's memberships split by channel (shares, no size marks). */
static void share_bar(am_sink *s, const int by_channel[RP_N_CHANNELS], int total)
{
    if (total == 0) {
        am_sink_puts(s, "<span class=\"num\">-</span>");
        return;
    }
    rp_channel_segments(s, "by channel", by_channel, total);
    am_sink_printf(s, "</span><span class=\"num\">%d</span></span>", total);
}

static void rule_tags(am_sink *s, const rp_totals *t)
{
    int n = 0;
    for (int r = 0; r < AM_N_RULES; r++)
        if (t->rule_groups[r]) {
            am_sink_printf(s, "<span class=\"tag bad\">%s %s %d</span>", rp_rule_zh((am_rule)r),
                           am_rule_name((am_rule)r), t->rule_groups[r]);
            n++;
        }
    if (n == 0)
        am_sink_puts(s, t->n_counties ? "<span class=\"tag ok\">无 none</span>" : "-");
}

/* The cells after the province's name and region (also of the totals row). */
static void cells(am_sink *s, const prov *v, bool sched)
{
    const rp_totals *t = &v->t;
    am_sink_printf(s, "<td class=\"n\" data-label=\"县 counties\">%d</td>"
                      "<td data-label=\"完整 complete\">", t->n_counties);
    rp_ratio_bar(s, t->n_complete, t->n_counties);
    am_sink_puts(s, "</td><td data-label=\"成员 members\">");
    share_bar(s, t->by_channel, t->n_members);
    am_sink_puts(s, "</td><td data-label=\"短缺 shortfalls (groups)\">");
    rule_tags(s, t);
    am_sink_puts(s, "</td><td data-label=\"协作省达标 pairing met\">");
    rp_ratio_bar(s, t->pairing_met, t->pairing_applies);
    am_sink_puts(s, "</td><td data-label=\"产业覆盖 industries\">");
    rp_ratio_bar(s, t->industries_covered, t->industries);
    if (sched)
        am_sink_printf(s, "</td><td class=\"n\" data-label=\"会议 meetings\">%d", v->held);
    if (sched && v->missing)
        am_sink_printf(s, " <span class=\"tag bad\">缺 missing %d</span>", v->missing);
    am_sink_printf(s, "</td><td class=\"n\" data-label=\"外派席位 seats elsewhere\">%d</td>",
                   v->supplied);
}

static void gather(const am_instance *inst, const am_result *res, const am_schedule *sched,
                   prov *pv, prov *all)
{
    for (int c = 0; c < am_instance_n_counties(inst); c++) {
        int p = am_instance_county(inst, c)->province;
        rp_county k;
        rp_county_tally(inst, res, c, &k, NULL);
        rp_totals_add(&pv[p].t, &k);
        rp_totals_add(&all->t, &k);
        const am_group *g = am_result_group(res, c);
        for (int i = 0; i < g->n_members; i++) {
            int q = am_instance_expert(inst, g->members[i].expert)->province;
            if (q != p) {
                pv[q].supplied++;
                all->supplied++;
            }
        }
    }
    for (int i = 0; sched && i < am_schedule_n_meetings(sched); i++) {
        int p = am_instance_county(inst, am_schedule_meeting(sched, i)->county)->province;
        pv[p].held++;
        all->held++;
    }
    for (int i = 0; sched && i < am_schedule_n_unscheduled(sched); i++) {
        const am_sched_unscheduled *u = am_schedule_unscheduled(sched, i);
        int p = am_instance_county(inst, u->county)->province;
        pv[p].missing += u->missing;
        all->missing += u->missing;
    }
}

static void card(am_sink *s, bool bad, const char *zh, const char *en, int a, int b)
{
    am_sink_printf(s, "<div class=\"card%s\"><b>%d", bad ? " bad" : "", a);
    if (b >= 0)
        am_sink_printf(s, "/%d", b);
    am_sink_puts(s, "</b>");
    rp_label(s, zh, en);
    am_sink_puts(s, "</div>\n");
}

static void totals(am_sink *s, const prov *all, int n_provinces, int with_counties, bool sched)
{
    const rp_totals *t = &all->t;
    am_sink_puts(s, "<section id=\"summary\">\n<h2>");
    rp_label(s, "全国概况", "National summary");
    am_sink_puts(s, "</h2>\n<div class=\"cards\">\n");
    card(s, false, "有县的省份", "provinces with counties", with_counties, n_provinces);
    card(s, false, "县", "counties", t->n_counties, -1);
    card(s, t->n_complete < t->n_counties, "完整的组", "groups complete", t->n_complete,
         t->n_counties);
    card(s, false, "成员席位", "memberships", t->n_members, -1);
    card(s, false, "专家（人）", "experts used", t->n_distinct, -1);
    card(s, t->leader_met < t->n_counties, "有组长", "groups led", t->leader_met, t->n_counties);
    card(s, t->local_met < t->n_counties, "本地名额达标", "local quota met", t->local_met,
         t->n_counties);
    if (t->pairing_applies)
        card(s, t->pairing_met < t->pairing_applies, "协作省名额达标", "pairing quota met",
             t->pairing_met, t->pairing_applies);
    card(s, t->industries_covered < t->industries, "产业已覆盖", "industries covered",
         t->industries_covered, t->industries);
    if (sched) {
        card(s, false, "会议已安排", "meetings planned", all->held, -1);
        card(s, all->missing > 0, "会议未安排", "meetings missing", all->missing, -1);
    }
    am_sink_puts(s, "</div>\n");
    if (t->n_not_candidate > 0)
        am_sink_printf(s, "<p class=\"warn\">%d member(s) are not candidates of their county: "
                          "this result breaks the rules; <code>advmatch check</code> lists "
                          "them.</p>\n", t->n_not_candidate);
    am_sink_puts(s, "<p class=\"muted\">每个省的详细预览 Each province's preview, county by "
                    "county: <code>advmatch report INSTANCE RESULT [SCHEDULE] --province CODE"
                    "</code>.</p>\n</section>\n");
}

am_status rp_national(const am_instance *inst, const am_result *res, const am_schedule *sched,
                      am_sink *s, am_error *err)
{
    am_arena *a = am_arena_new();
    int np = am_instance_n_provinces(inst);
    prov *pv = a ? AM_ARENA_ARRAY(a, prov, np + 1) : NULL;
    unsigned char *seen = a ? AM_ARENA_ARRAY(a, unsigned char, am_instance_n_experts(inst) + 1)
                            : NULL;
    if (!pv || !seen) {
        am_arena_free(a);
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory writing the report");
    }
    prov all;
    memset(&all, 0, sizeof all);
    gather(inst, res, sched, pv, &all);
    all.t.n_distinct = rp_count_distinct(inst, res, -1, seen);
    int with_counties = 0;
    for (int p = 0; p < np; p++)
        with_counties += pv[p].t.n_counties > 0;

    rp_page_begin(s, "全国产业顾问组概况 advisor groups: national overview");
    am_sink_puts(s, "<header>\n<h1>全国产业顾问组概况 <span class=\"en\">advisor groups, one per "
                    "county: national overview</span></h1>\n");
    rp_meta(s, inst, res, sched);
    am_sink_puts(s, "</header>\n");
    totals(s, &all, np, with_counties, sched != NULL);

    am_sink_puts(s, "<section id=\"provinces\">\n<h2>");
    rp_label(s, "各省", "Provinces");
    am_sink_puts(s, "</h2>\n");
    rp_channel_legend(s, false);
    am_sink_printf(s, "<div class=\"scroll\"><table class=\"provinces stack\">\n<thead><tr>"
                      "<th>省份 province</th><th class=\"n\">县 counties"
                      "</th><th>完整 complete</th><th>成员 members</th><th>短缺 shortfalls "
                      "(groups)</th><th>协作省达标 pairing met</th><th>产业覆盖 industries</th>"
                      "%s<th class=\"n\">外派席位 seats elsewhere</th></tr></thead>\n<tbody>\n",
                   sched ? "<th class=\"n\">会议 meetings</th>" : "");
    for (int p = 0; p < np; p++) {
        const am_province *q = am_instance_province(inst, p);
        am_sink_printf(s, "<tr class=\"province%s\" id=\"p", pv[p].t.n_counties ? "" : " empty");
        rp_text(s, q->code);
        am_sink_puts(s, "\"><td data-label=\"省份 province\"><b>");
        rp_text(s, q->name);
        am_sink_puts(s, "</b><br><span class=\"muted\">");
        rp_text(s, q->code);
        am_sink_printf(s, " · %s %s", rp_region_zh(q->region), am_region_name(q->region));
        for (int i = 0; i < q->n_paired; i++) {
            am_sink_puts(s, i ? ", " : "<br>协作 paired: ");
            rp_text(s, am_instance_province(inst, q->paired[i])->name);
        }
        am_sink_puts(s, "</span></td>");
        cells(s, &pv[p], sched != NULL);
        am_sink_puts(s, "</tr>\n");
    }
    am_sink_puts(s, "</tbody>\n<tfoot><tr><td data-label=\"\">合计 total</td>");
    cells(s, &all, sched != NULL);
    am_sink_puts(s, "</tr></tfoot>\n</table></div>\n<p class=\"muted\">外派席位: seats that a "
                    "province's experts hold in the groups of other provinces (paired and "
                    "national members).</p>\n</section>\n");
    rp_page_end(s);
    am_arena_free(a);
    return AM_OK;
}
