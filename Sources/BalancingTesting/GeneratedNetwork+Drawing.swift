import BalancingVerification
import Rationals

extension GeneratedNetwork {
    /// Draws a random network of 1 ... `maximumNeuronCount` neurons (see `NetworkTopology`,
    /// `SynapticSignPattern`, `WeightArithmetic`), with p in 1...4, alpha uniform / presynaptic / full
    /// (positive), phi relu / leaky relu (rational slope in (0, 1)) / linear, and a 4-step trial.
    /// Pass `topology`, `exponent` or `arithmetic` to pin those choices.
    public static func draw<R: RandomNumberGenerator>(
        using rng: inout R, maximumNeuronCount: Int = 10, minimumNeuronCount: Int = 1,
        topology pinnedTopology: NetworkTopology? = nil, exponent pinnedExponent: Int? = nil,
        arithmetic pinnedArithmetic: WeightArithmetic? = nil, allowSelfLoops: Bool = true
    ) -> GeneratedNetwork {
        let low = max(1, minimumNeuronCount)
        let high = max(low, maximumNeuronCount)
        let topology = pinnedTopology ?? NetworkTopology.allCases.randomElement(using: &rng)!
        let needed = topology == .oneWaySynapse || topology == .disconnectedParts || topology == .reciprocalPairs
            || topology == .dagOfBlocks ? 2 : 1
        let n = Int.random(in: max(low, min(needed, high))...max(high, needed), using: &rng)
        let arithmetic = pinnedArithmetic ?? (Int.random(in: 0..<4, using: &rng) == 0 ? .generalRational : .dyadic)
        let signs = SynapticSignPattern.allCases.randomElement(using: &rng)!
        // spread of magnitudes 2^-spread ... 2^spread (0: all weights of one scale)
        let spread = [0, 0, 1, 2, 4].randomElement(using: &rng)!
        let selfLoopRate = allowSelfLoops ? [0.0, 0.0, 0.3, 1.0].randomElement(using: &rng)! : 0
        let presynapticSign = (0..<n).map { _ in Bool.random(using: &rng) ? 1 : -1 }

        func magnitude() -> Rational {
            let base: Rational
            switch arithmetic {
            case .dyadic: base = Rational(Int.random(in: 1...32, using: &rng)).multipliedByPowerOfTwo(-Int.random(in: 0...4, using: &rng))
            case .generalRational: base = Rational(Int.random(in: 1...30, using: &rng), Int.random(in: 1...12, using: &rng))
            }
            return spread == 0 ? base : base.multipliedByPowerOfTwo(Int.random(in: -spread...spread, using: &rng))
        }
        func weight(pre: Int) -> Rational {
            let m = magnitude()
            switch signs {
            case .excitatory: return m
            case .dale: return presynapticSign[pre] > 0 ? m : -m
            case .mixed: return Bool.random(using: &rng) ? m : -m
            }
        }
        var pairs: [(post: Int, pre: Int)] = []
        func randomBlock(_ neurons: [Int]) {
            let density = [0.0, 1.0, Double.random(in: 0...1, using: &rng), Double.random(in: 0...1, using: &rng)]
                .randomElement(using: &rng)!
            for i in neurons { for j in neurons where i != j && Double.random(in: 0..<1, using: &rng) < density { pairs.append((i, j)) } }
        }
        switch topology {
        case .randomDensity:
            randomBlock(Array(0..<n))
        case .ring:
            if n > 1 { for i in 0..<n { pairs.append(((i + 1) % n, i)) } }
        case .reciprocalPairs:
            for k in stride(from: 0, to: n - 1, by: 2) { pairs.append((k + 1, k)); pairs.append((k, k + 1)) }
        case .oneWaySynapse:
            pairs.append((1, 0))
            if n > 2 { randomBlock(Array(2..<n)) }
        case .disconnectedParts:
            let cut = Int.random(in: 1..<n, using: &rng)
            randomBlock(Array(0..<cut))
            randomBlock(Array(cut..<n))
        case .dagOfBlocks:
            var start = 0
            var blocks: [[Int]] = []
            while start < n {
                let size = Int.random(in: 1...max(1, min(n - start, 4)), using: &rng)
                let block = Array(start..<(start + size))
                if size > 1 { for k in 0..<size { pairs.append((block[(k + 1) % size], block[k])) } }
                for i in block { for j in block where i != j && (j + 1 - block[0]) % size != i - block[0] && Bool.random(using: &rng) {
                    pairs.append((i, j))
                } }
                blocks.append(block)
                start += size
            }
            for (b, earlier) in blocks.enumerated() { for later in blocks[(b + 1)...] {
                for post in later { for pre in earlier where Int.random(in: 0..<3, using: &rng) == 0 { pairs.append((post, pre)) } }
            } }
        }
        for i in 0..<n where Double.random(in: 0..<1, using: &rng) < selfLoopRate { pairs.append((i, i)) }
        pairs.sort { ($0.post, $0.pre) < ($1.post, $1.pre) }
        let synapses = pairs.map { GeneratedSynapse(post: $0.post, pre: $0.pre, weight: weight(pre: $0.pre)) }

        let exponent = pinnedExponent ?? Int.random(in: 1...4, using: &rng)
        func positive() -> Rational {
            switch arithmetic {
            case .dyadic: return Rational(Int.random(in: 1...16, using: &rng)).multipliedByPowerOfTwo(-Int.random(in: 0...3, using: &rng))
            case .generalRational: return Rational(Int.random(in: 1...12, using: &rng), Int.random(in: 1...7, using: &rng))
            }
        }
        let weighting: GeneratedCostWeighting
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: weighting = .uniform
        case 1: weighting = .presynaptic((0..<n).map { _ in positive() })
        default: weighting = .full((0..<(n * n)).map { _ in positive() })
        }
        let nonlinearity: ExactNonlinearity
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: nonlinearity = .relu
        case 1: nonlinearity = .linear
        default:
            let slope = arithmetic == .dyadic
                ? Rational(Int.random(in: 1...15, using: &rng), 16) : Rational(Int.random(in: 1...6, using: &rng), 7)
            nonlinearity = .leakyReLU(slope: slope)
        }
        func small() -> Rational {
            let k = Int.random(in: -4...4, using: &rng)
            return arithmetic == .dyadic ? Rational(k, 4) : Rational(k, 3)
        }
        let m = Int.random(in: 0...2, using: &rng)
        let k = Int.random(in: 1...2, using: &rng)
        let steps = 4
        var network = GeneratedNetwork(
            neuronCount: n, synapses: synapses, exponent: exponent, weighting: weighting, nonlinearity: nonlinearity,
            inputCount: m, inputWeights: (0..<(n * m)).map { _ in small() },
            outputCount: k, outputWeights: (0..<(k * n)).map { _ in small() },
            bias: (0..<n).map { _ in small() },
            timeStepOverTimeConstant: Rational(Int.random(in: 1...4, using: &rng), 16),
            trialInputs: (0..<steps).map { _ in (0..<m).map { _ in small() } },
            initialState: (0..<n).map { _ in small() },
            topology: topology, arithmetic: arithmetic)
        // drawn last, so that the other choices are those of the generator before the readout existed
        network.readout = Bool.random(using: &rng) ? .state : .rate
        return network
    }
}
