import Foundation
import Testing
import TestSupport
@testable import CapacityModel
@testable import Planning
@testable import Simulation
import SimKernel
import Stochastics
import Study

/// Issue 16, item 7: `demand_sampling: aggregate` against `per_blade`, which draws every
/// blade's noise at every sample. Without noise the two must count the same overloads exactly and
/// the same sums up to rounding; with noise the same figures in distribution. The moments and the
/// risk bound they rest on are checked against brute force.
@Suite struct DemandSamplingTests {
    /// Six blades of 10 usable cores, 20 VMs of 2 vCPU busy at their business-day peak, blades
    /// failing every 30 hours on average (10 h repairs): restarts crowd the survivors, so blades
    /// are overloaded at peak.
    static func crowded(noise: Double, method: DemandSamplingMethod, replications: Int = 2) throws -> Scenario {
        var s = try PowerManagementTests.scenario(vms: 20, memory: 10, peakCores: 2, dayProfile: true, failEveryHours: 30, mode: "off")
        s.simulation.demandNoiseCV = noise
        s.simulation.demandSampling = method
        s.simulation.replications = replications
        return s
    }

    static func figure(_ r: SimulationResult, _ f: ReplicationFigure) -> [Double] {
        r.perReplication.first { $0.0 == f }?.1 ?? []
    }

    @Test func withoutNoiseBothMethodsCountTheSameOverloads() throws {
        let exact = try Fixture.simulate(Self.crowded(noise: 0, method: .perBlade))
        let fast = try Fixture.simulate(Self.crowded(noise: 0, method: .aggregate))
        let contention = Self.figure(exact, .contentionMinutes)
        #expect(contention.reduce(0, +) > 0, "the scenario must overload blades for this test to mean anything")
        #expect(Self.figure(fast, .contentionMinutes) == contention)
        for (a, b) in zip(Self.figure(exact, .unservedCoreHours), Self.figure(fast, .unservedCoreHours)) {
            #expect(abs(a - b) <= 1e-9 * Swift.max(1, abs(a)))
        }
        for (a, b) in zip(Self.figure(exact, .energyMWh), Self.figure(fast, .energyMWh)) {
            #expect(abs(a - b) <= 1e-9 * a)
        }
        let p = try #require(exact.pools.first), q = try #require(fast.pools.first)
        #expect(p.utilisationP95.count == q.utilisationP95.count && !p.utilisationP95.isEmpty)
        for (x, y) in zip(p.utilisationP50 + p.utilisationP95 + p.utilisationMax, q.utilisationP50 + q.utilisationP95 + q.utilisationMax) {
            #expect(abs(x.mean - y.mean) <= 1e-6)
        }
    }

    /// 40 replications of 30 days, demand noise CV 0.3: each figure's means differ by less than
    /// four standard errors of the difference (two 95% half-widths in quadrature).
    @Test func withNoiseBothMethodsAgreeInDistribution() throws {
        let exact = try Fixture.simulate(Self.crowded(noise: 0.3, method: .perBlade, replications: 40))
        let fast = try Fixture.simulate(Self.crowded(noise: 0.3, method: .aggregate, replications: 40))
        for f in [ReplicationFigure.contentionMinutes, .unservedCoreHours, .energyMWh] {
            let a = Estimate(Self.figure(exact, f)), b = Estimate(Self.figure(fast, f))
            #expect(a.mean > 0 && b.mean > 0)
            #expect(abs(a.mean - b.mean) <= 2 * (a.halfWidth * a.halfWidth + b.halfWidth * b.halfWidth).squareRoot(), "\(f)")
        }
        let p = try #require(exact.pools.first), q = try #require(fast.pools.first)
        for (x, y) in [(p.utilisationP50, q.utilisationP50), (p.utilisationP95, q.utilisationP95), (p.utilisationMax, q.utilisationMax)] {
            let a = x.map(\.mean).reduce(0, +) / Double(x.count), b = y.map(\.mean).reduce(0, +) / Double(y.count)
            #expect(abs(a - b) <= 0.01 * a, "daily utilisation \(a) vs \(b)")
        }
    }

