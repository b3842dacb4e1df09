// Element-wise activations: ReLU (negative_slope), PReLU, ELU, Sigmoid, TanH, AbsVal, BNLL,
// Threshold, Clip.
#include "frontend/caffe/layer_table.h"

namespace openacl {
namespace caffe_frontend {
namespace {

Status Unary(LayerContext& ctx, const char* op, NamedAttrs attrs = {}) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  return ctx.Op(op, {ctx.bottom(0)}, attrs, ctx.Top(0)).status();
}

}  // namespace

Status LowerReLU(LayerContext& ctx) {
  float slope = ctx.layer().relu_param().negative_slope();
  if (slope == 0.0f) return Unary(ctx, "Relu");
  return Unary(ctx, "LeakyRelu", {{"alpha", Attribute::Float(slope)}});
}

// Slopes per channel (axis 1) or one shared slope.
Status LowerPReLU(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  if (ctx.rank(0) < 2) return ctx.Fail("needs an input with a channel axis");
  bool shared = ctx.layer().prelu_param().channel_shared();
  int64_t channels = ctx.shape(0)[1];
  ASSIGN_OR_RETURN(Tensor slope, ctx.Blob(0, {shared ? 1 : channels}, "slope"));
  Shape broadcast = {shared ? 1 : channels};
  for (int64_t i = 2; i < ctx.rank(0); ++i) broadcast.push_back(1);
  return ctx.Op("PRelu", {ctx.bottom(0), ctx.Const("slope", slope.Reshaped(broadcast))}, {},
                ctx.Top(0))
      .status();
}

Status LowerELU(LayerContext& ctx) {
  return Unary(ctx, "Elu", {{"alpha", Attribute::Float(ctx.layer().elu_param().alpha())}});
}
Status LowerSigmoid(LayerContext& ctx) { return Unary(ctx, "Sigmoid"); }
Status LowerTanH(LayerContext& ctx) { return Unary(ctx, "Tanh"); }
Status LowerAbsVal(LayerContext& ctx) { return Unary(ctx, "Abs"); }
// BNLL: log(1 + exp(x)).
Status LowerBNLL(LayerContext& ctx) { return Unary(ctx, "Softplus"); }

// Threshold: 1 where x > threshold, else 0.
Status LowerThreshold(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  float t = ctx.layer().threshold_param().threshold();
  ASSIGN_OR_RETURN(Value * above, ctx.Op("Greater", {ctx.bottom(0), ctx.ConstFloat("threshold", t)}));
  return ctx.Op("Cast", {above}, {{"to", Attribute::Int(static_cast<int64_t>(DType::kFloat32))}},
                ctx.Top(0))
      .status();
}

Status LowerClip(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  const auto& p = ctx.layer().clip_param();
  if (!p.has_min() || !p.has_max()) return ctx.Fail("clip_param needs min and max");
  if (p.min() > p.max()) return ctx.Fail("clip_param min is above max");
  return ctx.Op("Clip", {ctx.bottom(0), ctx.ConstFloat("min", p.min()), ctx.ConstFloat("max", p.max())},
                {}, ctx.Top(0))
      .status();
}

}  // namespace caffe_frontend
}  // namespace openacl
