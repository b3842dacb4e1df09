// Scale (x * s [+ b]) and Bias (x + b): s and b cover input axes [axis, axis + num_axes) and come
// from the weights (one bottom) or from the second bottom; they are reshaped so that they
// broadcast against the input (trailing 1s).
#include "frontend/caffe/layer_table.h"

namespace openacl {
namespace caffe_frontend {
namespace {

struct Span {
  int64_t axis = 0;
  Shape dims;  // the input dims covered
};

Result<Span> CoveredAxes(const LayerContext& ctx, int64_t axis_param, int64_t num_axes) {
  Span s;
  int64_t r = ctx.rank(0);
  if (ctx.num_bottoms() == 2) {
    // The second bottom's shape decides: its dims must match the input's from `axis` on.
    const Shape& other = ctx.shape(1);
    if (other.empty()) return s;  // a scalar
    ASSIGN_OR_RETURN(s.axis, ctx.Axis(axis_param, r, "axis"));
    if (s.axis + static_cast<int64_t>(other.size()) > r)
      return ctx.Fail("second bottom " + ShapeToString(other) + " does not fit input " +
                      ShapeToString(ctx.shape(0)) + " at axis " + std::to_string(s.axis));
    for (size_t i = 0; i < other.size(); ++i)
      if (other[i] != ctx.shape(0)[s.axis + i])
        return ctx.Fail("second bottom " + ShapeToString(other) + " does not match input " +
                        ShapeToString(ctx.shape(0)) + " at axis " + std::to_string(s.axis));
    s.dims = other;
    return s;
  }
  ASSIGN_OR_RETURN(s.axis, ctx.Axis(axis_param, r == 0 ? 1 : r, "axis"));
  if (num_axes < -1) return ctx.Fail("num_axes must be -1 or more");
  int64_t end = num_axes == -1 ? r : s.axis + num_axes;
  if (end > r) return ctx.Fail("axis + num_axes goes past the input's rank " + std::to_string(r));
  s.dims.assign(ctx.shape(0).begin() + s.axis, ctx.shape(0).begin() + end);
  return s;
}

Shape BroadcastShape(const LayerContext& ctx, const Span& s) {
  if (s.dims.empty()) return {};
  Shape b = s.dims;
  for (int64_t i = s.axis + static_cast<int64_t>(s.dims.size()); i < ctx.rank(0); ++i) b.push_back(1);
  return b;
}

// The operand (second bottom or blob `blob_index`) in its broadcast shape.
Result<Value*> Operand(LayerContext& ctx, const Span& s, size_t blob_index, const char* role) {
  Shape b = BroadcastShape(ctx, s);
  if (ctx.num_bottoms() == 2 && blob_index == 0) {
    if (b == ctx.shape(1)) return ctx.bottom(1);
    return ctx.Op("Reshape", {ctx.bottom(1), ctx.ConstInts("shape", b)});
  }
  ASSIGN_OR_RETURN(Tensor t, ctx.Blob(blob_index, s.dims.empty() ? Shape{1} : s.dims, role));
  return ctx.Const(role, t.Reshaped(b.empty() ? Shape{1} : b));
}

}  // namespace

Status LowerScale(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 2, 1, 1));
  const auto& p = ctx.layer().scale_param();
  ASSIGN_OR_RETURN(Span s, CoveredAxes(ctx, p.axis(), p.num_axes()));
  ASSIGN_OR_RETURN(Value * scale, Operand(ctx, s, 0, "scale"));
  if (!p.bias_term()) return ctx.Op("Mul", {ctx.bottom(0), scale}, {}, ctx.Top(0)).status();
  ASSIGN_OR_RETURN(Value * scaled, ctx.Op("Mul", {ctx.bottom(0), scale}));
  // The bias is the layer's blob after the scale (blob 1), or blob 0 when the scale is a bottom.
  ASSIGN_OR_RETURN(Tensor bias, ctx.Blob(ctx.num_bottoms() == 2 ? 0 : 1,
                                         s.dims.empty() ? Shape{1} : s.dims, "bias"));
  Shape b = BroadcastShape(ctx, s);
  return ctx.Op("Add", {scaled, ctx.Const("bias", bias.Reshaped(b.empty() ? Shape{1} : b))}, {},
                ctx.Top(0))
      .status();
}

Status LowerBias(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 2, 1, 1));
  const auto& p = ctx.layer().bias_param();
  ASSIGN_OR_RETURN(Span s, CoveredAxes(ctx, p.axis(), p.num_axes()));
  ASSIGN_OR_RETURN(Value * bias, Operand(ctx, s, 0, "bias"));
  return ctx.Op("Add", {ctx.bottom(0), bias}, {}, ctx.Top(0)).status();
}

}  // namespace caffe_frontend
}  // namespace openacl
