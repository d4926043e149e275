import RealModule

/// Standard normal deviates by the Box-Muller transform on a `SeededGenerator` (both deviates of a
/// pair are used), deterministic for a given seed.
public struct NormalSampler: Sendable {
    private var generator: SeededGenerator
    private var spare: Double?

    public init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    /// The next N(0, 1) deviate: r = sqrt(-2 log u1), (r cos 2 pi u2, r sin 2 pi u2) with u1 in (0, 1].
    public mutating func next() -> Double {
        if let s = spare {
            spare = nil
            return s
        }
        let u1 = 1 - generator.nextUniform()  // (0, 1]
        let u2 = generator.nextUniform()
        let r = (-2 * Double.log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        spare = r * Double.sin(angle)
        return r * Double.cos(angle)
    }
}
