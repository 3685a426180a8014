/* adapters/gen/gen_profiles.h: per-province industry profiles, the fields (snake_case English,
 * the vocabulary of fixtures/demo) typical of each province's poverty-lifted counties. */
#ifndef ADVMATCH_GEN_PROFILES_H
#define ADVMATCH_GEN_PROFILES_H

/* Fields typical of province `code` (2 digits), most typical first; a general default for a
 * province without its own profile. Never NULL; *n >= 6. */
const char *const *gen_profile_fields(const char *code, int *n);

#endif
