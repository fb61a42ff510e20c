// The blocked FP32 GEMM (Goto/BLIS loop nest) around a micro-kernel; no Node-API in here.
#pragma once

#include <cstdint>

#include "common.h"
#include "gemm_kernels.h"

namespace tb {

// Per-thread packing buffers, allocated once so run() measures arithmetic and packing, not malloc.
struct GemmWorkspace {
  AlignedArray<float> pack_a;  // mc×kc, as mr-row panels
  AlignedArray<float> pack_b;  // kc×nc, as nr-column panels
  GemmWorkspace(const GemmKernel& k, int64_t n);
  static int64_t Bytes(const GemmKernel& k, int64_t n);
};

// C[rows row_begin..row_end) = A[those rows]·B for row-major n×n matrices.
void GemmRows(const GemmKernel& k, int64_t n, const float* a, const float* b, float* c, int64_t row_begin,
              int64_t row_end, GemmWorkspace& ws);

}  // namespace tb
