// Convolution and Deconvolution -> Conv / ConvTranspose (weights O x C/g x k..., bias O).
#include "frontend/caffe/layer_table.h"

namespace openacl {
namespace caffe_frontend {
namespace {

struct ConvGeometry {
  std::vector<int64_t> kernel, pads, strides, dilations;  // pads: begins then ends (ONNX)
};

// Caffe's spellings: `kernel_size: 3` (all dims), one value per spatial dim, or kernel_h/kernel_w
// (2-D only); the same for pad (default 0), stride (default 1) and dilation (default 1).
Result<std::vector<int64_t>> SpatialParam(const LayerContext& ctx, const char* what,
                                          const google::protobuf::RepeatedField<uint32_t>& values,
                                          bool has_h, uint32_t h, bool has_w, uint32_t w,
                                          size_t spatial, int64_t fallback) {
  if (has_h || has_w) {
    if (spatial != 2)
      return ctx.Fail(std::string(what) + "_h / " + what + "_w need a 2-D (NCHW) input");
    if (values.size() > 0)
      return ctx.Fail(std::string("give either ") + what + " or " + what + "_h/" + what + "_w");
    if (has_h != has_w && std::string(what) == "kernel")
      return ctx.Fail("kernel_h and kernel_w must be given together");
    return std::vector<int64_t>{has_h ? h : fallback, has_w ? w : fallback};
  }
  if (values.size() == 0) return std::vector<int64_t>(spatial, fallback);
  if (values.size() == 1) return std::vector<int64_t>(spatial, values[0]);
  if (static_cast<size_t>(values.size()) != spatial)
    return ctx.Fail(std::string(what) + " has " + std::to_string(values.size()) + " values for " +
                    std::to_string(spatial) + " spatial dims");
  return std::vector<int64_t>(values.begin(), values.end());
}

Result<ConvGeometry> Geometry(const LayerContext& ctx, const openacl_caffe::ConvolutionParameter& p,
                              size_t spatial) {
  ConvGeometry g;
  if (p.kernel_size_size() == 0 && !p.has_kernel_h() && !p.has_kernel_w())
    return ctx.Fail("convolution_param gives no kernel_size");
  ASSIGN_OR_RETURN(g.kernel, SpatialParam(ctx, "kernel", p.kernel_size(), p.has_kernel_h(),
                                          p.kernel_h(), p.has_kernel_w(), p.kernel_w(), spatial, 0));
  ASSIGN_OR_RETURN(std::vector<int64_t> pad,
                   SpatialParam(ctx, "pad", p.pad(), p.has_pad_h(), p.pad_h(), p.has_pad_w(),
                                p.pad_w(), spatial, 0));
  ASSIGN_OR_RETURN(g.strides, SpatialParam(ctx, "stride", p.stride(), p.has_stride_h(),
                                           p.stride_h(), p.has_stride_w(), p.stride_w(), spatial, 1));
  ASSIGN_OR_RETURN(g.dilations,
                   SpatialParam(ctx, "dilation", p.dilation(), false, 0, false, 0, spatial, 1));
  for (size_t i = 0; i < spatial; ++i) {
    if (g.kernel[i] <= 0) return ctx.Fail("kernel size must be positive");
    if (g.strides[i] <= 0) return ctx.Fail("stride must be positive");
    if (g.dilations[i] <= 0) return ctx.Fail("dilation must be positive");
  }
  g.pads = pad;
  g.pads.insert(g.pads.end(), pad.begin(), pad.end());
  return g;
}

Status LowerConvLike(LayerContext& ctx, bool transposed) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  const auto& p = ctx.layer().convolution_param();
  if (p.axis() != 1 && p.axis() != 1 - ctx.rank(0))
    return ctx.Fail("convolution_param axis " + std::to_string(p.axis()) + " is not supported (1)",
                    StatusCode::kUnsupportedOp);
  if (ctx.rank(0) < 3) return ctx.Fail("needs an N x C x spatial input, got " + ShapeToString(ctx.shape(0)));
  size_t spatial = static_cast<size_t>(ctx.rank(0) - 2);
  ASSIGN_OR_RETURN(ConvGeometry g, Geometry(ctx, p, spatial));
  int64_t channels = ctx.shape(0)[1];
  int64_t out = p.num_output(), group = p.group();
  if (out <= 0) return ctx.Fail("convolution_param num_output must be positive");
  if (group <= 0 || channels % group != 0 || out % group != 0)
    return ctx.Fail("group " + std::to_string(group) + " must divide the input channels (" +
                    std::to_string(channels) + ") and num_output (" + std::to_string(out) + ")");
  Shape wshape = transposed ? Shape{channels, out / group} : Shape{out, channels / group};
  wshape.insert(wshape.end(), g.kernel.begin(), g.kernel.end());
  ASSIGN_OR_RETURN(Tensor w, ctx.Blob(0, wshape, "filter"));
  std::vector<Value*> inputs = {ctx.bottom(0), ctx.Const("weight", w)};
  if (p.bias_term()) {
    ASSIGN_OR_RETURN(Tensor b, ctx.Blob(1, {out}, "bias"));
    inputs.push_back(ctx.Const("bias", b));
  }
  return ctx.Op(transposed ? "ConvTranspose" : "Conv", inputs,
                {{"kernel_shape", Attribute::Ints(g.kernel)},
                 {"pads", Attribute::Ints(g.pads)},
                 {"strides", Attribute::Ints(g.strides)},
                 {"dilations", Attribute::Ints(g.dilations)},
                 {"group", Attribute::Int(group)}},
                ctx.Top(0))
      .status();
}

}  // namespace

Status LowerConvolution(LayerContext& ctx) { return LowerConvLike(ctx, false); }
Status LowerDeconvolution(LayerContext& ctx) { return LowerConvLike(ctx, true); }

}  // namespace caffe_frontend
}  // namespace openacl
