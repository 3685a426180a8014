/* adapters/gen/gen_rng.h: the generator's deterministic PRNG (xoshiro256** seeded through
 * splitmix64). Integer arithmetic only, so a seed gives the same stream on every platform. */
#ifndef ADVMATCH_GEN_RNG_H
#define ADVMATCH_GEN_RNG_H

#include <stdint.h>

typedef struct gen_rng {
    uint64_t s[4];
} gen_rng;

void gen_rng_seed(gen_rng *r, uint64_t seed);
uint64_t gen_rng_next(gen_rng *r);
/* Uniform in [0, n) without modulo bias; n >= 1. */
int gen_rng_below(gen_rng *r, int n);
/* Uniform in [lo, hi] inclusive; lo <= hi. */
int gen_rng_range(gen_rng *r, int lo, int hi);
/* True with probability pct/100. */
int gen_rng_pct(gen_rng *r, int pct);
/* Fisher-Yates shuffle of a[0..n). */
void gen_rng_shuffle(gen_rng *r, int *a, int n);
/* Index drawn from weights w[0..n) (each >= 0, sum >= 1). */
int gen_rng_weighted(gen_rng *r, const unsigned char *w, int n);

#endif
