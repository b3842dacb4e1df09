// Shared pieces of GlobalAveragePool / GlobalMaxPool: reduce every [N, C] plane to one value.
#pragma once

#include <algorithm>
#include <limits>

#include "ops/common/shape_util.h"
#include "ops/op_registry.h"

namespace openacl {

// Output [N, C, 1, ...] of the input's rank (>= 3).
Status InferGlobalPool(Node& node);

// Reduce(const T* plane, int64_t n) -> double for each N*C plane.
template <typename Reduce>
class GlobalPoolReference : public Kernel {
 public:
  Status Run(const KernelIO& io) const override {
    const TensorRef& x = io.in(0);
    int64_t planes = x.dim(0) * x.dim(1);
    int64_t size = planes > 0 ? x.numel() / planes : 0;
    switch (x.dtype) {
      case DType::kFloat32:
        Compute<float>(x.as<const float>(), io.out(0).as<float>(), planes, size);
        break;
      case DType::kFloat64:
        Compute<double>(x.as<const double>(), io.out(0).as<double>(), planes, size);
        break;
      default:
        return Status(StatusCode::kUnsupportedDataType, "global pool: float32/float64");
    }
    return Status::Ok();
  }

 private:
  template <typename T>
  static void Compute(const T* x, T* y, int64_t planes, int64_t size) {
#pragma omp parallel for
    for (int64_t p = 0; p < planes; ++p) y[p] = static_cast<T>(Reduce()(x + p * size, size));
  }
};

}  // namespace openacl
