// JS class Stream(elements, threads): the four STREAM kernels on three double arrays, plus STREAM's checker.
#include <napi.h>

#include <cmath>

#include "classes.h"
#include "common.h"

namespace tb {
namespace {

constexpr double kScalar = 3.0;  // STREAM's q
constexpr int64_t kLine = 8;     // doubles per 64-byte cache line: threads never share a line

// Plain loops over __restrict pointers, as in STREAM's C source. GCC also clones them for AVX2 and AVX-512
// (chosen at load time), as a -march=native build of the C reference would vectorise them; the memory
// system, not the instruction set, should set the pace.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__)
#define TB_STREAM_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define TB_STREAM_CLONES
#endif

TB_STREAM_CLONES void CopyLoop(const double* __restrict a, double* __restrict c, int64_t lo, int64_t hi) {
  for (int64_t i = lo; i < hi; ++i) c[i] = a[i];
}
TB_STREAM_CLONES void ScaleLoop(double* __restrict b, const double* __restrict c, int64_t lo, int64_t hi) {
  for (int64_t i = lo; i < hi; ++i) b[i] = kScalar * c[i];
}
TB_STREAM_CLONES void AddLoop(const double* __restrict a, const double* __restrict b, double* __restrict c,
                              int64_t lo, int64_t hi) {
  for (int64_t i = lo; i < hi; ++i) c[i] = a[i] + b[i];
}
TB_STREAM_CLONES void TriadLoop(double* __restrict a, const double* __restrict b, const double* __restrict c,
                                int64_t lo, int64_t hi) {
  for (int64_t i = lo; i < hi; ++i) a[i] = b[i] + kScalar * c[i];
}

class Stream : public Napi::ObjectWrap<Stream> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Stream",
                       {InstanceMethod<&Stream::Copy>("copy"), InstanceMethod<&Stream::Scale>("scale"),
                        InstanceMethod<&Stream::Add>("add"), InstanceMethod<&Stream::Triad>("triad"),
                        InstanceMethod<&Stream::Check>("check"), InstanceMethod<&Stream::Dispose>("dispose")});
  }

  explicit Stream(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Stream>(info) {
    // 2^28 doubles = 2 GiB per array (6 GiB in all): beyond any L3, within reason for a workstation.
    n_ = IntArg(info, 0, "Stream", "elements", 1, int64_t{1} << 28);
    threads_ = static_cast<int>(IntArg(info, 1, "Stream", "threads", 1, kMaxThreads));
    try {
      a_ = AlignedArray<double>(static_cast<size_t>(n_));
      b_ = AlignedArray<double>(static_cast<size_t>(n_));
      c_ = AlignedArray<double>(static_cast<size_t>(n_));
    } catch (const std::bad_alloc&) {
      throw Napi::Error::New(info.Env(), "Stream: could not allocate 3 arrays of " + std::to_string(n_) + " doubles");
    }
    // First touch by the thread that owns each range, as the kernels split it, so on NUMA machines the pages
    // land on that thread's node (STREAM's rule; harmless on one node).
    double *a = a_.data(), *b = b_.data(), *c = c_.data();
    ForEachRange([=](int64_t lo, int64_t hi) {
      for (int64_t i = lo; i < hi; ++i) a[i] = 1.0, b[i] = 2.0, c[i] = 0.0;
    });
    memory_.Set(info.Env(), 3 * n_ * static_cast<int64_t>(sizeof(double)));
  }

  ~Stream() override { Release(); }

 private:
  template <class F>
  void ForEachRange(F&& body) {
    ParallelFor(threads_, [&](int t) {
      int64_t lo, hi;
      SplitRange(n_, threads_, t, kLine, &lo, &hi);
      body(lo, hi);
    });
  }

  template <class F>
  Napi::Value Timed(const Napi::CallbackInfo& info, F&& body) {
    ThrowIfDisposed(info.Env(), disposed_, "Stream");
    double ns = TimeNs([&] { ForEachRange(body); });
    return Napi::Number::New(info.Env(), ns);
  }

  Napi::Value Copy(const Napi::CallbackInfo& info) {
    double *a = a_.data(), *c = c_.data();
    expect_c_ = expect_a_;
    return Timed(info, [=](int64_t lo, int64_t hi) { CopyLoop(a, c, lo, hi); });
  }
  Napi::Value Scale(const Napi::CallbackInfo& info) {
    double *b = b_.data(), *c = c_.data();
    expect_b_ = kScalar * expect_c_;
    return Timed(info, [=](int64_t lo, int64_t hi) { ScaleLoop(b, c, lo, hi); });
  }
  Napi::Value Add(const Napi::CallbackInfo& info) {
    double *a = a_.data(), *b = b_.data(), *c = c_.data();
    expect_c_ = expect_a_ + expect_b_;
    return Timed(info, [=](int64_t lo, int64_t hi) { AddLoop(a, b, c, lo, hi); });
  }
  Napi::Value Triad(const Napi::CallbackInfo& info) {
    double *a = a_.data(), *b = b_.data(), *c = c_.data();
    expect_a_ = expect_b_ + kScalar * expect_c_;
    return Timed(info, [=](int64_t lo, int64_t hi) { TriadLoop(a, b, c, lo, hi); });
  }

  // STREAM's validation: every element of each array equals the value the same sequence of kernels gives a
  // scalar, within a relative 1e-13 (the values are exact integers until ~13 full cycles, then round alike).
  // A full copy-scale-add-triad cycle multiplies the values by 15; after ~260 cycles both overflow to inf alike,
  // hence the == before the relative test.
  Napi::Value Check(const Napi::CallbackInfo& info) {
    ThrowIfDisposed(info.Env(), disposed_, "Stream");
    auto near = [](double got, double want) {
      return got == want || std::fabs(got - want) <= 1e-13 * std::fabs(want);
    };
    bool ok = true;
    for (int64_t i = 0; i < n_ && ok; ++i) ok = near(a_[i], expect_a_) && near(b_[i], expect_b_) && near(c_[i], expect_c_);
    return Napi::Boolean::New(info.Env(), ok);
  }

  Napi::Value Dispose(const Napi::CallbackInfo& info) {
    Release();
    return info.Env().Undefined();
  }

  void Release() {
    if (disposed_) return;
    disposed_ = true;
    a_.Reset(), b_.Reset(), c_.Reset();
    memory_.Set(Env(), 0);
  }

  int64_t n_ = 0;
  int threads_ = 1;
  AlignedArray<double> a_, b_, c_;
  double expect_a_ = 1.0, expect_b_ = 2.0, expect_c_ = 0.0;  // what every element of a, b, c should hold now
  ExternalMemory memory_;
  bool disposed_ = false;
};

}  // namespace

Napi::Function DefineStream(Napi::Env env) { return Stream::Define(env); }

}  // namespace tb