    /// The crowded scenario (noise CV 0.3, aggregate sampling), planned, as a simulation model.
    static func crowdedModel() throws -> SimulationModel {
        let study = try Study.run(try crowded(noise: 0.3, method: .aggregate), options: StudyOptions(simulate: false, jobs: 1))
        return try Study.simulationModel(study.scenario, plan: study.plan)
    }

    /// The crowded scenario's model, a fresh state of one day, and a process setup for samplers.
    static func crowdedDay() throws -> (SimulationModel, ReplicationState, ProcessSetup) {
        let model = try crowdedModel()
        let setup = ProcessSetup(model: model, horizon: 86_400, seed: 1, replication: 0, events: ProcessEvents(process: 0))
        return (model, ReplicationState(model: model, horizon: 86_400), setup)
    }

    /// Random weights on the crowded scenario's blades: the moments' sums equal the sums over the
    /// blades, at random loads; every blade's demand at every calendar hour is within its risk
    /// bound (risk × usable cores × the hour's load level).
    @Test func momentsAndRiskBoundMatchBruteForce() throws {
        let model = try Self.crowdedModel()
        var state = ReplicationState(model: model, horizon: 86_400)
        var kernel = Kernel()
        state.failBlade(1, &kernel)
        let stream = RandomStream(seed: 16, stream: 0, substream: 0)
        for i in state.bladeWeights.indices { state.bladeWeights[i] = 3 * stream.uniform() }
        let setup = ProcessSetup(model: model, horizon: 86_400, seed: 1, replication: 0, events: ProcessEvents(process: 0))
        let sampler = AggregateSampler(setup, noise: [0.5, 1, 1.5])
        let moments = PoolDemandMoments(profiles: model.curves.count)
        moments.rebuild(blades: model.poolBlades[0], peakLoad: sampler.peakLoad, &state)
        #expect(moments.unavailable == [Int32(model.poolBlades[0].lowerBound + 1)])
        #expect(moments.risk == moments.risk.sorted(by: >))
        let width = state.profileCount
        func demand(_ b: Int, _ load: [Double]) -> Double { load.indices.reduce(0) { $0 + state.bladeWeights[b * width + $1] * load[$1] } }
        for _ in 0..<20 {
            let load = (0..<model.curves.count).map { _ in stream.uniform() }
            var brute = PoolDemandMoments.Sums()
            for b in moments.byRisk { brute.add(demand: demand(Int(b), load), kappa: PoolDemandMoments.kappa(Int(b), model)) }
            let sums = load.withUnsafeBufferPointer { moments.sums(load: $0) }
            for (x, y) in [(sums.demand, brute.demand), (sums.kappaDemand, brute.kappaDemand), (sums.square, brute.square), (sums.kappaSquare, brute.kappaSquare)] {
                #expect(abs(x - y) <= 1e-9 * Swift.max(1, abs(y)))
            }
        }
        for (k, b) in moments.byRisk.enumerated() {
            for hour in stride(from: 0, to: sampler.loadLevel.count, by: 7) {
                let load = model.curves.map { Double($0[hour]) }
                let bound = moments.risk[k] * model.bladeUsableCores[Int(b)] * sampler.loadLevel[hour]
                #expect(demand(Int(b), load) <= bound * (1 + 1e-12) + 1e-12)
            }
        }
    }

