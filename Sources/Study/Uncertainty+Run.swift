import CapacityModel
import Planning
import Stochastics

extension UncertaintyStudy {
    /// Propagation, tornado and first-order Sobol indices with `samples` points.
    ///
    /// The design is GSL's Sobol sequence in 2d dimensions (d inputs), shifted by a seeded random
    /// vector: the first d coordinates of point j are row j of A, the next d row j of B. Beyond
    /// the sequence's 40 dimensions (d > 20) the remaining coordinates are seeded pseudo-random
    /// draws (xoshiro256**, stream 1 of the seed), which the estimator allows. The figures'
    /// distribution is that of f(A) (each coordinate through its input's quantile); the
    /// first-order index of input i is Saltelli's (2010) estimator
    /// mean(f(B)·(f(A_B^i) − f(A))) / Var(f(A) ∪ f(B)) of the saving, A_B^i being A with
    /// column i from B.
    /// - Complexity: samples × (d + 2) + 2d pricings, two at a time.
    public func run(samples: Int, seed: UInt64) throws(StudyError) -> UncertaintyResult {
        let d = inputs.count
        let sobolDimensions = Swift.min(2 * d, SobolSequence.maximumDimensions)
        var a: [[Double]] = [], b: [[Double]] = []
        if d > 0 {
            let design = SobolSequence(dimensions: sobolDimensions, seed: seed)
            let extra = RandomStream(seed: seed, stream: 1)
            for _ in 0..<samples {
                var u = design.next()
                while u.count < 2 * d { u.append(extra.uniform()) }
                a.append((0..<d).map { inputs[$0].quantile(u[$0]) })
                b.append((0..<d).map { inputs[$0].quantile(u[d + $0]) })
            }
        }
        let withIndices = d > 0
        let point = inputs.map(\.value)
        // Every row the study prices, evaluated in parallel: A, the tornado's lows and highs, B, A_B^i.
        var rows = a.isEmpty ? [point] : a
        for i in 0..<d {
            var low = point, high = point
            low[i] = inputs[i].low
            high[i] = inputs[i].high
            rows += [low, high]
        }
        rows += b
        if withIndices {
            for i in 0..<d {
                for j in 0..<samples {
                    var row = a[j]
                    row[i] = b[j][i]
                    rows.append(row)
                }
            }
        }
        let study = self
        let out = try parallelMap(rows) { row throws(StudyError) in try study.figures(row) }
        let fa = Array(out.prefix(Swift.max(a.count, 1)))
        var next = fa.count
        let names = figureNames()
        let distribution = names.indices.map { k in Self.summary(names[k], fa.map { $0[k] }) }
        var tornado: [UncertaintyResult.Swing] = []
        for input in inputs {
            tornado.append(UncertaintyResult.Swing(assumption: input, figureAtLow: out[next][Self.savingIndex],
                                                   figureAtHigh: out[next + 1][Self.savingIndex]))
            next += 2
        }
        tornado.sort { $0.swing > $1.swing }
        var indices: [UncertaintyResult.Index] = []
        if withIndices {
            let yA = fa.map { $0[Self.savingIndex] }
            let yB = out[next..<next + samples].map { $0[Self.savingIndex] }
            next += samples
            let columns = (0..<d).map { i in out[(next + i * samples)..<(next + (i + 1) * samples)].map { $0[Self.savingIndex] } }
            indices = Self.firstOrder(yA: yA, yB: yB, yAB: columns).enumerated().map { UncertaintyResult.Index(assumption: inputs[$0.offset], firstOrder: $0.element) }
                .sorted { $0.firstOrder > $1.firstOrder }
        }
        let pays = Double(fa.filter { $0[Self.savingIndex] > 0 }.count) / Double(fa.count)
        var result = UncertaintyResult(samples: fa.count, method: d == 0 ? "none: no input has a range"
                                    : "Sobol sequence (GSL), randomly shifted with seed \(seed)"
                                        + (2 * d > sobolDimensions ? ", its last \(2 * d - sobolDimensions) of \(2 * d) coordinates pseudo-random" : "")
                                        + "; Saltelli 2010 first-order indices",
                                 seed: seed,
                                 assumptions: inputs, figures: distribution, influenceFigure: names[Self.savingIndex],
                                 tornado: tornado, sobolFirstOrder: indices,
                                 reportedReductionPercent: base.reportedComparison?.reportedReductionPercent, sizings: sizings)
        result.savingPositiveFraction = pays
        return result
    }

    /// Mean and the 5th, 50th and 95th percentiles (linear interpolation between order
    /// statistics). O(n log n).
    static func summary(_ name: String, _ values: [Double]) -> UncertaintyResult.Figure {
        let sorted = values.sorted()
        func q(_ p: Double) -> Double {
            guard sorted.count > 1 else { return sorted.first ?? .nan }
            let h = p * Double(sorted.count - 1), lo = Int(h.rounded(.down))
            let hi = Swift.min(lo + 1, sorted.count - 1)
            return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
        }
        let mean = values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        return UncertaintyResult.Figure(name: name, mean: mean, p5: q(0.05), p50: q(0.5), p95: q(0.95))
    }

    /// Saltelli's (2010) first-order estimator for each column of `yAB`. O(samples × inputs).
    static func firstOrder(yA: [Double], yB: [Double], yAB: [[Double]]) -> [Double] {
        let all = yA + yB
        let mean = all.reduce(0, +) / Double(all.count)
        let variance = all.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(all.count)
        guard variance > 0 else { return yAB.map { _ in 0 } }
        return yAB.map { column in
            zip(yB, zip(column, yA)).reduce(0.0) { $0 + $1.0 * ($1.1.0 - $1.1.1) } / Double(yA.count) / variance
        }
    }
}
