/* adapters/json/json_instance.h: the parts of the advmatch-instance/1 reader, private to
 * adapters/json. */
#ifndef ADVMATCH_JSON_INSTANCE_H
#define ADVMATCH_JSON_INSTANCE_H

#include "advmatch/am_instance.h"
#include "json_reader.h"

/* Fill `p` from root.policy, defaults for everything left out. */
void json_read_policy(jr *r, const cJSON *root, am_policy *p);

#endif
