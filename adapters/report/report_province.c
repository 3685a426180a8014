/* adapters/report/report_province.c: a province's preview: the summary (counties, complete
 * groups, shortfalls by rule, members by channel, quotas met, meetings), a bar per county with
 * its size and coverage, then each county's section (report_county.c). */
#include <stdio.h>
#include <string.h>

#include "report_impl.h"

typedef struct scope {
    const am_instance *inst;
    const am_result *res;
    int p;
    rp_county *k; /* per county index; only those in scope are filled */
    rp_totals t;
    int scale;    /* seats on the track of every size bar */
} scope;

static void card(am_sink *s, bool bad, const char *zh, const char *en, const char *fmt, int a,
                 int b)
{
    am_sink_printf(s, "<div class=\"card%s\"><b>", bad ? " bad" : "");
    am_sink_printf(s, fmt, a, b);
    am_sink_puts(s, "</b>");
    rp_label(s, zh, en);
    am_sink_puts(s, "</div>\n");
}

static void county_link(am_sink *s, const am_county *cy)
{
    am_sink_puts(s, "<a href=\"#c");
    rp_text(s, cy->id);
    am_sink_puts(s, "\">");
    rp_text(s, cy->name);
    am_sink_puts(s, "</a>");
}

static void partners(am_sink *s, const am_instance *inst, const am_province *pv)
{
    am_sink_puts(s, "<p>东西部协作 paired with: ");
    for (int i = 0; i < pv->n_paired; i++) {
        const am_province *q = am_instance_province(inst, pv->paired[i]);
        am_sink_puts(s, i ? ", " : "");
        rp_textf(s, "%s (%s)", q->name, q->code);
    }
    if (pv->n_paired == 0)
        am_sink_puts(s, "无 none: the pairing quota does not apply to its counties");
    am_sink_puts(s, "</p>\n");
}

/* Meetings of the counties in scope: scheduled, fixed, and missing ones. */
static void meeting_cards(am_sink *s, const scope *sc, const am_schedule *sched)
{
    int held = 0, fixed = 0, missing = 0;
    for (int i = 0; i < am_schedule_n_meetings(sched); i++) {
        const am_sched_meeting *m = am_schedule_meeting(sched, i);
        if (rp_in_scope(sc->inst, m->county, sc->p)) {
            held++;
            fixed += m->fixed;
        }
    }
    for (int i = 0; i < am_schedule_n_unscheduled(sched); i++) {
        const am_sched_unscheduled *u = am_schedule_unscheduled(sched, i);
        if (rp_in_scope(sc->inst, u->county, sc->p))
            missing += u->missing;
    }
    card(s, false, "会议已安排", "meetings planned", "%d<small class=\"en\"> (%d fixed)</small>",
         held, fixed);
    card(s, missing > 0, "会议未安排", "meetings missing", "%d", missing, 0);
}

