import Foundation
import PlacementIO
import Testing
import TestSupport

/// The classical one-dimensional families (`cloudplan instances`) and the plain text formats the
/// published sets come in.
@Suite struct ClassicalInstancesTests {
    /// Each family by its published rule: how many instances, how many items, the capacity and
    /// the range of the weights; triplets and split bins fill their bins exactly.
    @Test func familiesFollowTheirRules() {
        let expected: [(BinPackingFamily, Int, Int, ClosedRange<Int>)] = [
            (.falkenauerU, 80, 150, 20...100), (.falkenauerT, 80, 1000, 251...499),
            (.schollN, 720, 0, 1...100), (.schollW, 480, 1000, 1...1000), (.schollHard, 10, 100_000, 20_000...35_000),
            (.schwerin1, 100, 1000, 150...200), (.schwerin2, 100, 1000, 150...200), (.waescher, 17, 10_000, 100...8_000),
            (.hardPerfect, 28, 1000, 1...800),
        ]
        for (family, count, capacity, range) in expected {
            let set = family.instances(seed: 3)
            #expect(set.count == count, "\(family)")
            for instance in set {
                let c = Int(instance.problem.capacity[0])
                let weights = instance.problem.sizes.map { Int($0) }
                if capacity > 0 { #expect(c == capacity, "\(instance.name)") } else { #expect([100, 120, 150].contains(c)) }
                #expect(weights.allSatisfy { range.contains($0) }, "\(instance.name)")
                if let optimum = instance.optimum { #expect(weights.reduce(0, +) == optimum * c, "\(instance.name)") }
            }
        }
        let t = BinPackingFamily.falkenauerT.instances(count: 1, seed: 9)
        #expect(t.map(\.problem.itemCount) == [60, 120, 249, 501])
        #expect(t.map(\.optimum) == [20, 40, 83, 167])
        let w = BinPackingFamily.schollW.instances(count: 1, seed: 9)
        // N1W4B3 (mean 1000/9 ± 90%): weights within [11, 211].
        let n1w4b3 = w.first { $0.name.hasPrefix("N1W4B3") }!
        #expect(n1w4b3.problem.itemCount == 50 && n1w4b3.problem.sizes.allSatisfy { $0 >= 11 && $0 <= 211 })
    }

    /// The same seed draws the same set; another seed, another set.
    @Test func setsRepeatFromTheirSeed() {
        let a = BinPackingFamily.falkenauerU.instances(count: 2, seed: 5).map(\.problem.sizes)
        let b = BinPackingFamily.falkenauerU.instances(count: 2, seed: 5).map(\.problem.sizes)
        let c = BinPackingFamily.falkenauerU.instances(count: 2, seed: 6).map(\.problem.sizes)
        #expect(a == b && a != c)
    }

    /// BPPLIB's one-instance form (one weight a line, or weight and count pairs) and the
    /// OR-Library's several-instance form read as written.
    @Test func textFormatsRead() throws {
        let w = try Workspace("bpp-text")
        let single = try BinPackingTextFile.read(try w.write("5\n100\n60\n50\n40\n30\n20\n", to: "N1C1W1_A.txt"))
        #expect(single.count == 1 && single[0].name == "N1C1W1_A")
        #expect(single[0].problem.capacity == [100] && single[0].problem.sizes == [60, 50, 40, 30, 20])
        #expect(single[0].itemLocations == ["3", "4", "5", "6", "7"])
        let pairs = try BinPackingTextFile.read(try w.write("2\r\n1000\r\n400 3\r\n200 2\r\n", to: "csp.bpp"))
        #expect(pairs[0].problem.sizes == [400, 400, 400, 200, 200])
        let orlib = """
             2
             u_a
             150 3 2
             100
             90
             50
             u_b
             150 2 1
             70
             80.0
            """
        let several = try BinPackingTextFile.read(try w.write(orlib, to: "binpack.txt"))
        #expect(several.map(\.name) == ["u_a", "u_b"])
        #expect(several.map(\.bestHeuristic) == [2, 1])
        #expect(several[1].problem.sizes == [70, 80])
    }

    /// A mistake is reported at its line and column, and pack refuses the file with exit 1.
    @Test func textFormatMistakesAreLocated() throws {
        let w = try Workspace("bpp-bad")
        for (text, line, column, words) in [
            ("3\n100\n20\n3x\n5\n", 4, 1, "'3x'"), ("3\n100\n20\n", 3, 1, "end of the file"),
            ("2\n0\n1\n1\n", 2, 1, "the capacity"), ("1\n10\n5\n6\n", 4, 1, "more numbers"),
        ] {
            let file = try w.write(text, to: "bad.txt")
            do {
                _ = try BinPackingTextFile.read(file)
                Issue.record("accepted: \(text)")
            } catch let e as InstanceFileError {
                #expect(e.line == line && e.column == column, "\(e)")
                #expect(e.message.contains(words), "\(e)")
            }
            let r = try CLI.run(["pack", file])
            #expect(r.status == 1 && r.stderr.contains("bad.txt:\(line):\(column): error:"), "\(r.stderr)")
        }
    }

    /// `cloudplan instances` writes a set that `pack` reads back: the same bytes for the same
    /// seed, every instance packed within capacity at no more bins than first fit decreasing.
    @Test func generatedSetsPack() throws {
        let w = try Workspace("bpp-cli")
        let first = try CLI.run(["instances", "falkenauer-t", "--count", "1", "--seed", "4", "--output", w.path + "/t.json"])
        #expect(first.status == 0, "\(first.stderr)")
        let again = try CLI.run(["instances", "falkenauer-t", "--count", "1", "--seed", "4"])
        #expect(again.stdout == (try String(contentsOfFile: w.path + "/t.json", encoding: .utf8)))
        let (r, instances) = try CLI.packRecords(w.path + "/t.json", timeLimit: "0.5")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(instances.count == 4)
        for i in instances {
            let bins = i["bins"] as! Int, ffd = i["ffd_bins"] as! Int, optimum = i["known_optimum"] as! Int
            #expect(bins <= ffd && bins >= optimum && (i["lower_bound"] as! Int) <= optimum)
        }
        let bad = try CLI.run(["instances", "falkenauer-x"])
        #expect(bad.status == 64)
    }

    /// The bundled sets are the generator's output for seed 2026, byte for byte (three of the
    /// nine here; the script that measures them reads them all).
    @Test func bundledSetsAreTheGeneratorsOutput() throws {
        for family in ["waescher", "scholl-3", "hard-perfect"] {
            let bundled = try CLI.run(["/usr/bin/gzip", "-dc", "data/bin-packing-1d/\(family).json.gz"], shell: true)
            let generated = try CLI.run(["instances", family, "--seed", "2026"])
            #expect(bundled.status == 0 && generated.status == 0)
            #expect(!bundled.stdout.isEmpty && bundled.stdout == generated.stdout, "\(family)")
        }
    }
}
