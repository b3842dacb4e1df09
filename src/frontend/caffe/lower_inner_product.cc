// InnerProduct -> Flatten(axis) + Gemm (+ Reshape back when axis > 1). Weights are O x K
// (K x O with transpose: true), K the product of the input dims from `axis` on.
#include "frontend/caffe/layer_table.h"

namespace openacl {
namespace caffe_frontend {

Status LowerInnerProduct(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  const auto& p = ctx.layer().inner_product_param();
  ASSIGN_OR_RETURN(int64_t axis, ctx.Axis(p.axis(), ctx.rank(0), "inner_product_param axis"));
  const Shape& in = ctx.shape(0);
  int64_t k = 1;
  for (int64_t i = axis; i < ctx.rank(0); ++i) k *= in[i];
  int64_t out = p.num_output();
  if (out <= 0) return ctx.Fail("inner_product_param num_output must be positive");
  ASSIGN_OR_RETURN(Tensor w, ctx.Blob(0, p.transpose() ? Shape{k, out} : Shape{out, k}, "weights"));
  Value* x = ctx.bottom(0);
  if (!(ctx.rank(0) == 2 && axis == 1)) {
    ASSIGN_OR_RETURN(x, ctx.Op("Flatten", {x}, {{"axis", Attribute::Int(axis)}}));
  }
  std::vector<Value*> inputs = {x, ctx.Const("weight", w)};
  if (p.bias_term()) {
    ASSIGN_OR_RETURN(Tensor b, ctx.Blob(1, {out}, "bias"));
    inputs.push_back(ctx.Const("bias", b));
  }
  bool reshape_back = axis != 1;
  ASSIGN_OR_RETURN(Value * y, ctx.Op("Gemm", inputs, {{"transB", Attribute::Int(p.transpose() ? 0 : 1)}},
                                     reshape_back ? nullptr : ctx.Top(0)));
  if (!reshape_back) return Status::Ok();
  std::vector<int64_t> shape(in.begin(), in.begin() + axis);
  shape.push_back(out);
  return ctx.Op("Reshape", {y, ctx.ConstInts("shape", shape)}, {}, ctx.Top(0)).status();
}

}  // namespace caffe_frontend
}  // namespace openacl
