// Cast: converts to the element type in attribute `to` (numeric, bool, float16, bfloat16;
// strings are not supported).
#include "ops/common/cast_util.h"
#include "ops/common/math_util.h"

namespace openacl {
namespace {

Result<DType> CastTarget(const Node& node) {
  const Attribute* to = node.attrs.find("to");
  if (!to)
    return Status(StatusCode::kOpAttrNotMatch, node.Describe() + ": attribute 'to' is missing");
  DType t = static_cast<DType>(to->i);
  if (!IsKnownDType(static_cast<int32_t>(to->i)) || !IsCastableType(t))
    return Status(StatusCode::kUnsupportedDataType, node.Describe() + ": cannot cast to type " +
                                                        std::to_string(to->i) + " (" +
                                                        DTypeName(t) + ")");
  return t;
}

Status InferCast(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  if (!IsCastableType(node.inputs[0]->dtype)) return UnsupportedType(node, node.inputs[0]->dtype);
  ASSIGN_OR_RETURN(DType t, CastTarget(node));
  SetOutput(node, 0, t, node.inputs[0]->shape);
  return Status::Ok();
}

class CastKernel : public Kernel {
 public:
  Status Run(const KernelIO& io) const override {
    CastElements(io.in(0).data, io.in(0).dtype, io.out(0).data, io.out(0).dtype, io.in(0).numel());
    return Status::Ok();
  }
};

}  // namespace

void RegisterOp_Cast(OpRegistry& registry) {
  OpSchema s;
  s.name = "Cast";
  s.min_opset = 6;
  s.infer = InferCast;
  s.reference = [] { return std::unique_ptr<Kernel>(new CastKernel()); };
  s.types = Concat(NumericTypes(), {DType::kBool});
  registry.Register(std::move(s));
}

}  // namespace openacl
