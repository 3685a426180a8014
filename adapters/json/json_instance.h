/* adapters/json/json_instance.h: the parts of the advmatch-instance/1 reader, private to
 * adapters/json. */
#ifndef ADVMATCH_JSON_INSTANCE_H
#define ADVMATCH_JSON_INSTANCE_H

#include "advmatch/am_instance.h"
#include "json_reader.h"

/* Fill `p` from root.policy, defaults for everything left out. */
void json_read_policy(jr *r, const cJSON *root, am_policy *p);

/* A "YYYY-MM-DD" string into *out; false (reported under `field`) otherwise. */
bool json_read_date(jr *r, const cJSON *v, const char *field, am_date *out);

/* obj[key] as an array of {from, to} in scratch memory (NULL, *n 0 when absent). */
const am_range *json_read_ranges(jr *r, const cJSON *obj, const char *key, int *n);

/* root.calendar and root.meetings (both optional) into the builder. AM_OK, AM_ENOMEM. */
am_status json_read_scheduling(jr *r, const cJSON *root, am_instance *inst, am_error *err);

/* root.current (optional) into the builder, one call per entry in file order. AM_OK,
 * AM_ENOMEM. */
am_status json_read_current(jr *r, const cJSON *root, am_instance *inst, am_error *err);

#endif
