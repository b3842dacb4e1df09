// Matrix, convolution, pooling and tensor-manipulation builders.
#include "compiler/single_op/op_builders.h"

namespace openacl::single_op::builders {
namespace {

Result<int64_t> Rank(BuildContext& c, size_t i) {
  const TensorSpec& t = c.desc().inputs[i];
  if (t.unknown_rank()) return c.Error("input " + std::to_string(i) + " needs a known rank");
  return static_cast<int64_t>(t.dims.size());
}

// Swaps the last two dims of input i's value.
Result<Value*> SwapLast2(BuildContext& c, size_t i) {
  ASSIGN_OR_RETURN(int64_t rank, Rank(c, i));
  if (rank < 2)
    return c.Error("input " + std::to_string(i) + " must have rank >= 2 to be transposed");
  std::vector<int64_t> perm;
  for (int64_t d = 0; d < rank; ++d) perm.push_back(d);
  std::swap(perm[rank - 1], perm[rank - 2]);
  AttrMap a;
  a.set("perm", Attribute::Ints(perm));
  return c.Add1("Transpose", {c.in(i)}, std::move(a));
}

Result<std::vector<Value*>> MatMulWith(BuildContext& c, bool t1, bool t2) {
  if (c.in(3)) return c.Error("input 3 (offset_w, quantized weights) is not supported");
  if (c.Int("offset_x") != 0) return c.Error("attr offset_x must be 0 (no quantized MatMul)");
  Value* a = c.in(0);
  Value* b = c.in(1);
  if (t1) {
    ASSIGN_OR_RETURN(a, SwapLast2(c, 0));
  }
  if (t2) {
    ASSIGN_OR_RETURN(b, SwapLast2(c, 1));
  }
  Value* y = c.Add1("MatMul", {a, b});
  if (c.in(2)) y = c.Add1("Add", {y, c.in(2)});
  return std::vector<Value*>{y};
}

// [1,1,h,w] (NCHW) -> [h,w].
Result<std::vector<int64_t>> HW(BuildContext& c, const char* name, size_t count) {
  std::vector<int64_t> v = c.Ints(name);
  if (v.size() != count)
    return c.Error(std::string("attr ") + name + " must have " + std::to_string(count) +
                   " values, got " + std::to_string(v.size()));
  if (count == 4) return std::vector<int64_t>{v[2], v[3]};
  return v;
}

Status RequireNCHW(BuildContext& c) {
  if (c.Str("data_format") != "NCHW")
    return c.Error("data_format '" + c.Str("data_format") + "' is not supported (NCHW only)");
  const TensorSpec& x = c.desc().inputs[0];
  if (x.format == kAclFormatNHWC) return c.Error("input 0 format NHWC is not supported (NCHW)");
  return Status::Ok();
}

}  // namespace

R MatMul(BuildContext& c) { return MatMulWith(c, c.Bool("transpose_x1"), c.Bool("transpose_x2")); }

R BatchMatMul(BuildContext& c) { return MatMulWith(c, c.Bool("adj_x1"), c.Bool("adj_x2")); }

R Gemm(BuildContext& c) {
  Value* a = c.in(0);
  Value* b = c.in(1);
  if (c.Bool("transpose_a")) {
    ASSIGN_OR_RETURN(a, SwapLast2(c, 0));
  }
  if (c.Bool("transpose_b")) {
    ASSIGN_OR_RETURN(b, SwapLast2(c, 1));
  }
  Value* y = c.Add1("Mul", {c.Add1("MatMul", {a, b}), c.in(3)});
  return R({c.Add1("Add", {y, c.Add1("Mul", {c.in(2), c.in(4)})})});
}

R Conv2D(BuildContext& c) {
  RETURN_IF_ERROR(RequireNCHW(c));
  if (c.in(3)) return c.Error("input 3 (offset_w, quantized weights) is not supported");
  if (c.Int("offset_x") != 0) return c.Error("attr offset_x must be 0 (no quantized Conv2D)");
  ASSIGN_OR_RETURN(auto strides, HW(c, "strides", 4));
  ASSIGN_OR_RETURN(auto dilations, HW(c, "dilations", 4));
  std::vector<int64_t> p = c.Ints("pads");
  if (p.size() != 4) return c.Error("attr pads must be [top, bottom, left, right]");
  AttrMap a;
  a.set("strides", Attribute::Ints(strides));
  a.set("dilations", Attribute::Ints(dilations));
  a.set("pads", Attribute::Ints({p[0], p[2], p[1], p[3]}));
  a.set("group", Attribute::Int(c.Int("groups")));
  std::vector<Value*> in{c.in(0), c.in(1)};
  if (c.in(2)) in.push_back(c.in(2));
  return R({c.Add1("Conv", in, std::move(a))});
}

R Pool(BuildContext& c) {
  RETURN_IF_ERROR(RequireNCHW(c));
  ASSIGN_OR_RETURN(auto k, HW(c, "ksize", 4));
  ASSIGN_OR_RETURN(auto s, HW(c, "strides", 4));
  std::string pad = c.Str("padding");
  if (pad != "VALID" && pad != "SAME") return c.Error("attr padding must be VALID or SAME");
  AttrMap a;
  a.set("kernel_shape", Attribute::Ints(k));
  a.set("strides", Attribute::Ints(s));
  a.set("auto_pad", Attribute::String(pad == "SAME" ? "SAME_UPPER" : "VALID"));
  return R({c.Add1(c.mapping().onnx_op, {c.in(0)}, std::move(a))});
}

R TransposeD(BuildContext& c) {
  AttrMap a;
  a.set("perm", Attribute::Ints(c.Ints("perm")));
  return R({c.Add1("Transpose", {c.in(0)}, std::move(a))});
}

R TransposeConst(BuildContext& c) {
  ASSIGN_OR_RETURN(auto perm, c.ConstInputInts(1));
  AttrMap a;
  a.set("perm", Attribute::Ints(perm));
  return R({c.Add1("Transpose", {c.in(0)}, std::move(a))});
}

R TopK(BuildContext& c) {
  ASSIGN_OR_RETURN(auto k, c.ConstInputInts(1));
  if (k.size() != 1) return c.Error("input 1 (k) must hold one value");
  AttrMap a;
  a.set("axis", Attribute::Int(c.Int("dim")));
  a.set("largest", Attribute::Int(c.Bool("largest") ? 1 : 0));
  a.set("sorted", Attribute::Int(c.Bool("sorted") ? 1 : 0));
  std::vector<Value*> out = c.Add("TopK", {c.in(0), c.ConstInts(k)}, 2, std::move(a));
  ASSIGN_OR_RETURN(DType idx, c.OutType(1));
  if (idx != DType::kInt32 && idx != DType::kInt64)
    return c.Error("output 1 (indices) must be int32 or int64");
  if (idx != DType::kInt64) out[1] = c.CastTo(out[1], idx);
  return out;
}

R ConcatD(BuildContext& c) {
  int64_t n = static_cast<int64_t>(c.desc().inputs.size());
  if (c.Has("N") && c.Int("N") != n)
    return c.Error("attr N is " + std::to_string(c.Int("N")) + " but " + std::to_string(n) +
                   " inputs are given");
  AttrMap a;
  a.set("axis", Attribute::Int(c.Int("concat_dim")));
  return R({c.Add1("Concat", c.in(), std::move(a))});
}

R SplitD(BuildContext& c) {
  int64_t n = c.Int("num_split");
  if (n != static_cast<int64_t>(c.desc().outputs.size()))
    return c.Error("attr num_split is " + std::to_string(n) + " but " +
                   std::to_string(c.desc().outputs.size()) + " outputs are described");
  AttrMap a;
  a.set("axis", Attribute::Int(c.Int("split_dim")));
  return R(c.Add("Split", {c.in(0)}, static_cast<size_t>(n), std::move(a)));
}

R Reshape(BuildContext& c) {
  if (c.Int("axis") != 0 || c.Int("num_axes") != -1)
    return c.Error("attrs axis / num_axes (partial reshape) are not supported");
  ASSIGN_OR_RETURN(auto shape, c.ConstInputInts(1));
  return R({c.Add1("Reshape", {c.in(0), c.ConstInts(shape)})});
}

R Squeeze(BuildContext& c) {
  std::vector<int64_t> axes = c.Ints("axis");
  std::vector<Value*> in{c.in(0)};
  if (!axes.empty()) in.push_back(c.ConstInts(axes));
  return R({c.Add1("Squeeze", in)});
}

R Unsqueeze(BuildContext& c) {
  return R({c.Add1("Unsqueeze", {c.in(0), c.ConstInts(c.Ints("axes"))})});
}

R Flatten(BuildContext& c) {
  AttrMap a;
  a.set("axis", Attribute::Int(c.Int("axis")));
  return R({c.Add1("Flatten", {c.in(0)}, std::move(a))});
}

R GatherV2(BuildContext& c) {
  if (c.Int("batch_dims") != 0) return c.Error("attr batch_dims must be 0");
  ASSIGN_OR_RETURN(auto axis, c.ConstInputInts(2));
  if (axis.size() != 1) return c.Error("input 2 (axis) must hold one value");
  AttrMap a;
  a.set("axis", Attribute::Int(axis[0]));
  return R({c.Add1("Gather", {c.in(0), c.in(1)}, std::move(a))});
}

}  // namespace openacl::single_op::builders
