// Shim over the GNU Scientific Library for Swift.
//
// Swift 6 cannot read GSL's global `gsl_rng_*` type variables (mutable C globals are not
// concurrency-safe), so they are returned from static inline functions here. The project's own
// random number generator, xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom number
// generators", ACM TOMS 2021), is registered as a gsl_rng_type so that every GSL distribution can
// draw from it; its jump functions give independent, non-overlapping streams.
#ifndef CLOUDPLAN_CGSL_SHIM_H
#define CLOUDPLAN_CGSL_SHIM_H

#include <stdint.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_multifit.h>

/// GSL's Sobol low-discrepancy sequence (Antonov-Saleev; at most 40 dimensions).
static inline const gsl_qrng_type *cloudplan_qrng_sobol(void) { return gsl_qrng_sobol; }

/// GSL's Mersenne Twister (kept for comparisons and tests).
static inline const gsl_rng_type *cloudplan_rng_mt19937(void) { return gsl_rng_mt19937; }

/// State of the xoshiro256** generator: four 64-bit words, never all zero.
typedef struct { uint64_t s[4]; } cloudplan_xoshiro_state;

static inline uint64_t cloudplan_rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

/// One step of xoshiro256**: returns 64 random bits and advances the state.
static inline uint64_t cloudplan_xoshiro_next(cloudplan_xoshiro_state *st) {
    uint64_t *s = st->s;
    const uint64_t result = cloudplan_rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = cloudplan_rotl(s[3], 45);
    return result;
}

/// SplitMix64 step, used to expand a 64-bit seed into a full state.
static inline uint64_t cloudplan_splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void cloudplan_xoshiro_set(void *vstate, unsigned long seed) {
    cloudplan_xoshiro_state *st = (cloudplan_xoshiro_state *)vstate;
    uint64_t x = (uint64_t)seed;
    for (int i = 0; i < 4; i++) st->s[i] = cloudplan_splitmix64(&x);
}

static unsigned long cloudplan_xoshiro_get(void *vstate) {
    return (unsigned long)(cloudplan_xoshiro_next((cloudplan_xoshiro_state *)vstate) >> 32);
}

static double cloudplan_xoshiro_get_double(void *vstate) {
    return (double)(cloudplan_xoshiro_next((cloudplan_xoshiro_state *)vstate) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type cloudplan_xoshiro_type = {
    "xoshiro256**", 0xffffffffUL, 0, sizeof(cloudplan_xoshiro_state),
    &cloudplan_xoshiro_set, &cloudplan_xoshiro_get, &cloudplan_xoshiro_get_double
};

/// The project's generator as a GSL rng type.
static inline const gsl_rng_type *cloudplan_rng_xoshiro256ss(void) { return &cloudplan_xoshiro_type; }

/// Applies a polynomial jump (4 words of coefficients) to the generator state.
static inline void cloudplan_xoshiro_apply_jump(cloudplan_xoshiro_state *st, const uint64_t jump[4]) {
    uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (int i = 0; i < 4; i++) {
        for (int b = 0; b < 64; b++) {
            if (jump[i] & ((uint64_t)1 << b)) {
                s0 ^= st->s[0]; s1 ^= st->s[1]; s2 ^= st->s[2]; s3 ^= st->s[3];
            }
            (void)cloudplan_xoshiro_next(st);
        }
    }
    st->s[0] = s0; st->s[1] = s1; st->s[2] = s2; st->s[3] = s3;
}

/// Advances a generator by 2^128 steps: the start of the next substream.
static inline void cloudplan_rng_jump(gsl_rng *r) {
    static const uint64_t jump[4] = { 0x180ec6d33cfd0abaULL, 0xd5a61266f0c9392cULL,
                                      0xa9582618e03fc9aaULL, 0x39abdc4529b1661cULL };
    cloudplan_xoshiro_apply_jump((cloudplan_xoshiro_state *)r->state, jump);
}

/// Advances a generator by 2^192 steps: the start of the next stream.
static inline void cloudplan_rng_long_jump(gsl_rng *r) {
    static const uint64_t jump[4] = { 0x76e15d3efefdcbbfULL, 0xc5004e441c522fb3ULL,
                                      0x77710069854ee241ULL, 0x39109bb02acbe635ULL };
    cloudplan_xoshiro_apply_jump((cloudplan_xoshiro_state *)r->state, jump);
}

/// Copies the four state words out (for tests and checkpoints).
static inline void cloudplan_rng_state_words(const gsl_rng *r, uint64_t out[4]) {
    memcpy(out, ((const cloudplan_xoshiro_state *)r->state)->s, sizeof(uint64_t) * 4);
}

/// Sets the four state words (must not all be zero).
static inline void cloudplan_rng_set_state_words(gsl_rng *r, const uint64_t in[4]) {
    memcpy(((cloudplan_xoshiro_state *)r->state)->s, in, sizeof(uint64_t) * 4);
}

#endif
