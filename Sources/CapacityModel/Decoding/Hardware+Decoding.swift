extension BladeModel {
    static func decode(_ node: YAMLNode) -> BladeModel? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let id = r.string("id")
        let sockets = r.integer("sockets", min: 1, max: 16)
        let cores = r.integer("cores_per_socket", min: 1, max: 1_024)
        let ghz = r.optional("ghz").flatMap { $0.number(min: 0.01, max: 100, what: "a clock speed in GHz (informative only)") } ?? 0
        let score = CoreScore.decode(r)
        let memory = r.required("memory_gib", "GiB")?.number(min: 1.0 / 64, max: 1_048_576, what: "a memory size from 1/64 GiB to 1 PiB")
        let idle = r.nonNegative("power_idle_w")
        let peak = r.positive("power_peak_w")
        let price = r.nonNegative("price_yen")
        let priceSource = r.optionalString("price_source")
        let failures = r.optional("failures").map(FailureModel.decode)
        guard let id, let sockets, let cores, let memory, let idle, let peak, let price else { return nil }
        if let f = failures, f == nil { return nil }
        if idle > peak {
            r.required("power_idle_w")?.error("idle power (\(idle) W) exceeds peak power (\(peak) W)")
            return nil
        }
        var model = BladeModel(id: id, sockets: sockets, coresPerSocket: cores, ghz: ghz, memoryGiB: memory,
                          powerIdle: Watts(idle), powerPeak: Watts(peak), price: Yen(price),
                          failures: failures ?? nil, location: r.location)
        model.priceSource = priceSource ?? HardwarePrice.unstated
        (model.coreScore, model.coreScoreSource) = score
        return model
    }
}

extension ChassisModel {
    static func decode(_ node: YAMLNode) -> ChassisModel? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let id = r.string("id")
        let slots = r.integer("slots", min: 1, max: 64)
        let units = r.integer("rack_units", min: 1, max: 60)
        let power = r.nonNegative("power_w", default: 0)
        let price = r.nonNegative("price_yen")
        let priceSource = r.optionalString("price_source")
        let failures = r.optional("failures").map(FailureModel.decode)
        guard let id, let slots, let units, let power, let price else { return nil }
        if let f = failures, f == nil { return nil }
        var model = ChassisModel(id: id, slots: slots, rackUnits: units, power: Watts(power), price: Yen(price),
                            failures: failures ?? nil, location: r.location)
        model.priceSource = priceSource ?? HardwarePrice.unstated
        return model
    }
}

extension StorageArrayModel {
    static func decode(_ node: YAMLNode) -> StorageArrayModel? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let id = r.string("id")
        let disks = r.integer("disks", min: 1, max: 100_000)
        let size = r.positive("disk_size_gb")
        let iops = r.positive("disk_iops")
        let raid = r.required("raid", RAIDLevel.nameList)?.choice(RAIDLevel.self)
        let group = r.integer("raid_group_size", default: 8, min: 2, max: 64)
        let spares = r.integer("hot_spares", default: 0, min: 0)
        let controllers = r.integer("controllers", default: 2, min: 1, max: 16)
        let units = r.integer("rack_units", min: 1, max: 60)
        let power = r.nonNegative("power_w", default: 0)
        let price = r.nonNegative("price_yen")
        let priceSource = r.optionalString("price_source")
        let failures = r.optional("failures").map(FailureModel.decode)
        guard let id, let disks, let size, let iops, let raid, let group, let spares, let controllers,
              let units, let power, let price else { return nil }
        if let f = failures, f == nil { return nil }
        if group < raid.minimumGroupSize || ((raid == .raid1 || raid == .raid10) && group % 2 != 0) {
            r.required("raid_group_size")?.error("\(raid.rawValue) needs groups of at least \(raid.minimumGroupSize) disks\(raid == .raid1 || raid == .raid10 ? ", an even number" : "") (got \(group))")
            return nil
        }
        if disks < group {
            r.required("disks")?.error("\(disks) disks do not fill one RAID group of \(group): the usable capacity would be zero")
            return nil
        }
        var model = StorageArrayModel(id: id, disks: disks, diskSizeGB: size, diskIOPS: iops, raid: raid,
                                 raidGroupSize: group, hotSpares: spares, controllers: controllers, rackUnits: units,
                                 power: Watts(power), price: Yen(price), failures: failures ?? nil,
                                 location: r.location)
        model.priceSource = priceSource ?? HardwarePrice.unstated
        return model
    }
}

extension RackModel {
    static func decode(_ node: YAMLNode) -> RackModel? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let id = r.string("id")
        let units = r.integer("units", default: 42, min: 1, max: 60)
        let price = r.nonNegative("price_yen", default: 0)
        let priceSource = r.optionalString("price_source")
        guard let id, let units, let price else { return nil }
        var model = RackModel(id: id, units: units, price: Yen(price), location: r.location)
        model.priceSource = priceSource ?? HardwarePrice.unstated
        return model
    }
}

extension BaselineServerModel {
    static func decode(_ node: YAMLNode) -> BaselineServerModel? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let id = r.string("id")
        let cores = r.integer("cores", min: 1, max: 1_024)
        // Sizes that round to nothing would make every VM need infinitely many servers.
        let memory = r.required("memory_gib", "GiB")?.number(min: 1.0 / 64, max: 1_048_576, what: "a memory size from 1/64 GiB to 1 PiB")
        let power = r.nonNegative("power_w")
        let price = r.nonNegative("price_yen")
        let priceSource = r.optionalString("price_source")
        let score = CoreScore.decode(r)
        guard let id, let cores, let memory, let power, let price else { return nil }
        var model = BaselineServerModel(id: id, cores: cores, memoryGiB: memory, power: Watts(power), price: Yen(price),
                                   location: r.location)
        model.priceSource = priceSource ?? HardwarePrice.unstated
        (model.coreScore, model.coreScoreSource) = score
        return model
    }
}

extension Site {
    static func decode(_ node: YAMLNode) -> Site? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let id = r.string("id")
        let name = r.optionalString("name")
        let pue = r.number("pue", default: 1.7, min: 1, max: 5)
        let price = r.nonNegative("power_price_yen_per_kwh")
        let rack = r.nonNegative("rack_space_yen_per_year", default: 0)
        guard let id, let pue, let price, let rack else { return nil }
        return Site(id: id, name: name ?? id, pue: pue, powerPriceYenPerKWh: price, rackSpaceYenPerYear: Yen(rack),
                    location: r.location)
    }
}

extension CoreScore {
    /// `core_score` and `core_score_source` of a server model: (1, `unstated`) when no score is
    /// given; a score without a source is marked an estimate.
    static func decode(_ r: MappingReader) -> (Double, String) {
        let score = r.optional("core_score").flatMap {
            $0.number(min: range.lowerBound, max: range.upperBound, what: "a core's throughput in reference cores (\(reference))")
        }
        let source = r.optionalString("core_score_source")
        guard let score else { return (1, source ?? unstated) }
        return (score, source ?? "[EST] no source given")
    }
}
