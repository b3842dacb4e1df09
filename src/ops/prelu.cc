// PRelu: y = x for x >= 0, slope * x otherwise; slope broadcasts unidirectionally to x.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct PReluFn : MathFn {
  static constexpr bool kInts = true;
  template <typename T>
  T operator()(T x, T slope) const {
    return x < T(0) ? static_cast<T>(slope * x) : x;
  }
};

Status InferPRelu(Node& node) {
  RETURN_IF_ERROR(InferBinaryMath(node));
  if (node.outputs[0]->shape != node.inputs[0]->shape)
    return Status(StatusCode::kShapeInvalid,
                  node.Describe() + ": slope shape " + ShapeToString(node.inputs[1]->shape) +
                      " does not broadcast to input shape " + ShapeToString(node.inputs[0]->shape));
  return Status::Ok();
}

}  // namespace

void RegisterOp_PRelu(OpRegistry& registry) {
  OpSchema s;
  s.name = "PRelu";
  s.min_opset = 7;
  s.min_inputs = s.max_inputs = 2;
  s.infer = InferPRelu;
  s.reference = [] { return std::unique_ptr<Kernel>(new ZipKernel<PReluFn>()); };
  s.types = Concat(FloatTypes(), {DType::kInt32, DType::kInt64, DType::kUInt32, DType::kUInt64});
  registry.Register(std::move(s));
}

}  // namespace openacl
