// Resize (opset 10+). Opset 10: inputs X, scales; modes nearest/linear with the old asymmetric
// mapping. Opset 11+: X, roi, scales, sizes (one of scales/sizes), coordinate_transformation_mode,
// nearest_mode, cubic. Opset 18: axes, keep_aspect_ratio_policy; antialias is not supported.
// scales/sizes/roi must be constants (the output shape is fixed at compile time).
#include "base/checked_math.h"
#include <cmath>

#include "ops/common/resize_impl.h"

namespace openacl {
namespace {

Result<ResizeParams> ParseResize(const Node& node) {
  const Value* x = node.input(0);
  size_t rank = x->shape.size();
  ResizeParams p;
  const AttrMap& a = node.attrs;
  ASSIGN_OR_RETURN(p.mode, ParseResizeMode(node, a.get_string("mode", "nearest")));
  std::vector<double> scales;
  std::vector<int64_t> sizes;
  if (node.opset < 11) {
    p.coord = CoordMode::kAsymmetric;
    p.nearest = NearestMode::kSimple;
    ASSIGN_OR_RETURN(scales, ConstantDoubles(node, 1));
  } else {
    ASSIGN_OR_RETURN(p.coord, ParseCoordMode(node, a.get_string("coordinate_transformation_mode",
                                                                "half_pixel")));
    ASSIGN_OR_RETURN(p.nearest,
                     ParseNearestMode(node, a.get_string("nearest_mode", "round_prefer_floor")));
    p.cubic_a = a.get_float("cubic_coeff_a", -0.75f);
    p.exclude_outside = a.get_int("exclude_outside", 0) != 0;
    p.extrapolation_value = a.get_float("extrapolation_value", 0.0f);
    if (HasInput(node, 2)) {
      ASSIGN_OR_RETURN(scales, ConstantDoubles(node, 2));
    }
    if (HasInput(node, 3)) {
      ASSIGN_OR_RETURN(sizes, ConstantInts(node, 3));
    }
    if (node.opset >= 18 && a.get_int("antialias", 0) != 0)
      return Status(StatusCode::kFeatureUnsupported,
                    node.Describe() + ": antialias=1 is not supported");
  }
  if (scales.empty() == sizes.empty())
    return Status(StatusCode::kShapeInvalid,
                  node.Describe() + ": exactly one of scales and sizes must be given");
  // Axes (opset 18) map the given entries onto input dims; others keep scale 1.
  std::vector<int64_t> axes;
  if (node.opset >= 18 && a.has("axes")) {
    for (int64_t ax : a.get_ints("axes")) {
      ASSIGN_OR_RETURN(int64_t n, NormalizeAxis(ax, static_cast<int64_t>(rank), node));
      axes.push_back(n);
    }
  } else {
    for (size_t i = 0; i < rank; ++i) axes.push_back(static_cast<int64_t>(i));
  }
  size_t given = scales.empty() ? sizes.size() : scales.size();
  if (given != axes.size())
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": scales/sizes have " +
                                                 std::to_string(given) + " entries, expected " +
                                                 std::to_string(axes.size()));
  p.scales.assign(rank, 1.0);
  p.out_shape = x->shape;
  if (!scales.empty()) {
    for (size_t i = 0; i < axes.size(); ++i) {
      if (!(scales[i] > 0))
        return Status(StatusCode::kShapeInvalid, node.Describe() + ": scales must be positive");
      int64_t d = x->shape[axes[i]];
      p.scales[axes[i]] = scales[i];
      p.out_shape[axes[i]] = d < 0 ? -1 : DimFromDouble(std::floor(d * scales[i]));
    }
  } else {
    std::string policy =
        node.opset >= 18 ? a.get_string("keep_aspect_ratio_policy", "stretch") : "stretch";
    if (policy != "stretch" && policy != "not_larger" && policy != "not_smaller")
      return Status(StatusCode::kOpAttrNotMatch,
                    node.Describe() + ": unknown keep_aspect_ratio_policy '" + policy + "'");
    double common = policy == "not_larger" ? 1e300 : 0.0;
    for (size_t i = 0; i < axes.size(); ++i) {
      int64_t d = x->shape[axes[i]];
      if (sizes[i] < 0)
        return Status(StatusCode::kShapeInvalid, node.Describe() + ": negative size");
      if (d < 0) {
        p.out_shape[axes[i]] = policy == "stretch" ? sizes[i] : -1;
        continue;
      }
      double s = d == 0 ? 1.0 : static_cast<double>(sizes[i]) / d;
      p.scales[axes[i]] = s;
      p.out_shape[axes[i]] = sizes[i];
      common = policy == "not_larger" ? std::min(common, s) : std::max(common, s);
    }
    if (policy != "stretch") {
      for (int64_t ax : axes) {
        p.scales[ax] = common;
        if (x->shape[ax] >= 0)
          p.out_shape[ax] = DimFromDouble(std::nearbyint(common * x->shape[ax]));
      }
    }
  }
  if (p.coord == CoordMode::kTfCropAndResize) {
    ASSIGN_OR_RETURN(std::vector<double> roi, ConstantDoubles(node, 1));
    if (roi.size() != 2 * axes.size())
      return Status(StatusCode::kShapeInvalid, node.Describe() + ": roi must have " +
                                                   std::to_string(2 * axes.size()) +
                                                   " entries, got " + std::to_string(roi.size()));
    p.roi.assign(2 * rank, 0.0);
    for (size_t i = 0; i < rank; ++i) p.roi[rank + i] = 1.0;
    for (size_t i = 0; i < axes.size(); ++i) {
      p.roi[axes[i]] = roi[i];
      p.roi[rank + axes[i]] = roi[axes.size() + i];
    }
  }
  return p;
}

Status InferResize(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  RETURN_IF_ERROR(CheckFixedSize(node, node.input(0)->dtype));
  ASSIGN_OR_RETURN(ResizeParams p, ParseResize(node));
  SetOutput(node, 0, node.input(0)->dtype, p.out_shape);
  return Status::Ok();
}

}  // namespace

void RegisterOp_Resize(OpRegistry& registry) {
  OpSchema s;
  s.name = "Resize";
  s.min_opset = 10;
  s.max_inputs = 4;
  s.infer = InferResize;
  s.reference = [] { return std::unique_ptr<Kernel>(new ResizeKernel(ParseResize)); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
