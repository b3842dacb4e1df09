// Google Benchmark timings of single-op kernels. ResNet-50 (v1.5, batch 1) conv layers run
// through the oneDNN Conv kernel with plain NCHW user tensors, in two modes: "any" (oneDNN
// picks blocked src/dst; reorders through scratch inside Run) and "plain" (no reorders).
//   build-*/bin/ops_bench --benchmark_filter=Conv
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "kernels/kernel_registry.h"
#include "ops/op_registry.h"

namespace openacl {
namespace {

struct ConvLayer {
  const char* name;
  int64_t c, hw, m, k, stride, pad;
  bool sum_relu;  // bottleneck tail: residual add + Relu fused
};

const ConvLayer kLayers[] = {
    {"conv1_7x7s2", 3, 224, 64, 7, 2, 3, false},
    {"res2_1x1_64_64", 64, 56, 64, 1, 1, 0, false},
    {"res2_3x3_64", 64, 56, 64, 3, 1, 1, false},
    {"res2_1x1_64_256_sum", 64, 56, 256, 1, 1, 0, true},
    {"res3_3x3s2_128", 128, 56, 128, 3, 2, 1, false},
    {"res3_1x1_512_128", 512, 28, 128, 1, 1, 0, false},
    {"res4_3x3_256", 256, 14, 256, 3, 1, 1, false},
    {"res4_1x1_256_1024_sum", 256, 14, 1024, 1, 1, 0, true},
    {"res5_3x3_512", 512, 7, 512, 3, 1, 1, false},
    {"res5_1x1_2048_512", 2048, 7, 512, 1, 1, 0, false},
};

Tensor Random(Shape s, uint32_t seed) {
  Tensor t(DType::kFloat32, std::move(s));
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> d(-1, 1);
  float* p = static_cast<float*>(t.mutable_data());
  for (int64_t i = 0; i < t.num_elements(); ++i) p[i] = d(rng);
  return t;
}

void BM_Conv(benchmark::State& state, const ConvLayer& L, const std::string& io) {
  Graph g;
  Value* x = g.AddValue("x");
  x->dtype = DType::kFloat32;
  x->shape = {1, L.c, L.hw, L.hw};
  x->has_shape = true;
  Value* w = g.AddConstant("w", Random({L.m, L.c, L.k, L.k}, 2));
  Value* b = g.AddConstant("b", Random({L.m}, 3));
  int64_t ohw = (L.hw + 2 * L.pad - L.k) / L.stride + 1;
  std::vector<Value*> ins = {x, w, b};
  Value* r = nullptr;
  if (L.sum_relu) {
    r = g.AddValue("r");
    r->dtype = DType::kFloat32;
    r->shape = {1, L.m, ohw, ohw};
    r->has_shape = true;
    ins.push_back(r);
  }
  Value* y = g.AddValue("y");
  Node* n = g.AddNode("Conv", ins, {y}, "conv");
  n->attrs.set("kernel_shape", Attribute::Ints({L.k, L.k}));
  n->attrs.set("strides", Attribute::Ints({L.stride, L.stride}));
  n->attrs.set("pads", Attribute::Ints({L.pad, L.pad, L.pad, L.pad}));
  n->attrs.set("onednn_io", Attribute::String(io));
  if (L.sum_relu) {
    n->attrs.set("fused_sum", Attribute::Int(1));
    n->attrs.set("fused_activation", Attribute::String("Relu"));
  } else {
    n->attrs.set("fused_activation", Attribute::String("Relu"));
  }
  Status st = OpRegistry::Get().Find("Conv")->infer(*n);
  if (!st.ok()) {
    state.SkipWithError(st.message().c_str());
    return;
  }
  auto kernel = CreateKernel(*n, "onednn");
  if (!kernel.ok()) {
    state.SkipWithError(kernel.status().message().c_str());
    return;
  }
  Tensor xt = Random(x->shape, 1), yt(DType::kFloat32, y->shape);
  Tensor rt = L.sum_relu ? Random(r->shape, 4) : Tensor();
  std::vector<TensorRef> in_refs(ins.size());
  in_refs[0] = {const_cast<void*>(xt.data()), DType::kFloat32, &x->shape};
  in_refs[1] = {const_cast<void*>(w->constant->data()), DType::kFloat32, &w->shape};
  in_refs[2] = {const_cast<void*>(b->constant->data()), DType::kFloat32, &b->shape};
  if (r) in_refs[3] = {const_cast<void*>(rt.data()), DType::kFloat32, &r->shape};
  TensorRef out{yt.mutable_data(), DType::kFloat32, &y->shape};
  std::vector<uint8_t> scratch((*kernel)->ScratchBytes() + 64);
  KernelIO kio;
  kio.inputs = in_refs.data();
  kio.num_inputs = in_refs.size();
  kio.outputs = &out;
  kio.num_outputs = 1;
  kio.scratch =
      reinterpret_cast<void*>((reinterpret_cast<uintptr_t>(scratch.data()) + 63) & ~uintptr_t{63});
  for (auto _ : state) {
    Status s = (*kernel)->Run(kio);
    if (!s.ok()) state.SkipWithError(s.message().c_str());
    benchmark::DoNotOptimize(yt.data());
  }
  double flops = 2.0 * L.m * L.c * L.k * L.k * ohw * ohw;
  state.counters["GFLOPS"] = benchmark::Counter(
      flops, benchmark::Counter::kIsIterationInvariantRate, benchmark::Counter::kIs1000);
  state.counters["scratch_KiB"] = static_cast<double>((*kernel)->ScratchBytes()) / 1024.0;
}

int Register() {
  for (const ConvLayer& L : kLayers)
    for (const char* io : {"any", "plain"})
      benchmark::RegisterBenchmark((std::string("Conv/") + L.name + "/" + io).c_str(),
                                   [&L, io](benchmark::State& s) { BM_Conv(s, L, io); })
          ->Unit(benchmark::kMicrosecond)
          ->UseRealTime();
  return 0;
}
const int kRegistered = Register();

}  // namespace
}  // namespace openacl

BENCHMARK_MAIN();
