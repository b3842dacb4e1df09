// Power: (shift + scale x)^power; Exp: base^(shift + scale x); Log: log_base(shift + scale x).
// base -1 means e. Written as Mul / Add / Pow / Exp / Log / Div, skipping identity steps.
#include <cmath>

#include "frontend/caffe/layer_table.h"

namespace openacl {
namespace caffe_frontend {
namespace {

// shift + scale * x (x itself when scale is 1 and shift 0).
Result<Value*> Affine(LayerContext& ctx, Value* x, float scale, float shift, Value* out) {
  bool mul = scale != 1.0f, add = shift != 0.0f;
  if (!mul && !add) return ctx.Op("Identity", {x}, {}, out);
  if (mul) {
    ASSIGN_OR_RETURN(x, ctx.Op("Mul", {x, ctx.ConstFloat("scale", scale)}, {}, add ? nullptr : out));
  }
  if (add) {
    ASSIGN_OR_RETURN(x, ctx.Op("Add", {x, ctx.ConstFloat("shift", shift)}, {}, out));
  }
  return x;
}

float LnBase(float base) { return base == -1.0f ? 1.0f : std::log(base); }

}  // namespace

Status LowerPower(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  const auto& p = ctx.layer().power_param();
  if (p.power() == 1.0f) return Affine(ctx, ctx.bottom(0), p.scale(), p.shift(), ctx.Top(0)).status();
  ASSIGN_OR_RETURN(Value * base, Affine(ctx, ctx.bottom(0), p.scale(), p.shift(), nullptr));
  return ctx.Op("Pow", {base, ctx.ConstFloat("power", p.power())}, {}, ctx.Top(0)).status();
}

Status LowerExp(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  const auto& p = ctx.layer().exp_param();
  if (p.base() != -1.0f && p.base() <= 0.0f) return ctx.Fail("exp_param base must be positive (or -1 for e)");
  float ln = LnBase(p.base());
  ASSIGN_OR_RETURN(Value * z, Affine(ctx, ctx.bottom(0), p.scale() * ln, p.shift() * ln, nullptr));
  return ctx.Op("Exp", {z}, {}, ctx.Top(0)).status();
}

Status LowerLog(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  const auto& p = ctx.layer().log_param();
  if (p.base() != -1.0f && (p.base() <= 0.0f || p.base() == 1.0f))
    return ctx.Fail("log_param base must be positive and not 1 (or -1 for e)");
  ASSIGN_OR_RETURN(Value * z, Affine(ctx, ctx.bottom(0), p.scale(), p.shift(), nullptr));
  float ln = LnBase(p.base());
  if (ln == 1.0f) return ctx.Op("Log", {z}, {}, ctx.Top(0)).status();
  ASSIGN_OR_RETURN(Value * l, ctx.Op("Log", {z}));
  return ctx.Op("Mul", {l, ctx.ConstFloat("inv_ln_base", 1.0f / ln)}, {}, ctx.Top(0)).status();
}

}  // namespace caffe_frontend
}  // namespace openacl
