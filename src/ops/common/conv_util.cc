#include "ops/common/conv_util.h"

#include <algorithm>

#include "base/checked_math.h"

#include "ops/common/shape_util.h"

namespace openacl {
namespace {

Status AttrError(const Node& node, const std::string& what) {
  return Status(StatusCode::kOpAttrNotMatch, node.Describe() + ": " + what);
}

std::string VecToString(const std::vector<int64_t>& v) { return ShapeToString(v); }

// Reads strides/dilations/pads/kernel_shape with defaults; checks lengths and values.
Status ReadCommon(const Node& node, int rank, const std::vector<int64_t>& default_kernel,
                  SpatialGeometry* sp) {
  sp->rank = rank;
  sp->kernel = node.attrs.get_ints("kernel_shape", default_kernel);
  sp->stride = node.attrs.get_ints("strides", std::vector<int64_t>(rank, 1));
  sp->dilation = node.attrs.get_ints("dilations", std::vector<int64_t>(rank, 1));
  std::vector<int64_t> pads = node.attrs.get_ints("pads", std::vector<int64_t>(2 * rank, 0));
  if (static_cast<int>(sp->kernel.size()) != rank)
    return AttrError(node, "kernel_shape " + VecToString(sp->kernel) + " must have " +
                               std::to_string(rank) + " entries");
  if (static_cast<int>(sp->stride.size()) != rank)
    return AttrError(node, "strides " + VecToString(sp->stride) + " must have " +
                               std::to_string(rank) + " entries");
  if (static_cast<int>(sp->dilation.size()) != rank)
    return AttrError(node, "dilations " + VecToString(sp->dilation) + " must have " +
                               std::to_string(rank) + " entries");
  if (static_cast<int>(pads.size()) != 2 * rank)
    return AttrError(
        node, "pads " + VecToString(pads) + " must have " + std::to_string(2 * rank) + " entries");
  for (int i = 0; i < rank; ++i) {
    if (sp->kernel[i] <= 0 || sp->stride[i] <= 0 || sp->dilation[i] <= 0)
      return AttrError(node, "kernel_shape, strides and dilations must be positive");
    if (pads[i] < 0 || pads[i + rank] < 0) return AttrError(node, "pads must be >= 0");
    // Bounded so the geometry arithmetic below cannot overflow (hostile models).
    constexpr int64_t kMaxAttr = int64_t{1} << 31;
    if (sp->kernel[i] > kMaxAttr || sp->stride[i] > kMaxAttr || sp->dilation[i] > kMaxAttr ||
        pads[i] > kMaxAttr || pads[i + rank] > kMaxAttr)
      return AttrError(node, "kernel_shape, strides, dilations and pads must be at most 2^31");
  }
  sp->pad_begin.assign(pads.begin(), pads.begin() + rank);
  sp->pad_end.assign(pads.begin() + rank, pads.end());
  return Status::Ok();
}

// Forward (Conv / pooling) output size and auto_pad resolution.
Status ResolveForward(const Node& node, bool ceil_mode, SpatialGeometry* sp,
                      std::vector<int64_t>* pad_end_ceil) {
  std::string auto_pad = node.attrs.get_string("auto_pad", "NOTSET");
  sp->out.resize(sp->rank);
  if (pad_end_ceil) pad_end_ceil->resize(sp->rank);
  for (int i = 0; i < sp->rank; ++i) {
    int64_t eff_k = (sp->kernel[i] - 1) * sp->dilation[i] + 1;
    int64_t in = sp->in[i], s = sp->stride[i];
    if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
      int64_t out = (in + s - 1) / s;
      int64_t total = std::max<int64_t>(0, (out - 1) * s + eff_k - in);
      int64_t small = total / 2;
      sp->pad_begin[i] = auto_pad == "SAME_UPPER" ? small : total - small;
      sp->pad_end[i] = total - sp->pad_begin[i];
      sp->out[i] = out;
    } else if (auto_pad == "VALID" || auto_pad == "NOTSET" || auto_pad.empty()) {
      if (auto_pad == "VALID") sp->pad_begin[i] = sp->pad_end[i] = 0;
      int64_t span = in + sp->pad_begin[i] + sp->pad_end[i] - eff_k;
      if (span < 0)
        return Status(StatusCode::kShapeInvalid,
                      node.Describe() + ": kernel extent " + std::to_string(eff_k) +
                          " exceeds padded input " +
                          std::to_string(in + sp->pad_begin[i] + sp->pad_end[i]) +
                          " in spatial dim " + std::to_string(i));
      int64_t out = (ceil_mode ? (span + s - 1) / s : span / s) + 1;
      // A window must start inside the input or the left padding (PyTorch / ONNX rule).
      if (ceil_mode && (out - 1) * s >= in + sp->pad_begin[i]) --out;
      sp->out[i] = out;
    } else {
      return AttrError(node, "unknown auto_pad '" + auto_pad + "'");
    }
    if (pad_end_ceil)
      (*pad_end_ceil)[i] =
          std::max(sp->pad_end[i], (sp->out[i] - 1) * s + eff_k - in - sp->pad_begin[i]);
  }
  return Status::Ok();
}

}  // namespace

