// FP32 GEMM micro-kernels, one per ISA, and the run-time choice between them.
#pragma once

#include <cstdint>

namespace tb {

// Computes one mr×nr tile of C (row stride ldc) from packed panels:
//   a: kc steps of mr values (a column of the A block per step), b: kc steps of nr values (a row of B).
// accumulate=false overwrites the tile (first k block), true adds to it. Panels are 64-byte aligned.
using MicroKernel = void (*)(int64_t kc, const float* a, const float* b, float* c, int64_t ldc, bool accumulate);

struct GemmKernel {
  const char* name;  // 'avx512f' | 'avx2-fma' | 'generic', reported by isa()
  int mr, nr;        // register tile
  int kc, mc, nc;    // cache blocks: kc·nr floats stay in L1, mc·kc in L2, kc·nc in L3
  MicroKernel micro;
};

// The best kernel this CPU runs. TUNEBENCH_GEMM_ISA=generic|avx2-fma|avx512f forces a variant (honoured only
// when the CPU supports it), so tests can prove every variant on one machine.
const GemmKernel& SelectGemmKernel();

}  // namespace tb
