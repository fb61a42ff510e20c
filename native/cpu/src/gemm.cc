// JS class Gemm(n, threads): C = A·B in FP32, n×n×n, row-major, with a sampled double-precision check.
#include <napi.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "classes.h"
#include "common.h"
#include "gemm_driver.h"

namespace tb {
namespace {

class Gemm : public Napi::ObjectWrap<Gemm> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Gemm",
                       {InstanceMethod<&Gemm::Run>("run"), InstanceMethod<&Gemm::MaxAbsError>("maxAbsError"),
                        InstanceMethod<&Gemm::Dispose>("dispose")});
  }

  explicit Gemm(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Gemm>(info), kernel_(SelectGemmKernel()) {
    n_ = IntArg(info, 0, "Gemm", "n", 1, 8192);
    threads_ = static_cast<int>(IntArg(info, 1, "Gemm", "threads", 1, kMaxThreads));
    size_t len = static_cast<size_t>(n_ * n_);
    try {
      a_ = AlignedArray<float>(len);
      b_ = AlignedArray<float>(len);
      c_ = AlignedArray<float>(len);
      for (int t = 0; t < threads_; ++t) workspaces_.push_back(std::make_unique<GemmWorkspace>(kernel_, n_));
    } catch (const std::bad_alloc&) {
      throw Napi::Error::New(info.Env(), "Gemm: could not allocate the matrices for n=" + std::to_string(n_));
    }
    // Values in [-1, 1) from a fixed seed: no denormals, and an error bound that depends only on n.
    uint64_t seed = 42;
    for (size_t i = 0; i < len; ++i) a_[i] = static_cast<float>(SplitMix64(&seed) >> 40) / 8388608.0f - 1.0f;
    for (size_t i = 0; i < len; ++i) b_[i] = static_cast<float>(SplitMix64(&seed) >> 40) / 8388608.0f - 1.0f;
    std::fill(c_.data(), c_.data() + len, 0.0f);
    memory_.Set(info.Env(), static_cast<int64_t>(3 * len * sizeof(float)) +
                                threads_ * GemmWorkspace::Bytes(kernel_, n_));
  }

  ~Gemm() override { Release(); }

 private:
  Napi::Value Run(const Napi::CallbackInfo& info) {
    ThrowIfDisposed(info.Env(), disposed_, "Gemm");
    const float *a = a_.data(), *b = b_.data();
    float* c = c_.data();
    double ns = TimeNs([&] {
      ParallelFor(threads_, [&](int t) {
        int64_t begin, end;
        SplitRange(n_, threads_, t, kernel_.mr, &begin, &end);
        if (begin < end) GemmRows(kernel_, n_, a, b, c, begin, end, *workspaces_[static_cast<size_t>(t)]);
      });
    });
    ran_ = true;
    return Napi::Number::New(info.Env(), ns);
  }

  // Largest |C[i][j] - Σ A[i][k]·B[k][j]| over 64 entries at fixed pseudo-random positions, the reference summed
  // in double. A full O(n³) double check would cost more than the benchmark; 64 entries catch a wrong tile.
  Napi::Value MaxAbsError(const Napi::CallbackInfo& info) {
    ThrowIfDisposed(info.Env(), disposed_, "Gemm");
    if (!ran_) throw Napi::Error::New(info.Env(), "Gemm: call run() before maxAbsError()");
    uint64_t seed = 7;
    double worst = 0.0;
    for (int s = 0; s < 64; ++s) {
      int64_t i = static_cast<int64_t>(SplitMix64(&seed) % static_cast<uint64_t>(n_));
      int64_t j = static_cast<int64_t>(SplitMix64(&seed) % static_cast<uint64_t>(n_));
      double ref = 0.0;
      for (int64_t k = 0; k < n_; ++k) ref += static_cast<double>(a_[i * n_ + k]) * b_[k * n_ + j];
      double err = std::fabs(static_cast<double>(c_[i * n_ + j]) - ref);
      if (std::isnan(err)) return Napi::Number::New(info.Env(), err);  // a NaN in C is the worst error of all
      worst = std::max(worst, err);
    }
    return Napi::Number::New(info.Env(), worst);
  }

  Napi::Value Dispose(const Napi::CallbackInfo& info) {
    Release();
    return info.Env().Undefined();
  }

  void Release() {
    if (disposed_) return;
    disposed_ = true;
    a_.Reset(), b_.Reset(), c_.Reset();
    workspaces_.clear();
    memory_.Set(Env(), 0);
  }

  const GemmKernel& kernel_;
  int64_t n_ = 0;
  int threads_ = 1;
  AlignedArray<float> a_, b_, c_;
  std::vector<std::unique_ptr<GemmWorkspace>> workspaces_;
  ExternalMemory memory_;
  bool ran_ = false;
  bool disposed_ = false;
};

}  // namespace

Napi::Function DefineGemm(Napi::Env env) { return Gemm::Define(env); }

}  // namespace tb
