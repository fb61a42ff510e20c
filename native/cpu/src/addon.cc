// Module entry of tunebench_cpu: the four kernel classes and isa().
#include <napi.h>

#include <string>

#include "classes.h"
#include "gemm_kernels.h"

namespace tb {
namespace {

std::string CompilerVersion() {
#if defined(__clang__)
  return std::string("clang ") + __clang_version__;
#elif defined(__GNUC__)
  return std::string("gcc ") + __VERSION__;
#elif defined(_MSC_VER)
  return "msvc " + std::to_string(_MSC_FULL_VER);
#else
  return "unknown";
#endif
}

// Which GEMM variant a Gemm constructed now would use, and what compiled the addon.
Napi::Value Isa(const Napi::CallbackInfo& info) {
  Napi::Object out = Napi::Object::New(info.Env());
  out.Set("gemm", SelectGemmKernel().name);
  out.Set("compiler", CompilerVersion());
  return out;
}

}  // namespace

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("Gemm", DefineGemm(env));
  exports.Set("Stream", DefineStream(env));
  exports.Set("Latency", DefineLatency(env));
  exports.Set("Hash", DefineHash(env));
  exports.Set("isa", Napi::Function::New<Isa>(env, "isa"));
  return exports;
}

}  // namespace tb

// The macro pastes its second argument into an identifier, so it must be unqualified.
using tb::Init;
NODE_API_MODULE(tunebench_cpu, Init)
