#ifndef CGMPLOOP_H
#define CGMPLOOP_H

/// The rational add/mul loops of the benchmark, written directly against GMP's C API (mpq_t with
/// preallocated temporaries, the way a C programmer writes them). Inputs are small rationals given as
/// numerator/denominator pairs (denominators > 0); the kernels canonicalise them first.
///
/// Each function runs `rounds` rounds of its kernel, measures the loop alone with CLOCK_MONOTONIC and
/// returns the elapsed nanoseconds. `checksum` receives a malloc'd decimal string "p/q" of the sum of
/// all results of the last round, so the caller can check that both implementations computed the same
/// values; free it with cgmp_free_string.

/// r[i] = a[i] * b[i] + c[i] for i < n (a[i] = an[i]/ad[i], ...).
double cgmp_multiply_add(const long *an, const unsigned long *ad,
                         const long *bn, const unsigned long *bd,
                         const long *cn, const unsigned long *cd,
                         int n, int rounds, char **checksum);

/// r[k] = sum_{j < 16} a[16k + j] * b[16k + j] for k < n / 16 (n a multiple of 16): the inner loop
/// of a rational matrix product.
double cgmp_dot16(const long *an, const unsigned long *ad,
                  const long *bn, const unsigned long *bd,
                  int n, int rounds, char **checksum);

/// The multiply-add kernel on rationals given as decimal strings "p/q" (for operands too large for
/// a machine word, where every operation goes through GMP on both sides).
double cgmp_multiply_add_strings(const char *const *a, const char *const *b, const char *const *c,
                                 int n, int rounds, char **checksum);

void cgmp_free_string(char *s);

#endif
