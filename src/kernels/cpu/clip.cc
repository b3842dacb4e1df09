// Fast float32 Clip: vectorized min/max, split across threads; bounds from the pre-opset-11
// attributes or the optional scalar inputs 1 and 2 (read at run time).
#include <algorithm>
#include <limits>

#include "kernels/kernel_registry.h"

namespace openacl {
namespace {

bool SupportsClip(const Node& node) {
  if (!node.input(0) || !node.output(0) || node.outputs.size() != 1) return false;
  for (const Value* v : node.inputs)
    if (v && v->dtype != DType::kFloat32) return false;
  return node.output(0)->dtype == DType::kFloat32 && IsStatic(node.input(0)->shape);
}

class ClipKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    from_attrs_ = node.opset < 11;
    lo_ = node.attrs.get_float("min", -std::numeric_limits<float>::infinity());
    hi_ = node.attrs.get_float("max", std::numeric_limits<float>::infinity());
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    float lo = -std::numeric_limits<float>::infinity(), hi = -lo;
    if (from_attrs_) {
      lo = lo_;
      hi = hi_;
    } else {
      if (io.has_input(1)) lo = io.in(1).as<float>()[0];
      if (io.has_input(2)) hi = io.in(2).as<float>()[0];
    }
    const float* x = io.in(0).as<float>();
    float* y = io.out(0).as<float>();
    const int64_t n = io.in(0).numel();
#pragma omp parallel for schedule(static) if (n >= 65536)
    for (int64_t c = 0; c < n; c += 16384) {
      const int64_t end = std::min<int64_t>(n, c + 16384);
#pragma omp simd
      for (int64_t i = c; i < end; ++i) {
        float v = x[i];
        v = v < lo ? lo : v;  // NaN passes through, as in the reference
        y[i] = v > hi ? hi : v;
      }
    }
    return Status::Ok();
  }

 private:
  bool from_attrs_ = false;
  float lo_ = 0, hi_ = 0;
};

}  // namespace

void RegisterKernel_cpu_Clip(KernelRegistry& registry) {
  KernelImpl k;
  k.op_type = "Clip";
  k.backend = "cpu";
  k.priority = 5;
  k.supports = SupportsClip;
  k.make = [] { return std::unique_ptr<Kernel>(new ClipKernel()); };
  registry.Register(std::move(k));
}

}  // namespace openacl
