// Launch latency: the host-side round trip of an empty kernel (launch + wait for completion), which is
// the fixed cost every small GPU operation pays. Timed on the host clock because that is where the
// cost is felt; the median hides the odd scheduler hiccup.
#include <algorithm>
#include <chrono>
#include <vector>

#include "bench.h"

namespace tb {
namespace {
__global__ void emptyKernel() {}
}  // namespace

double measureLaunchLatencyUs(const Settings& settings, Errors& errors, const std::string& where) {
  const std::string at = where + ": launch latency";
  // Warm-up: the first launches load the module and may JIT the PTX on unlisted architectures.
  for (int i = 0; i < 10; ++i) emptyKernel<<<1, 1>>>();
  if (!errors.ok(cudaGetLastError(), at, "kernel launch") ||
      !errors.ok(cudaDeviceSynchronize(), at, "cudaDeviceSynchronize"))
    return kNaN;
  std::vector<double> micros(settings.launchRepeats());
  for (double& us : micros) {
    const auto start = std::chrono::steady_clock::now();
    emptyKernel<<<1, 1>>>();
    const cudaError_t status = cudaStreamSynchronize(nullptr);
    us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
    if (!errors.ok(status, at, "cudaStreamSynchronize")) return kNaN;
  }
  std::nth_element(micros.begin(), micros.begin() + micros.size() / 2, micros.end());
  return micros[micros.size() / 2];
}

}  // namespace tb
