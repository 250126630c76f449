import CapacityModel

/// How long a volume takes over a link (the LGWAN performance test, `cloudplan transfer`):
/// time = volume × 2^30 × 8 / (mbps × 10^6 × efficiency × share) + latency, and `streams`
/// equal transfers sharing the link each take `streams` times as long.
public struct TransferEstimate: Sendable {
    public var volumeGiB: Double
    public var link: LinkParameters
    /// Share of the link the transfer may use (the link's backup share for backup traffic).
    public var share: Double
    public var streams: Int
    /// A window to check the transfer against, hours (nil: none).
    public var windowHours: Double?

    public init(volumeGiB: Double, link: LinkParameters, share: Double, streams: Int = 1, windowHours: Double? = nil) {
        self.volumeGiB = volumeGiB
        self.link = link
        self.share = share
        self.streams = streams
        self.windowHours = windowHours
    }

    /// Bits a second the whole transfer gets.
    public var bitsPerSecond: Double { link.bitsPerSecond(share: share) }
    /// Bits sent by one stream.
    public var bits: Double { volumeGiB * DataRate.bytesPerGiB * 8 }
    /// Seconds one stream's data take alone, latency included once.
    public var aloneSeconds: Double { bits / bitsPerSecond + link.latencyMilliseconds / 1_000 }
    /// Seconds each of `streams` equal transfers takes when they share the link.
    public var sharedSeconds: Double { bits * Double(streams) / bitsPerSecond + link.latencyMilliseconds / 1_000 }
    public var hours: Double { sharedSeconds / 3_600 }
    public var windowOK: Bool? { windowHours.map { hours <= $0 + 1e-9 } }

    /// The arithmetic, in words and figures, to redo by hand.
    public var arithmetic: String {
        let n = streams == 1 ? "" : " × \(streams) streams"
        return "\(fmt(volumeGiB)) GiB × 2^30 B × 8 bit\(n) / (\(fmt(link.mbps)) Mbps × 10^6 × \(fmt(link.efficiency)) efficiency × \(fmt(share)) share) + \(fmt(link.latencyMilliseconds)) ms = \(fmt(sharedSeconds)) s = \(fmt(hours)) h"
    }

    /// A figure to 4 decimals, whole numbers without a point.
    public func fmt(_ x: Double) -> String {
        let r = (x * 10_000).rounded() / 10_000
        return r == r.rounded() && abs(r) < 1e15 ? String(Int(r)) : String(r)
    }
}
