// Reshape (opset 5+; allowzero since 14): the new shape is a constant input; 0 copies the input
// dim (unless allowzero), -1 is inferred. The kernel is a copy the planner may elide by aliasing.
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Status InferReshape(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  const Value* x = node.input(0);
  RETURN_IF_ERROR(CheckFixedSize(node, x->dtype));
  ASSIGN_OR_RETURN(std::vector<int64_t> target, ConstantInts(node, 1));
  bool allowzero = node.opset >= 14 && node.attrs.get_int("allowzero", 0) != 0;
  Shape out(target.size());
  int infer_at = -1;
  bool has_zero = false;
  for (size_t i = 0; i < target.size(); ++i) {
    int64_t t = target[i];
    if (t == -1) {
      if (infer_at >= 0)
        return Status(
            StatusCode::kShapeInvalid,
            node.Describe() + ": shape " + ShapeToString(target) + " has more than one -1");
      infer_at = static_cast<int>(i);
      out[i] = 1;
    } else if (t == 0 && !allowzero) {
      if (i >= x->shape.size())
        return Status(StatusCode::kShapeInvalid,
                      node.Describe() + ": shape " + ShapeToString(target) + " copies dim " +
                          std::to_string(i) + " but the input " + ShapeToString(x->shape) +
                          " has rank " + std::to_string(x->shape.size()));
      out[i] = x->shape[i];
    } else if (t < 0) {
      return Status(StatusCode::kShapeInvalid, node.Describe() + ": invalid dim " +
                                                   std::to_string(t) + " in shape " +
                                                   ShapeToString(target));
    } else {
      has_zero |= t == 0;
      out[i] = t;
    }
  }
  if (allowzero && has_zero && infer_at >= 0)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": allowzero shape " +
                                                 ShapeToString(target) +
                                                 " cannot contain both 0 and -1");
  int64_t in_n = NumElements(x->shape);
  int64_t known = NumElements(out);  // -1 if a copied dim is unknown
  if (infer_at >= 0) {
    if (in_n < 0 || known < 0) {
      out[infer_at] = -1;
    } else if (known == 0 || in_n % known != 0) {
      return Status(StatusCode::kShapeInvalid, node.Describe() + ": cannot reshape " +
                                                   ShapeToString(x->shape) + " to " +
                                                   ShapeToString(target));
    } else {
      out[infer_at] = in_n / known;
    }
  } else if (in_n >= 0 && known >= 0 && in_n != known) {
    return Status(StatusCode::kShapeInvalid,
                  node.Describe() + ": cannot reshape " + ShapeToString(x->shape) + " (" +
                      std::to_string(in_n) + " elements) to " + ShapeToString(out));
  }
  SetOutput(node, 0, x->dtype, out);
  return Status::Ok();
}

}  // namespace

void RegisterOp_Reshape(OpRegistry& registry) {
  OpSchema s;
  s.name = "Reshape";
  s.min_opset = 5;
  s.min_inputs = s.max_inputs = 2;
  s.infer = InferReshape;
  s.reference = [] { return std::unique_ptr<Kernel>(new CopyKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
