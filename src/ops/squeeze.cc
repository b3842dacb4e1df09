// Squeeze (opset 1+): removes size-1 dims. axes is an attribute before opset 13, an optional
// constant input from 13; without axes every size-1 dim is removed.
#include <set>

#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Status InferSqueeze(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  const Value* x = node.input(0);
  RETURN_IF_ERROR(CheckFixedSize(node, x->dtype));
  int64_t rank = static_cast<int64_t>(x->shape.size());
  ASSIGN_OR_RETURN(auto axes, IntsAttrOrInput(node, "axes", 1, 13));
  std::set<int64_t> drop;
  if (axes && !axes->empty()) {  // an empty axes tensor means "all", as when omitted
    for (int64_t a : *axes) {
      ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(a, rank, node));
      if (x->shape[axis] >= 0 && x->shape[axis] != 1)
        return Status(StatusCode::kShapeInvalid, node.Describe() + ": cannot squeeze axis " +
                                                     std::to_string(a) + " of size " +
                                                     std::to_string(x->shape[axis]) + " (input " +
                                                     ShapeToString(x->shape) + ")");
      drop.insert(axis);
    }
  } else {
    for (int64_t i = 0; i < rank; ++i) {
      if (x->shape[i] < 0)
        return Status(StatusCode::kShapeInvalid,
                      node.Describe() + ": squeeze without axes needs a known input shape, got " +
                          ShapeToString(x->shape));
      if (x->shape[i] == 1) drop.insert(i);
    }
  }
  Shape out;
  for (int64_t i = 0; i < rank; ++i)
    if (!drop.count(i)) out.push_back(x->shape[i]);
  SetOutput(node, 0, x->dtype, out);
  return Status::Ok();
}

}  // namespace

void RegisterOp_Squeeze(OpRegistry& registry) {
  OpSchema s;
  s.name = "Squeeze";
  s.min_opset = 1;
  s.max_inputs = 2;
  s.infer = InferSqueeze;
  s.reference = [] { return std::unique_ptr<Kernel>(new CopyKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
