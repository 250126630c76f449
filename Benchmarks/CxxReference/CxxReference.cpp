// C++ references for the benchmarks: a std::priority_queue hold model and a segment-tree FFD.
#include "CxxReference.h"

#include <algorithm>
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

}  // namespace

struct cloudplan_cxx_hold {
    std::priority_queue<Entry, std::vector<Entry>, Later> queue;
    const double *increments;
    size_t count;
    size_t next = 0;
    uint64_t sequence = 0;
};

extern "C" cloudplan_cxx_hold *cloudplan_cxx_hold_create(size_t pending, const double *increments, size_t count) {
    std::vector<Entry> storage;
    storage.reserve(pending + 1);
    auto *hold = new cloudplan_cxx_hold{std::priority_queue<Entry, std::vector<Entry>, Later>(Later(), std::move(storage)),
                                        increments, count};
    for (size_t i = 0; i < pending; i++) {
        hold->queue.push(Entry{increments[hold->next], hold->sequence++, 0, 0});
        hold->next = (hold->next + 1) % count;
    }
    return hold;
}

extern "C" double cloudplan_cxx_hold_run(cloudplan_cxx_hold *hold, size_t operations) {
    double last = 0;
    for (size_t i = 0; i < operations; i++) {
        Entry e = hold->queue.top();
        hold->queue.pop();
        last = e.time;
        hold->queue.push(Entry{e.time + hold->increments[hold->next], hold->sequence++, e.kind, e.subject});
        hold->next = (hold->next + 1) % hold->count;
    }
    return last;
}

extern "C" void cloudplan_cxx_hold_destroy(cloudplan_cxx_hold *hold) { delete hold; }

extern "C" size_t cloudplan_cxx_ffd_1d(const double *sizes, size_t n, double capacity, int32_t *assignment) {
    std::vector<uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [sizes](uint32_t a, uint32_t b) {
        return sizes[a] > sizes[b] || (sizes[a] == sizes[b] && a < b);
    });
    size_t leaves = 1;
    while (leaves < n + 1) leaves <<= 1;
    std::vector<double> tree(2 * leaves, capacity);
    size_t bins = 0;
    const double slack = capacity * 1e-9 + 1e-12;
    for (uint32_t item : order) {
        const double need = sizes[item] - slack;
        size_t node = 1;
        while (node < leaves) {
            node <<= 1;
            if (tree[node] < need) node += 1;
        }
        const size_t bin = node - leaves;
        tree[node] -= sizes[item];
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
