// Constant (opset 1+): the node form, producing its attribute as a tensor: value (tensor),
// value_float(s) / value_int(s) (opset 12+). Strings and sparse tensors are not supported.
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Result<Tensor> ConstantValue(const Node& node) {
  const AttrMap& a = node.attrs;
  if (a.all().size() != 1)
    return Status(StatusCode::kOpAttrNotMatch,
                  node.Describe() + ": exactly one value attribute is required");
  if (const Attribute* v = a.find("value")) {
    if (v->kind != Attribute::Kind::kTensor)
      return Status(StatusCode::kOpAttrNotMatch, node.Describe() + ": 'value' must be a tensor");
    RETURN_IF_ERROR(CheckFixedSize(node, v->t.dtype()));
    return v->t;
  }
  if (a.has("value_float")) return Tensor::FromFloat({a.get_float("value_float")}, {});
  if (a.has("value_floats")) {
    std::vector<float> f = a.get_floats("value_floats");
    return Tensor::FromFloat(f, {static_cast<int64_t>(f.size())});
  }
  if (a.has("value_int")) return Tensor::FromInt64({a.get_int("value_int")}, {});
  if (a.has("value_ints")) {
    std::vector<int64_t> v = a.get_ints("value_ints");
    return Tensor::FromInt64(v, {static_cast<int64_t>(v.size())});
  }
  return Status(StatusCode::kFeatureUnsupported,
                node.Describe() + ": attribute '" + a.all().begin()->first + "' is not supported");
}

Status InferConstant(Node& node) {
  ASSIGN_OR_RETURN(Tensor t, ConstantValue(node));
  SetOutput(node, 0, t.dtype(), t.shape());
  return Status::Ok();
}

class ConstantKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(value_, ConstantValue(node));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    if (value_.nbytes() > 0) std::memcpy(io.out(0).data, value_.data(), value_.nbytes());
    return Status::Ok();
  }

 private:
  Tensor value_;
};

}  // namespace

void RegisterOp_Constant(OpRegistry& registry) {
  OpSchema s;
  s.name = "Constant";
  s.min_opset = 1;
  s.min_inputs = s.max_inputs = 0;
  s.infer = InferConstant;
  s.reference = [] { return std::unique_ptr<Kernel>(new ConstantKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
