// Dense kernels of the Osborne solver; see include/BalancingKernels.h. Each kernel is written once as
// an inline body and compiled twice: portable, and (x86-64) with AVX2 + FMA through the target
// attribute; the version is picked once, from the processor's CPUID bits.
#include "BalancingKernels.h"
#include <math.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define SB_X86 1
#include <immintrin.h>
#endif

#define SB_ALWAYS_INLINE static inline __attribute__((always_inline))

// ---- portable bodies (the compiler vectorises them for whatever target the caller is compiled for)

SB_ALWAYS_INLINE double dot_portable(const double *row, const double *v, long n, int square) {
    double acc[4] = {0, 0, 0, 0};
    long k = 0;
    if (square) {
        for (; k + 4 <= n; k += 4)
            for (int l = 0; l < 4; l++) acc[l] += row[k + l] * row[k + l] * v[k + l];
        for (; k < n; k++) acc[0] += row[k] * row[k] * v[k];
    } else {
        for (; k + 4 <= n; k += 4)
            for (int l = 0; l < 4; l++) acc[l] += row[k + l] * v[k + l];
        for (; k < n; k++) acc[0] += row[k] * v[k];
    }
    return (acc[0] + acc[1]) + (acc[2] + acc[3]);
}

// y += alpha c0_i. and z += beta c0_i.
SB_ALWAYS_INLINE void axpy2_portable(const double *row, long n, int square, double alpha, double *y,
                                     double beta, double *z) {
    if (square) {
        for (long k = 0; k < n; k++) { double c = row[k] * row[k]; y[k] += alpha * c; z[k] += beta * c; }
    } else {
        for (long k = 0; k < n; k++) { double c = row[k]; y[k] += alpha * c; z[k] += beta * c; }
    }
}

SB_ALWAYS_INLINE void axpy_portable(const double *row, long n, int square, double alpha, double *y) {
    if (square) {
        for (long k = 0; k < n; k++) y[k] += alpha * (row[k] * row[k]);
    } else {
        for (long k = 0; k < n; k++) y[k] += alpha * row[k];
    }
}

#ifdef SB_X86
// ---- AVX2 + FMA bodies: four accumulators of four doubles (16 independent FMA chains)
#define SB_AVX2 __attribute__((target("avx2,fma")))

SB_AVX2 SB_ALWAYS_INLINE double hsum256(__m256d v) {
    __m128d lo = _mm256_castpd256_pd128(v), hi = _mm256_extractf128_pd(v, 1);
    lo = _mm_add_pd(lo, hi);
    return _mm_cvtsd_f64(_mm_add_sd(lo, _mm_unpackhi_pd(lo, lo)));
}

SB_AVX2 SB_ALWAYS_INLINE double dot_avx2(const double *row, const double *v, long n, int square) {
    __m256d a0 = _mm256_setzero_pd(), a1 = a0, a2 = a0, a3 = a0;
    long k = 0;
    if (square) {
        for (; k + 16 <= n; k += 16) {
            __m256d r0 = _mm256_loadu_pd(row + k), r1 = _mm256_loadu_pd(row + k + 4);
            __m256d r2 = _mm256_loadu_pd(row + k + 8), r3 = _mm256_loadu_pd(row + k + 12);
            a0 = _mm256_fmadd_pd(_mm256_mul_pd(r0, r0), _mm256_loadu_pd(v + k), a0);
            a1 = _mm256_fmadd_pd(_mm256_mul_pd(r1, r1), _mm256_loadu_pd(v + k + 4), a1);
            a2 = _mm256_fmadd_pd(_mm256_mul_pd(r2, r2), _mm256_loadu_pd(v + k + 8), a2);
            a3 = _mm256_fmadd_pd(_mm256_mul_pd(r3, r3), _mm256_loadu_pd(v + k + 12), a3);
        }
    } else {
        for (; k + 16 <= n; k += 16) {
            a0 = _mm256_fmadd_pd(_mm256_loadu_pd(row + k), _mm256_loadu_pd(v + k), a0);
            a1 = _mm256_fmadd_pd(_mm256_loadu_pd(row + k + 4), _mm256_loadu_pd(v + k + 4), a1);
            a2 = _mm256_fmadd_pd(_mm256_loadu_pd(row + k + 8), _mm256_loadu_pd(v + k + 8), a2);
            a3 = _mm256_fmadd_pd(_mm256_loadu_pd(row + k + 12), _mm256_loadu_pd(v + k + 12), a3);
        }
    }
    double sum = hsum256(_mm256_add_pd(_mm256_add_pd(a0, a1), _mm256_add_pd(a2, a3)));
    for (; k < n; k++) sum += (square ? row[k] * row[k] : row[k]) * v[k];
    return sum;
}

SB_AVX2 SB_ALWAYS_INLINE void axpy2_avx2(const double *row, long n, int square, double alpha, double *y,
                                         double beta, double *z) {
    __m256d va = _mm256_set1_pd(alpha), vb = _mm256_set1_pd(beta);
    long k = 0;
    for (; k + 4 <= n; k += 4) {
        __m256d c = _mm256_loadu_pd(row + k);
        if (square) c = _mm256_mul_pd(c, c);
        _mm256_storeu_pd(y + k, _mm256_fmadd_pd(va, c, _mm256_loadu_pd(y + k)));
        _mm256_storeu_pd(z + k, _mm256_fmadd_pd(vb, c, _mm256_loadu_pd(z + k)));
    }
    for (; k < n; k++) { double c = square ? row[k] * row[k] : row[k]; y[k] += alpha * c; z[k] += beta * c; }
}