    /// Moments kept across rebuilds (only the changed blades' terms taken off and added to the
    /// exact sums, the ranking merged) equal moments built from nothing, to the bit, through 300
    /// seeded steps of weight changes (ties of risk included), blade failures and repairs; they
    /// are the sequential sum of the ranked blades' terms within 1e-12 (relative), and that sum
    /// to the bit while a ranked blade's weight of 10⁹ cores (from step 250) takes a term past
    /// the exact range.
    @Test func incrementalRebuildsEqualRebuildsFromNothing() throws {
        var (model, state, setup) = try Self.crowdedDay()
        var kernel = Kernel()
        let sampler = AggregateSampler(setup, noise: [0.5, 1, 1.5])
        let blades = model.poolBlades[0], width = state.profileCount
        let kept = PoolDemandMoments(profiles: model.curves.count)
        var random = SeededGenerator(seed: 35)
        var failed = Set<Int>()
        var beyondRange = 0
        for step in 0..<300 {
            for _ in 0..<(1 + random.below(3)) {
                let b = blades.lowerBound + random.below(blades.count), p = random.below(width)
                // Whole numbers now and then, so that blades tie on risk.
                state.bladeWeights[b * width + p] = step % 3 == 0 ? Double(random.below(3)) : 3 * random.unit()
                if step == 250 { state.bladeWeights[b * width + p] = 1e9 }
                state.demandChanged(blade: b)
            }
            if step % 7 == 0 {
                let b = blades.lowerBound + random.below(blades.count)
                if failed.contains(b) { state.repairBlade(b, &kernel); failed.remove(b) } else { state.failBlade(b, &kernel); failed.insert(b) }
            }
            kept.rebuild(blades: blades, peakLoad: sampler.peakLoad, &state)
            let fresh = PoolDemandMoments(profiles: model.curves.count)
            fresh.rebuild(blades: blades, peakLoad: sampler.peakLoad, &state)
            #expect(kept.byRisk == fresh.byRisk && kept.risk.map(\.bitPattern) == fresh.risk.map(\.bitPattern), "step \(step): ranking")
            #expect(kept.moments.map(\.bitPattern) == fresh.moments.map(\.bitPattern), "step \(step): moments")
            #expect(kept.unavailable == fresh.unavailable && kept.capacity == fresh.capacity && kept.idleWatts == fresh.idleWatts)
            let sequential = Self.sequentialMoments(kept.byRisk.map(Int.init), state)
            let huge = kept.byRisk.contains { b in (0..<width).contains { state.bladeWeights[Int(b) * width + $0] >= 1e8 } }
            if huge {
                #expect(kept.moments.map(\.bitPattern) == sequential.map(\.bitPattern), "step \(step): beyond the exact range")
                beyondRange += 1
            } else {
                let scale = sequential.map(abs).max() ?? 0
                #expect(zip(kept.moments, sequential).allSatisfy { abs($0 - $1) <= 1e-12 * scale }, "step \(step): exact sums")
            }
        }
        #expect(beyondRange > 0, "a term beyond the exact range must be summed for this test to mean anything")
        #expect(kept.byRisk.count + kept.unavailable.count + kept.traced.count == blades.count)
    }

    /// The oracle of a pool's moments: the terms of `blades` (their weights and κ in the state)
    /// added as doubles in that order, each term as `PoolDemandMoments` documents it.
    static func sequentialMoments(_ blades: [Int], _ state: ReplicationState) -> [Double] {
        let profiles = state.profileCount, pairs = profiles * (profiles + 1) / 2
        var m = [Double](repeating: 0, count: 2 * profiles + 2 * pairs)
        for b in blades {
            let w = (0..<profiles).map { state.bladeWeights[b * profiles + $0] }, kappa = PoolDemandMoments.kappa(b, state.model)
            var pair = 2 * profiles
            for p in 0..<profiles {
                m[p] += w[p]
                m[profiles + p] += kappa * w[p]
                for q in p..<profiles {
                    let product = (p == q ? 1 : 2) * w[p] * w[q]
                    m[pair] += product
                    m[pair + pairs] += kappa * product
                    pair += 1
                }
            }
        }
        return m
    }

    /// The fixed point of `ExactTermSums` is the term times 2⁴⁸ truncated toward zero, as the
    /// standard library's conversion gives it, on both of its paths (one 64-bit conversion below
    /// 2¹⁴, the split above) and for negative terms; and its sums do not depend on the order in
    /// which terms are added and taken off.
    @Test func exactTermSumsAreFixedPointAndOrderFree() {
        var random = SeededGenerator(seed: 40)
        for _ in 0..<100_000 {
            let term = (random.unit() < 0.5 ? -1.0 : 1) * exp(random.unit() * 70 - 34.5) * (1 + random.unit())
            guard abs(term) < ExactTermSums.termLimit else { continue }
            #expect(ExactTermSums.fixed(term) == Int128((term * 0x1p48).rounded(.towardZero)), "term \(term)")
        }
        for border in [0x1p14, -0x1p14, 0x1p52.nextDown, -0x1p52.nextDown, 0x1p-48, 0] {
            #expect(ExactTermSums.fixed(border) == Int128((border * 0x1p48).rounded(.towardZero)))
        }
        let blades = (0..<40).map { _ in (0..<4).map { _ in 1e4 * random.unit() * random.unit() } }
        let kappas = blades.map { _ in 10 * random.unit() }
        func sums(_ order: [(Int, Bool)]) -> [Int128] {
            var exact = ExactTermSums(width: 4 * 2 + 4 * 5)
            for (k, adding) in order { blades[k].withUnsafeBufferPointer { exact.add(weights: $0, kappa: kappas[k], adding: adding) } }
            #expect(exact.inRange)
            return exact.sums
        }
        let straight = sums((0..<40).map { ($0, true) })
        // The same blades in another order, with ten of them added twice and taken off once.
        var shuffled = (0..<40).map { ($0, true) } + (0..<10).flatMap { [($0 * 3, true), ($0 * 3, false)] }
        shuffled.shuffle(using: &random)
        let adds = shuffled.filter(\.1).map(\.0), removals = shuffled.filter { !$0.1 }.map(\.0)
        let ordered = adds.map { ($0, true) } + removals.map { ($0, false) }
        #expect(sums(ordered) == straight)
        #expect(sums(shuffled.sorted { $0.1 && !$1.1 }) == straight)
    }

