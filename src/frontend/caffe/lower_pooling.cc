// Pooling -> MaxPool / AveragePool / GlobalMaxPool / GlobalAveragePool. Caffe rounds the output
// size up (ceil_mode) and drops a last window that would start inside the end padding; the IR's
// pools do the same with ceil_mode=1. AVE divides by the window clipped to the padded input
// (count_include_pad=1, the extra ceil region not counted), as Caffe does.
#include "frontend/caffe/layer_table.h"

namespace openacl {
namespace caffe_frontend {

Status LowerPooling(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  const auto& p = ctx.layer().pooling_param();
  if (ctx.rank(0) != 4) return ctx.Fail("needs a 4-D NCHW input, got " + ShapeToString(ctx.shape(0)));
  using PP = openacl_caffe::PoolingParameter;
  if (p.pool() == PP::STOCHASTIC)
    return ctx.Fail("STOCHASTIC pooling is not supported", StatusCode::kUnsupportedOp);
  const bool max = p.pool() == PP::MAX;
  if (p.global_pooling())
    return ctx.Op(max ? "GlobalMaxPool" : "GlobalAveragePool", {ctx.bottom(0)}, {}, ctx.Top(0))
        .status();
  if (p.has_kernel_size() == (p.has_kernel_h() || p.has_kernel_w()))
    return ctx.Fail("pooling_param needs kernel_size or kernel_h + kernel_w (and not both)");
  if (p.has_kernel_h() != p.has_kernel_w()) return ctx.Fail("kernel_h and kernel_w go together");
  int64_t kh = p.has_kernel_size() ? p.kernel_size() : p.kernel_h();
  int64_t kw = p.has_kernel_size() ? p.kernel_size() : p.kernel_w();
  if (p.has_pad() && (p.has_pad_h() || p.has_pad_w()))
    return ctx.Fail("give either pad or pad_h/pad_w");
  int64_t ph = p.has_pad_h() ? p.pad_h() : p.pad();
  int64_t pw = p.has_pad_w() ? p.pad_w() : p.pad();
  if (p.has_stride() && (p.has_stride_h() || p.has_stride_w()))
    return ctx.Fail("give either stride or stride_h/stride_w");
  int64_t sh = p.has_stride_h() ? p.stride_h() : p.stride();
  int64_t sw = p.has_stride_w() ? p.stride_w() : p.stride();
  if (kh <= 0 || kw <= 0 || sh <= 0 || sw <= 0) return ctx.Fail("kernel and stride must be positive");
  if (ph >= kh || pw >= kw) return ctx.Fail("pad must be smaller than the kernel");
  const Shape& in = ctx.shape(0);
  if (in[2] + 2 * ph < kh || in[3] + 2 * pw < kw)
    return ctx.Fail("kernel " + std::to_string(kh) + "x" + std::to_string(kw) +
                    " is larger than the padded input " + ShapeToString(in));
  bool ceil = p.round_mode() == PP::CEIL;
  if (max)
    return ctx.Op("MaxPool", {ctx.bottom(0)},
                  {{"kernel_shape", Attribute::Ints({kh, kw})},
                   {"pads", Attribute::Ints({ph, pw, ph, pw})},
                   {"strides", Attribute::Ints({sh, sw})},
                   {"ceil_mode", Attribute::Int(ceil ? 1 : 0)}},
                  ctx.Top(0))
        .status();
  return ctx.Op("AveragePool", {ctx.bottom(0)},
                {{"kernel_shape", Attribute::Ints({kh, kw})},
                 {"pads", Attribute::Ints({ph, pw, ph, pw})},
                 {"strides", Attribute::Ints({sh, sw})},
                 {"ceil_mode", Attribute::Int(ceil ? 1 : 0)},
                 {"count_include_pad", Attribute::Int(1)}},
                ctx.Top(0))
      .status();
}

}  // namespace caffe_frontend
}  // namespace openacl
