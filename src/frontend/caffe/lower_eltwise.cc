// Eltwise: SUM (with per-bottom coefficients), PROD, MAX over two or more same-shaped bottoms,
// as a chain of binary Add / Mul / Max (the form the fusion passes recognise).
#include "frontend/caffe/layer_table.h"

namespace openacl {
namespace caffe_frontend {

Status LowerEltwise(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(2, 64, 1, 1));
  const auto& p = ctx.layer().eltwise_param();
  for (size_t i = 1; i < ctx.num_bottoms(); ++i)
    if (ctx.shape(i) != ctx.shape(0))
      return ctx.Fail("bottom " + std::to_string(i) + " has shape " + ShapeToString(ctx.shape(i)) +
                      ", bottom 0 has " + ShapeToString(ctx.shape(0)) + " (Eltwise needs equal shapes)");
  using EP = openacl_caffe::EltwiseParameter;
  if (p.coeff_size() > 0 && (p.operation() != EP::SUM ||
                             static_cast<size_t>(p.coeff_size()) != ctx.num_bottoms()))
    return ctx.Fail("eltwise_param coeff needs operation SUM and one value per bottom");
  const char* op = p.operation() == EP::SUM ? "Add" : p.operation() == EP::PROD ? "Mul" : "Max";
  std::vector<Value*> terms;
  for (size_t i = 0; i < ctx.num_bottoms(); ++i) {
    Value* x = ctx.bottom(i);
    float c = p.coeff_size() > 0 ? p.coeff(static_cast<int>(i)) : 1.0f;
    if (c != 1.0f) {
      ASSIGN_OR_RETURN(x, ctx.Op("Mul", {x, ctx.ConstFloat("coeff", c)}));
    }
    terms.push_back(x);
  }
  Value* acc = terms[0];
  for (size_t i = 1; i < terms.size(); ++i) {
    ASSIGN_OR_RETURN(acc, ctx.Op(op, {acc, terms[i]}, {}, i + 1 == terms.size() ? ctx.Top(0) : nullptr));
  }
  return Status::Ok();
}

}  // namespace caffe_frontend
}  // namespace openacl