    /// The view a sample reads is a copy of the moments after every rebuild, as blades fail and
    /// come back (the lists grow and shrink), bit for bit.
    @Test func publishedViewEqualsTheMoments() throws {
        var (model, state, setup) = try Self.crowdedDay()
        var kernel = Kernel()
        let sampler = AggregateSampler(setup, noise: [1])
        let blades = model.poolBlades[0], width = state.profileCount
        let moments = PoolDemandMoments(profiles: model.curves.count)
        var random = SeededGenerator(seed: 36)
        for step in 0..<200 {
            let b = blades.lowerBound + random.below(blades.count)
            state.bladeWeights[b * width + random.below(width)] = 3 * random.unit()
            state.demandChanged(blade: b)
            if step % 5 == 0 {
                if state.condition.bladeAvailable[b] { state.failBlade(b, &kernel) } else { state.repairBlade(b, &kernel) }
            }
            moments.rebuild(blades: blades, peakLoad: sampler.peakLoad, &state)
            let view = moments.view
            #expect(Array(view.risk).map(\.bitPattern) == moments.risk.map(\.bitPattern), "step \(step)")
            #expect(Array(view.byRisk) == moments.byRisk && Array(view.unavailable) == moments.unavailable && Array(view.traced) == moments.traced)
            #expect(Array(view.moments).map(\.bitPattern) == moments.moments.map(\.bitPattern))
            #expect(view.capacity == moments.capacity && view.idleWatts == moments.idleWatts)
        }
    }

    /// Load classes: two calendar hours share a class exactly when every profile's load is the
    /// same bit for bit; the classes are numbered 0..<count in order of first appearance.
    @Test func loadClassesGroupEqualRowsOnly() {
        var random = SeededGenerator(seed: 37)
        let values: [Float] = [0, 0.25, 0.5, 1, -0.0]
        let curves = (0..<3).map { _ in (0..<200).map { _ in values[random.below(values.count)] } }
        let (classes, count) = LoadClassCache.loadClasses(curves)
        #expect(classes.count == 200)
        for h in 0..<200 {
            for g in 0..<200 {
                let same = curves.allSatisfy { $0[h].bitPattern == $0[g].bitPattern }
                #expect((classes[h] == classes[g]) == same)
            }
        }
        var seen = Set<Int32>()
        for c in classes where !seen.contains(c) {
            #expect(Int(c) == seen.count)
            seen.insert(c)
        }
        #expect(seen.count == count)
    }

