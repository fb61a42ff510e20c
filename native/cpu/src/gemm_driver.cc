#include "gemm_driver.h"

#include <algorithm>

namespace tb {
namespace {

int64_t RoundUp(int64_t v, int64_t to) { return (v + to - 1) / to * to; }

// B block (kc×nc at b, row stride n) → nr-wide column panels, each kc rows of nr contiguous floats, so the
// micro-kernel reads B with aligned unit-stride loads. Columns past nc are zero so edge tiles need no branch.
void PackB(const float* b, int64_t n, int64_t kc, int64_t nc, int nr, float* out) {
  for (int64_t j0 = 0; j0 < nc; j0 += nr) {
    int64_t w = std::min<int64_t>(nr, nc - j0);
    for (int64_t p = 0; p < kc; ++p) {
      const float* src = b + p * n + j0;
      int64_t j = 0;
      for (; j < w; ++j) out[j] = src[j];
      for (; j < nr; ++j) out[j] = 0.0f;
      out += nr;
    }
  }
}

// A block (mc×kc at a, row stride n) → mr-high row panels, each kc steps of mr floats (a column slice),
// which the micro-kernel broadcasts one by one. Rows past mc are zero.
void PackA(const float* a, int64_t n, int64_t mc, int64_t kc, int mr, float* out) {
  for (int64_t i0 = 0; i0 < mc; i0 += mr) {
    int64_t h = std::min<int64_t>(mr, mc - i0);
    for (int64_t p = 0; p < kc; ++p) {
      int64_t i = 0;
      for (; i < h; ++i) out[i] = a[(i0 + i) * n + p];
      for (; i < mr; ++i) out[i] = 0.0f;
      out += mr;
    }
  }
}

}  // namespace

int64_t GemmWorkspace::Bytes(const GemmKernel& k, int64_t n) {
  int64_t mc = RoundUp(std::min<int64_t>(k.mc, n), k.mr), kc = std::min<int64_t>(k.kc, n);
  int64_t nc = RoundUp(std::min<int64_t>(k.nc, n), k.nr);
  return (mc * kc + kc * nc) * static_cast<int64_t>(sizeof(float));
}

GemmWorkspace::GemmWorkspace(const GemmKernel& k, int64_t n)
    : pack_a(static_cast<size_t>(RoundUp(std::min<int64_t>(k.mc, n), k.mr) * std::min<int64_t>(k.kc, n))),
      pack_b(static_cast<size_t>(std::min<int64_t>(k.kc, n) * RoundUp(std::min<int64_t>(k.nc, n), k.nr))) {}

void GemmRows(const GemmKernel& k, int64_t n, const float* a, const float* b, float* c, int64_t row_begin,
              int64_t row_end, GemmWorkspace& ws) {
  alignas(64) float edge[32 * 32];  // a partial tile is computed here and its valid part copied to C
  for (int64_t jc = 0; jc < n; jc += k.nc) {
    int64_t nc = std::min<int64_t>(k.nc, n - jc);
    for (int64_t pc = 0; pc < n; pc += k.kc) {
      int64_t kc = std::min<int64_t>(k.kc, n - pc);
      bool accumulate = pc > 0;  // the first k block overwrites C, so C needs no zeroing pass
      PackB(b + pc * n + jc, n, kc, nc, k.nr, ws.pack_b.data());
      for (int64_t ic = row_begin; ic < row_end; ic += k.mc) {
        int64_t mc = std::min<int64_t>(k.mc, row_end - ic);
        PackA(a + ic * n + pc, n, mc, kc, k.mr, ws.pack_a.data());
        // jr outside ir: one kc×nr panel of B stays in L1 while every A panel of the block streams past it.
        for (int64_t jr = 0; jr < nc; jr += k.nr) {
          const float* pb = ws.pack_b.data() + jr * kc;
          int64_t w = std::min<int64_t>(k.nr, nc - jr);
          for (int64_t ir = 0; ir < mc; ir += k.mr) {
            const float* pa = ws.pack_a.data() + ir * kc;
            int64_t h = std::min<int64_t>(k.mr, mc - ir);
            float* tile = c + (ic + ir) * n + jc + jr;
            if (h == k.mr && w == k.nr) {
              k.micro(kc, pa, pb, tile, n, accumulate);
              continue;
            }
            k.micro(kc, pa, pb, edge, k.nr, false);
            for (int64_t i = 0; i < h; ++i) {
              for (int64_t j = 0; j < w; ++j) {
                float v = edge[i * k.nr + j];
                tile[i * n + j] = accumulate ? tile[i * n + j] + v : v;
              }
            }
          }
        }
      }
    }
  }
}

}  // namespace tb