Dims3 SpatialGeometry::To3(const std::vector<int64_t>& v, int64_t fill) {
  Dims3 d{fill, fill, fill};
  size_t off = 3 - v.size();
  for (size_t i = 0; i < v.size(); ++i) d[off + i] = v[i];
  return d;
}

Result<ConvGeometry> ComputeConvGeometry(const Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  const Shape& x = node.inputs[0]->shape;
  const Shape& w = node.inputs[1]->shape;
  if (x.size() < 3 || x.size() > 5 || w.size() != x.size())
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": X " + ShapeToString(x) +
                                                 " and W " + ShapeToString(w) +
                                                 " must both have rank 3, 4 or 5");
  ConvGeometry g;
  int rank = static_cast<int>(x.size()) - 2;
  g.batch = x[0];
  g.in_channels = x[1];
  g.out_channels = w[0];
  g.group = node.attrs.get_int("group", 1);
  if (g.group <= 0 || g.in_channels % g.group != 0 || g.out_channels % g.group != 0 ||
      w[1] * g.group != g.in_channels)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": X " + ShapeToString(x) + ", W " +
                                                 ShapeToString(w) + " and group " +
                                                 std::to_string(g.group) + " do not agree");
  RETURN_IF_ERROR(ReadCommon(node, rank, Shape(w.begin() + 2, w.end()), &g.sp));
  for (int i = 0; i < rank; ++i)
    if (g.sp.kernel[i] != w[2 + i])
      return AttrError(node, "kernel_shape " + VecToString(g.sp.kernel) + " does not match W " +
                                 ShapeToString(w));
  g.sp.in.assign(x.begin() + 2, x.end());
  RETURN_IF_ERROR(ResolveForward(node, false, &g.sp, nullptr));
  const Value* b = node.input(2);
  if (b && (b->shape.size() != 1 || b->shape[0] != g.out_channels))
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": bias " + ShapeToString(b->shape) +
                                                 " must be [" + std::to_string(g.out_channels) +
                                                 "]");
  g.out_shape = {g.batch, g.out_channels};
  g.out_shape.insert(g.out_shape.end(), g.sp.out.begin(), g.sp.out.end());
  return g;
}

