#ifndef CBLAS_SHIM_H
#define CBLAS_SHIM_H
// The C interface to BLAS of OpenBLAS (Debian: libopenblas-dev, pkg-config name "openblas").
#include <cblas.h>
#endif
