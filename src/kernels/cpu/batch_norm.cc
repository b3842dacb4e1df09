// Fast float32 BatchNormalization (inference): per-channel y = x * a[c] + b[c] with
// a = scale / sqrt(var + eps), b = B - mean * a, computed per run (C values), planes in parallel.
#include <cmath>
#include <vector>

#include "kernels/kernel_registry.h"

namespace openacl {
namespace {

bool SupportsBatchNorm(const Node& node) {
  if (node.inputs.size() != 5 || node.attrs.get_int("training_mode", 0) != 0) return false;
  for (size_t i = 1; i < node.outputs.size(); ++i)
    if (node.outputs[i]) return false;
  for (size_t i = 0; i < 5; ++i) {
    const Value* v = node.input(i);
    if (!v || v->dtype != DType::kFloat32 || !IsStatic(v->shape)) return false;
  }
  const Shape& x = node.input(0)->shape;
  if (x.size() < 2) return false;
  for (size_t i = 1; i < 5; ++i)
    if (NumElements(node.input(i)->shape) != x[1]) return false;
  return node.output(0) && node.output(0)->dtype == DType::kFloat32;
}

class BatchNormKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    const Shape& x = node.input(0)->shape;
    eps_ = node.attrs.get_float("epsilon", 1e-5f);
    n_ = x[0];
    c_ = x[1];
    plane_ = 1;
    for (size_t i = 2; i < x.size(); ++i) plane_ *= x[i];
    return Status::Ok();
  }
  size_t ScratchBytes() const override { return static_cast<size_t>(2 * c_) * sizeof(float); }
  Status Run(const KernelIO& io) const override {
    const float* scale = io.in(1).as<float>();
    const float* bias = io.in(2).as<float>();
    const float* mean = io.in(3).as<float>();
    const float* var = io.in(4).as<float>();
    float* a = static_cast<float*>(io.scratch);
    float* b = a + c_;
    for (int64_t c = 0; c < c_; ++c) {
      a[c] = scale[c] / std::sqrt(var[c] + eps_);
      b[c] = bias[c] - mean[c] * a[c];
    }
    const float* x = io.in(0).as<float>();
    float* y = io.out(0).as<float>();
    const int64_t plane = plane_, planes = n_ * c_;
#pragma omp parallel for schedule(static) if (planes * plane >= 32768)
    for (int64_t p = 0; p < planes; ++p) {
      const float ac = a[p % c_], bc = b[p % c_];
      const float* xp = x + p * plane;
      float* yp = y + p * plane;
#pragma omp simd
      for (int64_t i = 0; i < plane; ++i) yp[i] = xp[i] * ac + bc;
    }
    return Status::Ok();
  }

 private:
  float eps_ = 1e-5f;
  int64_t n_ = 0, c_ = 0, plane_ = 1;
};

}  // namespace

void RegisterKernel_cpu_BatchNormalization(KernelRegistry& registry) {
  KernelImpl k;
  k.op_type = "BatchNormalization";
  k.backend = "cpu";
  k.priority = 5;
  k.supports = SupportsBatchNorm;
  k.make = [] { return std::unique_ptr<Kernel>(new BatchNormKernel()); };
  registry.Register(std::move(k));
}

}  // namespace openacl