static void summary(am_sink *s, const scope *sc, const am_schedule *sched)
{
    const rp_totals *t = &sc->t;
    const am_province *pv = am_instance_province(sc->inst, sc->p);
    am_sink_puts(s, "<section id=\"summary\">\n<h2>");
    rp_label(s, "概况", "Summary");
    am_sink_puts(s, "</h2>\n<div class=\"cards\">\n");
    card(s, false, "县", "counties", "%d", t->n_counties, 0);
    card(s, t->n_complete < t->n_counties, "完整的组", "groups complete", "%d/%d", t->n_complete,
         t->n_counties);
    card(s, false, "成员席位", "memberships", "%d", t->n_members, 0);
    card(s, false, "专家（人）", "experts used", "%d", t->n_distinct, 0);
    card(s, t->leader_met < t->n_counties, "有组长", "groups led", "%d/%d", t->leader_met,
         t->n_counties);
    card(s, t->local_met < t->n_counties, "本地名额达标", "local quota met", "%d/%d",
         t->local_met, t->n_counties);
    if (t->pairing_applies)
        card(s, t->pairing_met < t->pairing_applies, "协作省名额达标", "pairing quota met",
             "%d/%d", t->pairing_met, t->pairing_applies);
    card(s, t->industries_covered < t->industries, "产业已覆盖", "industries covered", "%d/%d",
         t->industries_covered, t->industries);
    card(s, t->stages_covered < t->stages, "环节已覆盖", "stages covered", "%d/%d",
         t->stages_covered, t->stages);
    if (sched)
        meeting_cards(s, sc, sched);
    am_sink_puts(s, "</div>\n");
    partners(s, sc->inst, pv);
    if (t->n_not_candidate > 0)
        am_sink_printf(s, "<p class=\"warn\">%d 个成员不符合候选条件 %d member(s) are not "
                          "candidates of their county: this result breaks the rules; "
                          "<code>advmatch check</code> lists them.</p>\n",
                       t->n_not_candidate, t->n_not_candidate);

    /* experts used by channel */
    am_sink_puts(s, "<h3>");
    rp_label(s, "按渠道的成员", "Members by channel");
    am_sink_puts(s, "</h3>\n<div class=\"scroll\"><table class=\"channels\">\n<thead><tr><th>"
                    "渠道 channel</th><th class=\"n\">席位 seats</th><th>占比 share</th></tr>"
                    "</thead>\n<tbody>\n");
    for (int ch = 0; ch < RP_N_CHANNELS; ch++) {
        am_sink_printf(s, "<tr><td><i class=\"sw ch-%s\"></i>%s %s</td>"
                          "<td class=\"n\">%d</td><td>",
                       am_channel_name((am_channel)ch), rp_channel_zh((am_channel)ch),
                       am_channel_name((am_channel)ch), t->by_channel[ch]);
        am_sink_printf(s, "<span class=\"bw\"><span class=\"ratio ch-%s\"><span style=\"width:",
                       am_channel_name((am_channel)ch));
        rp_pct(s, t->by_channel[ch], t->n_members);
        am_sink_printf(s, "\"></span></span><span class=\"num\">%d/%d</span></span></td></tr>\n",
                       t->by_channel[ch], t->n_members);
    }
    am_sink_puts(s, "</tbody>\n</table></div>\n");

    /* shortfalls by rule */
    am_sink_puts(s, "<h3>");
    rp_label(s, "按规则的短缺", "Shortfalls by rule");
    am_sink_puts(s, "</h3>\n");
    if (t->n_complete == t->n_counties) {
        am_sink_puts(s, "<p>每个组都满足全部规则。 Every group meets every rule.</p>\n</section>\n");
        return;
    }
    am_sink_puts(s, "<div class=\"scroll\"><table class=\"rules stack\">\n<thead><tr><th>规则 "
                    "rule</th><th class=\"n\">组 groups</th><th class=\"n\">缺 missing</th>"
                    "<th>县 counties</th></tr></thead>\n<tbody>\n");
    for (int r = 0; r < AM_N_RULES; r++) {
        if (!t->rule_groups[r])
            continue;
        am_sink_printf(s, "<tr><td data-label=\"规则 rule\">%s %s</td><td class=\"n\" "
                          "data-label=\"组 groups\">%d</td><td class=\"n\" data-label=\"缺 "
                          "missing\">%d</td><td data-label=\"县 counties\">",
                       rp_rule_zh((am_rule)r), am_rule_name((am_rule)r), t->rule_groups[r],
                       t->rule_missing[r]);
        int n = 0;
        for (int c = 0; c < am_instance_n_counties(sc->inst); c++) {
            if (!rp_in_scope(sc->inst, c, sc->p) || !sc->k[c].rule_entries[r])
                continue;
            am_sink_puts(s, n++ ? ", " : "");
            county_link(s, am_instance_county(sc->inst, c));
        }
        am_sink_puts(s, "</td></tr>\n");
    }
    am_sink_puts(s, "</tbody>\n</table></div>\n</section>\n");
}

