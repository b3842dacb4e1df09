#include "passes/legacy_opset.h"

#include <algorithm>
#include <set>

#include "ops/op_registry.h"

namespace openacl {
namespace {

const char kLegacyAxis[] = "openacl_legacy_broadcast_axis";

bool IsLegacyBinary(const std::string& op) {
  static const std::set<std::string> kOps = {"Add", "Sub", "Mul", "Div", "Pow", "And", "Or",
                                             "Xor", "Equal", "Greater", "Less"};
  return kOps.count(op) != 0;
}

// Shape of `b` placed at `axis` of a rank-`rank` tensor (numpy broadcasting from the right).
Shape AlignedShape(const Shape& b, int64_t axis, size_t rank) {
  Shape out(b.begin(), b.end());
  for (size_t i = axis + b.size(); i < rank; ++i) out.push_back(1);
  return out;
}

}  // namespace

void RetagLegacyNodes(Graph& graph) {
  for (const auto& n : graph.nodes()) {
    if (n->domain != "" || n->opset >= 7) continue;
    const OpSchema* s = OpRegistry::Get().Find(n->op_type);
    if (!s || s->min_opset <= n->opset) continue;
    bool binary = IsLegacyBinary(n->op_type);
    bool adaptable = binary || n->op_type == "Gemm" || n->op_type == "BatchNormalization" ||
                     n->op_type == "PRelu";
    if (!adaptable || s->min_opset > 7) continue;
    if (binary && n->attrs.get_int("broadcast", 0) != 0)
      n->attrs.set(kLegacyAxis, Attribute::Int(n->attrs.has("axis") ? n->attrs.get_int("axis")
                                                                      : -1));
    if (n->op_type == "PRelu") n->attrs.set(kLegacyAxis, Attribute::Int(1));
    for (const char* dropped : {"broadcast", "axis", "consumed_inputs", "is_test"})
      if (n->op_type != "BatchNormalization" || std::string(dropped) != "axis")
        n->attrs.erase(dropped);
    n->opset = 7;
  }
}

Status AdaptLegacyBroadcast(Graph& graph, Node& node) {
  const Attribute* axis_attr = node.attrs.find(kLegacyAxis);
  if (!axis_attr) return Status::Ok();
  int64_t axis = axis_attr->i;
  node.attrs.erase(kLegacyAxis);
  Value* a = node.input(0);
  Value* b = node.input(1);
  if (!a || !b || !a->has_shape || !b->has_shape) return Status::Ok();
  size_t rank = a->shape.size();
  if (b->shape.size() >= rank) return Status::Ok();
  if (node.op_type == "PRelu") {
    // Legacy per-channel slope [C] on [N,C,...]; a size-1 slope broadcasts either way.
    if (rank < 3 || NumElements(b->shape) == 1) return Status::Ok();
  }
  if (axis < 0) axis = static_cast<int64_t>(rank - b->shape.size());  // align from the right
  if (axis + b->shape.size() > rank)
    return Status(StatusCode::kShapeInvalid,
                  node.Describe() + ": legacy broadcast axis " + std::to_string(axis) +
                      " does not fit operand shapes");
  Shape target = AlignedShape(b->shape, axis, rank);
  if (target == b->shape) return Status::Ok();
  Value* reshaped = nullptr;
  if (b->is_constant()) {
    Tensor t(b->dtype, target);
    std::copy(b->constant->data_as<uint8_t>(), b->constant->data_as<uint8_t>() + b->nbytes(),
              static_cast<uint8_t*>(t.mutable_data()));
    reshaped = graph.AddConstant(graph.UniqueName(b->name + "_legacy"), std::move(t));
  } else {
    std::vector<int64_t> axes;
    for (size_t i = axis + b->shape.size(); i < rank; ++i) axes.push_back(static_cast<int64_t>(i));
    Value* axes_v = graph.AddConstant(graph.UniqueName("legacy_axes"),
                                      Tensor::FromInt64(axes, {static_cast<int64_t>(axes.size())}));
    reshaped = graph.AddValue(graph.UniqueName(b->name + "_legacy"));
    Node* unsq = graph.AddNode("Unsqueeze", {b, axes_v}, {reshaped});
    unsq->opset = 13;
    const OpSchema* s = OpRegistry::Get().Find("Unsqueeze");
    if (!s) return Internal("Unsqueeze is not registered");
    RETURN_IF_ERROR(s->infer(*unsq));
  }
  node.inputs[1] = reshaped;
  return Status::Ok();
}

}  // namespace openacl
