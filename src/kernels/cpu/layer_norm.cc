// Fast float32 LayerNormalization: rows of D contiguous elements (D = product of dims [axis, r)),
// two passes per row (mean, then variance of x - mean, as the reference), Scale/B each holding D
// values (any shape that broadcasts to X.shape[axis:] with D elements, e.g. [D] or [1, D]).
// Only output 0 (the optional Mean / InvStdDev outputs stay with the reference kernel).
#include <cmath>

#include "kernels/kernel_registry.h"

namespace openacl {
namespace {

bool Rows(const Node& node, int64_t* rows, int64_t* len) {
  const Value* x = node.input(0);
  if (!x || x->dtype != DType::kFloat32 || !IsStatic(x->shape) || x->shape.empty()) return false;
  for (size_t i = 1; i < node.outputs.size(); ++i)
    if (node.outputs[i]) return false;
  if (!node.output(0) || node.output(0)->dtype != DType::kFloat32) return false;
  if (node.attrs.get_int("stash_type", 1) != 1) return false;
  int64_t rank = static_cast<int64_t>(x->shape.size());
  int64_t axis = node.attrs.get_int("axis", -1);
  if (axis < 0) axis += rank;
  if (axis < 0 || axis >= rank) return false;
  *rows = 1;
  *len = 1;
  for (int64_t i = 0; i < rank; ++i) (i < axis ? *rows : *len) *= x->shape[i];
  if (*len <= 0) return false;
  for (size_t i = 1; i <= 2; ++i) {
    const Value* v = node.input(i);
    if (!v) {
      if (i == 1) return false;
      continue;
    }
    if (v->dtype != DType::kFloat32 || !IsStatic(v->shape) || NumElements(v->shape) != *len)
      return false;
  }
  return true;
}

bool SupportsLayerNorm(const Node& node) {
  int64_t rows, len;
  return Rows(node, &rows, &len);
}

class LayerNormKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    if (!Rows(node, &rows_, &len_)) return Internal(node.Describe() + ": not supported");
    eps_ = node.attrs.get_float("epsilon", 1e-5f);
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const float* x = io.in(0).as<float>();
    const float* scale = io.in(1).as<float>();
    const float* bias = io.has_input(2) ? io.in(2).as<float>() : nullptr;
    float* y = io.out(0).as<float>();
    const int64_t len = len_;
    const float inv_len = 1.0f / static_cast<float>(len);
#pragma omp parallel for schedule(static) if (rows_ * len_ >= 16384 && rows_ > 1)
    for (int64_t r = 0; r < rows_; ++r) {
      const float* xr = x + r * len;
      float* yr = y + r * len;
      float sum = 0.0f;
#pragma omp simd reduction(+ : sum)
      for (int64_t i = 0; i < len; ++i) sum += xr[i];
      const float mean = sum * inv_len;
      float sq = 0.0f;
#pragma omp simd reduction(+ : sq)
      for (int64_t i = 0; i < len; ++i) {
        float c = xr[i] - mean;
        sq += c * c;
      }
      const float inv_std = 1.0f / std::sqrt(sq * inv_len + eps_);
      if (bias) {
#pragma omp simd
        for (int64_t i = 0; i < len; ++i) yr[i] = (xr[i] - mean) * inv_std * scale[i] + bias[i];
      } else {
#pragma omp simd
        for (int64_t i = 0; i < len; ++i) yr[i] = (xr[i] - mean) * inv_std * scale[i];
      }
    }
    return Status::Ok();
  }

 private:
  int64_t rows_ = 0, len_ = 0;
  float eps_ = 1e-5f;
};

}  // namespace

void RegisterKernel_cpu_LayerNormalization(KernelRegistry& registry) {
  KernelImpl k;
  k.op_type = "LayerNormalization";
  k.backend = "cpu";
  k.priority = 5;
  k.supports = SupportsLayerNorm;
  k.make = [] { return std::unique_ptr<Kernel>(new LayerNormKernel()); };
  registry.Register(std::move(k));
}

}  // namespace openacl
