#include "CGMPLoop.h"

#include <gmp.h>
#include <stdlib.h>
#include <time.h>

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static mpq_t *make_array(const long *num, const unsigned long *den, int n) {
    mpq_t *v = malloc(sizeof(mpq_t) * (size_t)(n > 0 ? n : 1));
    for (int i = 0; i < n; i++) {
        mpq_init(v[i]);
        if (num != NULL) {
            mpq_set_si(v[i], num[i], den[i]);
            mpq_canonicalize(v[i]);
        }
    }
    return v;
}

static void free_array(mpq_t *v, int n) {
    for (int i = 0; i < n; i++) mpq_clear(v[i]);
    free(v);
}

static char *sum_string(mpq_t *r, int n) {
    mpq_t s;
    mpq_init(s);
    for (int i = 0; i < n; i++) mpq_add(s, s, r[i]);
    char *out = mpq_get_str(NULL, 10, s);
    mpq_clear(s);
    return out;
}

double cgmp_multiply_add(const long *an, const unsigned long *ad,
                         const long *bn, const unsigned long *bd,
                         const long *cn, const unsigned long *cd,
                         int n, int rounds, char **checksum) {
    mpq_t *a = make_array(an, ad, n), *b = make_array(bn, bd, n), *c = make_array(cn, cd, n);
    mpq_t *r = make_array(NULL, NULL, n);
    mpq_t t;
    mpq_init(t);
    double start = now_ns();
    for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < n; i++) {
            mpq_mul(t, a[i], b[i]);
            mpq_add(r[i], t, c[i]);
        }
    }
    double elapsed = now_ns() - start;
    *checksum = sum_string(r, n);
    mpq_clear(t);
    free_array(a, n); free_array(b, n); free_array(c, n); free_array(r, n);
    return elapsed;
}

double cgmp_dot16(const long *an, const unsigned long *ad,
                  const long *bn, const unsigned long *bd,
                  int n, int rounds, char **checksum) {
    int m = n / 16;
    mpq_t *a = make_array(an, ad, n), *b = make_array(bn, bd, n);
    mpq_t *r = make_array(NULL, NULL, m);
    mpq_t t, acc;
    mpq_init(t);
    mpq_init(acc);
    double start = now_ns();
    for (int round = 0; round < rounds; round++) {
        for (int k = 0; k < m; k++) {
            mpq_set_ui(acc, 0, 1);
            for (int j = 16 * k; j < 16 * k + 16; j++) {
                mpq_mul(t, a[j], b[j]);
                mpq_add(acc, acc, t);
            }
            mpq_set(r[k], acc);
        }
    }
    double elapsed = now_ns() - start;
    *checksum = sum_string(r, m);
    mpq_clear(t);
    mpq_clear(acc);
    free_array(a, n); free_array(b, n); free_array(r, m);
    return elapsed;
}

static mpq_t *parse_array(const char *const *text, int n) {
    mpq_t *v = make_array(NULL, NULL, n);
    for (int i = 0; i < n; i++) {
        mpq_set_str(v[i], text[i], 10);
        mpq_canonicalize(v[i]);
    }
    return v;
}

double cgmp_multiply_add_strings(const char *const *as, const char *const *bs, const char *const *cs,
                                 int n, int rounds, char **checksum) {
    mpq_t *a = parse_array(as, n), *b = parse_array(bs, n), *c = parse_array(cs, n);
    mpq_t *r = make_array(NULL, NULL, n);
    mpq_t t;
    mpq_init(t);
    double start = now_ns();
    for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < n; i++) {
            mpq_mul(t, a[i], b[i]);
            mpq_add(r[i], t, c[i]);
        }
    }
    double elapsed = now_ns() - start;
    *checksum = sum_string(r, n);
    mpq_clear(t);
    free_array(a, n); free_array(b, n); free_array(c, n); free_array(r, n);
    return elapsed;
}

void cgmp_free_string(char *s) {
    void (*gmp_free)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &gmp_free);
    gmp_free(s, 0);
}
