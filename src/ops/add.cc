// Add: C = A + B with numpy broadcasting (opset 7+; opset 14 adds uint8..bfloat16 types).
#include "ops/common/elementwise.h"

namespace openacl {
namespace {

struct AddOp {
  template <typename T>
  T operator()(T a, T b) const { return static_cast<T>(a + b); }
};

}  // namespace

void RegisterOp_Add(OpRegistry& registry) {
  OpSchema s;
  s.name = "Add";
  s.min_opset = 7;
  s.min_inputs = s.max_inputs = 2;
  s.infer = InferBroadcastSameType;
  s.reference = [] { return std::unique_ptr<Kernel>(new BinaryKernel<AddOp>()); };
  s.types = {DType::kFloat32, DType::kFloat64, DType::kFloat16, DType::kBFloat16, DType::kInt8,
             DType::kUInt8,   DType::kInt16,   DType::kUInt16,  DType::kInt32,    DType::kUInt32,
             DType::kInt64,   DType::kUInt64};
  registry.Register(std::move(s));
}

}  // namespace openacl
