// Softmax (axis), ArgMax (Caffe's float indices, top_k, out_max_val), Reduction (SUM, ASUM,
// SUMSQ, MEAN over all axes from `axis` on, times coeff).
#include "frontend/caffe/layer_table.h"

namespace openacl {
namespace caffe_frontend {
namespace {

Attribute ToFloat() { return Attribute::Int(static_cast<int64_t>(DType::kFloat32)); }

}  // namespace

Status LowerSoftmax(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  ASSIGN_OR_RETURN(int64_t axis, ctx.Axis(ctx.layer().softmax_param().axis(), ctx.rank(0), "softmax_param axis"));
  return ctx.Op("Softmax", {ctx.bottom(0)}, {{"axis", Attribute::Int(axis)}}, ctx.Top(0)).status();
}

// With `axis`: top_k indices (or values with out_max_val) along it, as float. Without: over the
// flattened C x H x W of each sample, output N x 1 x k (N x 2 x k with out_max_val: indices then
// values).
Status LowerArgMax(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  const auto& p = ctx.layer().argmax_param();
  int64_t k = p.top_k();
  if (k < 1) return ctx.Fail("argmax_param top_k must be at least 1");
  Value* x = ctx.bottom(0);
  int64_t axis;
  if (p.has_axis()) {
    ASSIGN_OR_RETURN(axis, ctx.Axis(p.axis(), ctx.rank(0), "argmax_param axis"));
  } else {
    ASSIGN_OR_RETURN(x, ctx.Op("Flatten", {x}, {{"axis", Attribute::Int(1)}}));
    axis = 1;
  }
  if (x->shape[axis] < k)
    return ctx.Fail("top_k " + std::to_string(k) + " exceeds the " + std::to_string(x->shape[axis]) +
                    " values along the axis");
  Value* values = ctx.graph().AddValue(ctx.graph().UniqueName(ctx.layer().name() + "/values"));
  Value* indices = ctx.graph().AddValue(ctx.graph().UniqueName(ctx.layer().name() + "/indices"));
  RETURN_IF_ERROR(ctx.OpN("TopK", {x, ctx.ConstInts("k", {k})}, {values, indices},
                          {{"axis", Attribute::Int(axis)}, {"largest", Attribute::Int(1)},
                           {"sorted", Attribute::Int(1)}}));
  if (p.has_axis()) {
    if (p.out_max_val()) return ctx.Op("Identity", {values}, {}, ctx.Top(0)).status();
    return ctx.Op("Cast", {indices}, {{"to", ToFloat()}}, ctx.Top(0)).status();
  }
  int64_t n = x->shape[0];
  ASSIGN_OR_RETURN(Value * idx, ctx.Op("Cast", {indices}, {{"to", ToFloat()}}));
  if (!p.out_max_val())
    return ctx.Op("Reshape", {idx, ctx.ConstInts("shape", {n, 1, k})}, {}, ctx.Top(0)).status();
  ASSIGN_OR_RETURN(Value * pairs, ctx.Op("Concat", {idx, values}, {{"axis", Attribute::Int(1)}}));
  return ctx.Op("Reshape", {pairs, ctx.ConstInts("shape", {n, 2, k})}, {}, ctx.Top(0)).status();
}

Status LowerReduction(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  const auto& p = ctx.layer().reduction_param();
  int64_t r = ctx.rank(0);
  ASSIGN_OR_RETURN(int64_t axis, ctx.Axis(p.axis(), r, "reduction_param axis"));
  Shape kept(ctx.shape(0).begin(), ctx.shape(0).begin() + axis);
  int64_t outer = NumElements(kept);
  ASSIGN_OR_RETURN(Value * flat, ctx.Op("Reshape", {ctx.bottom(0), ctx.ConstInts("shape", {outer, -1})}));
  using RP = openacl_caffe::ReductionParameter;
  Value* reduced = nullptr;
  switch (p.operation()) {
    case RP::SUM: {
      ASSIGN_OR_RETURN(reduced, ctx.Op("ReduceSum", {flat, ctx.ConstInts("axes", {1})},
                                       {{"keepdims", Attribute::Int(0)}}));
      break;
    }
    case RP::ASUM: {
      ASSIGN_OR_RETURN(reduced, ctx.Op("ReduceL1", {flat}, {{"axes", Attribute::Ints({1})},
                                                            {"keepdims", Attribute::Int(0)}}));
      break;
    }
    case RP::SUMSQ: {
      ASSIGN_OR_RETURN(reduced, ctx.Op("ReduceSumSquare", {flat}, {{"axes", Attribute::Ints({1})},
                                                                   {"keepdims", Attribute::Int(0)}}));
      break;
    }
    case RP::MEAN: {
      ASSIGN_OR_RETURN(reduced, ctx.Op("ReduceMean", {flat}, {{"axes", Attribute::Ints({1})},
                                                              {"keepdims", Attribute::Int(0)}}));
      break;
    }
    default:
      return ctx.Fail("unknown reduction operation");
  }
  if (p.coeff() != 1.0f) {
    ASSIGN_OR_RETURN(reduced, ctx.Op("Mul", {reduced, ctx.ConstFloat("coeff", p.coeff())}));
  }
  return ctx.Op("Reshape", {reduced, ctx.ConstInts("shape", std::vector<int64_t>(kept.begin(), kept.end()))},
                {}, ctx.Top(0))
      .status();
}

}  // namespace caffe_frontend
}  // namespace openacl
