// Relu: y = max(x, 0).
#include "ops/common/elementwise.h"

namespace openacl {
namespace {

struct ReluOp {
  ReluOp() = default;
  explicit ReluOp(const Node&) {}
  template <typename T>
  T operator()(T x) const { return x > T(0) ? x : T(0); }
};

}  // namespace

void RegisterOp_Relu(OpRegistry& registry) {
  OpSchema s;
  s.name = "Relu";
  s.min_opset = 6;
  s.infer = InferSameAsInput;
  s.reference = [] { return std::unique_ptr<Kernel>(new UnaryKernel<ReluOp>()); };
  s.types = {DType::kFloat32, DType::kFloat64, DType::kFloat16, DType::kBFloat16, DType::kInt8,
             DType::kInt16, DType::kInt32, DType::kInt64};
  registry.Register(std::move(s));
}

}  // namespace openacl
