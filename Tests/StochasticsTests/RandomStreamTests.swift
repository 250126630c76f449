import Testing
@testable import Stochastics

/// Oracle values come from an independent Python implementation of xoshiro256** and of its
/// transition matrix over GF(2) raised to 2^128 and 2^192 (the definition of jump and long jump).
@Suite struct RandomStreamTests {
    @Test func generatorMatchesReferenceSequence() {
        let s = RandomStream(seed: 0)
        s.setStateWords([1, 2, 3, 4])
        let outputs = (0..<6).map { _ in s.next32() }
        // Upper halves of 11520, 0, 1509978240, 1215971899390074240, ...
        #expect(outputs == [0, 0, 0, 283115520, 283162140, 141558300])
    }

    @Test func seedIsExpandedBySplitMix64() {
        let s = RandomStream(seed: 42)
        #expect(s.stateWords == [13679457532755275413, 2949826092126892291, 5139283748462763858, 6349198060258255764])
    }

    @Test func jumpAndLongJumpMatchTheTransitionMatrixPowers() {
        let jump = RandomStream(seed: 0)
        jump.setStateWords([1, 2, 3, 4])
        jump.jumpForTesting()
        #expect(jump.stateWords == [10122426448480695249, 8079205330032121950, 7289065458748526725, 9477464255293849680])
        let long = RandomStream(seed: 0)
        long.setStateWords([1, 2, 3, 4])
        long.longJumpForTesting()
        #expect(long.stateWords == [678511610814637056, 15850499779492529430, 6002989639035333134, 3559352929785830385])
    }

    @Test func substreamIsOneJumpAndStreamOneLongJump() {
        let base = RandomStream(seed: 42)
        base.jumpForTesting()
        #expect(RandomStream(seed: 42, substream: 1).stateWords == base.stateWords)
        let long = RandomStream(seed: 42)
        long.longJumpForTesting()
        long.longJumpForTesting()
        long.jumpForTesting()
        #expect(RandomStream(seed: 42, stream: 2, substream: 1).stateWords == long.stateWords)
    }

    @Test func streamsAreReproducibleAndDistinct() {
        var firstDraws = Set<UInt32>()
        for stream in 0..<20 {
            for sub in 0..<5 {
                let a = RandomStream(seed: 7, stream: stream, substream: sub)
                let b = RandomStream(seed: 7, stream: stream, substream: sub)
                let da = (0..<8).map { _ in a.next32() }
                let db = (0..<8).map { _ in b.next32() }
                #expect(da == db)
                firstDraws.insert(da[0])
            }
        }
        #expect(firstDraws.count == 100)
        #expect(RandomStream(seed: 7).substream(3).stateWords == RandomStream(seed: 7, substream: 3).stateWords)
    }

    @Test func uniformDrawsStayInRange() {
        let s = RandomStream(seed: 99)
        var sum = 0.0
        for _ in 0..<100_000 {
            let u = s.uniform()
            #expect(u >= 0 && u < 1)
            sum += u
        }
        // Mean of 1e5 uniforms: sd = sqrt(1/12/1e5) ≈ 0.000913; allow 5 sd.
        #expect(abs(sum / 100_000 - 0.5) < 5 * 0.000913)
        for _ in 0..<10_000 {
            let k = s.integer(below: 7)
            #expect((0..<7).contains(k))
        }
    }
}