Result<ConvGeometry> ComputeConvTransposeGeometry(const Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  const Shape& x = node.inputs[0]->shape;
  const Shape& w = node.inputs[1]->shape;
  if (x.size() < 3 || x.size() > 5 || w.size() != x.size())
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": X " + ShapeToString(x) +
                                                 " and W " + ShapeToString(w) +
                                                 " must both have rank 3, 4 or 5");
  ConvGeometry g;
  int rank = static_cast<int>(x.size()) - 2;
  g.batch = x[0];
  g.in_channels = x[1];
  g.group = node.attrs.get_int("group", 1);
  g.out_channels = w[1] * g.group;
  if (g.group <= 0 || w[0] != g.in_channels || g.in_channels % g.group != 0)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": X " + ShapeToString(x) + ", W " +
                                                 ShapeToString(w) + " and group " +
                                                 std::to_string(g.group) + " do not agree");
  SpatialGeometry& sp = g.sp;
  RETURN_IF_ERROR(ReadCommon(node, rank, Shape(w.begin() + 2, w.end()), &sp));
  for (int i = 0; i < rank; ++i)
    if (sp.kernel[i] != w[2 + i])
      return AttrError(
          node, "kernel_shape " + VecToString(sp.kernel) + " does not match W " + ShapeToString(w));
  sp.in.assign(x.begin() + 2, x.end());
  sp.output_padding = node.attrs.get_ints("output_padding", std::vector<int64_t>(rank, 0));
  if (static_cast<int>(sp.output_padding.size()) != rank)
    return AttrError(node, "output_padding must have " + std::to_string(rank) + " entries");
  std::vector<int64_t> out_shape_attr = node.attrs.get_ints("output_shape", {});
  if (out_shape_attr.size() == static_cast<size_t>(rank + 2))
    out_shape_attr.erase(out_shape_attr.begin(), out_shape_attr.begin() + 2);
  if (!out_shape_attr.empty() && out_shape_attr.size() != static_cast<size_t>(rank))
    return AttrError(node, "output_shape " + VecToString(out_shape_attr) + " has wrong length");
  std::string auto_pad = node.attrs.get_string("auto_pad", "NOTSET");
  if (auto_pad != "NOTSET" && auto_pad != "SAME_UPPER" && auto_pad != "SAME_LOWER" &&
      auto_pad != "VALID" && !auto_pad.empty())
    return AttrError(node, "unknown auto_pad '" + auto_pad + "'");
  sp.out.resize(rank);
  for (int i = 0; i < rank; ++i) {
    if (sp.output_padding[i] < 0 || sp.output_padding[i] >= std::max(sp.stride[i], sp.dilation[i]))
      return AttrError(node, "output_padding must be in [0, max(stride, dilation))");
    int64_t full = SatAddDim(SatMulDim(sp.stride[i], sp.in[i] - 1),
                             sp.output_padding[i] + (sp.kernel[i] - 1) * sp.dilation[i] + 1);
    bool same = auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER";
    if (!out_shape_attr.empty() || same) {
      int64_t out = !out_shape_attr.empty() ? out_shape_attr[i] : SatMulDim(sp.in[i], sp.stride[i]);
      // An output_shape past the full extent leaves the extra positions bias-only (ORT).
      int64_t total = std::max<int64_t>(0, full - out);
      int64_t small = total / 2;
      sp.pad_begin[i] = auto_pad == "SAME_UPPER" ? small : total - small;
      sp.pad_end[i] = total - sp.pad_begin[i];
      sp.out[i] = out;
    } else {
      if (auto_pad == "VALID") sp.pad_begin[i] = sp.pad_end[i] = 0;
      sp.out[i] = full - sp.pad_begin[i] - sp.pad_end[i];
      if (sp.out[i] <= 0)
        return Status(
            StatusCode::kShapeInvalid,
            node.Describe() + ": pads leave no output in spatial dim " + std::to_string(i));
    }
  }
  const Value* b = node.input(2);
  if (b && (b->shape.size() != 1 || b->shape[0] != g.out_channels))
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": bias " + ShapeToString(b->shape) +
                                                 " must be [" + std::to_string(g.out_channels) +
                                                 "]");
  g.out_shape = {g.batch, g.out_channels};
  g.out_shape.insert(g.out_shape.end(), sp.out.begin(), sp.out.end());
  return g;
}

Result<PoolGeometry> ComputePoolGeometry(const Node& node, bool allow_dilation) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  const Shape& x = node.inputs[0]->shape;
  if (x.size() < 3 || x.size() > 5)
    return Status(StatusCode::kShapeInvalid,
                  node.Describe() + ": X " + ShapeToString(x) + " must have rank 3, 4 or 5");
  if (!node.attrs.has("kernel_shape")) return AttrError(node, "kernel_shape is required");
  PoolGeometry g;
  int rank = static_cast<int>(x.size()) - 2;
  g.batch = x[0];
  g.channels = x[1];
  RETURN_IF_ERROR(ReadCommon(node, rank, {}, &g.sp));
  if (!allow_dilation)
    for (int64_t d : g.sp.dilation)
      if (d != 1) return AttrError(node, "dilations are not supported by this op");
  g.ceil_mode = node.attrs.get_int("ceil_mode", 0) != 0;
  g.sp.in.assign(x.begin() + 2, x.end());
  RETURN_IF_ERROR(ResolveForward(node, g.ceil_mode, &g.sp, &g.pad_end_ceil));
  g.out_shape = {g.batch, g.channels};
  g.out_shape.insert(g.out_shape.end(), g.sp.out.begin(), g.sp.out.end());
  return g;
}

}  // namespace openacl
