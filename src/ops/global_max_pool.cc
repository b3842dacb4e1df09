// GlobalMaxPool (opset 1): max over all spatial dims -> [N, C, 1, ...].
#include "ops/common/global_pool.h"

namespace openacl {
namespace {

struct MaxReduce {
  template <typename T>
  double operator()(const T* p, int64_t n) const {
    T m = std::numeric_limits<T>::lowest();
    for (int64_t i = 0; i < n; ++i) m = std::max(m, p[i]);
    return static_cast<double>(m);
  }
};

}  // namespace

void RegisterOp_GlobalMaxPool(OpRegistry& registry) {
  OpSchema s;
  s.name = "GlobalMaxPool";
  s.min_opset = 1;
  s.infer = InferGlobalPool;
  s.reference = [] { return std::unique_ptr<Kernel>(new GlobalPoolReference<MaxReduce>()); };
  s.types = {DType::kFloat32, DType::kFloat64};
  registry.Register(std::move(s));
}

}  // namespace openacl
