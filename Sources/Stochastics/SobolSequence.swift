import CGSL

/// GSL's Sobol low-discrepancy sequence in up to 40 dimensions, randomly shifted
/// (Cranley-Patterson rotation: each point plus one seeded uniform vector, modulo 1), so that a
/// seed gives the same design every time and different seeds give independent estimates.
/// Used to sample uncertain inputs (`plan --uncertainty`).
public final class SobolSequence {
    /// GSL's limit for its Sobol generator.
    public static let maximumDimensions = 40

    public let dimensions: Int
    let generator: UnsafeMutablePointer<gsl_qrng>
    let shift: [Double]
    var buffer: [Double]

    /// - Precondition: 1 ≤ `dimensions` ≤ `maximumDimensions`.
    public init(dimensions: Int, seed: UInt64) {
        precondition((1...Self.maximumDimensions).contains(dimensions), "Sobol sequences have 1 to 40 dimensions")
        _ = GSLRuntime.prepared
        guard let q = gsl_qrng_alloc(cloudplan_qrng_sobol(), UInt32(dimensions)) else {
            fatalError("out of memory allocating a Sobol sequence")
        }
        self.dimensions = dimensions
        generator = q
        let stream = RandomStream(seed: seed)
        shift = (0..<dimensions).map { _ in stream.uniform() }
        buffer = [Double](repeating: 0, count: dimensions)
    }

    deinit { gsl_qrng_free(generator) }

    /// The next point, each coordinate in [0, 1). O(dimensions).
    public func next() -> [Double] {
        _ = buffer.withUnsafeMutableBufferPointer { gsl_qrng_get(generator, $0.baseAddress) }
        return zip(buffer, shift).map { x, s in
            let y = x + s
            return y >= 1 ? y - 1 : y
        }
    }
}