/* One row per county: the size bar by channel, the leader, coverage, shortfall tags. */
static void glance(am_sink *s, const scope *sc)
{
    const am_policy *pol = am_instance_policy(sc->inst);
    am_sink_puts(s, "<section id=\"glance\">\n<h2>");
    rp_label(s, "各县一览", "Counties at a glance");
    am_sink_puts(s, "</h2>\n");
    rp_channel_legend(s, true);
    am_sink_puts(s, "<div class=\"scroll\"><table class=\"glance stack\">\n<thead><tr><th>县 "
                    "county</th><th>人数 size</th><th>组长 leader</th><th>产业 industries</th>"
                    "<th>环节 stages</th><th>短缺 shortfalls</th></tr></thead>\n<tbody>\n");
    for (int c = 0; c < am_instance_n_counties(sc->inst); c++) {
        if (!rp_in_scope(sc->inst, c, sc->p))
            continue;
        const am_county *cy = am_instance_county(sc->inst, c);
        const rp_county *k = &sc->k[c];
        const am_group *g = am_result_group(sc->res, c);
        am_sink_puts(s, "<tr><td data-label=\"县 county\">");
        county_link(s, cy);
        am_sink_puts(s, " <span class=\"muted\">");
        rp_text(s, cy->id);
        am_sink_puts(s, "</span></td><td data-label=\"人数 size\">");
        rp_size_bar(s, pol, k->by_channel, sc->scale);
        am_sink_printf(s, "</td><td data-label=\"组长 leader\">%s</td><td data-label=\"产业 "
                          "industries\">",
                       k->has_leader ? "<span class=\"tag ok\">有 yes</span>"
                                     : "<span class=\"tag bad\">无 none</span>");
        rp_ratio_bar(s, k->n_industries_covered, k->n_industries);
        am_sink_puts(s, "</td><td data-label=\"环节 stages\">");
        rp_ratio_bar(s, k->n_stages_covered, k->n_stages);
        am_sink_puts(s, "</td><td data-label=\"短缺 shortfalls\">");
        for (int i = 0; i < g->n_shortfalls; i++) {
            const am_shortfall *sf = &g->shortfalls[i];
            am_sink_printf(s, "<span class=\"tag bad\">%s", rp_rule_zh(sf->rule));
            if (sf->detail[0]) {
                am_sink_puts(s, " ");
                rp_text(s, sf->detail);
            }
            am_sink_puts(s, "</span>");
        }
        if (g->n_shortfalls == 0)
            am_sink_puts(s, "<span class=\"tag ok\">完整 complete</span>");
        am_sink_puts(s, "</td></tr>\n");
    }
    am_sink_puts(s, "</tbody>\n</table></div>\n</section>\n");
}

static void toc(am_sink *s, const scope *sc)
{
    am_sink_puts(s, "<nav class=\"toc\"><a href=\"#summary\">概况 summary</a><a href=\"#glance\">"
                    "一览 at a glance</a>");
    for (int c = 0; c < am_instance_n_counties(sc->inst); c++)
        if (rp_in_scope(sc->inst, c, sc->p))
            county_link(s, am_instance_county(sc->inst, c));
    am_sink_puts(s, "</nav>\n");
}

am_status rp_province(const am_instance *inst, const am_result *res, const am_schedule *sched,
                      int p, const rp_fixes *fx, am_sink *s, am_error *err)
{
    am_status st = AM_OK;
    am_arena *a = am_arena_new();
    scope sc = {.inst = inst, .res = res, .p = p};
    unsigned char *seen = NULL;
    if (a) {
        sc.k = AM_ARENA_ARRAY(a, rp_county, am_instance_n_counties(inst) + 1);
        seen = AM_ARENA_ARRAY(a, unsigned char, am_instance_n_experts(inst) + 1);
    }
    if (!sc.k || !seen) {
        st = am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory writing the report");
        goto done;
    }
    const am_policy *pol = am_instance_policy(inst);
    sc.scale = pol->size_max > 0 ? pol->size_max : 1;
    for (int c = 0; c < am_instance_n_counties(inst); c++) {
        if (!rp_in_scope(inst, c, p))
            continue;
        rp_county_tally(inst, res, c, &sc.k[c], NULL);
        rp_totals_add(&sc.t, &sc.k[c]);
        sc.scale = sc.k[c].n_members > sc.scale ? sc.k[c].n_members : sc.scale;
    }
    sc.t.n_distinct = rp_count_distinct(inst, res, p, seen);

    const am_province *pv = am_instance_province(inst, p);
    char title[256];
    snprintf(title, sizeof title, "%s（%s）产业顾问组预览 advisor groups preview", pv->name,
             pv->code);
    rp_page_begin(s, title);
    am_sink_puts(s, "<header>\n<h1>");
    rp_text(s, pv->name);
    am_sink_puts(s, " <span class=\"en\">");
    rp_text(s, pv->code);
    am_sink_puts(s, "</span> 产业顾问组预览 <span class=\"en\">advisor groups, one per county: "
                    "preview</span></h1>\n");
    rp_meta(s, inst, res, sched);
    am_sink_puts(s, "</header>\n");
    if (sc.t.n_counties == 0) {
        am_sink_puts(s, "<section id=\"summary\"><p>本省没有需要组建顾问组的县。 No county of "
                        "this province is in the instance: it has no group to approve.</p>");
        partners(s, inst, pv);
        am_sink_puts(s, "</section>\n");
        rp_page_end(s);
        goto done;
    }
    toc(s, &sc);
    summary(s, &sc, sched);
    glance(s, &sc);
    for (int c = 0; c < am_instance_n_counties(inst) && st == AM_OK; c++)
        if (rp_in_scope(inst, c, p))
            st = rp_county_section(inst, res, sched, c, fx, s, err);
    if (st == AM_OK)
        rp_page_end(s);
done:
    am_arena_free(a);
    return st;
}
