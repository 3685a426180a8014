/* adapters/ics/am_ics.c: the RFC 5545 writer of am_ics.h. Content lines are written unit by
 * unit (an ASCII character, an escape pair or a whole UTF-8 sequence) and folded before a unit
 * that would take the line past 75 octets, so that no sequence is ever split. */
#include "advmatch/am_ics.h"

#include <stdio.h>
#include <string.h>

#ifndef AM_VERSION
#define AM_VERSION "0.0.0"
#endif

#define ICS_LINE_MAX 75 /* octets per physical line, CRLF not counted */

typedef struct ics_line {
    am_sink *s;
    int col; /* octets on the current physical line */
} ics_line;

static void unit(ics_line *l, const char *bytes, int len)
{
    if (l->col + len > ICS_LINE_MAX) {
        am_sink_put(l->s, "\r\n ", 3);
        l->col = 1;
    }
    am_sink_put(l->s, bytes, (size_t)len);
    l->col += len;
}

static void ascii(ics_line *l, const char *str)
{
    for (; *str; str++)
        unit(l, str, 1);
}

/* Length of the UTF-8 sequence starting at p (1 for an invalid or truncated one). */
static int seq_len(const unsigned char *p)
{
    int n = *p >= 0xF0 && *p <= 0xF7 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
    if (*p >= 0xF8)
        return 1;
    for (int i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 1;
    return n;
}

static void text(ics_line *l, const char *str)
{
    const unsigned char *p = (const unsigned char *)(str ? str : "");
    while (*p) {
        if (*p == '\\' || *p == ';' || *p == ',') {
            char esc[2] = {'\\', (char)*p};
            unit(l, esc, 2);
            p++;
        } else if (*p == '\n' || *p == '\r') {
            unit(l, "\\n", 2);
            p += *p == '\r' && p[1] == '\n' ? 2 : 1;
        } else if ((*p < 0x20 && *p != '\t') || *p == 0x7F) {
            p++; /* not allowed in TEXT */
        } else {
            int n = seq_len(p);
            unit(l, (const char *)p, n);
            p += n;
        }
    }
}

static void end_line(ics_line *l)
{
    am_sink_put(l->s, "\r\n", 2);
    l->col = 0;
}

/* "NAME:<ascii value>" as one content line. */
static void line_ascii(ics_line *l, const char *name, const char *value)
{
    ascii(l, name);
    unit(l, ":", 1);
    ascii(l, value);
    end_line(l);
}

static void line_text(ics_line *l, const char *name, const char *value)
{
    ascii(l, name);
    unit(l, ":", 1);
    text(l, value);
    end_line(l);
}

#define YMD_SIZE 40
static char *ymd(am_date d, char *buf)
{
    int y, m, day;
    am_date_to_ymd(d, &y, &m, &day);
    snprintf(buf, YMD_SIZE, "%04d%02d%02d", y, m, day);
    return buf;
}

void am_ics_write(const am_ics_event *ev, int n, const char *calname, am_sink *s)
{
    ics_line l = {s, 0};
    line_ascii(&l, "BEGIN", "VCALENDAR");
    line_ascii(&l, "VERSION", "2.0");
    line_ascii(&l, "PRODID", "-//advmatch//advmatch " AM_VERSION "//EN");
    line_ascii(&l, "CALSCALE", "GREGORIAN");
    if (calname)
        line_text(&l, "X-WR-CALNAME", calname);
    for (int i = 0; i < n; i++) {
        const am_ics_event *e = &ev[i];
        char day[YMD_SIZE], next[YMD_SIZE], stamp[YMD_SIZE];
        ymd(e->date, day);
        ymd(e->date + 1, next);
        ymd(e->date, stamp);
        strcat(stamp, "T000000Z");
        line_ascii(&l, "BEGIN", "VEVENT");
        line_text(&l, "UID", e->uid);
        line_ascii(&l, "DTSTAMP", stamp);
        line_ascii(&l, "DTSTART;VALUE=DATE", day);
        line_ascii(&l, "DTEND;VALUE=DATE", next);
        line_text(&l, "SUMMARY", e->summary);
        line_text(&l, "DESCRIPTION", e->description);
        if (e->location)
            line_text(&l, "LOCATION", e->location);
        line_ascii(&l, "TRANSP", "OPAQUE");
        line_ascii(&l, "END", "VEVENT");
    }
    line_ascii(&l, "END", "VCALENDAR");
}
