// Dense kernels of the Osborne solver (swift-synaptic-balancing): one pass over the rows of a cost
// matrix per call, with AVX2/FMA code chosen at run time on x86-64 processors that have it.
#ifndef SB_BALANCING_KERNELS_H
#define SB_BALANCING_KERNELS_H

#ifdef __cplusplus
extern "C" {
#endif

/// One Gauss-Seidel Osborne sweep over the neurons in `order` (a permutation of 0..<n).
/// Row i of `rows` (n doubles, row-major) gives the base costs c0_ij: c0_ij = rows[i n + j]^2 when
/// `square` is nonzero (the Frobenius cost read straight from J), else rows[i n + j]; the diagonal is
/// excluded. With s = e^{p h} and inv_s = 1 / s:
///   a_i = sum_{j != i} c0_ij s_j        (s_i in_i, from row i at the current s)
///   b_i = sum_{k != i} c0_ki / s_k      (out_i / s_i, kept up to date in `outgoing`)
/// neuron i is set to its exact minimiser s_i = sqrt(a_i / b_i); `outgoing` is then corrected by
/// c0_i. (1 / s_i_new - 1 / s_i_old), from the same row, so that no column (and no transposed copy)
/// is read. The diagonal is excluded exactly (s_i is read as 0 in a_i, outgoing_i and fresh_i are
/// kept), so a large self-loop cannot cancel the other terms. `fresh` (zero on entry) accumulates c0_i. / s_i_new over the sweep: on return it is the
/// exactly recomputed b at the final s. Adds sum_i (in_i - out_i)^2 (each before its update) to
/// *sweep_imbalance and sum_i in_i to *sweep_cost.
void sb_osborne_sweep(const double *rows, long n, int square, const long *order,
                      double *s, double *inv_s, double *outgoing, double *fresh,
                      double *sweep_imbalance, double *sweep_cost);

/// a = C0 s and b = C0^T inv_s (diagonals excluded) in one pass over the rows; `b` is overwritten.
/// `s` is restored on return (s_i is set to 0 while row i is read).
void sb_cost_sums(const double *rows, long n, int square, double *s, const double *inv_s,
                  double *a, double *b);

/// sum_k x_k^2 (square != 0) or sum_k x_k, over `count` doubles.
double sb_sum(const double *x, long count, int square);

/// Bytes per second of one thread reading `count` doubles `repeats` times (a streaming sum): the
/// bandwidth figure the sweeps are compared against. Returns the sum (to keep the reads alive) in *sink.
void sb_stream_read(const double *x, long count, long repeats, double *sink);

/// 1 when the AVX2/FMA versions are in use on this processor, 0 for the portable ones.
int sb_kernels_use_avx2(void);

/// Tests: 0 forces the portable versions, -1 restores the choice from CPUID.
void sb_kernels_force(int version);

#ifdef __cplusplus
}
#endif
#endif
