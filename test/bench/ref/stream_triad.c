/* Reference for Stream.triad: a plain STREAM-style triad a[i] = b[i] + q·c[i] on doubles, compiled with
 * cc -O3 -march=native [-fopenmp]. Arrays are first-touched by the threads that use them (static schedule).
 * usage: stream_triad ELEMENTS [RUNS] [THREADS]
 * prints {"elements":…,"threads":…,"runs":…,"bestNs":…,"gbps":…} counting 24 bytes per element, as STREAM does. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#ifdef _OPENMP
#include <omp.h>
#endif

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 16L << 20;
  int runs = argc > 2 ? atoi(argv[2]) : 10;
  int threads = argc > 3 ? atoi(argv[3]) : 1;
  if (n <= 0 || runs <= 0 || threads <= 0) {
    fprintf(stderr, "usage: stream_triad ELEMENTS [RUNS] [THREADS]\n");
    return 2;
  }
#ifdef _OPENMP
  omp_set_num_threads(threads);
#else
  threads = 1;
#endif
  double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *c = malloc(n * sizeof *c);
  if (!a || !b || !c) return 1;
#pragma omp parallel for schedule(static)
  for (long i = 0; i < n; i++) {
    a[i] = 1.0;
    b[i] = 2.0;
    c[i] = 0.5;
  }
  const double q = 3.0;
  double best = 1e300;
  for (int r = -1; r < runs; r++) { /* r = -1 warms up the thread team */
    double t0 = now_ns();
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) a[i] = b[i] + q * c[i];
    double dt = now_ns() - t0;
    if (r >= 0 && dt < best) best = dt;
  }
  int ok = a[0] == 3.5 && a[n - 1] == 3.5;
  printf("{\"elements\":%ld,\"threads\":%d,\"runs\":%d,\"bestNs\":%.0f,\"gbps\":%.2f,\"ok\":%s}\n", n, threads, runs,
         best, 24.0 * (double)n / best, ok ? "true" : "false");
  free(a);
  free(b);
  free(c);
  return ok ? 0 : 1;
}
