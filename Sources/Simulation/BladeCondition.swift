/// Why a blade takes no VMs now: a set of reasons, empty while it is in service. The shared
/// state (`ReplicationState.bladeOut`) keeps one per blade; availability, blade downtime by
/// cause, standby time and the blade's power draw are all read from it.
struct BladeOutOfService: OptionSet, Hashable, Sendable {
    let rawValue: UInt8

    /// The blade itself is broken.
    static let failed = BladeOutOfService(rawValue: 1 << 0)
    /// Its chassis is down.
    static let chassisDown = BladeOutOfService(rawValue: 1 << 1)
    /// Its site (data center) is down.
    static let siteDown = BladeOutOfService(rawValue: 1 << 2)
    /// Bought but not arrived yet (`simulate --timeline`): not in the pool.
    static let notDelivered = BladeOutOfService(rawValue: 1 << 3)
    /// Power management: its VMs were live-migrated away; it powers off when they are done.
    static let draining = BladeOutOfService(rawValue: 1 << 4)
    /// Power management: in standby.
    static let standby = BladeOutOfService(rawValue: 1 << 5)
    /// Power management: woken from standby, not yet taking VMs.
    static let booting = BladeOutOfService(rawValue: 1 << 6)

    /// The reasons that are downtime: something broke.
    static let hardware: BladeOutOfService = [.failed, .chassisDown, .siteDown]
    /// The reasons power management sets (never downtime).
    static let power: BladeOutOfService = [.draining, .standby, .booting]

    /// Whether the blade is down (broken, or its chassis or site is).
    var isDown: Bool { !isDisjoint(with: .hardware) }

    /// What this blade-time counts as: the first reason in `BladeTime` order (not delivered,
    /// then site, chassis, blade, then booting, draining, standby), or in service.
    var time: BladeTime {
        if contains(.notDelivered) { return .notDelivered }
        if contains(.siteDown) { return .siteDown }
        if contains(.chassisDown) { return .chassisDown }
        if contains(.failed) { return .bladeFailed }
        if contains(.booting) { return .booting }
        if contains(.draining) { return .draining }
        if contains(.standby) { return .standby }
        return .inService
    }
}

/// What a stretch of one blade's time counts as, one at a time (`BladeOutOfService.time`): the
/// blade-seconds of a pool split by these add up to blades × horizon.
public enum BladeTime: Int, CaseIterable, Sendable {
    case inService
    /// Down: its site, its chassis, or itself failed (`isDowntime`).
    case siteDown, chassisDown, bladeFailed
    /// Not in the pool yet.
    case notDelivered
    /// Power management's states: on the way to standby, in standby, waking.
    case draining, standby, booting

    /// The JSON name.
    public var name: String {
        switch self {
        case .inService: "in_service"
        case .siteDown: "site"
        case .chassisDown: "chassis"
        case .bladeFailed: "blade"
        case .notDelivered: "not_delivered"
        case .draining: "draining"
        case .standby: "standby"
        case .booting: "booting"
        }
    }

    /// Whether this time is blade downtime (what blade availability counts against).
    public var isDowntime: Bool { self == .siteDown || self == .chassisDown || self == .bladeFailed }
}
