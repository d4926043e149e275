#ifndef CGMPSHIM_H
#define CGMPSHIM_H
/// Real (non-macro) functions for the parts of GMP's API that gmp.h only provides as macros,
/// so that Swift can call them.
#include <gmp.h>

/// mpz_sgn: -1, 0 or 1.
int cgmp_mpz_sgn(const __mpz_struct *z);
/// mpq_sgn: -1, 0 or 1.
int cgmp_mpq_sgn(const __mpq_struct *q);
/// mpq_numref: the numerator of q (an alias into q, not a copy).
__mpz_struct *cgmp_mpq_numref(__mpq_struct *q);
/// mpq_denref: the denominator of q (an alias into q, not a copy).
__mpz_struct *cgmp_mpq_denref(__mpq_struct *q);
/// Read-only numerator of q.
const __mpz_struct *cgmp_mpq_numref_const(const __mpq_struct *q);
/// Read-only denominator of q.
const __mpz_struct *cgmp_mpq_denref_const(const __mpq_struct *q);
/// mpz_odd_p: 1 if z is odd.
int cgmp_mpz_odd_p(const __mpz_struct *z);
/// mpz_even_p: 1 if z is even.
int cgmp_mpz_even_p(const __mpz_struct *z);
/// mpz_cmp_si: sign of z - v.
int cgmp_mpz_cmp_si(const __mpz_struct *z, long v);
/// mpq_cmp_si: sign of q - n/d.
int cgmp_mpq_cmp_si(const __mpq_struct *q, long n, unsigned long d);
/// Number of limbs in |z| (|_mp_size|).
long cgmp_mpz_limb_count(const __mpz_struct *z);
/// Limb i (least significant first) of |z|; i < cgmp_mpz_limb_count(z).
unsigned long cgmp_mpz_limb(const __mpz_struct *z, long i);

/// mpq_init with room for `limbs` limbs in both numerator and denominator, so that results of
/// small operands are written without a later realloc. The value is 0/1.
void cgmp_mpq_init_limbs(__mpq_struct *q, long limbs);

/// If q = n/d with |n| <= LONG_MAX and d <= LONG_MAX, stores n and d and returns 1; else returns 0.
int cgmp_mpq_get_small(const __mpq_struct *q, long *numerator, long *denominator);

#endif
