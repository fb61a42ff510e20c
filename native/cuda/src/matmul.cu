// Square matrix multiply throughput (C = A·B, n×n, row-major) with our own kernels, so the tool needs
// nothing beyond the CUDA runtime: FP32 on CUDA cores, FP16 and BF16 on tensor cores (WMMA) with FP32
// accumulation. They are simple tiled kernels, so the numbers are a floor for what tuned libraries
// (cuBLAS) reach, comparable between machines because every machine runs the same code.
// Every result is spot-checked against a double-precision host reference before it is reported.
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <mma.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "bench.h"

namespace tb {
namespace {

// Inputs are k/128 with k in [-128, 127]: exact in FP32, FP16 and BF16 (8 significant bits), so all three
// precisions multiply the same numbers and the host can recompute any element.
__host__ __device__ inline float inputValue(unsigned index, unsigned salt) {
  unsigned h = (index + salt) * 2654435761u;
  h ^= h >> 15;
  return static_cast<float>(static_cast<int>((h >> 8) & 255u) - 128) / 128.0f;
}

template <typename T>
__global__ void fillKernel(T* out, size_t count, unsigned salt) {
  for (size_t i = blockIdx.x * size_t{blockDim.x} + threadIdx.x; i < count; i += size_t{gridDim.x} * blockDim.x) {
    out[i] = static_cast<T>(inputValue(static_cast<unsigned>(i), salt));
  }
}

// FP32: 64×64 block tile, 16×16 threads, each thread owns a 4×4 block of C held in registers.
// Requires n % 64 == 0 (the sizes we use are powers of two).
constexpr int kTile = 64;
constexpr int kStepK = 16;

__global__ void __launch_bounds__(256) sgemmKernel(const float* a, const float* b, float* c, int n) {
  __shared__ float as[kStepK][kTile];  // A tile stored transposed: as[k][row]
  __shared__ float bs[kStepK][kTile];
  const int tx = threadIdx.x, ty = threadIdx.y, tid = ty * 16 + tx;
  const int row0 = blockIdx.y * kTile, col0 = blockIdx.x * kTile;
  float acc[4][4] = {};
  for (int k0 = 0; k0 < n; k0 += kStepK) {
    for (int e = tid; e < kTile * kStepK; e += 256) {
      as[e % kStepK][e / kStepK] = a[size_t(row0 + e / kStepK) * n + k0 + e % kStepK];
      bs[e / kTile][e % kTile] = b[size_t(k0 + e / kTile) * n + col0 + e % kTile];
    }
    __syncthreads();
#pragma unroll
    for (int k = 0; k < kStepK; ++k) {
      float av[4], bv[4];
#pragma unroll
      for (int i = 0; i < 4; ++i) {
        av[i] = as[k][ty + 16 * i];
        bv[i] = bs[k][tx + 16 * i];
      }
#pragma unroll
      for (int i = 0; i < 4; ++i)
#pragma unroll
        for (int j = 0; j < 4; ++j) acc[i][j] += av[i] * bv[j];
    }
    __syncthreads();
  }
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) c[size_t(row0 + ty + 16 * i) * n + col0 + tx + 16 * j] = acc[i][j];
}

// FP16/BF16: 64×64 block tile, 4 warps in 2×2, each warp 32×32 = 2×2 WMMA 16×16×16 fragments.
// Shared rows are padded by 8 elements (16 bytes): WMMA wants ldm % 8 == 0 and 32-byte aligned pointers,
// and the padding staggers rows across banks.
constexpr int kWmmaK = 32;
constexpr int kPadA = kWmmaK + 8;
constexpr int kPadB = kTile + 8;

// Device-only: nvcuda::wmma exists only in the device compilation pass, and each kernel below
// instantiates this only for targets whose tensor cores have the type (FP16 sm_70+, BF16 sm_80+).
#if defined(__CUDA_ARCH__)
template <typename T>
__device__ void wmmaGemm(const T* a, const T* b, float* c, int n) {
  using namespace nvcuda;
  __shared__ __align__(32) T as[kTile][kPadA];
  __shared__ __align__(32) T bs[kWmmaK][kPadB];
  const int warp = threadIdx.x / 32, wr = warp / 2, wc = warp % 2;
  const int row0 = blockIdx.y * kTile, col0 = blockIdx.x * kTile;
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc[2][2];
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) wmma::fill_fragment(acc[i][j], 0.0f);
  for (int k0 = 0; k0 < n; k0 += kWmmaK) {
    for (int e = threadIdx.x; e < kTile * kWmmaK; e += 128) {
      as[e / kWmmaK][e % kWmmaK] = a[size_t(row0 + e / kWmmaK) * n + k0 + e % kWmmaK];
      bs[e / kTile][e % kTile] = b[size_t(k0 + e / kTile) * n + col0 + e % kTile];
    }
    __syncthreads();
#pragma unroll
    for (int kk = 0; kk < kWmmaK; kk += 16) {
      wmma::fragment<wmma::matrix_a, 16, 16, 16, T, wmma::row_major> fa[2];
      wmma::fragment<wmma::matrix_b, 16, 16, 16, T, wmma::row_major> fb[2];
      for (int i = 0; i < 2; ++i) wmma::load_matrix_sync(fa[i], &as[wr * 32 + i * 16][kk], kPadA);
      for (int j = 0; j < 2; ++j) wmma::load_matrix_sync(fb[j], &bs[kk][wc * 32 + j * 16], kPadB);
      for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j) wmma::mma_sync(acc[i][j], fa[i], fb[j], acc[i][j]);
    }
    __syncthreads();
  }
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j)
      wmma::store_matrix_sync(&c[size_t(row0 + wr * 32 + i * 16) * n + col0 + wc * 32 + j * 16], acc[i][j], n,
                              wmma::mem_row_major);
}
#endif

