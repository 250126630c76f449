// C++ references for the benchmarks: hold models on std::priority_queue and on a radix heap, and a
// segment-tree FFD.
#include "CxxReference.h"

#include <algorithm>
#include <cmath>
#include <climits>
#include <cstring>
#include <cstdint>
#include <functional>
#include <numeric>
#include <queue>
#include <vector>

namespace {

struct Entry {
    double time;
    uint64_t sequence;
    uint32_t kind;
    uint32_t subject;
};

struct Later {
    bool operator()(const Entry &a, const Entry &b) const {
        return a.time > b.time || (a.time == b.time && a.sequence > b.sequence);
    }
};

// std::priority_queue with storage reserved up front.
struct BinaryHeap {
    std::priority_queue<Entry, std::vector<Entry>, Later> queue;
    explicit BinaryHeap(size_t pending) {
        std::vector<Entry> storage;
        storage.reserve(pending + 1);
        queue = std::priority_queue<Entry, std::vector<Entry>, Later>(Later(), std::move(storage));
    }
    void push(const Entry &e) { queue.push(e); }
    Entry pop() {
        Entry e = queue.top();
        queue.pop();
        return e;
    }
};

// The hold model on any queue with push and pop: `pending` events at the table's first times,
// then each operation pops the earliest and pushes it again one table increment later.
template <class Queue> struct HoldModel {
    Queue queue;
    const double *increments;
    size_t count;
    size_t next = 0;
    uint64_t sequence = 0;

    HoldModel(size_t pending, const double *increments, size_t count) : queue(pending), increments(increments), count(count) {
        for (size_t i = 0; i < pending; i++) {
            queue.push(Entry{increments[next], sequence++, 0, 0});
            next = (next + 1) % count;
        }
    }
    double run(size_t operations) {
        double last = 0;
        for (size_t i = 0; i < operations; i++) {
            Entry e = queue.pop();
            last = e.time;
            queue.push(Entry{e.time + increments[next], sequence++, e.kind, e.subject});
            next = (next + 1) % count;
        }
        return last;
    }
};

}  // namespace

struct cloudplan_cxx_hold {
    HoldModel<BinaryHeap> model;
};

extern "C" cloudplan_cxx_hold *cloudplan_cxx_hold_create(size_t pending, const double *increments, size_t count) {
    return new cloudplan_cxx_hold{HoldModel<BinaryHeap>(pending, increments, count)};
}

extern "C" double cloudplan_cxx_hold_run(cloudplan_cxx_hold *hold, size_t operations) { return hold->model.run(operations); }

extern "C" void cloudplan_cxx_hold_destroy(cloudplan_cxx_hold *hold) { delete hold; }

namespace {

// A radix heap over the bit patterns of non-negative doubles (which order like the values): an
// entry waits in the bucket of the highest bit in which its key differs from the last key popped
// (0: equal). Popping takes bucket 0 front to back; when it is empty the lowest non-empty bucket
// is redistributed around its least key. Equal keys stay in push order, so (time, sequence)
// order holds without comparing sequences. Vectors keep their capacity: no allocation once the
// buckets have reached their largest sizes.
struct RadixHeap {
    std::vector<Entry> buckets[65];
    size_t zeroHead = 0;
    uint64_t last = 0;

    explicit RadixHeap(size_t) {}

    static uint64_t bits(double t) {
        uint64_t b;
        std::memcpy(&b, &t, sizeof b);
        return b;
    }
    static int bucket(uint64_t key, uint64_t reference) {
        return key == reference ? 0 : 64 - __builtin_clzll(key ^ reference);
    }
    void push(const Entry &e) { buckets[bucket(bits(e.time), last)].push_back(e); }
    Entry pop() {
        if (zeroHead == buckets[0].size()) {
            buckets[0].clear();
            zeroHead = 0;
            int i = 1;
            while (buckets[i].empty()) i++;
            uint64_t least = UINT64_MAX;
            for (const Entry &e : buckets[i]) least = std::min(least, bits(e.time));
            last = least;
            for (const Entry &e : buckets[i]) buckets[bucket(bits(e.time), last)].push_back(e);
            buckets[i].clear();
        }
        return buckets[0][zeroHead++];
    }
};

}  // namespace

