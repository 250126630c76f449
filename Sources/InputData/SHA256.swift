import Foundation
/// SHA-256 (FIPS 180-4) of bytes, for fingerprints of input files: a sweep's parts carry the
/// digest of the sweep and scenario files they were run from, so that parts of different inputs
/// are never merged. Written from the standard's description; O(bytes).
public struct SHA256: Sendable {
    private var state: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    public init() {
        pending.reserveCapacity(64)
    }

    /// The digest of `bytes`, as 64 lowercase hex digits.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var h = SHA256()
        h.update(bytes)
        return h.finalHex()
    }

    /// Adds bytes to the message: whole 64-byte blocks straight from contiguous storage, the
    /// rest through a 64-byte buffer (no allocation per block or byte).
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in update(UnsafeRawBufferPointer(buffer)) }
        if done == nil { for b in bytes { add(b) } }
    }

    private mutating func update(_ buffer: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < buffer.count && !pending.isEmpty {
            add(buffer[offset])
            offset += 1
        }
        while buffer.count - offset >= 64 {
            compress(UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + 64)]))
            length &+= 64
            offset += 64
        }
        while offset < buffer.count {
            add(buffer[offset])
            offset += 1
        }
    }

    private mutating func add(_ b: UInt8) {
        pending.append(b)
        length &+= 1
        if pending.count == 64 {
            let block = pending
            block.withUnsafeBytes { compress($0) }
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// The digest of everything added, as 64 lowercase hex digits.
    public func finalHex() -> String {
        var copy = self
        let bits = length &* 8
        var tail = pending
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        tail.withUnsafeBytes { all in
            for start in stride(from: 0, to: all.count, by: 64) { copy.compress(UnsafeRawBufferPointer(rebasing: all[start..<(start + 64)])) }
        }
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 64) { out in
            var k = 0
            for word in copy.state {
                for shift in stride(from: 28, through: 0, by: -4) {
                    out[k] = digits.utf8Start[Int((word >> UInt32(shift)) & 0xf)]
                    k += 1
                }
            }
            return 64
        }
    }

    /// One 64-byte block into the state; the message schedule lives on the stack.
    private mutating func compress(_ block: UnsafeRawBufferPointer) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for i in 0..<16 {
                w[i] = UInt32(block[4 * i]) << 24 | UInt32(block[4 * i + 1]) << 16 | UInt32(block[4 * i + 2]) << 8 | UInt32(block[4 * i + 3])
            }
            for t in 16..<64 {
                let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
                let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
                w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
            for t in 0..<64 {
                let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ Self.k[t] &+ w[t]
                let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
                (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
            state[4] &+= e; state[5] &+= f; state[6] &+= g; state[7] &+= h
        }
    }

    private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}

extension SHA256 {
    /// The digest of the bytes of `paths`, each once, in order, then `extra`; nil with the first
    /// path that cannot be read. O(bytes).
    public static func ofFiles(_ paths: [String], then extra: [UInt8] = []) -> Result<String, UnreadableFile> {
        var hash = SHA256()
        var seen: Set<String> = []
        for path in paths where seen.insert(path).inserted {
            guard let data = FileManager.default.contents(atPath: path) else { return .failure(UnreadableFile(path: path)) }
            hash.update(data)
        }
        hash.update(extra)
        return .success(hash.finalHex())
    }

    /// A file a fingerprint could not read.
    public struct UnreadableFile: Error, Sendable { public let path: String }
}
