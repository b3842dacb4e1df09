// Pow: Z = X ^ Y with numpy broadcasting. The output has X's type; from opset 12 Y may have a
// different numeric type. Integer results are computed in double and truncated (as numpy casts).
#include "ops/common/math_util.h"

namespace openacl {
namespace {

Status InferPow(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  RETURN_IF_ERROR(CheckSchemaType(node, 0));
  RETURN_IF_ERROR(CheckSchemaType(node, 1));
  if (node.opset < 12) RETURN_IF_ERROR(CheckSameTypes(node, 2));
  auto shape = BroadcastShapes(node.inputs[0]->shape, node.inputs[1]->shape);
  if (!shape.ok()) return shape.status().WithContext(node.Describe());
  SetOutput(node, 0, node.inputs[0]->dtype, shape.value());
  return Status::Ok();
}

class PowKernel : public Kernel {
 public:
  Status Run(const KernelIO& io) const override {
    const TensorRef &x = io.in(0), &e = io.in(1), &z = io.out(0);
    bool ok = DispatchMath<true, true, false>(x.dtype, [&](auto tag) {
      using T = decltype(tag);
      ForEachBroadcast(*x.shape, *e.shape, *z.shape, [&](int64_t i, int64_t ix, int64_t ie) {
        T base = LoadAs<T>(x.data, x.dtype, ix);
        T r;
        if constexpr (std::is_same_v<T, float>) {
          if (IsFloating(e.dtype) && e.dtype != DType::kFloat64) {
            r = std::pow(base, static_cast<float>(ReadAsDouble(e.data, e.dtype, ie)));
          } else {
            r = static_cast<float>(std::pow(double(base), ReadAsDouble(e.data, e.dtype, ie)));
          }
        } else {
          r = static_cast<T>(
              std::pow(static_cast<double>(base), ReadAsDouble(e.data, e.dtype, ie)));
        }
        StoreAs<T>(z.data, z.dtype, i, r);
      });
    });
    if (!ok) return Status(StatusCode::kUnsupportedDataType, "Pow: unsupported type");
    return Status::Ok();
  }
};

}  // namespace

void RegisterOp_Pow(OpRegistry& registry) {
  OpSchema s;
  s.name = "Pow";
  s.min_opset = 7;
  s.min_inputs = s.max_inputs = 2;
  s.infer = InferPow;
  s.reference = [] { return std::unique_ptr<Kernel>(new PowKernel()); };
  s.types = NumericTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
