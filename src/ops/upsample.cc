// Upsample (opset 7-9; deprecated by Resize in 10): scales are an attribute in 7-8 and a constant
// input in 9; out = floor(in * scale); nearest/linear with the asymmetric mapping.
#include "base/checked_math.h"
#include <cmath>

#include "ops/common/resize_impl.h"

namespace openacl {
namespace {

Result<ResizeParams> ParseUpsample(const Node& node) {
  const Value* x = node.input(0);
  ResizeParams p;
  ASSIGN_OR_RETURN(p.mode, ParseResizeMode(node, node.attrs.get_string("mode", "nearest")));
  p.coord = CoordMode::kAsymmetric;
  p.nearest = NearestMode::kSimple;
  if (node.opset < 9) {
    std::vector<float> f = node.attrs.get_floats("scales");
    p.scales.assign(f.begin(), f.end());
  } else {
    ASSIGN_OR_RETURN(p.scales, ConstantDoubles(node, 1));
  }
  if (p.scales.size() != x->shape.size())
    return Status(
        StatusCode::kShapeInvalid,
        node.Describe() + ": scales need one entry per input dim of " + ShapeToString(x->shape));
  for (size_t i = 0; i < p.scales.size(); ++i) {
    if (!(p.scales[i] >= 1.0))
      return Status(StatusCode::kShapeInvalid, node.Describe() + ": scales must be >= 1");
    int64_t d = x->shape[i];
    p.out_shape.push_back(d < 0 ? -1 : DimFromDouble(std::floor(d * p.scales[i])));
  }
  return p;
}

Status InferUpsample(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  RETURN_IF_ERROR(CheckFixedSize(node, node.input(0)->dtype));
  ASSIGN_OR_RETURN(ResizeParams p, ParseUpsample(node));
  SetOutput(node, 0, node.input(0)->dtype, p.out_shape);
  return Status::Ok();
}

}  // namespace

void RegisterOp_Upsample(OpRegistry& registry) {
  OpSchema s;
  s.name = "Upsample";
  s.min_opset = 7;
  s.max_opset = 9;
  s.max_inputs = 2;
  s.infer = InferUpsample;
  s.reference = [] { return std::unique_ptr<Kernel>(new ResizeKernel(ParseUpsample)); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
