// Shared declarations of tb-cuda's measurements. Each measurement returns NaN (printed as null) when it
// failed, after recording why in Errors, so one failing benchmark never hides the others.
#pragma once

#include <cuda_runtime.h>

#include <cmath>
#include <string>
#include <vector>

namespace tb {

struct Errors {
  std::vector<std::string> list;

  // Records a failed CUDA call as "<where>: <call>: <cudaGetErrorString>" and clears the runtime's last
  // error, so that a non-sticky failure (e.g. out of memory) does not leak into the next measurement.
  bool ok(cudaError_t status, const std::string& where, const char* call) {
    if (status == cudaSuccess) return true;
    list.push_back(where + ": " + call + ": " + cudaGetErrorString(status));
    cudaGetLastError();
    return false;
  }
  void add(const std::string& message) { list.push_back(message); }
};

struct Settings {
  bool quick = false;
  int copyRepeats() const { return quick ? 3 : 10; }
  int matmulRepeats() const { return quick ? 3 : 10; }
  int matmulSize() const { return quick ? 2048 : 4096; }
  int launchRepeats() const { return quick ? 200 : 2000; }
};

constexpr double kNaN = NAN;

struct Bandwidth {
  double h2dPageable = kNaN, h2dPinned = kNaN, d2hPageable = kNaN, d2hPinned = kNaN, d2d = kNaN;
};

struct Matmul {
  double fp32 = kNaN, fp16 = kNaN, bf16 = kNaN;
};

Bandwidth measureBandwidth(const Settings& settings, Errors& errors, const std::string& where);
Matmul measureMatmul(const cudaDeviceProp& prop, const Settings& settings, Errors& errors, const std::string& where);
double measureLaunchLatencyUs(const Settings& settings, Errors& errors, const std::string& where);

}  // namespace tb
