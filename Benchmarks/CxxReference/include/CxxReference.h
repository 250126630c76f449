// Reference implementations in C++, measured in the same benchmark runs as the Swift code they
// compare with. Plain C interface; no C++ type crosses into Swift.
#ifndef CLOUDPLAN_CXX_REFERENCE_H
#define CLOUDPLAN_CXX_REFERENCE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The hold model on std::priority_queue. `create` fills a queue with `pending` events at times
/// increments[i % count]; `run` then `operations` times pops the earliest event and pushes one at
/// its time plus the next increment (cycling through the table). Events are ordered by (time,
/// sequence). `run` returns the time of the last event popped (so the work cannot be optimised
/// away). The table must outlive the queue.
typedef struct cloudplan_cxx_hold cloudplan_cxx_hold;
cloudplan_cxx_hold *cloudplan_cxx_hold_create(size_t pending, const double *increments, size_t count);
double cloudplan_cxx_hold_run(cloudplan_cxx_hold *hold, size_t operations);
void cloudplan_cxx_hold_destroy(cloudplan_cxx_hold *hold);

/// The same hold model on a radix heap written by the project (65 buckets of std::vector over the
/// times' bit patterns, equal times in push order): the strongest plain C++ reference for a
/// monotone queue.
typedef struct cloudplan_cxx_radix_hold cloudplan_cxx_radix_hold;
cloudplan_cxx_radix_hold *cloudplan_cxx_radix_hold_create(size_t pending, const double *increments, size_t count);
double cloudplan_cxx_radix_hold_run(cloudplan_cxx_radix_hold *hold, size_t operations);
void cloudplan_cxx_radix_hold_destroy(cloudplan_cxx_radix_hold *hold);

/// The same hold model on a multi-level radix heap written by the project (8 levels of 256
/// buckets, std::vector each, least key per bucket): the algorithm of the Swift EventQueue in C++.
typedef struct cloudplan_cxx_multilevel_hold cloudplan_cxx_multilevel_hold;
cloudplan_cxx_multilevel_hold *cloudplan_cxx_multilevel_hold_create(size_t pending, const double *increments, size_t count);
double cloudplan_cxx_multilevel_hold_run(cloudplan_cxx_multilevel_hold *hold, size_t operations);
void cloudplan_cxx_multilevel_hold_destroy(cloudplan_cxx_multilevel_hold *hold);

/// First fit decreasing in one dimension with a segment tree over bin residuals (O(n log n)):
/// sorts the sizes decreasingly (std::sort), then puts each item into the leftmost bin with room.
/// Writes each item's bin to `assignment` (in input order) and returns the number of bins.
size_t cloudplan_cxx_ffd_1d(const double *sizes, size_t n, double capacity, int32_t *assignment);

/// First fit decreasing in d > 1 dimensions, the Swift algorithm in C++: items by decreasing sum
/// of normalised sizes (ties by index), each into the leftmost bin with room in every dimension,
/// found in a residual tree of per-dimension maxima and the residual sum, with backtracking
/// (unbounded while at most 8,192 bins are open, 96 nodes per query beyond, then a new bin).
/// `sizes` is n × d row-major; writes each item's bin and returns the number of bins.
size_t cloudplan_cxx_ffd(const double *sizes, size_t n, size_t d, const double *capacity, int32_t *assignment);

/// The floor of `simulate`'s aggregate demand model: quiet hourly samples of `pools` pools (see
/// CxxReference.cpp, PoolSamples). `curves` is profiles × hours loads in [0, 1]; `others` far
/// events wait in the queue beside the ticks. `run` takes `count` samples and returns a checksum.
typedef struct cloudplan_cxx_pool_samples cloudplan_cxx_pool_samples;
cloudplan_cxx_pool_samples *cloudplan_cxx_pool_samples_create(size_t pools, size_t profiles, const float *curves,
                                                              size_t hours, size_t others, uint64_t seed);
double cloudplan_cxx_pool_samples_run(cloudplan_cxx_pool_samples *samples, size_t count);
void cloudplan_cxx_pool_samples_destroy(cloudplan_cxx_pool_samples *samples);

#ifdef __cplusplus
}
#endif

#endif
