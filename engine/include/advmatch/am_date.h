/* engine/include/advmatch/am_date.h: civil dates (proleptic Gregorian) as day numbers, so that
 * calendars are plain integer arithmetic. Owns nothing. */
#ifndef ADVMATCH_AM_DATE_H
#define ADVMATCH_AM_DATE_H

#include <stdbool.h>

/* Days since 1970-01-01 (negative before). */
typedef int am_date;

/* An inclusive range of days, from <= to when valid. */
typedef struct am_range {
    am_date from, to;
} am_range;

am_date am_date_from_ymd(int year, int month, int day);
void am_date_to_ymd(am_date d, int *year, int *month, int *day);

/* Strict "YYYY-MM-DD" (years 1900..2199, a real day of that month). false if not a date. */
bool am_date_parse(const char *s, am_date *out);

/* "YYYY-MM-DD" into buf (at least 11 bytes); returns buf. */
char *am_date_format(am_date d, char *buf);

/* 0 = Monday ... 6 = Sunday. */
int am_date_weekday(am_date d);

#endif