    /// A sampler that keeps each load class's sums and candidates' reach between rebuilds returns
    /// what a fresh sampler (nothing kept) returns, at random hours (classes repeat) while blades'
    /// weights and availability change: kept entries are never read after a rebuild, and a kept
    /// reach loses no candidate. Without noise, so that the two samplers' draw counters do not
    /// matter.
    @Test func keptSumsEqualFreshSums() throws {
        var (model, state, setup) = try Self.crowdedDay()
        var kernel = Kernel()
        let kept = AggregateSampler(setup, noise: [1])
        #expect(kept.cache.enabled)
        let blades = model.poolBlades[0], width = state.profileCount, profiles = model.curves.count
        var random = SeededGenerator(seed: 38)
        var hits = 0, busy = 0, keptBusy = 0
        for step in 0..<400 {
            if step % 4 == 0 {
                let b = blades.lowerBound + random.below(blades.count)
                // Up to 1.5 times a blade's 10 usable cores: some blades are overloaded at peak.
                state.bladeWeights[b * width + random.below(width)] = 15 * random.unit()
                state.demandChanged(blade: b)
            }
            if step % 37 == 0 {
                let b = blades.lowerBound + random.below(blades.count)
                if state.condition.bladeAvailable[b] { state.failBlade(b, &kernel) } else { state.repairBlade(b, &kernel) }
            }
            // January (New Year's holidays, weekdays, weekends): the day's hours repeat as classes.
            let hour = random.below(24 * 31)
            let load = (0..<profiles).map { Double(model.curves[$0][hour]) }
            let hit = kept.cache.slot(pool: 0, hour: hour).flatMap { kept.cache.kept($0, pool: 0) } != nil
            if hit { hits += 1 }
            let fresh = AggregateSampler(setup, noise: [1])
            let a = load.withUnsafeBufferPointer { kept.sample(pool: 0, hour: hour, now: 0, load: $0, &state) }
            let b = load.withUnsafeBufferPointer { fresh.sample(pool: 0, hour: hour, now: 0, load: $0, &state) }
            #expect(a.demand.bitPattern == b.demand.bitPattern && a.watts.bitPattern == b.watts.bitPattern, "step \(step)")
            #expect(kept.overloaded.map(\.blade) == fresh.overloaded.map(\.blade))
            #expect(kept.candidates.map(\.blade) == fresh.candidates.map(\.blade), "step \(step)")
            #expect(kept.candidates.map(\.demand.bitPattern) == fresh.candidates.map(\.demand.bitPattern))
            if !kept.candidates.isEmpty { busy += 1 }
            if hit && !kept.candidates.isEmpty { keptBusy += 1 }
        }
        #expect(hits > 100, "the kept sums must be read for this test to mean anything")
        #expect(busy > 20, "blades must be candidates now and then for this test to mean anything")
        #expect(keptBusy > 5, "kept reaches must be read in busy samples for this test to mean anything")
    }

    /// A day's samples sorted by `DemandSampling.insertionSort` read as the standard library's
    /// stable sort reads them, bit for bit (ties, −0 beside +0, lengths 0 to 96), on seeded days.
    @Test func daySortEqualsTheStableSort() {
        var random = SeededGenerator(seed: 24)
        for trial in 0..<2_000 {
            let count = trial % 97
            // Few distinct values, so that ties (and −0 against +0) are common.
            let values = (0..<count).map { _ in [0.0, -0.0, 0.25, 0.5, 1, 1.5][random.below(6)] * (random.unit() < 0.2 ? random.unit() : 1) }
            var sorted = [Double](repeating: .nan, count: count)
            values.withUnsafeBufferPointer { day in
                sorted.withUnsafeMutableBufferPointer { DemandSampling.insertionSort(day[0..<count], into: $0) }
            }
            #expect(sorted.map(\.bitPattern) == values.sorted().map(\.bitPattern), "trial \(trial)")
        }
    }

    /// Counter streams: the same draw for the same key and counter, whatever was drawn before;
    /// uniform (χ² over 64 cells of 64,000 draws below the 0.999 quantile, 103.4 for 63 degrees).
    @Test func counterStreamsAreRepeatableAndUniform() {
        let a = CounterStream(seed: 1, stream: 2, keyHash: 3), b = CounterStream(seed: 1, stream: 2, keyHash: 3)
        #expect(a.bits(1_000) == b.bits(1_000))
        #expect(a.bits(1) != CounterStream(seed: 1, stream: 3, keyHash: 3).bits(1))
        #expect(a.bits(1) != CounterStream(seed: 1, stream: 2, keyHash: 4).bits(1))
        var cells = [Int](repeating: 0, count: 64)
        for k in 0..<UInt64(64_000) {
            let u = a.uniformPositive(k)
            #expect(u > 0 && u < 1)
            cells[Int(u * 64)] += 1
        }
        let chi2 = cells.reduce(0.0) { $0 + Double(($1 - 1_000) * ($1 - 1_000)) / 1_000 }
        #expect(chi2 < 103.4)
    }
}
