/* adapters/gen/gen_names.h: Chinese personal names (weighted surnames, one or two given-name
 * characters) and organisation names in realistic national, provincial and county patterns. */
#ifndef ADVMATCH_GEN_NAMES_H
#define ADVMATCH_GEN_NAMES_H

#include <stddef.h>

#include "gen_rng.h"

/* Every writer below writes a NUL-terminated UTF-8 string of at most size-1 bytes. */
#define GEN_NAME_MAX 160

void gen_person_name(gen_rng *r, char *buf, size_t size);

/* Does eastern province `code` host national institutes (so a national expert may sit there)? */
int gen_has_national_org(const char *code);
/* A national institute located in `code` (Beijing's when `code` has none). */
void gen_org_national(gen_rng *r, const char *code, char *buf, size_t size);
/* A provincial organisation of province `code` whose full name is `prov_name` ("贵州省"). */
void gen_org_provincial(gen_rng *r, const char *code, const char *prov_name, char *buf,
                        size_t size);
/* A county organisation of the county named `county_name` ("石阡县"). */
void gen_org_local(gen_rng *r, const char *county_name, char *buf, size_t size);

#endif
