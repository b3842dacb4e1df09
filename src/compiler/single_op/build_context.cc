#include "compiler/single_op/op_mapping.h"

namespace openacl::single_op {

constexpr int kOpset = 13;

std::vector<Value*> BuildContext::Add(const std::string& onnx_op, const std::vector<Value*>& inputs,
                                      size_t num_outputs, AttrMap attrs) {
  std::vector<Value*> outs;
  for (size_t i = 0; i < num_outputs; ++i)
    outs.push_back(graph_.AddValue(graph_.UniqueName(onnx_op + "_out")));
  Node* n = graph_.AddNode(onnx_op, inputs, outs, graph_.UniqueName(desc_.op + "_" + onnx_op));
  n->opset = kOpset;
  n->attrs = std::move(attrs);
  return outs;
}

Value* BuildContext::ConstInts(const std::vector<int64_t>& v, bool as_scalar) {
  Shape shape = as_scalar ? Shape{} : Shape{static_cast<int64_t>(v.size())};
  return graph_.AddConstant(graph_.UniqueName("const"), Tensor::FromInt64(v, shape));
}

Value* BuildContext::ConstScalar(double v, DType dtype) {
  Tensor t(dtype, Shape{});
  WriteFromDouble(t.mutable_data(), dtype, 0, v);
  return graph_.AddConstant(graph_.UniqueName("const"), std::move(t));
}

Value* BuildContext::CastTo(Value* v, DType to) {
  AttrMap a;
  a.set("to", Attribute::Int(static_cast<int64_t>(to)));
  return Add1("Cast", {v}, std::move(a));
}

Result<DType> BuildContext::InType(size_t i) const {
  if (i >= desc_.inputs.size()) return Error("input " + std::to_string(i) + " is missing");
  return AclToIrDType(desc_.inputs[i].dtype);
}

Result<DType> BuildContext::OutType(size_t i) const {
  if (i >= desc_.outputs.size()) return Error("output " + std::to_string(i) + " is missing");
  return AclToIrDType(desc_.outputs[i].dtype);
}

int64_t BuildContext::Int(const std::string& name) const {
  auto it = desc_.attrs.find(name);
  return it == desc_.attrs.end() ? 0 : it->second.i;
}

float BuildContext::Float(const std::string& name) const {
  auto it = desc_.attrs.find(name);
  return it == desc_.attrs.end() ? 0.0f : it->second.f;
}

std::string BuildContext::Str(const std::string& name) const {
  auto it = desc_.attrs.find(name);
  return it == desc_.attrs.end() ? std::string() : it->second.s;
}

std::vector<int64_t> BuildContext::Ints(const std::string& name) const {
  auto it = desc_.attrs.find(name);
  return it == desc_.attrs.end() ? std::vector<int64_t>() : it->second.ints;
}

Result<std::vector<int64_t>> BuildContext::ConstInputInts(size_t i) const {
  if (i >= desc_.inputs.size() || !desc_.inputs[i].is_const)
    return Error("input " + std::to_string(i) + " must be a constant");
  ASSIGN_OR_RETURN(Tensor t, ConstTensor(desc_.inputs[i]));
  if (!IsInteger(t.dtype()))
    return Error("constant input " + std::to_string(i) + " must be an integer type, got " +
                 AclDTypeName(desc_.inputs[i].dtype));
  return t.ToInt64Vector();
}

Status BuildContext::Error(const std::string& message) const {
  return Status(StatusCode::kOpInputNotMatch, desc_.op + ": " + message);
}

}  // namespace openacl::single_op
