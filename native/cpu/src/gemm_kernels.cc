// Register-blocked micro-kernels. The x86 variants are compiled with per-function target attributes (the rest
// of the addon stays baseline x86-64) and picked at run time with __builtin_cpu_supports, so one binary runs
// everywhere and still uses AVX-512 where it exists.
#include "gemm_kernels.h"

#include <cstdlib>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TB_X86_DISPATCH 1
#include <immintrin.h>
#endif

namespace tb {
namespace {

// Portable tile, written so the compiler's auto-vectoriser keeps the 4×16 accumulators in registers
// (SSE2 on baseline x86-64, NEON on arm64).
constexpr int kGenMr = 4, kGenNr = 16;
void MicroGeneric(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, bool accumulate) {
  float acc[kGenMr][kGenNr] = {};
  for (int64_t p = 0; p < kc; ++p, a += kGenMr, b += kGenNr) {
    for (int i = 0; i < kGenMr; ++i) {
      for (int j = 0; j < kGenNr; ++j) acc[i][j] += a[i] * b[j];
    }
  }
  for (int i = 0; i < kGenMr; ++i) {
    float* row = c + i * ldc;
    for (int j = 0; j < kGenNr; ++j) row[j] = accumulate ? row[j] + acc[i][j] : acc[i][j];
  }
}

#ifdef TB_X86_DISPATCH

// 6×16 with two 8-wide vectors per row: 12 accumulators + 2 B vectors + 1 broadcast of the 16 ymm registers,
// enough independent FMAs to cover their latency on two FMA ports (Haswell and later).
__attribute__((target("avx2,fma"))) void MicroAvx2(int64_t kc, const float* a, const float* b, float* c,
                                                    int64_t ldc, bool accumulate) {
  constexpr int kMr = 6;
  __m256 acc[kMr][2];
#pragma GCC unroll 6
  for (int i = 0; i < kMr; ++i) acc[i][0] = acc[i][1] = _mm256_setzero_ps();
  for (int64_t p = 0; p < kc; ++p, a += kMr, b += 16) {
    __m256 b0 = _mm256_load_ps(b), b1 = _mm256_load_ps(b + 8);
#pragma GCC unroll 6
    for (int i = 0; i < kMr; ++i) {
      __m256 ai = _mm256_broadcast_ss(a + i);
      acc[i][0] = _mm256_fmadd_ps(ai, b0, acc[i][0]);
      acc[i][1] = _mm256_fmadd_ps(ai, b1, acc[i][1]);
    }
  }
#pragma GCC unroll 6
  for (int i = 0; i < kMr; ++i) {
    float* row = c + i * ldc;
    if (accumulate) {
      acc[i][0] = _mm256_add_ps(acc[i][0], _mm256_loadu_ps(row));
      acc[i][1] = _mm256_add_ps(acc[i][1], _mm256_loadu_ps(row + 8));
    }
    _mm256_storeu_ps(row, acc[i][0]);
    _mm256_storeu_ps(row + 8, acc[i][1]);
  }
}

// 12×32 with two 16-wide vectors per row: 24 accumulators + 2 B vectors + broadcasts of the 32 zmm registers.
// Each k step does 2 vector loads and 12 broadcasts for 24 FMAs, so the FMA ports, not the loads, set the pace.
constexpr int kAvx512Mr = 12;
__attribute__((target("avx512f"))) void MicroAvx512(int64_t kc, const float* a, const float* b, float* c,
                                                     int64_t ldc, bool accumulate) {
  constexpr int kMr = kAvx512Mr;
  __m512 acc[kMr][2];
#pragma GCC unroll 12
  for (int i = 0; i < kMr; ++i) {
    acc[i][0] = acc[i][1] = _mm512_setzero_ps();
    // The C tile is touched only after the k loop: fetch it now so its misses overlap the arithmetic.
    _mm_prefetch(reinterpret_cast<const char*>(c + i * ldc), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(c + i * ldc + 16), _MM_HINT_T0);
  }
  for (int64_t p = 0; p < kc; ++p, a += kMr, b += 32) {
    __m512 b0 = _mm512_load_ps(b), b1 = _mm512_load_ps(b + 16);
#pragma GCC unroll 12
    for (int i = 0; i < kMr; ++i) {
      __m512 ai = _mm512_set1_ps(a[i]);
      acc[i][0] = _mm512_fmadd_ps(ai, b0, acc[i][0]);
      acc[i][1] = _mm512_fmadd_ps(ai, b1, acc[i][1]);
    }
  }
#pragma GCC unroll 12
  for (int i = 0; i < kMr; ++i) {
    float* row = c + i * ldc;
    if (accumulate) {
      acc[i][0] = _mm512_add_ps(acc[i][0], _mm512_loadu_ps(row));
      acc[i][1] = _mm512_add_ps(acc[i][1], _mm512_loadu_ps(row + 16));
    }
    _mm512_storeu_ps(row, acc[i][0]);
    _mm512_storeu_ps(row + 16, acc[i][1]);
  }
}

#endif  // TB_X86_DISPATCH

// Block sizes: kc·nr·4 bytes of B (the L1-resident panel) stay around 32 KiB; mc·kc·4 bytes of A about half of
// a 1 MiB L2; nc columns of packed B (kc·nc·4 bytes) fit in a shared L3.
const GemmKernel kGeneric = {"generic", kGenMr, kGenNr, 256, 128, 2048, MicroGeneric};
#ifdef TB_X86_DISPATCH
const GemmKernel kAvx2 = {"avx2-fma", 6, 16, 256, 240, 4096, MicroAvx2};
const GemmKernel kAvx512 = {"avx512f", kAvx512Mr, 32, 256, 480, 4096, MicroAvx512};
#endif

}  // namespace

const GemmKernel& SelectGemmKernel() {
  const char* forced = std::getenv("TUNEBENCH_GEMM_ISA");
  auto is = [&forced](const char* name) { return forced != nullptr && std::strcmp(forced, name) == 0; };
  if (is("generic")) return kGeneric;
#ifdef TB_X86_DISPATCH
  __builtin_cpu_init();
  bool has512 = __builtin_cpu_supports("avx512f");
  bool has2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  if (has2 && is("avx2-fma")) return kAvx2;
  // Anything else (unset, 'avx512f', unknown or unsupported): the best variant this CPU runs.
  if (has512) return kAvx512;
  if (has2) return kAvx2;
#endif
  return kGeneric;
}

}  // namespace tb
