// Fast float32 Resize for the common integer upsampling: 4-D NCHW, mode=nearest,
// coordinate_transformation_mode=asymmetric, nearest_mode=floor, constant scales [1, 1, sh, sw]
// with integer sh, sw >= 1 (FPN necks, e.g. PP-OCR det). y[n,c,i,j] = x[n,c,i/sh,j/sw].
#include <cmath>
#include <cstring>

#include "kernels/kernel_registry.h"

namespace openacl {
namespace {

bool IntegerScales(const Node& node, int64_t* sh, int64_t* sw) {
  if (node.opset < 11 || node.inputs.size() < 3 || node.inputs.size() > 4) return false;
  if (node.inputs.size() == 4 && node.input(3) && NumElements(node.input(3)->shape) > 0)
    return false;  // sizes given
  const Value* x = node.input(0);
  const Value* sc = node.input(2);
  const Value* y = node.output(0);
  if (!x || !y || !sc || !sc->is_constant() || sc->dtype != DType::kFloat32) return false;
  if (x->dtype != DType::kFloat32 || y->dtype != DType::kFloat32 || x->shape.size() != 4 ||
      !IsStatic(x->shape) || !IsStatic(y->shape) || sc->constant->num_elements() != 4)
    return false;
  if (node.attrs.get_string("mode", "nearest") != "nearest" ||
      node.attrs.get_string("coordinate_transformation_mode", "half_pixel") != "asymmetric" ||
      node.attrs.get_string("nearest_mode", "round_prefer_floor") != "floor" ||
      node.attrs.has("axes"))
    return false;
  const float* s = sc->constant->data_as<float>();
  if (s[0] != 1.0f || s[1] != 1.0f) return false;
  for (int i = 2; i < 4; ++i)
    if (s[i] < 1.0f || s[i] != std::floor(s[i])) return false;
  *sh = static_cast<int64_t>(s[2]);
  *sw = static_cast<int64_t>(s[3]);
  const Shape& xs = x->shape;
  return y->shape == Shape{xs[0], xs[1], xs[2] * *sh, xs[3] * *sw};
}

bool SupportsResize(const Node& node) {
  int64_t sh, sw;
  return IntegerScales(node, &sh, &sw);
}

class ResizeNearestKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    if (!IntegerScales(node, &sh_, &sw_)) return Internal(node.Describe() + ": not supported");
    const Shape& x = node.input(0)->shape;
    planes_ = x[0] * x[1];
    h_ = x[2];
    w_ = x[3];
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const float* x = io.in(0).as<float>();
    float* y = io.out(0).as<float>();
    const int64_t h = h_, w = w_, sh = sh_, sw = sw_, ow = w * sw;
    const int64_t rows = planes_ * h;
#pragma omp parallel for schedule(static) if (rows * ow * sh >= 32768)
    for (int64_t r = 0; r < rows; ++r) {  // one input row -> sh output rows
      const float* xr = x + r * w;
      float* yr = y + r * sh * ow;
      for (int64_t j = 0; j < w; ++j)
        for (int64_t k = 0; k < sw; ++k) yr[j * sw + k] = xr[j];
      for (int64_t k = 1; k < sh; ++k) std::memcpy(yr + k * ow, yr, ow * sizeof(float));
    }
    return Status::Ok();
  }

 private:
  int64_t sh_ = 1, sw_ = 1, planes_ = 0, h_ = 0, w_ = 0;
};

}  // namespace

void RegisterKernel_cpu_Resize(KernelRegistry& registry) {
  KernelImpl k;
  k.op_type = "Resize";
  k.backend = "cpu";
  k.priority = 5;
  k.supports = SupportsResize;
  k.make = [] { return std::unique_ptr<Kernel>(new ResizeNearestKernel()); };
  registry.Register(std::move(k));
}

}  // namespace openacl