struct cloudplan_cxx_radix_hold {
    HoldModel<RadixHeap> model;
};

extern "C" cloudplan_cxx_radix_hold *cloudplan_cxx_radix_hold_create(size_t pending, const double *increments, size_t count) {
    return new cloudplan_cxx_radix_hold{HoldModel<RadixHeap>(pending, increments, count)};
}

extern "C" double cloudplan_cxx_radix_hold_run(cloudplan_cxx_radix_hold *hold, size_t operations) { return hold->model.run(operations); }

extern "C" void cloudplan_cxx_radix_hold_destroy(cloudplan_cxx_radix_hold *hold) { delete hold; }

namespace {

// A multi-level radix heap, the algorithm of the project's EventQueue: keys read as 8 digits of
// 8 bits; an entry waits in bucket (level, digit), the level being the highest digit in which its
// key differs from the reference, the digit its own there. The least key of each bucket is kept,
// so a redistribution reads its bucket once; occupancy bitmaps find the lowest bucket. Buckets
// are std::vectors that keep their capacity (the faster layout in C++ here: a block pool like
// the Swift queue's measured 28 / 25 / 20 M operations/s against 44 / 31 / 22 for vectors).
struct MultiLevelRadixHeap {
    static constexpr int digitBits = 8, digits = 1 << digitBits, levels = 8, count = 1 + levels * digits;
    std::vector<Entry> buckets[count];
    uint64_t least[count];
    uint64_t words[(count - 1) / 64] = {};
    uint64_t summary = 0;
    size_t zeroHead = 0;
    uint64_t last = 0;

    explicit MultiLevelRadixHeap(size_t) { std::fill(least, least + count, UINT64_MAX); }

    static uint64_t bits(double t) {
        uint64_t b;
        std::memcpy(&b, &t, sizeof b);
        return b;
    }
    // The bucket of key > reference.
    static int above(uint64_t key, uint64_t reference) {
        int level = (63 - __builtin_clzll(key ^ reference)) / digitBits;
        return 1 + level * digits + int((key >> (level * digitBits)) & (digits - 1));
    }
    void file(const Entry &e, uint64_t key) {
        if (key == last) {
            buckets[0].push_back(e);
            return;
        }
        int b = above(key, last);
        if (buckets[b].empty()) {
            words[(b - 1) >> 6] |= 1ull << ((b - 1) & 63);
            summary |= 1ull << ((b - 1) >> 6);
        }
        buckets[b].push_back(e);
        least[b] = std::min(least[b], key);
    }
    void push(const Entry &e) { file(e, bits(e.time)); }
    Entry pop() {
        if (zeroHead == buckets[0].size()) {
            buckets[0].clear();
            zeroHead = 0;
            int w = __builtin_ctzll(summary);
            int b = w * 64 + __builtin_ctzll(words[w]) + 1;
            words[w] &= ~(1ull << ((b - 1) & 63));
            if (!words[w]) summary &= ~(1ull << w);
            last = least[b];
            least[b] = UINT64_MAX;
            for (const Entry &e : buckets[b]) file(e, bits(e.time));
            buckets[b].clear();
        }
        return buckets[0][zeroHead++];
    }
};

}  // namespace

struct cloudplan_cxx_multilevel_hold {
    HoldModel<MultiLevelRadixHeap> model;
};

extern "C" cloudplan_cxx_multilevel_hold *cloudplan_cxx_multilevel_hold_create(size_t pending, const double *increments, size_t count) {
    return new cloudplan_cxx_multilevel_hold{HoldModel<MultiLevelRadixHeap>(pending, increments, count)};
}

extern "C" double cloudplan_cxx_multilevel_hold_run(cloudplan_cxx_multilevel_hold *hold, size_t operations) { return hold->model.run(operations); }

extern "C" void cloudplan_cxx_multilevel_hold_destroy(cloudplan_cxx_multilevel_hold *hold) { delete hold; }

