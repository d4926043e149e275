#include "CGMPShim.h"
#include <limits.h>

int cgmp_mpz_sgn(const __mpz_struct *z) { return mpz_sgn(z); }
int cgmp_mpq_sgn(const __mpq_struct *q) { return mpq_sgn(q); }
__mpz_struct *cgmp_mpq_numref(__mpq_struct *q) { return mpq_numref(q); }
__mpz_struct *cgmp_mpq_denref(__mpq_struct *q) { return mpq_denref(q); }
const __mpz_struct *cgmp_mpq_numref_const(const __mpq_struct *q) { return mpq_numref(q); }
const __mpz_struct *cgmp_mpq_denref_const(const __mpq_struct *q) { return mpq_denref(q); }
int cgmp_mpz_odd_p(const __mpz_struct *z) { return mpz_odd_p(z); }
int cgmp_mpz_even_p(const __mpz_struct *z) { return mpz_even_p(z); }
int cgmp_mpz_cmp_si(const __mpz_struct *z, long v) { return mpz_cmp_si(z, v); }
int cgmp_mpq_cmp_si(const __mpq_struct *q, long n, unsigned long d) { return mpq_cmp_si(q, n, d); }
long cgmp_mpz_limb_count(const __mpz_struct *z) { return z->_mp_size < 0 ? -(long)z->_mp_size : (long)z->_mp_size; }
unsigned long cgmp_mpz_limb(const __mpz_struct *z, long i) { return (unsigned long)z->_mp_d[i]; }

void cgmp_mpq_init_limbs(__mpq_struct *q, long limbs) {
    mpz_init2(mpq_numref(q), (mp_bitcnt_t)limbs * GMP_NUMB_BITS);
    mpz_init2(mpq_denref(q), (mp_bitcnt_t)limbs * GMP_NUMB_BITS);
    mpz_set_ui(mpq_denref(q), 1);
}

int cgmp_mpq_get_small(const __mpq_struct *q, long *numerator, long *denominator) {
    int ns = q->_mp_num._mp_size, ds = q->_mp_den._mp_size;
    if (ds != 1 || ns < -1 || ns > 1) return 0;
    mp_limb_t d = q->_mp_den._mp_d[0];
    mp_limb_t n = ns == 0 ? 0 : q->_mp_num._mp_d[0];
    if (d > (mp_limb_t)LONG_MAX || n > (mp_limb_t)LONG_MAX) return 0;
    *numerator = ns < 0 ? -(long)n : (long)n;
    *denominator = (long)d;
    return 1;
}
