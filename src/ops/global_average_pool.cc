// GlobalAveragePool (opset 1): mean over all spatial dims -> [N, C, 1, ...].
#include "ops/common/global_pool.h"

namespace openacl {
namespace {

struct MeanReduce {
  template <typename T>
  double operator()(const T* p, int64_t n) const {
    double s = 0;
    for (int64_t i = 0; i < n; ++i) s += static_cast<double>(p[i]);
    return n > 0 ? s / static_cast<double>(n) : 0.0;
  }
};

}  // namespace

void RegisterOp_GlobalAveragePool(OpRegistry& registry) {
  OpSchema s;
  s.name = "GlobalAveragePool";
  s.min_opset = 1;
  s.infer = InferGlobalPool;
  s.reference = [] { return std::unique_ptr<Kernel>(new GlobalPoolReference<MeanReduce>()); };
  s.types = {DType::kFloat32, DType::kFloat64};
  registry.Register(std::move(s));
}

}  // namespace openacl
