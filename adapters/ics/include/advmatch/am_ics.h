/* adapters/ics/include/advmatch/am_ics.h: an RFC 5545 iCalendar writer for all-day events,
 * independent of the schedule types (the caller turns meetings into events). Owns nothing. */
#ifndef ADVMATCH_AM_ICS_H
#define ADVMATCH_AM_ICS_H

#include "advmatch/am_date.h"
#include "advmatch/am_io.h"

typedef struct am_ics_event {
    const char *uid;         /* globally unique, e.g. "520623-H1-2026-03-02@advmatch" */
    am_date date;            /* the (all-day) event's day */
    const char *summary;     /* UTF-8 text; NULL is written as empty */
    const char *description; /* UTF-8 text, may hold newlines; NULL is written as empty */
    const char *location;    /* UTF-8 text; NULL: no LOCATION property */
} am_ics_event;

/* Write a VCALENDAR (VERSION:2.0, PRODID:-//advmatch//advmatch <version>//EN,
 * CALSCALE:GREGORIAN, X-WR-CALNAME from `calname`, left out when NULL) with one all-day VEVENT
 * per event, in the given order: UID, DTSTAMP, DTSTART;VALUE=DATE, DTEND;VALUE=DATE (the next
 * day), SUMMARY, DESCRIPTION, LOCATION (left out when NULL), TRANSP:OPAQUE.
 * DTSTAMP is deterministic on purpose: the event's own date at T000000Z (not the time of
 * writing), so equal input always gives equal bytes.
 * Lines end with CRLF; TEXT values (UID, SUMMARY, DESCRIPTION, LOCATION, X-WR-CALNAME) escape
 * backslash, semicolon and comma with a backslash and write a newline (LF, CRLF or CR) as \n;
 * other control characters are dropped. Lines longer than 75 octets are folded (CRLF and one
 * space) without splitting a UTF-8 sequence. Write errors stay in the sink (am_sink_status). */
void am_ics_write(const am_ics_event *ev, int n, const char *calname, am_sink *s);

#endif