SB_AVX2 SB_ALWAYS_INLINE void axpy_avx2(const double *row, long n, int square, double alpha, double *y) {
    __m256d va = _mm256_set1_pd(alpha);
    long k = 0;
    for (; k + 4 <= n; k += 4) {
        __m256d c = _mm256_loadu_pd(row + k);
        if (square) c = _mm256_mul_pd(c, c);
        _mm256_storeu_pd(y + k, _mm256_fmadd_pd(va, c, _mm256_loadu_pd(y + k)));
    }
    for (; k < n; k++) y[k] += alpha * (square ? row[k] * row[k] : row[k]);
}
#endif

// ---- the kernels, instantiated per body

#define SB_DEFINE_KERNELS(SUFFIX, ATTR)                                                                   \
    ATTR static void osborne_sweep_##SUFFIX(const double *rows, long n, int square, const long *order,     \
                                            double *s, double *inv_s, double *outgoing, double *fresh,     \
                                            double *sweep_imbalance, double *sweep_cost) {                 \
        double imbalance = 0, cost = 0;                                                                    \
        for (long t = 0; t < n; t++) {                                                                     \
            long i = order[t];                                                                             \
            const double *row = rows + i * n;                                                              \
            double si_old = s[i];                                                                          \
            s[i] = 0; /* the self-loop takes no part: a_i = sum_{j != i} c0_ij s_j exactly */              \
            double a = dot_##SUFFIX(row, s, n, square);                                                    \
            s[i] = si_old;                                                                                 \
            double b = outgoing[i];                                                                        \
            double incoming = a * inv_s[i];                                                                \
            double g = incoming - b * si_old;                                                              \
            imbalance += g * g;                                                                            \
            cost += incoming;                                                                              \
            double inv_new = inv_s[i];                                                                     \
            if (a > 0 && b > 0) {                                                                          \
                double si = sqrt(a / b);                                                                   \
                s[i] = si;                                                                                 \
                inv_new = 1 / si;                                                                          \
            }                                                                                              \
            double delta = inv_new - inv_s[i];                                                             \
            inv_s[i] = inv_new;                                                                            \
            double fresh_i = fresh[i];                                                                     \
            axpy2_##SUFFIX(row, n, square, delta, outgoing, inv_new, fresh);                               \
            outgoing[i] = b; /* out_i / s_i has no c0_ii term */                                           \
            fresh[i] = fresh_i;                                                                            \
        }                                                                                                  \
        *sweep_imbalance += imbalance;                                                                     \
        *sweep_cost += cost;                                                                               \
    }                                                                                                      \
    ATTR static void cost_sums_##SUFFIX(const double *rows, long n, int square, double *s,                  \
                                        const double *inv_s, double *a, double *b) {                       \
        for (long k = 0; k < n; k++) b[k] = 0;                                                             \
        for (long i = 0; i < n; i++) {                                                                     \
            const double *row = rows + i * n;                                                              \
            double si = s[i], bi = b[i];                                                                   \
            s[i] = 0;                                                                                      \
            a[i] = dot_##SUFFIX(row, s, n, square);                                                        \
            s[i] = si;                                                                                     \
            axpy_##SUFFIX(row, n, square, inv_s[i], b);                                                    \
            b[i] = bi;                                                                                     \
        }                                                                                                  \
    }                                                                                                      \
    ATTR static double sum_##SUFFIX(const double *x, long count, int square) {                             \
        double ones[64];                                                                                   \
        for (int l = 0; l < 64; l++) ones[l] = 1;                                                          \
        double total = 0;                                                                                  \
        long k = 0;                                                                                        \
        for (; k + 64 <= count; k += 64) total += dot_##SUFFIX(x + k, ones, 64, square);                   \
        return total + dot_##SUFFIX(x + k, ones, count - k, square);                                       \
    }

SB_DEFINE_KERNELS(portable, )
#ifdef SB_X86
SB_DEFINE_KERNELS(avx2, SB_AVX2)
#endif

static int sb_forced = -1;

void sb_kernels_force(int version) { sb_forced = version; }

int sb_kernels_use_avx2(void) {
#ifdef SB_X86
    static int cached = -1;
    if (sb_forced == 0) return 0;
    if (cached < 0) {
        __builtin_cpu_init();
        cached = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return cached;
#else
    return 0;
#endif
}

void sb_osborne_sweep(const double *rows, long n, int square, const long *order, double *s, double *inv_s,
                      double *outgoing, double *fresh, double *sweep_imbalance, double *sweep_cost) {
#ifdef SB_X86
    if (sb_kernels_use_avx2()) {
        osborne_sweep_avx2(rows, n, square, order, s, inv_s, outgoing, fresh, sweep_imbalance, sweep_cost);
        return;
    }
#endif
    osborne_sweep_portable(rows, n, square, order, s, inv_s, outgoing, fresh, sweep_imbalance, sweep_cost);
}

void sb_cost_sums(const double *rows, long n, int square, double *s, const double *inv_s, double *a,
                  double *b) {
#ifdef SB_X86
    if (sb_kernels_use_avx2()) { cost_sums_avx2(rows, n, square, s, inv_s, a, b); return; }
#endif
    cost_sums_portable(rows, n, square, s, inv_s, a, b);
}

double sb_sum(const double *x, long count, int square) {
#ifdef SB_X86
    if (sb_kernels_use_avx2()) return sum_avx2(x, count, square);
#endif
    return sum_portable(x, count, square);
}

void sb_stream_read(const double *x, long count, long repeats, double *sink) {
    double total = 0;
    for (long r = 0; r < repeats; r++) total += sb_sum(x, count, 0);
    *sink = total;
}
