#include "ops/common/reduce_util.h"

namespace openacl {

Result<ReduceParams> ParseReduce(const Node& node) {
  const Value* x = node.input(0);
  if (!x || !x->has_shape)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": input 0 shape is unknown");
  int64_t rank = static_cast<int64_t>(x->shape.size());
  std::vector<int64_t> axes;
  if (node.input(1)) {
    ASSIGN_OR_RETURN(axes, ConstantInts(node, 1));
  } else {
    axes = node.attrs.get_ints("axes");
  }
  ReduceParams p;
  p.keepdims = node.attrs.get_int("keepdims", 1) != 0;
  p.reduced.assign(rank, axes.empty());
  if (axes.empty() && node.attrs.get_int("noop_with_empty_axes", 0) != 0) {
    p.identity = true;
    p.reduced.assign(rank, false);
    return p;
  }
  for (int64_t a : axes) {
    ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(a, rank, node));
    if (p.reduced[axis])
      return Status(StatusCode::kOpAttrNotMatch,
                    node.Describe() + ": axis " + std::to_string(a) + " is repeated");
    p.reduced[axis] = true;
  }
  return p;
}

Shape ReducedShape(const Shape& in, const ReduceParams& p) {
  Shape out;
  for (size_t d = 0; d < in.size(); ++d) {
    if (!p.reduced[d]) {
      out.push_back(in[d]);
    } else if (p.keepdims) {
      out.push_back(1);
    }
  }
  return out;
}

Status InferReduce(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  RETURN_IF_ERROR(CheckSchemaType(node, 0));
  ASSIGN_OR_RETURN(ReduceParams p, ParseReduce(node));
  SetOutput(node, 0, node.inputs[0]->dtype, ReducedShape(node.inputs[0]->shape, p));
  return Status::Ok();
}

ReduceLayout MakeReduceLayout(const Shape& in, const std::vector<bool>& reduced) {
  ReduceLayout L;
  std::vector<int64_t> strides = Strides(in);
  for (size_t d = 0; d < in.size(); ++d) {
    if (reduced[d]) {
      L.red_sizes.push_back(in[d]);
      L.red_strides.push_back(strides[d]);
      L.n_red *= in[d];
    } else {
      L.kept_sizes.push_back(in[d]);
      L.kept_strides.push_back(strides[d]);
      L.n_out *= in[d];
    }
  }
  return L;
}

}  // namespace openacl
