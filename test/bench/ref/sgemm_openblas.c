/* Reference for the Gemm kernel: OpenBLAS cblas_sgemm, C = A·B, n×n×n, FP32, row-major.
 * usage: sgemm_openblas N [RUNS]   (threads: OPENBLAS_NUM_THREADS; core type: OPENBLAS_CORETYPE)
 * prints {"n":N,"runs":RUNS,"bestNs":…,"gflops":…} — best of RUNS after one warm-up, as the addon is measured. */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 1024;
  int runs = argc > 2 ? atoi(argv[2]) : 10;
  if (n <= 0 || n > 8192 || runs <= 0) {
    fprintf(stderr, "usage: sgemm_openblas N [RUNS]\n");
    return 2;
  }
  size_t len = (size_t)n * (size_t)n;
  float *a = malloc(len * sizeof *a), *b = malloc(len * sizeof *b), *c = malloc(len * sizeof *c);
  if (!a || !b || !c) return 1;
  for (size_t i = 0; i < len; i++) {
    a[i] = (float)((i * 7919u) % 1000u) / 500.0f - 1.0f;
    b[i] = (float)((i * 104729u) % 1000u) / 500.0f - 1.0f;
    c[i] = 0.0f;
  }
  double best = 1e300;
  for (int r = -1; r < runs; r++) { /* r = -1 is the warm-up (thread pool start, page faults) */
    double t0 = now_ns();
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, a, n, b, n, 0.0f, c, n);
    double dt = now_ns() - t0;
    if (r >= 0 && dt < best) best = dt;
  }
  /* Print one element so the work cannot be optimised away. */
  printf("{\"n\":%d,\"runs\":%d,\"bestNs\":%.0f,\"gflops\":%.2f,\"c0\":%g}\n", n, runs, best,
         2.0 * n * (double)n * n / best, c[0]);
  free(a);
  free(b);
  free(c);
  return 0;
}
