import CapacityModel

extension ContinuityPlanner {
    /// GiB kept for one system under a policy: the fulls inside the retention plus one being
    /// written, and a day's changes for every day kept (continuous replication: one base copy
    /// and the retained days of changes).
    static func retainedGiB(disk: Double, change: Double, policy: BackupPolicy) -> Double {
        let days = policy.retentionDays.rounded(.up)
        let fulls = policy.schedule == .daily && policy.fullEveryDays > 0
            ? (policy.retentionDays / Double(policy.fullEveryDays)).rounded(.up) + 1 : 1
        return (disk * fulls + change * days) * policy.reduction
    }

    /// Each pool's backup storage at its partner and on site, and its tape library.
    func retention(_ systems: [ProtectedSystem]) -> [PoolBackup] {
        pools.indices.map { p in
            let mine = systems.filter { $0.pool == p }
            var partnerGiB = 0.0, diskGiB = 0.0, tapeGiB = 0.0, nightly = 0.0, full = 0.0
            var tapeNight = 0.0, tapeFull = 0.0
            var generation: TapeGeneration?, window = 24.0, fullWindow = 24.0
            for s in mine {
                let policy = settings.policies[settings.systemPolicy[s.system]]
                let kept = Self.retainedGiB(disk: s.diskGiB, change: s.dailyChangeGiB, policy: policy)
                nightly += s.dailyChangeGiB * policy.reduction
                full += s.diskGiB * policy.reduction
                switch policy.target {
                case .partner: partnerGiB += kept
                case .disk: diskGiB += kept
                case .tape:
                    tapeGiB += kept
                    tapeNight += s.dailyChangeGiB * policy.reduction
                    tapeFull += s.diskGiB * policy.reduction
                    generation = generation ?? policy.tape
                    window = Swift.min(window, policy.windowHours)
                    fullWindow = Swift.min(fullWindow, policy.fullWindowHours)
                }
            }
            let partnerArrays = settings.dr.pools.first { $0.pool == p }.map { entry -> Int in
                let partner = pools[entry.partner].pool
                let usable = partner.storage.usableGiB * partner.policy.storage.capacityUtilisation
                return usable > 0 ? Int((partnerGiB / usable - 1e-9).rounded(.up)) : 0
            } ?? 0
            let tape = generation.map { g in
                Self.tapeNeeds(g, nightGiB: tapeNight, window: window, fullGiB: tapeFull, fullWindow: fullWindow, retainedGiB: tapeGiB)
            }
            return PoolBackup(pool: pools[p].name, nightlyGiB: nightly, fullGiB: full, partnerStorageGiB: partnerGiB,
                              partnerArrays: Swift.max(0, partnerArrays), localDiskGiB: diskGiB, tape: tape)
        }
    }

    /// Drives for the heavier of the incremental and full nights at the generation's native
    /// speed; cartridges for the retained volume at its native capacity; slots for every
    /// cartridge and one cleaning cartridge.
    static func tapeNeeds(_ g: TapeGeneration, nightGiB: Double, window: Double, fullGiB: Double, fullWindow: Double,
                          retainedGiB: Double) -> TapeNeeds {
        let gb = DataRate.bytesPerGiB / 1e9
        let perDriveHour = g.nativeMBps * 3_600 / 1_000
        let drives = Swift.max(1, Int((Swift.max(nightGiB * gb / window, fullGiB * gb / fullWindow) / perDriveHour - 1e-9).rounded(.up)))
        let retainedGB = retainedGiB * gb
        let cartridges = Int((retainedGB / g.nativeGB - 1e-9).rounded(.up))
        return TapeNeeds(generation: g, drives: drives, cartridges: Swift.max(1, cartridges), slots: Swift.max(1, cartridges) + 1,
                         retainedGB: retainedGB)
    }
}
