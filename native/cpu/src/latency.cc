// JS class Latency(bytes): a dependent-load pointer chase through a random single cycle over `bytes` of memory.
#include <napi.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "classes.h"
#include "common.h"

namespace tb {
namespace {

// One node per 64-byte cache line, so every load touches a new line and spatial prefetch cannot help.
struct alignas(64) Node {
  Node* next;
  char pad[64 - sizeof(Node*)];
};
static_assert(sizeof(Node) == 64, "one node per cache line");

class Latency : public Napi::ObjectWrap<Latency> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Latency",
                       {InstanceMethod<&Latency::Run>("run"), InstanceMethod<&Latency::Dispose>("dispose")});
  }

  explicit Latency(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Latency>(info) {
    int64_t bytes = IntArg(info, 0, "Latency", "bytes", 2 * static_cast<int64_t>(sizeof(Node)), kMaxBytes);
    size_t count = static_cast<size_t>(bytes) / sizeof(Node);  // a partial last line is left out
    std::vector<uint32_t> order;
    try {
      nodes_ = AlignedArray<Node>(count);
      order.resize(count);
    } catch (const std::bad_alloc&) {
      throw Napi::Error::New(info.Env(), "Latency: could not allocate " + std::to_string(bytes) + " bytes");
    }
    // Sattolo's shuffle yields a permutation that is one cycle through every node, so the chase visits the
    // whole working set before repeating; a fixed seed makes the walk identical on every run and machine.
    for (size_t i = 0; i < count; ++i) order[i] = static_cast<uint32_t>(i);
    uint64_t seed = 0x7b1a5e;
    for (size_t i = count - 1; i > 0; --i) std::swap(order[i], order[SplitMix64(&seed) % i]);
    for (size_t i = 0; i < count; ++i) nodes_[i].next = &nodes_[order[i]];
    cursor_ = &nodes_[0];
    memory_.Set(info.Env(), static_cast<int64_t>(count * sizeof(Node)));
  }

  ~Latency() override { Release(); }

 private:
  // Total ns for `loads` dependent loads; the walk resumes where the last run stopped, so repeated runs keep
  // the caches in the steady state of a long walk instead of restarting at node 0.
  Napi::Value Run(const Napi::CallbackInfo& info) {
    ThrowIfDisposed(info.Env(), disposed_, "Latency");
    int64_t loads = IntArg(info, 0, "Latency.run", "loads", 1, int64_t{1} << 40);
    Node* p = cursor_;
    double ns = TimeNs([&] {
      for (int64_t i = 0; i < loads; ++i) p = p->next;
    });
    cursor_ = p;  // keeps the chain live: the compiler cannot drop loads whose result is stored
    return Napi::Number::New(info.Env(), ns);
  }

  Napi::Value Dispose(const Napi::CallbackInfo& info) {
    Release();
    return info.Env().Undefined();
  }

  void Release() {
    if (disposed_) return;
    disposed_ = true;
    nodes_.Reset();
    cursor_ = nullptr;
    memory_.Set(Env(), 0);
  }

  AlignedArray<Node> nodes_;
  Node* cursor_ = nullptr;
  ExternalMemory memory_;
  bool disposed_ = false;
};

}  // namespace

Napi::Function DefineLatency(Napi::Env env) { return Latency::Define(env); }

}  // namespace tb