// Plain FFD in one dimension, as strong as the textbook allows: the (size, index) pairs sorted
// by decreasing size with std::sort (the sizes travel with the indices: no gather), then a
// segment tree of the maximum residual over at most 2*ceil(sum/C) + 2 bins (first fit leaves no
// two bins together at most full), descended to the leftmost bin that fits.
extern "C" size_t cloudplan_cxx_ffd_1d(const double *sizes, size_t n, double capacity, int32_t *assignment) {
    std::vector<std::pair<double, uint32_t>> order(n);
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        order[i] = {sizes[i], static_cast<uint32_t>(i)};
        total += sizes[i];
    }
    std::sort(order.begin(), order.end(), [](const std::pair<double, uint32_t> &a, const std::pair<double, uint32_t> &b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    const size_t bound = std::min(n + 1, static_cast<size_t>(2 * std::ceil(total / capacity) + 2));
    size_t leaves = 1;
    while (leaves < bound) leaves <<= 1;
    std::vector<double> tree(2 * leaves, capacity);
    size_t bins = 0;
    const double slack = capacity * 1e-9 + 1e-12;
    for (const auto &[size, item] : order) {
        const double need = size - slack;
        size_t node = 1;
        while (node < leaves) {
            node <<= 1;
            if (tree[node] < need) node += 1;
        }
        const size_t bin = node - leaves;
        tree[node] -= size;
        for (size_t up = node >> 1; up >= 1; up >>= 1) {
            const double m = std::max(tree[2 * up], tree[2 * up + 1]);
            if (tree[up] == m) break;
            tree[up] = m;
        }
        assignment[item] = static_cast<int32_t>(bin);
        if (bin + 1 > bins) bins = bin + 1;
    }
    return bins;
}

namespace {

// The residual tree of the Swift first fit in d > 1 dimensions: each node the per-dimension
// maximum residual below it and the largest residual sum; the leftmost fitting leaf found by
// depth-first search with backtracking, at most `budget` nodes visited.
struct VectorResidualTree {
    size_t width, leaves;
    std::vector<double> nodes;

    VectorResidualTree(size_t bins, const double *capacity, size_t d) : width(d + 1), leaves(1) {
        while (leaves < bins) leaves <<= 1;
        nodes.resize(2 * leaves * width);
        double sum = 0;
        for (size_t k = 0; k < d; k++) sum += capacity[k];
        for (size_t n = 0; n < 2 * leaves; n++) {
            for (size_t k = 0; k < d; k++) nodes[n * width + k] = capacity[k];
            nodes[n * width + d] = sum;
        }
    }
    // Without a branch per value (the compiler vectorises the common widths).
    bool covers(size_t node, const double *need) const {
        const double *p = &nodes[node * width];
        if (width == 5) {
            bool ok = true;
            for (size_t k = 0; k < 5; k++) ok &= p[k] >= need[k];
            return ok;
        }
        if (width == 3) {
            bool ok = true;
            for (size_t k = 0; k < 3; k++) ok &= p[k] >= need[k];
            return ok;
        }
        for (size_t k = 0; k < width; k++) if (p[k] < need[k]) return false;
        return true;
    }
    // Depth-first from the root, without recursion: each covering node counts one visit.
    long search(const double *need, long visits) const {
        size_t node = 1;
        while (visits > 0) {
            if (covers(node, need)) {
                visits--;
                if (node >= leaves) return static_cast<long>(node - leaves);
                node <<= 1;
                continue;
            }
            while (node & 1) node >>= 1;  // climb while on a right child
            if (node == 0) return -1;
            node += 1;
        }
        return -1;
    }
    void subtract(size_t bin, const double *size) {
        size_t node = leaves + bin;
        double *leaf = &nodes[node * width];
        for (size_t k = 0; k < width; k++) leaf[k] -= size[k];
        while (node > 1) {
            const size_t parent = node >> 1;
            const double *l = &nodes[2 * parent * width], *r = l + width;
            double *p = &nodes[parent * width];
            bool changed = false;
            for (size_t k = 0; k < width; k++) {
                const double m = std::max(l[k], r[k]);
                if (p[k] != m) { p[k] = m; changed = true; }
            }
            if (!changed) break;
            node = parent;
        }
    }
};

}  // namespace

extern "C" size_t cloudplan_cxx_ffd(const double *sizes, size_t n, size_t d, const double *capacity, int32_t *assignment) {
    // Decreasing sum of normalised sizes (as a float, like the Swift sort key), ties by index.
    std::vector<std::pair<float, uint32_t>> order(n);
    for (size_t i = 0; i < n; i++) {
        double key = 0;
        for (size_t k = 0; k < d; k++) key += sizes[i * d + k] / capacity[k];
        order[i] = {static_cast<float>(key), static_cast<uint32_t>(i)};
    }
    std::sort(order.begin(), order.end(), [](const auto &a, const auto &b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    VectorResidualTree tree(n + 1, capacity, d);
    std::vector<double> need(d + 1), size(d + 1);
    size_t bins = 0;
    for (const auto &entry : order) {
        const size_t item = entry.second;
        double needSum = 0, sizeSum = 0;
        for (size_t k = 0; k < d; k++) {
            size[k] = sizes[item * d + k];
            need[k] = size[k] - capacity[k] * 1e-9 - 1e-12;
            needSum += need[k];
            sizeSum += size[k];
        }
        need[d] = needSum - 1e-9;
        size[d] = sizeSum;
        long visits = bins <= 8192 ? LONG_MAX : 96;
        long found = tree.search(need.data(), visits);
        const size_t bin = found >= 0 ? static_cast<size_t>(found) : bins;
        tree.subtract(bin, size.data());
        assignment[item] = static_cast<int32_t>(bin);
        if (bin + 1 > bins) bins = bin + 1;
    }
    return bins;
}

// The floor of `simulate`'s aggregate demand model (issue 35's simulation row): what a pool's
// quiet hourly sample cannot do without, in C++ at -O3 -march=native. Per sample: the earliest
// tick off the multi-level radix heap (among `others` far events, as the blades' failures wait in
// the Swift queue), the hour's loads, the pool's four sums as quadratic forms in the loads (summed
// in the Swift order, so as latency-bound), the risk test of its riskiest blade, one counter-based
// draw (SplitMix64) through GSL's normal quantile, the pool's demand, draw and energy, the
// utilisation into the day's buffer, the day's median, 95th percentile and maximum at its end
// (sorted copy), and the next tick pushed.
#include <gsl/gsl_cdf.h>

namespace {

struct PoolSamples {
    size_t pools, profiles, hours;
    std::vector<double> load;      // hours × profiles
    std::vector<double> level;     // per hour: max load / peak
    std::vector<double> moments;   // pools × (2P + P(P+1))
    std::vector<double> risk;      // pools: the riskiest blade's bound
    std::vector<double> capacity;  // pools: usable cores
    std::vector<uint64_t> key, samples;
    std::vector<double> energy, day, sorted;
    std::vector<size_t> dayCount;
    std::vector<float> p50, p95, peak;
    MultiLevelRadixHeap queue;
    uint64_t sequence = 0;

    PoolSamples(size_t pools, size_t profiles, const float *curves, size_t hours, size_t others, uint64_t seed)
        : pools(pools), profiles(profiles), hours(hours), queue(0) {
        size_t width = 2 * profiles + profiles * (profiles + 1);
        load.resize(hours * profiles);
        level.assign(hours, 0);
        for (size_t p = 0; p < profiles; p++)
            for (size_t h = 0; h < hours; h++) {
                load[h * profiles + p] = curves[p * hours + h];
                level[h] = std::max(level[h], double(curves[p * hours + h]));
            }
        uint64_t s = seed;
        auto next = [&s] {
            s = s * 6364136223846793005ull + 1442695040888963407ull;
            return double(s >> 11) * 0x1.0p-53;
        };
        moments.resize(pools * width);
        for (double &m : moments) m = 10 + 90 * next();
        risk.resize(pools);
        capacity.resize(pools);
        key.resize(pools);
        for (size_t i = 0; i < pools; i++) {
            risk[i] = 0.5 * next();
            capacity[i] = 1000 + 1000 * next();
            key[i] = s ^ (i * 0x9e3779b97f4a7c15ull);
        }
        samples.assign(pools, 0);
        energy.assign(pools, 0);
        day.assign(pools * 24, 0);
        dayCount.assign(pools, 0);
        sorted.reserve(24);
        for (size_t i = 0; i < pools; i++) queue.push(Entry{0, sequence++, 0, uint32_t(i)});
        for (size_t i = 0; i < others; i++) queue.push(Entry{1e12 + double(i), sequence++, 1, uint32_t(i)});
    }

    static uint64_t draw(uint64_t key, uint64_t k) {
        uint64_t z = key + (k + 1) * 0x9e3779b97f4a7c15ull;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }

    void closeDay(size_t pool) {
        sorted.assign(day.begin() + pool * 24, day.begin() + pool * 24 + dayCount[pool]);
        std::sort(sorted.begin(), sorted.end());
        auto quantile = [&](double q) {
            double position = q * double(sorted.size() - 1);
            size_t below = size_t(position);
            double above = sorted[std::min(below + 1, sorted.size() - 1)];
            return sorted[below] + (position - double(below)) * (above - sorted[below]);
        };
        p50.push_back(float(quantile(0.5)));
        p95.push_back(float(quantile(0.95)));
        peak.push_back(float(sorted.back()));
        dayCount[pool] = 0;
    }

    double run(size_t count) {
        const size_t P = profiles, pairs = P * (P + 1) / 2, width = 2 * P + 2 * pairs;
        const double noiseMean = 1, noiseVariance = 0.04, largest = 1.8, step = 3600;
        double checksum = 0;
        for (size_t n = 0; n < count; n++) {
            Entry e = queue.pop();
            size_t pool = e.subject;
            size_t hour = size_t(e.time / 3600) % hours;
            const double *l = &load[hour * P], *m = &moments[pool * width];
            double demand = 0, kappaDemand = 0, square = 0, kappaSquare = 0;
            size_t pair = 2 * P;
            for (size_t p = 0; p < P; p++) {
                double lp = l[p];
                demand += m[p] * lp;
                kappaDemand += m[P + p] * lp;
                for (size_t q = p; q < P; q++) {
                    double lq = lp * l[q];
                    square += m[pair] * lq;
                    kappaSquare += m[pair + pairs] * lq;
                    pair++;
                }
            }
            if (risk[pool] * level[hour] * largest > 1) checksum += 1;  // never here: a quiet pool
            uint64_t k = samples[pool]++;
            double u = (double(draw(key[pool], k) >> 11) + 0.5) * 0x1.0p-53;
            double deviation = std::sqrt(noiseVariance * square) * gsl_cdf_gaussian_Pinv(u, 1);
            double d = std::max(0.0, noiseMean * demand + deviation);
            double slope = square > 0 ? kappaSquare / square : 0;
            double watts = 2000 + std::max(0.0, noiseMean * kappaDemand + slope * deviation);
            energy[pool] += watts * step / 3600000;
            day[pool * 24 + dayCount[pool]++] = d / capacity[pool];
            if (dayCount[pool] == 24) closeDay(pool);
            queue.push(Entry{e.time + step, sequence++, 0, uint32_t(pool)});
        }
        for (size_t i = 0; i < pools; i++) checksum += energy[i];
        return checksum + double(p50.size());
    }
};

}  // namespace

struct cloudplan_cxx_pool_samples {
    PoolSamples model;
};

extern "C" cloudplan_cxx_pool_samples *cloudplan_cxx_pool_samples_create(size_t pools, size_t profiles, const float *curves,
                                                                         size_t hours, size_t others, uint64_t seed) {
    return new cloudplan_cxx_pool_samples{PoolSamples(pools, profiles, curves, hours, others, seed)};
}

extern "C" double cloudplan_cxx_pool_samples_run(cloudplan_cxx_pool_samples *samples, size_t count) { return samples->model.run(count); }

extern "C" void cloudplan_cxx_pool_samples_destroy(cloudplan_cxx_pool_samples *samples) { delete samples; }
