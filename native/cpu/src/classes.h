// The JS classes the addon exports; each file defines one.
#pragma once

#include <napi.h>

namespace tb {

Napi::Function DefineGemm(Napi::Env env);
Napi::Function DefineStream(Napi::Env env);
Napi::Function DefineLatency(Napi::Env env);
Napi::Function DefineHash(Napi::Env env);

// Throws the JS Error "<Class>: disposed" when an object is used after dispose().
inline void ThrowIfDisposed(Napi::Env env, bool disposed, const char* where) {
  if (disposed) throw Napi::Error::New(env, std::string(where) + ": disposed");
}

}  // namespace tb
