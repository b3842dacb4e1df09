#include "ops/common/math_util.h"

#include <algorithm>

namespace openacl {

std::vector<DType> FloatTypes() {
  return {DType::kFloat32, DType::kFloat64, DType::kFloat16, DType::kBFloat16};
}
std::vector<DType> SignedIntTypes() {
  return {DType::kInt8, DType::kInt16, DType::kInt32, DType::kInt64};
}
std::vector<DType> UnsignedIntTypes() {
  return {DType::kUInt8, DType::kUInt16, DType::kUInt32, DType::kUInt64};
}
std::vector<DType> Concat(std::vector<DType> a, const std::vector<DType>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
std::vector<DType> IntTypes() { return Concat(SignedIntTypes(), UnsignedIntTypes()); }
std::vector<DType> NumericTypes() { return Concat(FloatTypes(), IntTypes()); }
std::vector<DType> SignedNumericTypes() { return Concat(FloatTypes(), SignedIntTypes()); }

Status CheckSchemaType(const Node& node, size_t index) {
  const Value* v = node.input(index);
  if (!v) return Status::Ok();
  const OpSchema* schema = OpRegistry::Get().Find(node.op_type, node.domain);
  if (!schema || schema->types.empty()) return Status::Ok();
  if (std::find(schema->types.begin(), schema->types.end(), v->dtype) != schema->types.end())
    return Status::Ok();
  return Status(StatusCode::kUnsupportedDataType,
                node.Describe() + ": input " + std::to_string(index) + " ('" + v->name +
                    "') has unsupported element type " + DTypeName(v->dtype));
}

Status CheckSameTypes(const Node& node, size_t n) {
  const Value* first = node.input(0);
  for (size_t i = 1; i < n && i < node.inputs.size(); ++i) {
    const Value* v = node.inputs[i];
    if (v && first && v->dtype != first->dtype)
      return Status(StatusCode::kUnsupportedDataType,
                    node.Describe() + ": input " + std::to_string(i) + " has type " +
                        DTypeName(v->dtype) + " but input 0 has type " + DTypeName(first->dtype));
  }
  return Status::Ok();
}

Status InferUnaryMath(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  RETURN_IF_ERROR(CheckSchemaType(node, 0));
  SetOutput(node, 0, node.inputs[0]->dtype, node.inputs[0]->shape);
  return Status::Ok();
}

static Status InferBroadcastChecked(Node& node, bool to_bool) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  RETURN_IF_ERROR(CheckSchemaType(node, 0));
  RETURN_IF_ERROR(CheckSameTypes(node, 2));
  auto shape = BroadcastShapes(node.inputs[0]->shape, node.inputs[1]->shape);
  if (!shape.ok()) return shape.status().WithContext(node.Describe());
  SetOutput(node, 0, to_bool ? DType::kBool : node.inputs[0]->dtype, shape.value());
  return Status::Ok();
}

Status InferBinaryMath(Node& node) { return InferBroadcastChecked(node, false); }
Status InferCompare(Node& node) { return InferBroadcastChecked(node, true); }

Status InferVariadicMath(Node& node) {
  CHECK_OR_RETURN(!node.inputs.empty(), kParseModel, node.Describe() + " needs an input");
  RETURN_IF_ERROR(CheckInputsKnown(node, node.inputs.size()));
  RETURN_IF_ERROR(CheckSchemaType(node, 0));
  RETURN_IF_ERROR(CheckSameTypes(node, node.inputs.size()));
  Shape shape = node.inputs[0]->shape;
  for (size_t i = 1; i < node.inputs.size(); ++i) {
    auto s = BroadcastShapes(shape, node.inputs[i]->shape);
    if (!s.ok()) return s.status().WithContext(node.Describe());
    shape = s.value();
  }
  SetOutput(node, 0, node.inputs[0]->dtype, shape);
  return Status::Ok();
}

void ForEachBroadcast3(const Shape& a, const Shape& b, const Shape& c, const Shape& out,
                       const std::function<void(int64_t, int64_t, int64_t, int64_t)>& f) {
  std::vector<int64_t> sa = BroadcastStrides(a, out), sb = BroadcastStrides(b, out),
                       sc = BroadcastStrides(c, out);
  int64_t n = NumElements(out);
  size_t rank = out.size();
  std::vector<int64_t> idx(rank, 0);
  int64_t ia = 0, ib = 0, ic = 0;
  for (int64_t i = 0; i < n; ++i) {
    f(i, ia, ib, ic);
    for (size_t d = rank; d-- > 0;) {
      ++idx[d];
      ia += sa[d];
      ib += sb[d];
      ic += sc[d];
      if (idx[d] < out[d]) break;
      ia -= sa[d] * idx[d];
      ib -= sb[d] * idx[d];
      ic -= sc[d] * idx[d];
      idx[d] = 0;
    }
  }
}

}  // namespace openacl
