// Forks' layers: ShuffleChannel (ShuffleNet), Interp (PSPNet / DeepLab: bilinear with aligned
// corners) and Upsample (YOLO ports: nearest, integer scale).
#include "frontend/caffe/layer_table.h"

namespace openacl {
namespace caffe_frontend {

// N x C x H x W -> N x g x C/g x H x W -> swap the group axes -> back.
Status LowerShuffleChannel(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  if (ctx.rank(0) != 4) return ctx.Fail("needs a 4-D NCHW input, got " + ShapeToString(ctx.shape(0)));
  const Shape& in = ctx.shape(0);
  int64_t g = ctx.layer().shuffle_channel_param().group();
  if (g <= 0 || in[1] % g != 0)
    return ctx.Fail("group " + std::to_string(g) + " does not divide the " + std::to_string(in[1]) + " channels");
  ASSIGN_OR_RETURN(Value * split, ctx.Op("Reshape", {ctx.bottom(0), ctx.ConstInts("groups", {in[0], g, in[1] / g, in[2], in[3]})}));
  ASSIGN_OR_RETURN(Value * swapped, ctx.Op("Transpose", {split}, {{"perm", Attribute::Ints({0, 2, 1, 3, 4})}}));
  return ctx.Op("Reshape", {swapped, ctx.ConstInts("shape", std::vector<int64_t>(in.begin(), in.end()))}, {}, ctx.Top(0)).status();
}

namespace {

Status Resize(LayerContext& ctx, int64_t h, int64_t w, const char* mode, const char* coords) {
  const Shape& in = ctx.shape(0);
  if (h <= 0 || w <= 0) return ctx.Fail("output size " + std::to_string(h) + "x" + std::to_string(w) + " is not positive");
  Tensor empty(DType::kFloat32, {0});
  return ctx.Op("Resize", {ctx.bottom(0), ctx.Const("roi", empty), ctx.Const("scales", empty),
                           ctx.ConstInts("sizes", {in[0], in[1], h, w})},
                {{"mode", Attribute::String(mode)},
                 {"coordinate_transformation_mode", Attribute::String(coords)},
                 {"nearest_mode", Attribute::String("floor")}},
                ctx.Top(0))
      .status();
}

}  // namespace

// Output size: height/width, zoom_factor (h + (h-1)(z-1)), shrink_factor ((h-1)/s + 1), or the
// second bottom's size; pad_beg/pad_end (cropping) are not supported.
Status LowerInterp(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 2, 1, 1));
  if (ctx.rank(0) != 4) return ctx.Fail("needs a 4-D NCHW input, got " + ShapeToString(ctx.shape(0)));
  const auto& p = ctx.layer().interp_param();
  if (p.pad_beg() != 0 || p.pad_end() != 0)
    return ctx.Fail("interp_param pad_beg / pad_end (cropping) are not supported", StatusCode::kUnsupportedOp);
  int64_t h = ctx.shape(0)[2], w = ctx.shape(0)[3];
  if (ctx.num_bottoms() == 2) {
    if (ctx.rank(1) != 4) return ctx.Fail("the size bottom must be 4-D");
    h = ctx.shape(1)[2];
    w = ctx.shape(1)[3];
  } else if (p.height() > 0 || p.width() > 0) {
    if (p.height() <= 0 || p.width() <= 0) return ctx.Fail("interp_param needs height and width together");
    h = p.height();
    w = p.width();
  } else {
    if (p.shrink_factor() < 1 || p.zoom_factor() < 1) return ctx.Fail("zoom_factor and shrink_factor must be at least 1");
    h = (h - 1) / p.shrink_factor() + 1;
    w = (w - 1) / p.shrink_factor() + 1;
    h = h + (h - 1) * (p.zoom_factor() - 1);
    w = w + (w - 1) * (p.zoom_factor() - 1);
  }
  return Resize(ctx, h, w, "linear", "align_corners");
}

Status LowerUpsample(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  if (ctx.rank(0) != 4) return ctx.Fail("needs a 4-D NCHW input, got " + ShapeToString(ctx.shape(0)));
  const auto& p = ctx.layer().upsample_param();
  int64_t sh = p.has_scale_h() ? p.scale_h() : p.scale();
  int64_t sw = p.has_scale_w() ? p.scale_w() : p.scale();
  if (sh < 1 || sw < 1) return ctx.Fail("upsample_param scale must be at least 1");
  return Resize(ctx, ctx.shape(0)[2] * sh, ctx.shape(0)[3] * sw, "nearest", "asymmetric");
}

}  // namespace caffe_frontend
}  // namespace openacl