__global__ void __launch_bounds__(128) hgemmKernel(const __half* a, const __half* b, float* c, int n) {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 700
  wmmaGemm(a, b, c, n);
#endif
}

__global__ void __launch_bounds__(128) bgemmKernel(const __nv_bfloat16* a, const __nv_bfloat16* b, float* c, int n) {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 800
  wmmaGemm(a, b, c, n);
#endif
}

template <typename T>
struct Gemm {
  T* a = nullptr;
  T* b = nullptr;
  float* c = nullptr;
  ~Gemm() {
    cudaFree(a);
    cudaFree(b);
    cudaFree(c);
  }
};

// Compares a few elements of C (corners and interior) with a double-precision host dot product. The
// tolerance scales with the sum of |terms|: FP32 accumulation of n terms may round, a wrong index or a
// race gives errors of the order of the result itself.
bool verify(const float* c, int n, Errors& errors, const std::string& where) {
  const int picks[][2] = {{0, 0}, {0, n - 1}, {n - 1, 0}, {n - 1, n - 1}, {n / 2, n / 3}, {n / 3 + 17, n / 2 + 5}};
  for (const auto& pick : picks) {
    const int i = pick[0], j = pick[1];
    double want = 0, scale = 0;
    for (int k = 0; k < n; ++k) {
      const double term = double(inputValue(unsigned(i) * n + k, 1)) * inputValue(unsigned(k) * n + j, 2);
      want += term;
      scale += std::fabs(term);
    }
    float got = 0;
    if (!errors.ok(cudaMemcpy(&got, c + size_t(i) * n + j, sizeof got, cudaMemcpyDeviceToHost), where, "cudaMemcpy"))
      return false;
    if (!(std::fabs(got - want) <= 1e-3 * scale + 1e-5)) {
      char buf[160];
      std::snprintf(buf, sizeof buf, ": wrong result at C[%d][%d]: got %.6g, expected %.6g", i, j, got, want);
      errors.add(where + buf);
      return false;
    }
  }
  return true;
}

// Runs one precision: fill, one checked warm-up launch, then the best of `repeats` event-timed launches.
// Returns TFLOP/s counting 2·n³ operations per multiply.
template <typename T, typename Launch>
double runGemm(int n, int repeats, Launch launch, Errors& errors, const std::string& where) {
  Gemm<T> m;
  const size_t count = size_t(n) * n;
  if (!errors.ok(cudaMalloc(&m.a, count * sizeof(T)), where, "cudaMalloc") ||
      !errors.ok(cudaMalloc(&m.b, count * sizeof(T)), where, "cudaMalloc") ||
      !errors.ok(cudaMalloc(&m.c, count * sizeof(float)), where, "cudaMalloc"))
    return kNaN;
  fillKernel<<<1024, 256>>>(m.a, count, 1);
  fillKernel<<<1024, 256>>>(m.b, count, 2);
  launch(m.a, m.b, m.c, n);
  if (!errors.ok(cudaGetLastError(), where, "kernel launch") ||
      !errors.ok(cudaDeviceSynchronize(), where, "cudaDeviceSynchronize") || !verify(m.c, n, errors, where))
    return kNaN;

  cudaEvent_t start = nullptr, stop = nullptr;
  if (!errors.ok(cudaEventCreate(&start), where, "cudaEventCreate") ||
      !errors.ok(cudaEventCreate(&stop), where, "cudaEventCreate"))
    return kNaN;  // an event created before the failure is freed with the context (cudaDeviceReset)
  double bestMs = kNaN;
  for (int r = 0; r < repeats; ++r) {
    float ms = 0;
    cudaEventRecord(start);
    launch(m.a, m.b, m.c, n);
    cudaEventRecord(stop);
    if (!errors.ok(cudaEventSynchronize(stop), where, "cudaEventSynchronize") ||
        !errors.ok(cudaEventElapsedTime(&ms, start, stop), where, "cudaEventElapsedTime")) {
      bestMs = kNaN;
      break;
    }
    bestMs = std::isnan(bestMs) ? ms : std::min(bestMs, double(ms));
  }
  cudaEventDestroy(start);
  cudaEventDestroy(stop);
  return 2.0 * n * double(n) * n / (bestMs * 1e-3) / 1e12;
}

}  // namespace

Matmul measureMatmul(const cudaDeviceProp& prop, const Settings& settings, Errors& errors, const std::string& where) {
  Matmul result;
  const int n = settings.matmulSize(), repeats = settings.matmulRepeats();
  const dim3 grid(n / kTile, n / kTile);
  const auto fp32 = [grid](const float* a, const float* b, float* c, int size) {
    sgemmKernel<<<grid, dim3(16, 16)>>>(a, b, c, size);
  };
  const auto fp16 = [grid](const __half* a, const __half* b, float* c, int size) {
    hgemmKernel<<<grid, 128>>>(a, b, c, size);
  };
  const auto bf16 = [grid](const __nv_bfloat16* a, const __nv_bfloat16* b, float* c, int size) {
    bgemmKernel<<<grid, 128>>>(a, b, c, size);
  };
  result.fp32 = runGemm<float>(n, repeats, fp32, errors, where + ": fp32 matmul");
  // Tensor-core FP16 arrived with Volta (7.0), BF16 with Ampere (8.0). Older devices lack the type in
  // hardware: their result is null, which is not an error.
  if (prop.major >= 7) result.fp16 = runGemm<__half>(n, repeats, fp16, errors, where + ": fp16 matmul");
  if (prop.major >= 8) result.bf16 = runGemm<__nv_bfloat16>(n, repeats, bf16, errors, where + ": bf16 matmul");
  return result;
}

}  // namespace tb
