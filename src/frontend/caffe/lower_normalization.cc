// LRN (across / within channels), BatchNorm (stored statistics with their scale factor), MVN,
// and SSD's Normalize (L2 over channels or the whole sample, times a learned scale).
#include "frontend/caffe/layer_table.h"

namespace openacl {
namespace caffe_frontend {
namespace {

std::vector<int64_t> Range(int64_t from, int64_t to) {
  std::vector<int64_t> axes;
  for (int64_t a = from; a < to; ++a) axes.push_back(a);
  return axes;
}

// Channel vector -> C x 1 x ... so it broadcasts along axis 1 of a rank-r input.
Shape ChannelShape(int64_t channels, int64_t r) {
  Shape s = {channels};
  for (int64_t i = 2; i < r; ++i) s.push_back(1);
  return s;
}

}  // namespace

// ACROSS_CHANNELS: x / (k + alpha/n * sum over n channels of x^2)^beta (ONNX LRN).
// WITHIN_CHANNEL: x / (1 + alpha * avgpool_nxn(x^2))^beta, the pool padded by (n-1)/2.
Status LowerLRN(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  const auto& p = ctx.layer().lrn_param();
  if (ctx.rank(0) != 4) return ctx.Fail("needs a 4-D NCHW input, got " + ShapeToString(ctx.shape(0)));
  int64_t n = p.local_size();
  if (n <= 0 || n % 2 == 0) return ctx.Fail("lrn_param local_size must be odd and positive");
  if (p.norm_region() == openacl_caffe::LRNParameter::ACROSS_CHANNELS)
    return ctx.Op("LRN", {ctx.bottom(0)},
                  {{"size", Attribute::Int(n)},
                   {"alpha", Attribute::Float(p.alpha())},
                   {"beta", Attribute::Float(p.beta())},
                   {"bias", Attribute::Float(p.k())}},
                  ctx.Top(0))
        .status();
  Value* x = ctx.bottom(0);
  int64_t pad = (n - 1) / 2;
  ASSIGN_OR_RETURN(Value * sq, ctx.Op("Mul", {x, x}));
  ASSIGN_OR_RETURN(Value * avg, ctx.Op("AveragePool", {sq},
                                       {{"kernel_shape", Attribute::Ints({n, n})},
                                        {"pads", Attribute::Ints({pad, pad, pad, pad})},
                                        {"strides", Attribute::Ints({1, 1})},
                                        {"count_include_pad", Attribute::Int(1)}}));
  ASSIGN_OR_RETURN(Value * scaled, ctx.Op("Mul", {avg, ctx.ConstFloat("alpha", p.alpha())}));
  ASSIGN_OR_RETURN(Value * base, ctx.Op("Add", {scaled, ctx.ConstFloat("one", 1.0f)}));
  ASSIGN_OR_RETURN(Value * denom, ctx.Op("Pow", {base, ctx.ConstFloat("beta", p.beta())}));
  return ctx.Op("Div", {x, denom}, {}, ctx.Top(0)).status();
}

// Blobs: mean, variance (both C), and the moving-average scale factor (1 value): the stored
// statistics are mean / factor and variance / factor (0 when the factor is 0).
Status LowerBatchNorm(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  if (ctx.rank(0) < 2) return ctx.Fail("needs an input with a channel axis");
  int64_t c = ctx.shape(0)[1];
  ASSIGN_OR_RETURN(Tensor mean, ctx.Blob(0, {c}, "mean"));
  ASSIGN_OR_RETURN(Tensor var, ctx.Blob(1, {c}, "variance"));
  float factor = 1.0f;
  if (ctx.num_blobs() > 2) {
    ASSIGN_OR_RETURN(Tensor f, ctx.Blob(2, {1}, "moving-average scale factor"));
    float stored = f.data_as<float>()[0];
    factor = stored == 0.0f ? 0.0f : 1.0f / stored;
  }
  std::vector<float> m(c), v(c), one(c, 1.0f), zero(c, 0.0f);
  for (int64_t i = 0; i < c; ++i) {
    m[i] = mean.data_as<float>()[i] * factor;
    v[i] = var.data_as<float>()[i] * factor;
  }
  float eps = ctx.layer().batch_norm_param().eps();
  return ctx.Op("BatchNormalization",
                {ctx.bottom(0), ctx.Const("scale", Tensor::FromFloat(one, {c})),
                 ctx.Const("bias", Tensor::FromFloat(zero, {c})),
                 ctx.Const("mean", Tensor::FromFloat(m, {c})),
                 ctx.Const("var", Tensor::FromFloat(v, {c}))},
                {{"epsilon", Attribute::Float(eps)}}, ctx.Top(0))
      .status();
}

// (x - mean) [/ (std + eps)] over H, W (and C with across_channels), per sample.
Status LowerMVN(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  const auto& p = ctx.layer().mvn_param();
  if (ctx.rank(0) < 3) return ctx.Fail("needs an N x C x spatial input");
  std::vector<int64_t> axes = Range(p.across_channels() ? 1 : 2, ctx.rank(0));
  Value* x = ctx.bottom(0);
  ASSIGN_OR_RETURN(Value * mean, ctx.Op("ReduceMean", {x}, {{"axes", Attribute::Ints(axes)}}));
  if (!p.normalize_variance()) return ctx.Op("Sub", {x, mean}, {}, ctx.Top(0)).status();
  ASSIGN_OR_RETURN(Value * centered, ctx.Op("Sub", {x, mean}));
  ASSIGN_OR_RETURN(Value * sq, ctx.Op("Mul", {centered, centered}));
  ASSIGN_OR_RETURN(Value * var, ctx.Op("ReduceMean", {sq}, {{"axes", Attribute::Ints(axes)}}));
  ASSIGN_OR_RETURN(Value * sd, ctx.Op("Sqrt", {var}));
  ASSIGN_OR_RETURN(Value * denom, ctx.Op("Add", {sd, ctx.ConstFloat("eps", p.eps())}));
  return ctx.Op("Div", {centered, denom}, {}, ctx.Top(0)).status();
}

// x / sqrt(sum x^2 + eps) * scale; the sum over C, H, W (across_spatial) or C per pixel.
Status LowerNormalize(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  const auto& p = ctx.layer().norm_param();
  if (ctx.rank(0) < 2) return ctx.Fail("needs an input with a channel axis");
  int64_t c = ctx.shape(0)[1];
  std::vector<int64_t> axes = p.across_spatial() ? Range(1, ctx.rank(0)) : std::vector<int64_t>{1};
  Value* x = ctx.bottom(0);
  ASSIGN_OR_RETURN(Value * sumsq,
                   ctx.Op("ReduceSumSquare", {x}, {{"axes", Attribute::Ints(axes)}}));
  ASSIGN_OR_RETURN(Value * plus, ctx.Op("Add", {sumsq, ctx.ConstFloat("eps", p.eps())}));
  ASSIGN_OR_RETURN(Value * norm, ctx.Op("Sqrt", {plus}));
  ASSIGN_OR_RETURN(Value * unit, ctx.Op("Div", {x, norm}));
  Shape scale_shape = p.channel_shared() ? Shape{1} : Shape{c};
  ASSIGN_OR_RETURN(Tensor scale, ctx.Blob(0, scale_shape, "scale"));
  Tensor broadcast = p.channel_shared() ? scale : scale.Reshaped(ChannelShape(c, ctx.rank(0)));
  return ctx.Op("Mul", {unit, ctx.Const("scale", broadcast)}, {}, ctx.Top(0)).status();
}

}  // namespace caffe_frontend
}  // namespace openacl
