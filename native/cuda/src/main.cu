// tb-cuda: Tunebench's CUDA microbenchmark tool. Prints exactly one JSON document on stdout (schema
// "tunebench-cuda", version 1) with each device's properties and measurements, and never crashes on a
// machine without a GPU or driver: that is a normal, reported outcome.
//
// Usage: tb-cuda [--device N] [--quick] [--json]
// Exit codes (the app relies on them; see native/cuda/README.md):
//   0  every requested device measured, errors []
//   2  bad command line (errors names the problem)
//   3  no usable CUDA device: cudaGetDeviceCount failed or found none (devices [])
//   4  devices were measured but some measurement failed (those results are null, errors says why)
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "bench.h"
#include "json.h"

namespace tb {
namespace {

struct Options {
  int device = -1;  // -1: all devices
  bool quick = false;
  std::string usageError;
};

Options parseArgs(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--quick") {
      options.quick = true;
    } else if (arg == "--json") {
      // JSON is the only output format; accepted so callers can be explicit.
    } else if (arg == "--device" && i + 1 < argc) {
      char* end = nullptr;
      const long value = std::strtol(argv[++i], &end, 10);
      if (*end != '\0' || value < 0 || value > 1024) {
        options.usageError = std::string("--device: not a device index: ") + argv[i];
      } else {
        options.device = static_cast<int>(value);
      }
    } else {
      options.usageError = "unknown argument: " + arg + " (usage: tb-cuda [--device N] [--quick] [--json])";
    }
  }
  return options;
}

int attribute(cudaDeviceAttr attr, int device) {
  int value = 0;
  return cudaDeviceGetAttribute(&value, attr, device) == cudaSuccess ? value : -1;
}

std::string intOrNull(long long value) { return value < 0 ? "null" : std::to_string(value); }

// Measures one device and returns its JSON object. Properties come first so that a device whose
// benchmarks all fail is still described.
std::string measureDevice(int index, const Settings& settings, Errors& errors) {
  const std::string where = "device " + std::to_string(index);
  cudaDeviceProp prop{};
  if (!errors.ok(cudaSetDevice(index), where, "cudaSetDevice") ||
      !errors.ok(cudaGetDeviceProperties(&prop, index), where, "cudaGetDeviceProperties"))
    return "";
  // Clocks are attributes since CUDA 13 removed cudaDeviceProp::clockRate/memoryClockRate (both in kHz).
  const int clockKHz = attribute(cudaDevAttrClockRate, index);
  const int memClockKHz = attribute(cudaDevAttrMemoryClockRate, index);

  const Bandwidth bw = measureBandwidth(settings, errors, where);
  const Matmul mm = measureMatmul(prop, settings, errors, where);
  const double launchUs = measureLaunchLatencyUs(settings, errors, where);
  cudaDeviceReset();  // free everything before the next device, even after a failure

  std::string j = "{";
  j += "\"index\":" + std::to_string(index);
  j += ",\"name\":" + jsonString(prop.name);
  j += ",\"computeCapability\":" + jsonString(std::to_string(prop.major) + "." + std::to_string(prop.minor));
  j += ",\"multiprocessors\":" + std::to_string(prop.multiProcessorCount);
  j += ",\"clockMHz\":" + (clockKHz < 0 ? std::string("null") : jsonNumber(clockKHz / 1000.0));
  j += ",\"memoryClockMHz\":" + (memClockKHz < 0 ? std::string("null") : jsonNumber(memClockKHz / 1000.0));
  j += ",\"memoryBusWidth\":" + intOrNull(prop.memoryBusWidth);
  j += ",\"totalGlobalMemBytes\":" + std::to_string(static_cast<unsigned long long>(prop.totalGlobalMem));
  j += ",\"l2CacheBytes\":" + intOrNull(prop.l2CacheSize);
  j += ",\"results\":{";
  j += "\"h2dPageableGBps\":" + jsonNumber(bw.h2dPageable);
  j += ",\"h2dPinnedGBps\":" + jsonNumber(bw.h2dPinned);
  j += ",\"d2hPageableGBps\":" + jsonNumber(bw.d2hPageable);
  j += ",\"d2hPinnedGBps\":" + jsonNumber(bw.d2hPinned);
  j += ",\"d2dGBps\":" + jsonNumber(bw.d2d);
  j += ",\"fp32Tflops\":" + jsonNumber(mm.fp32);
  j += ",\"fp16Tflops\":" + jsonNumber(mm.fp16);
  j += ",\"bf16Tflops\":" + jsonNumber(mm.bf16);
  j += ",\"launchLatencyUs\":" + jsonNumber(launchUs);
  j += ",\"method\":{\"matmul\":\"own tiled kernels\"}";
  j += "}}";
  return j;
}

int emit(const std::string& devices, const Errors& errors, int code) {
  std::string doc = "{\"schema\":\"tunebench-cuda\",\"version\":1,\"devices\":[" + devices + "],\"errors\":[";
  for (size_t i = 0; i < errors.list.size(); ++i) doc += (i ? "," : "") + jsonString(errors.list[i]);
  doc += "]}\n";
  std::fputs(doc.c_str(), stdout);
  std::fflush(stdout);
  return code;
}

}  // namespace
}  // namespace tb

int main(int argc, char** argv) {
  using namespace tb;
  const Options options = parseArgs(argc, argv);
  Errors errors;
  if (!options.usageError.empty()) {
    errors.add(options.usageError);
    return emit("", errors, 2);
  }
  int count = 0;
  const cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) {
    errors.add(std::string("cudaGetDeviceCount: ") + cudaGetErrorString(status));
    return emit("", errors, 3);
  }
  if (count == 0) {
    errors.add("cudaGetDeviceCount: 0 devices");
    return emit("", errors, 3);
  }
  if (options.device >= count) {
    errors.add("--device " + std::to_string(options.device) + ": only " + std::to_string(count) + " device(s)");
    return emit("", errors, 2);
  }
  Settings settings;
  settings.quick = options.quick;
  std::string devices;
  for (int i = 0; i < count; ++i) {
    if (options.device >= 0 && i != options.device) continue;
    const std::string device = measureDevice(i, settings, errors);
    if (device.empty()) continue;
    devices += (devices.empty() ? "" : ",") + device;
  }
  if (devices.empty()) return emit("", errors, 3);
  return emit(devices, errors, errors.list.empty() ? 0 : 4);
}
