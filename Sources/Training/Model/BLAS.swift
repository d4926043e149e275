import CBLAS

/// Row-major double-precision matrix products through CBLAS (OpenBLAS).
enum BLAS {
    /// C = alpha op(A) op(B) + beta C, all row-major; op(A) is m x k, op(B) is k x n, C is m x n.
    @inline(__always)
    static func gemm(
        transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int, alpha: Double = 1,
        _ a: UnsafePointer<Double>, lda: Int, _ b: UnsafePointer<Double>, ldb: Int,
        beta: Double, _ c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        if k == 0 {  // an empty sum: C = beta C (BLAS would do the same, but some builds reject lda = 0)
            for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
            return
        }
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }
}

/// The number of threads OpenBLAS uses for every product of this process.
///
/// Training multiplies small blocks (B x N by N x N with B = 8): with N = 256 a product is ~1 MFLOP, too
/// small for OpenBLAS's threads to pay off (2 threads: same wall time, twice the CPU, README "fig4"); a loaded machine
/// makes extra threads worse. The evaluation's products
/// (2400 x N by N x N) are large enough to gain from threads.
public enum BLASThreads {
    /// Sets the OpenBLAS thread count (>= 1); the environment's OPENBLAS_NUM_THREADS is overridden.
    public static func set(_ count: Int) { openblas_set_num_threads(Int32(max(count, 1))) }
    /// The current OpenBLAS thread count.
    public static var count: Int { Int(openblas_get_num_threads()) }
}
