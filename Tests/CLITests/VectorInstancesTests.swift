import Foundation
import Placement
import PlacementIO
import Testing
import TestSupport

/// The vector packing families (`cloudplan instances vector-…`): each by its published rule.
@Suite struct VectorInstancesTests {
    /// Sizes of instance i's item j, as whole numbers.
    static func sizes(_ instance: NamedInstance) -> [[Int]] {
        (0..<instance.problem.itemCount).map { instance.problem.item($0).map { Int($0) } }
    }

    /// The grid (numbers of items and dimensions, 10 instances each unless told) and the
    /// triplets' construction: every three items in a row fill a bin exactly, by the family's
    /// cut, so the optimum n/3 is carried.
    @Test func tripletsFollowTheirRules() {
        let rules: [(VectorPackingFamily, ClosedRange<Int>, (Int) -> ClosedRange<Int>)] = [
            (.tripletsF, 38...49, { 25...((100 - $0) / 2) }), (.tripletsC, 25...50, { _ in 25...50 }),
            (.tripletsM, 1...50, { _ in 1...50 }),
        ]
        for (family, firstRange, secondRange) in rules {
            let set = family.instances(count: 2, seed: 3)
            #expect(set.count == 4 * 3 * 2)
            #expect(set.map(\.problem.itemCount) == [60, 120, 249, 501].flatMap { [Int](repeating: $0, count: 6) })
            for instance in set {
                let items = Self.sizes(instance), d = instance.problem.dimensions
                #expect(instance.problem.capacity == [Double](repeating: 100, count: d))
                #expect(instance.optimum == items.count / 3)
                for b in 0..<(items.count / 3) {
                    for k in 0..<d {
                        let (a, s, c) = (items[3 * b][k], items[3 * b + 1][k], items[3 * b + 2][k])
                        #expect(firstRange.contains(a) && secondRange(a).contains(s) && a + s + c == 100, "\(instance.name)")
                    }
                }
            }
        }
        #expect(VectorPackingFamily.tripletsF.instances(seed: 1).count == 120)
    }

    /// Panigrahy et al.'s classes: ranges, the pairing of classes 7 and 8, class 9's sizes as a
    /// multiple of one s in [10, 40] of 2d units plus 0 or 1, and its n + 1 items.
    @Test func panigrahyClassesFollowTheirRules() {
        let set = VectorPackingFamily.panigrahy.instances(count: 1, seed: 5)
        #expect(set.count == 9 * 6 * 3)
        let ranges = [1: (1000, 100...400), 2: (1000, 1...1000), 3: (1000, 200...800), 4: (1000, 50...200),
                      5: (1000, 25...100), 6: (150, 20...100)]
        for instance in set {
            let parts = instance.name.split(separator: "_")
            let k = Int(parts[0].dropFirst(5))!, n = Int(parts[1])!, d = Int(parts[2])!
            let items = Self.sizes(instance)
            #expect(instance.problem.dimensions == d && instance.optimum == nil)
            #expect(items.count == (k == 9 ? n + 1 : n), "\(instance.name)")
            if let (capacity, range) = ranges[k] {
                #expect(Int(instance.problem.capacity[0]) == capacity)
                #expect(items.allSatisfy { $0.allSatisfy { range.contains($0) } }, "\(instance.name)")
            } else if k == 7 || k == 8 {
                for item in items {
                    for pair in 0..<(d / 2) {
                        let (x, y) = (item[2 * pair], item[2 * pair + 1])
                        #expect((20...99).contains(x), "\(instance.name)")
                        #expect(k == 7 ? abs(y - x) <= 10 : (110...130).contains(x + y), "\(instance.name)")
                    }
                }
            } else {
                #expect(items.allSatisfy { Self.isClass9Item($0) }, "\(instance.name)")
            }
        }
    }

    /// Whether sizes are s · units + (0 or 1) for one s in [10, 40] and units summing to 2d.
    static func isClass9Item(_ sizes: [Int]) -> Bool {
        guard sizes.allSatisfy({ (0...100).contains($0) }) else { return false }
        return (10...40).contains { s in
            sizes.allSatisfy { $0 % s <= 1 } && sizes.map { $0 / s }.reduce(0, +) == 2 * sizes.count
        }
    }

    /// The new classes: class 1's groups large in one dimension each; every size in [0, 100];
    /// the means of the normal classes where the draws are many (500 items in 10 dimensions):
    /// class 2 (N(20, 10) cut to [0, 100]: mean 20.5) within 0.6, class 4 (10% around 70, the
    /// rest around 30) between 31 and 37.
    @Test func newClassesFollowTheirRules() {
        let set = VectorPackingFamily.newClasses.instances(count: 1, seed: 8)
        #expect(set.count == 6 * 6 * 3)
        for instance in set {
            let parts = instance.name.split(separator: "_")
            let k = Int(parts[0].dropFirst(5))!, n = Int(parts[1])!, d = Int(parts[2])!
            let items = Self.sizes(instance)
            #expect(items.count == n && items.allSatisfy { $0.count == d && $0.allSatisfy { (0...100).contains($0) } })
            if k == 1 {
                for (i, item) in items.enumerated() {
                    let large = Swift.min(i / (n / d), d - 1)
                    #expect(item.indices.allSatisfy { $0 == large ? item[$0] >= 50 : item[$0] <= 25 }, "\(instance.name)")
                }
            }
            guard n == 500 && d == 10 && (k == 2 || k == 4) else { continue }
            let mean = Double(items.joined().reduce(0, +)) / 5000
            #expect(k == 2 ? abs(mean - 20.5) < 0.6 : (31...37).contains(mean), "\(instance.name): mean \(mean)")
        }
    }

    /// The same seed draws the same set; another seed, another set.
    @Test func vectorSetsRepeatFromTheirSeed() {
        for family in VectorPackingFamily.allCases {
            let a = family.instances(count: 1, seed: 5).map(\.problem.sizes)
            #expect(a == family.instances(count: 1, seed: 5).map(\.problem.sizes))
            #expect(a != family.instances(count: 1, seed: 6).map(\.problem.sizes))
        }
    }

    /// `cloudplan instances vector-triplets-c` writes capacities and items as arrays, and `pack`
    /// reads the set back: every instance within capacity, at no more bins than first fit
    /// decreasing and no fewer than the optimum n/3 (which is the lower bound).
    @Test func generatedVectorSetsPack() throws {
        let w = try Workspace("vector-cli")
        let made = try CLI.run(["instances", "vector-triplets-c", "--count", "1", "--seed", "4", "--output", w.path + "/c.json"])
        #expect(made.status == 0, "\(made.stderr)")
        let text = try String(contentsOfFile: w.path + "/c.json", encoding: .utf8)
        #expect(text.contains("\"capacity\": [100, 100, 100], \"items\": [["))
        let (r, instances) = try CLI.packRecords(w.path + "/c.json", timeLimit: "0.5")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(instances.count == 12)
        for i in instances {
            let bins = i["bins"] as! Int, ffd = i["ffd_bins"] as! Int, optimum = i["known_optimum"] as! Int
            #expect(bins <= ffd && bins >= optimum && (i["lower_bound"] as! Int) == optimum, "\(i["name"]!)")
        }
    }
}
