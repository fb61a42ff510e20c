// JS class Hash(bytes): FNV-1a 64 over a deterministic buffer — a byte-serial, multiply-latency-bound
// integer workload. Byte i of the buffer is ((i·31) XOR (i >> 7)) AND 0xff; cpu-addon.ts exposes the same
// rule so tests rebuild the buffer and check the digest independently.
#include <napi.h>

#include <cstdio>

#include "classes.h"
#include "common.h"

namespace tb {
namespace {

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ull;
constexpr uint64_t kFnvPrime = 0x100000001b3ull;

uint64_t Fnv1a64(const uint8_t* data, size_t len) {
  uint64_t h = kFnvOffset;
  for (size_t i = 0; i < len; ++i) {
    h ^= data[i];
    h *= kFnvPrime;
  }
  return h;
}

class Hash : public Napi::ObjectWrap<Hash> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Hash",
                       {InstanceMethod<&Hash::Run>("run"), InstanceMethod<&Hash::Digest>("digest"),
                        InstanceMethod<&Hash::Dispose>("dispose")});
  }

  explicit Hash(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Hash>(info) {
    int64_t bytes = IntArg(info, 0, "Hash", "bytes", 1, kMaxBytes);
    try {
      data_ = AlignedArray<uint8_t>(static_cast<size_t>(bytes));
    } catch (const std::bad_alloc&) {
      throw Napi::Error::New(info.Env(), "Hash: could not allocate " + std::to_string(bytes) + " bytes");
    }
    for (size_t i = 0; i < data_.size(); ++i) data_[i] = static_cast<uint8_t>((i * 31) ^ (i >> 7));
    memory_.Set(info.Env(), bytes);
  }

  ~Hash() override { Release(); }

 private:
  Napi::Value Run(const Napi::CallbackInfo& info) {
    ThrowIfDisposed(info.Env(), disposed_, "Hash");
    uint64_t h = 0;
    double ns = TimeNs([&] { h = Fnv1a64(data_.data(), data_.size()); });
    last_ = h;
    hashed_ = true;
    return Napi::Number::New(info.Env(), ns);
  }

  // 16 lowercase hex digits of the last run's hash (a string: a 64-bit value does not fit a JS number).
  Napi::Value Digest(const Napi::CallbackInfo& info) {
    ThrowIfDisposed(info.Env(), disposed_, "Hash");
    if (!hashed_) throw Napi::Error::New(info.Env(), "Hash: call run() before digest()");
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(last_));
    return Napi::String::New(info.Env(), hex);
  }

  Napi::Value Dispose(const Napi::CallbackInfo& info) {
    Release();
    return info.Env().Undefined();
  }

  void Release() {
    if (disposed_) return;
    disposed_ = true;
    data_.Reset();
    memory_.Set(Env(), 0);
  }

  AlignedArray<uint8_t> data_;
  uint64_t last_ = 0;
  bool hashed_ = false;
  ExternalMemory memory_;
  bool disposed_ = false;
};

}  // namespace

Napi::Function DefineHash(Napi::Env env) { return Hash::Define(env); }

}  // namespace tb
