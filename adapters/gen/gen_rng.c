/* adapters/gen/gen_rng.c: xoshiro256** with a splitmix64 seeder, plus the few draws the
 * generator needs (bounded ints, percentages, shuffles, weighted choice). */
#include "gen_rng.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void gen_rng_seed(gen_rng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

uint64_t gen_rng_next(gen_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

int gen_rng_below(gen_rng *r, int n)
{
    if (n <= 1)
        return 0;
    uint64_t bound = (uint64_t)n;
    uint64_t limit = UINT64_MAX - UINT64_MAX % bound; /* reject the biased tail */
    uint64_t x;
    do
        x = gen_rng_next(r);
    while (x >= limit);
    return (int)(x % bound);
}

int gen_rng_range(gen_rng *r, int lo, int hi)
{
    return lo + gen_rng_below(r, hi - lo + 1);
}

int gen_rng_pct(gen_rng *r, int pct)
{
    return gen_rng_below(r, 100) < pct;
}

void gen_rng_shuffle(gen_rng *r, int *a, int n)
{
    for (int i = n - 1; i > 0; i--) {
        int j = gen_rng_below(r, i + 1);
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

int gen_rng_weighted(gen_rng *r, const unsigned char *w, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += w[i];
    int x = gen_rng_below(r, total);
    for (int i = 0; i < n; i++) {
        if (x < w[i])
            return i;
        x -= w[i];
    }
    return n - 1;
}
