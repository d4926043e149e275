import CGMPLoop
import Foundation
import Rationals

/// Rational add/mul loops in `Rational` against the same loops written directly against GMP's C API
/// (target CGMPLoop). Both sides get the same rationals and must produce the same checksum (the
/// exact sum of the last round's results). Kernels: multiply_add and dot16 on small rationals
/// (|numerator| < 1000, denominator in 1...999; Rational keeps such values inline in machine words),
/// and multiply_add_big on 40-digit numerators and denominators (every operation goes through GMP).
enum RationalLoopBenchmark {
    static func run(_ arguments: Arguments) {
        let count = arguments.int("count", 1024)       // multiple of 16
        let rounds = arguments.int("rounds", 1000)
        var generator = SplitMix64(seed: 7)
        func pairs() -> (numerators: [Int], denominators: [UInt]) {
            var numerators = [Int](), denominators = [UInt]()
            for _ in 0..<count {
                numerators.append(Int(generator.next() % 1999) - 999)
                denominators.append(UInt(generator.next() % 999) + 1)
            }
            return (numerators, denominators)
        }
        let a = pairs(), b = pairs(), c = pairs()
        func rationals(_ p: (numerators: [Int], denominators: [UInt])) -> [Rational] {
            zip(p.numerators, p.denominators).map { Rational($0, Int($1)) }
        }
        let ra = rationals(a), rb = rationals(b), rc = rationals(c)
        let operations = Double(count * rounds)

        // r[i] = a[i] * b[i] + c[i]
        var gmpChecksum = ""
        var gmpSeconds = Double.infinity   // the C side times its loop alone; keep the fastest run
        _ = bestOf(repeats: 5) { () -> Double in
            var text: UnsafeMutablePointer<CChar>?
            let ns = cgmp_multiply_add(a.numerators, a.denominators, b.numerators, b.denominators,
                                       c.numerators, c.denominators, Int32(count), Int32(rounds), &text)
            gmpChecksum = String(cString: text!)
            cgmp_free_string(text)
            gmpSeconds = min(gmpSeconds, ns * 1e-9)
            return ns * 1e-9
        }
        let swift = bestOf(repeats: 5) { () -> [Rational] in
            var r = [Rational](repeating: 0, count: count)
            for _ in 0..<rounds {
                for i in 0..<count { r[i] = ra[i] * rb[i] + rc[i] }
            }
            return r
        }
        let swiftChecksum = swift.result.reduce(Rational(0), +).description
        emit(["bench": "rational_loop", "kernel": "multiply_add", "count": count, "rounds": rounds,
              "gmp_seconds": gmpSeconds, "swift_seconds": swift.seconds,
              "gmp_ns_per_op": gmpSeconds / operations * 1e9, "swift_ns_per_op": swift.seconds / operations * 1e9,
              "ratio": swift.seconds / gmpSeconds, "checksums_agree": gmpChecksum == swiftChecksum])

        // r[k] = sum_{j<16} a[16k + j] * b[16k + j]
        var gmpDotChecksum = ""
        var gmpDotSeconds = Double.infinity
        _ = bestOf(repeats: 5) { () -> Double in
            var text: UnsafeMutablePointer<CChar>?
            let ns = cgmp_dot16(a.numerators, a.denominators, b.numerators, b.denominators,
                                Int32(count), Int32(rounds), &text)
            gmpDotChecksum = String(cString: text!)
            cgmp_free_string(text)
            gmpDotSeconds = min(gmpDotSeconds, ns * 1e-9)
            return ns * 1e-9
        }
        let swiftDot = bestOf(repeats: 5) { () -> [Rational] in
            var r = [Rational](repeating: 0, count: count / 16)
            for _ in 0..<rounds {
                for k in 0..<count / 16 {
                    var accumulator = Rational(0)
                    for j in 16 * k..<16 * k + 16 { accumulator += ra[j] * rb[j] }
                    r[k] = accumulator
                }
            }
            return r
        }
        let swiftDotChecksum = swiftDot.result.reduce(Rational(0), +).description
        emit(["bench": "rational_loop", "kernel": "dot16", "count": count, "rounds": rounds,
              "gmp_seconds": gmpDotSeconds, "swift_seconds": swiftDot.seconds,
              "gmp_ns_per_op": gmpDotSeconds / operations * 1e9,
              "swift_ns_per_op": swiftDot.seconds / operations * 1e9,
              "ratio": swiftDot.seconds / gmpDotSeconds, "checksums_agree": gmpDotChecksum == swiftDotChecksum])
        // r[i] = a[i] * b[i] + c[i] on rationals with 40-digit numerators and denominators
        func bigText() -> String {
            func digits(_ count: Int) -> String {
                String((0..<count).map { k in Character(String(k == 0 ? 1 + generator.next() % 9 : generator.next() % 10)) })
            }
            return (generator.next() % 2 == 0 ? "-" : "") + digits(40) + "/" + digits(40)
        }
        let bigRounds = max(rounds / 4, 1)
        let ta = (0..<count).map { _ in bigText() }, tb = (0..<count).map { _ in bigText() }
        let tc = (0..<count).map { _ in bigText() }
        let ba = ta.map { Rational($0)! }, bb = tb.map { Rational($0)! }, bc = tc.map { Rational($0)! }
        var gmpBigChecksum = ""
        var gmpBigSeconds = Double.infinity
        _ = bestOf(repeats: 5) { () -> Double in
            var text: UnsafeMutablePointer<CChar>?
            let ns = withCStrings(ta) { pa in withCStrings(tb) { pb in withCStrings(tc) { pc in
                cgmp_multiply_add_strings(pa, pb, pc, Int32(count), Int32(bigRounds), &text)
            } } }
            gmpBigChecksum = String(cString: text!)
            cgmp_free_string(text)
            gmpBigSeconds = min(gmpBigSeconds, ns * 1e-9)
            return ns * 1e-9
        }
        let swiftBig = bestOf(repeats: 5) { () -> [Rational] in
            var r = [Rational](repeating: 0, count: count)
            for _ in 0..<bigRounds {
                for i in 0..<count { r[i] = ba[i] * bb[i] + bc[i] }
            }
            return r
        }
        let swiftBigChecksum = swiftBig.result.reduce(Rational(0), +).description
        let bigOperations = Double(count * bigRounds)
        emit(["bench": "rational_loop", "kernel": "multiply_add_big", "count": count, "rounds": bigRounds,
              "gmp_seconds": gmpBigSeconds, "swift_seconds": swiftBig.seconds,
              "gmp_ns_per_op": gmpBigSeconds / bigOperations * 1e9,
              "swift_ns_per_op": swiftBig.seconds / bigOperations * 1e9,
              "ratio": swiftBig.seconds / gmpBigSeconds, "checksums_agree": gmpBigChecksum == swiftBigChecksum])
    }

    /// Calls body with a C array of C strings that live for the duration of the call.
    static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let pointers = copies.map { UnsafePointer($0) }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

