// Unsqueeze (opset 1+): inserts size-1 dims at `axes` (positions in the output). axes is an
// attribute before opset 13, a required constant input from 13.
#include <set>

#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Status InferUnsqueeze(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  const Value* x = node.input(0);
  RETURN_IF_ERROR(CheckFixedSize(node, x->dtype));
  ASSIGN_OR_RETURN(auto axes, IntsAttrOrInput(node, "axes", 1, 13));
  if (!axes) return Status(StatusCode::kParseModel, node.Describe() + ": axes are required");
  int64_t out_rank = static_cast<int64_t>(x->shape.size() + axes->size());
  std::set<int64_t> insert;
  for (int64_t a : *axes) {
    ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(a, out_rank, node));
    if (!insert.insert(axis).second)
      return Status(StatusCode::kShapeInvalid,
                    node.Describe() + ": axis " + std::to_string(a) + " repeated in axes");
  }
  Shape out;
  size_t next = 0;
  for (int64_t i = 0; i < out_rank; ++i) out.push_back(insert.count(i) ? 1 : x->shape[next++]);
  SetOutput(node, 0, x->dtype, out);
  return Status::Ok();
}

}  // namespace

void RegisterOp_Unsqueeze(OpRegistry& registry) {
  OpSchema s;
  s.name = "Unsqueeze";
  s.min_opset = 1;
  s.max_inputs = 2;
  s.infer = InferUnsqueeze;
  s.reference = [] { return std::unique_ptr<Kernel>(new CopyKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
