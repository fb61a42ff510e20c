// Helpers shared by the kernels: argument validation, the kernel clock, aligned buffers and the thread split.
#pragma once

#include <napi.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <thread>
#include <vector>

namespace tb {

// Reads info[index] as an integer in [min, max]. Throws a JS TypeError (not an integer) or RangeError
// (out of range) whose message names the class and the argument, so a bad call is fixed from the message alone.
inline int64_t IntArg(const Napi::CallbackInfo& info, size_t index, const char* where, const char* name,
                      int64_t min, int64_t max) {
  Napi::Env env = info.Env();
  std::string prefix = std::string(where) + ": " + name;
  if (info.Length() <= index || !info[index].IsNumber()) {
    throw Napi::TypeError::New(env, prefix + " must be an integer number");
  }
  double v = info[index].As<Napi::Number>().DoubleValue();
  if (v != v || v != static_cast<double>(static_cast<int64_t>(v))) {
    throw Napi::TypeError::New(env, prefix + " must be an integer number");
  }
  if (v < static_cast<double>(min) || v > static_cast<double>(max)) {
    throw Napi::RangeError::New(env, prefix + " must be between " + std::to_string(min) + " and " +
                                         std::to_string(max) + ", got " + std::to_string(static_cast<int64_t>(v)));
  }
  return static_cast<int64_t>(v);
}

constexpr int64_t kMaxThreads = 256;
constexpr int64_t kMaxBytes = int64_t{1} << 31;  // 2 GiB

// Nanoseconds spent in f, on the steady clock: only the kernel is inside, never argument parsing or JS.
template <class F>
double TimeNs(F&& f) {
  auto t0 = std::chrono::steady_clock::now();
  f();
  auto t1 = std::chrono::steady_clock::now();
  return std::chrono::duration<double, std::nano>(t1 - t0).count();
}

// A 64-byte aligned array (cache line; a full AVX-512 vector), freed on destruction or Reset().
template <class T>
class AlignedArray {
 public:
  AlignedArray() = default;
  explicit AlignedArray(size_t count) : count_(count) {
    size_t bytes = (count * sizeof(T) + 63) / 64 * 64;
    data_ = static_cast<T*>(std::aligned_alloc(64, bytes == 0 ? 64 : bytes));
    if (data_ == nullptr) throw std::bad_alloc();
  }
  AlignedArray(const AlignedArray&) = delete;
  AlignedArray& operator=(const AlignedArray&) = delete;
  AlignedArray(AlignedArray&& o) noexcept : data_(o.data_), count_(o.count_) { o.data_ = nullptr, o.count_ = 0; }
  AlignedArray& operator=(AlignedArray&& o) noexcept {
    if (this != &o) {
      Reset();
      data_ = o.data_, count_ = o.count_;
      o.data_ = nullptr, o.count_ = 0;
    }
    return *this;
  }
  ~AlignedArray() { Reset(); }
  void Reset() {
    std::free(data_);
    data_ = nullptr;
    count_ = 0;
  }
  T* data() const { return data_; }
  size_t size() const { return count_; }
  T& operator[](size_t i) const { return data_[i]; }

 private:
  T* data_ = nullptr;
  size_t count_ = 0;
};

// [begin, end) of part `index` when `total` items are split into `parts` runs, in whole multiples of
// `grain` items (a cache line, a GEMM row panel) so no two threads write the same line.
inline void SplitRange(int64_t total, int64_t parts, int64_t index, int64_t grain, int64_t* begin, int64_t* end) {
  int64_t units = (total + grain - 1) / grain;
  int64_t lo = units * index / parts, hi = units * (index + 1) / parts;
  *begin = lo * grain < total ? lo * grain : total;
  *end = hi * grain < total ? hi * grain : total;
}

// Runs fn(t) for t in [0, threads): part 0 on the calling thread, the rest on fresh std::threads, so
// threads == 1 starts no thread at all.
template <class F>
void ParallelFor(int threads, F&& fn) {
  if (threads <= 1) {
    fn(0);
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(threads - 1));
  for (int t = 1; t < threads; ++t) pool.emplace_back([&fn, t] { fn(t); });
  fn(0);
  for (auto& th : pool) th.join();
}

// Tells V8 how much native memory an object holds, so the GC collects undisposed objects in time.
class ExternalMemory {
 public:
  void Set(Napi::Env env, int64_t bytes) {
    Napi::MemoryManagement::AdjustExternalMemory(env, bytes - bytes_);
    bytes_ = bytes;
  }
  int64_t bytes() const { return bytes_; }

 private:
  int64_t bytes_ = 0;
};

// A fixed-seed generator (splitmix64): every build and run sees the same inputs, so results are comparable.
inline uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

}  // namespace tb
