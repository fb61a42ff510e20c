// Host<->device and device<->device copy bandwidth, the way NVIDIA's bandwidthTest measures it:
// cudaMemcpy of one 64 MiB buffer timed with CUDA events, best of N. GB/s are decimal (1e9 bytes).
#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "bench.h"

namespace tb {
namespace {

constexpr size_t kBytes = size_t{64} << 20;

// Best (highest) bandwidth over `repeats` copies. The best, not the mean: the first copies pay for TLB
// misses and clock ramp-up, and the question is what the link can do. `factor` is 2 for device-to-device
// copies, which read and write every byte (bandwidthTest counts them the same way).
double timeCopies(void* dst, const void* src, cudaMemcpyKind kind, int repeats, double factor, Errors& errors,
                  const std::string& where) {
  cudaEvent_t start = nullptr, stop = nullptr;
  double best = kNaN;
  if (!errors.ok(cudaEventCreate(&start), where, "cudaEventCreate") ||
      !errors.ok(cudaEventCreate(&stop), where, "cudaEventCreate")) {
    if (start) cudaEventDestroy(start);
    return kNaN;
  }
  // One untimed copy: the first transfer maps the pages and wakes the link.
  if (errors.ok(cudaMemcpy(dst, src, kBytes, kind), where, "cudaMemcpy")) {
    for (int i = 0; i < repeats; ++i) {
      float ms = 0;
      if (!errors.ok(cudaEventRecord(start), where, "cudaEventRecord") ||
          !errors.ok(cudaMemcpy(dst, src, kBytes, kind), where, "cudaMemcpy") ||
          !errors.ok(cudaEventRecord(stop), where, "cudaEventRecord") ||
          !errors.ok(cudaEventSynchronize(stop), where, "cudaEventSynchronize") ||
          !errors.ok(cudaEventElapsedTime(&ms, start, stop), where, "cudaEventElapsedTime")) {
        best = kNaN;
        break;
      }
      const double gbps = factor * static_cast<double>(kBytes) / (ms * 1e-3) / 1e9;
      best = std::isnan(best) ? gbps : std::max(best, gbps);
    }
  }
  cudaEventDestroy(start);
  cudaEventDestroy(stop);
  return best;
}

}  // namespace

Bandwidth measureBandwidth(const Settings& settings, Errors& errors, const std::string& where) {
  Bandwidth result;
  const int repeats = settings.copyRepeats();
  void* device = nullptr;
  void* device2 = nullptr;
  if (!errors.ok(cudaMalloc(&device, kBytes), where + ": bandwidth", "cudaMalloc")) return result;

  // Pageable memory is what a program gets from malloc: the driver stages it through a pinned buffer.
  // It is written once so that page faults are not part of the timing.
  void* pageable = std::malloc(kBytes);
  if (pageable) {
    std::memset(pageable, 1, kBytes);
    result.h2dPageable =
        timeCopies(device, pageable, cudaMemcpyHostToDevice, repeats, 1, errors, where + ": h2d pageable");
    result.d2hPageable =
        timeCopies(pageable, device, cudaMemcpyDeviceToHost, repeats, 1, errors, where + ": d2h pageable");
    std::free(pageable);
  } else {
    errors.add(where + ": bandwidth: malloc of 64 MiB host memory failed");
  }

  void* pinned = nullptr;
  if (errors.ok(cudaMallocHost(&pinned, kBytes), where + ": bandwidth", "cudaMallocHost")) {
    std::memset(pinned, 1, kBytes);
    result.h2dPinned = timeCopies(device, pinned, cudaMemcpyHostToDevice, repeats, 1, errors, where + ": h2d pinned");
    result.d2hPinned = timeCopies(pinned, device, cudaMemcpyDeviceToHost, repeats, 1, errors, where + ": d2h pinned");
    cudaFreeHost(pinned);
  }

  if (errors.ok(cudaMalloc(&device2, kBytes), where + ": bandwidth", "cudaMalloc")) {
    result.d2d = timeCopies(device2, device, cudaMemcpyDeviceToDevice, repeats, 2, errors, where + ": d2d");
    cudaFree(device2);
  }
  cudaFree(device);
  return result;
}

}  // namespace tb
