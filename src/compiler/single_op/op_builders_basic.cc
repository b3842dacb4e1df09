// Elementwise, cast, arg-reduce, softmax and reduce builders.
#include "compiler/single_op/op_builders.h"

namespace openacl::single_op::builders {
namespace {

AttrMap Attrs(std::initializer_list<std::pair<const char*, Attribute>> list) {
  AttrMap a;
  for (const auto& [k, v] : list) a.set(k, v);
  return a;
}

// Casts the index output of an arg-reduce / TopK to the requested type.
Result<Value*> IndexAs(BuildContext& c, Value* index, int32_t acl_dtype) {
  ASSIGN_OR_RETURN(DType to, AclToIrDType(acl_dtype));
  if (to != DType::kInt32 && to != DType::kInt64)
    return c.Error("index type must be int32 or int64, got " + AclDTypeName(acl_dtype));
  return to == DType::kInt64 ? index : c.CastTo(index, to);
}

}  // namespace

R Unary(BuildContext& c) { return R({c.Add1(c.mapping().onnx_op, {c.in(0)})}); }

R Binary(BuildContext& c) { return R({c.Add1(c.mapping().onnx_op, {c.in(0), c.in(1)})}); }

R Square(BuildContext& c) { return R({c.Add1("Mul", {c.in(0), c.in(0)})}); }

R Rsqrt(BuildContext& c) { return R({c.Add1("Reciprocal", {c.Add1("Sqrt", {c.in(0)})})}); }

R SquaredDifference(BuildContext& c) {
  Value* d = c.Add1("Sub", {c.in(0), c.in(1)});
  return R({c.Add1("Mul", {d, d})});
}

R LeakyRelu(BuildContext& c) {
  return R({c.Add1("LeakyRelu", {c.in(0)},
                   Attrs({{"alpha", Attribute::Float(c.Float("negative_slope"))}}))});
}

R Elu(BuildContext& c) {
  return R({c.Add1("Elu", {c.in(0)}, Attrs({{"alpha", Attribute::Float(c.Float("alpha"))}}))});
}

R Relu6(BuildContext& c) {
  ASSIGN_OR_RETURN(DType t, c.InType(0));
  return R({c.Add1("Clip", {c.in(0), c.ConstScalar(0.0, t), c.ConstScalar(6.0, t)})});
}

R Cast(BuildContext& c) {
  int32_t dst = static_cast<int32_t>(c.Int("dst_type"));
  if (dst != c.desc().outputs[0].dtype)
    return c.Error("attr dst_type is " + AclDTypeName(dst) + " but the output desc is " +
                   AclDTypeName(c.desc().outputs[0].dtype));
  ASSIGN_OR_RETURN(DType to, AclToIrDType(dst));
  return R({c.CastTo(c.in(0), to)});
}

R ArgReduceD(BuildContext& c) {
  Value* idx = c.Add1(
      c.mapping().onnx_op, {c.in(0)},
      Attrs({{"axis", Attribute::Int(c.Int("dimension"))}, {"keepdims", Attribute::Int(0)}}));
  ASSIGN_OR_RETURN(Value * out, IndexAs(c, idx, static_cast<int32_t>(c.Int("dtype"))));
  return R({out});
}

R ArgReduceV2(BuildContext& c) {
  ASSIGN_OR_RETURN(auto axis, c.ConstInputInts(1));
  if (axis.size() != 1)
    return c.Error("input 1 (dimension) must hold one value, got " + std::to_string(axis.size()));
  Value* idx = c.Add1(c.mapping().onnx_op, {c.in(0)},
                      Attrs({{"axis", Attribute::Int(axis[0])}, {"keepdims", Attribute::Int(0)}}));
  ASSIGN_OR_RETURN(Value * out, IndexAs(c, idx, static_cast<int32_t>(c.Int("dtype"))));
  return R({out});
}

R Softmax(BuildContext& c) {
  std::vector<int64_t> axes = c.Ints("axes");
  if (axes.size() != 1)
    return c.Error("attr axes must name exactly one axis, got " + std::to_string(axes.size()));
  return R({c.Add1(c.mapping().onnx_op, {c.in(0)}, Attrs({{"axis", Attribute::Int(axes[0])}}))});
}

R ReduceD(BuildContext& c) {
  AttrMap a;
  a.set("keepdims", Attribute::Int(c.Bool("keep_dims") ? 1 : 0));
  std::vector<int64_t> axes = c.Ints("axes");
  if (c.mapping().onnx_op == "ReduceSum") {
    if (axes.empty()) a.set("noop_with_empty_axes", Attribute::Int(0));
    std::vector<Value*> in{c.in(0)};
    if (!axes.empty()) in.push_back(c.ConstInts(axes));
    return R({c.Add1("ReduceSum", in, std::move(a))});
  }
  if (!axes.empty()) a.set("axes", Attribute::Ints(axes));
  return R({c.Add1(c.mapping().onnx_op, {c.in(0)}, std::move(a))});
}

R ReduceSumConst(BuildContext& c) {
  ASSIGN_OR_RETURN(auto axes, c.ConstInputInts(1));
  AttrMap a;
  a.set("keepdims", Attribute::Int(c.Bool("keep_dims") ? 1 : 0));
  std::vector<Value*> in{c.in(0)};
  if (!axes.empty()) in.push_back(c.ConstInts(axes));
  return R({c.Add1("ReduceSum", in, std::move(a))});
}

}  // namespace openacl::single_op::builders
