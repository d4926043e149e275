/// Vectorised loops over contiguous doubles for the dense hot paths (two SIMD4 accumulators, so the
/// additions are not one serial dependency chain; the summation order differs from a plain loop only in
/// rounding).
enum DenseKernels {
    /// sum_k a_k b_k.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var acc0 = SIMD4<Double>(), acc1 = SIMD4<Double>()
        var k = 0
        while k + 8 <= count {
            acc0 += ra.loadUnaligned(fromByteOffset: k &* 8, as: SIMD4<Double>.self)
                * rb.loadUnaligned(fromByteOffset: k &* 8, as: SIMD4<Double>.self)
            acc1 += ra.loadUnaligned(fromByteOffset: (k &+ 4) &* 8, as: SIMD4<Double>.self)
                * rb.loadUnaligned(fromByteOffset: (k &+ 4) &* 8, as: SIMD4<Double>.self)
            k &+= 8
        }
        var sum = (acc0 + acc1).sum()
        while k < count { sum += a[k] * b[k]; k &+= 1 }
        return sum
    }

    /// sum_k a_k.
    @inline(__always)
    static func sum(_ a: UnsafePointer<Double>, _ count: Int) -> Double {
        let ra = UnsafeRawPointer(a)
        var acc0 = SIMD4<Double>(), acc1 = SIMD4<Double>()
        var k = 0
        while k + 8 <= count {
            acc0 += ra.loadUnaligned(fromByteOffset: k &* 8, as: SIMD4<Double>.self)
            acc1 += ra.loadUnaligned(fromByteOffset: (k &+ 4) &* 8, as: SIMD4<Double>.self)
            k &+= 8
        }
        var sum = (acc0 + acc1).sum()
        while k < count { sum += a[k]; k &+= 1 }
        return sum
    }

    /// True when every a_k is finite: x - x is 0 for finite x and NaN for +-inf and NaN.
    @inline(__always)
    static func allFinite(_ a: UnsafePointer<Double>, _ count: Int) -> Bool {
        let ra = UnsafeRawPointer(a)
        var acc = SIMD4<Double>()
        var k = 0
        while k + 4 <= count {
            let v = ra.loadUnaligned(fromByteOffset: k &* 8, as: SIMD4<Double>.self)
            acc += v - v
            k &+= 4
        }
        var tail = acc.sum()
        while k < count { tail += a[k] - a[k]; k &+= 1 }
        return tail == 0
    }
}
