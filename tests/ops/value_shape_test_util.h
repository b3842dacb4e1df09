// Shape inference of ops whose output shape depends on input values (NonZero, Unique, ...):
// builds a one-node graph where each input is a runtime value or a constant and calls the
// schema's infer directly, returning the inferred output shapes.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "ops/op_registry.h"

namespace openacl::testing {

struct InferInput {
  std::optional<Tensor> tensor;  // nullopt: omitted optional input
  bool is_const = false;
};
inline InferInput Runtime(Tensor t) { return {std::move(t), false}; }
inline InferInput Const(Tensor t) { return {std::move(t), true}; }
inline InferInput Omitted() { return {std::nullopt, false}; }

struct InferResult {
  Status status;
  std::vector<Shape> shapes;
  std::vector<DType> dtypes;
};

inline InferResult InferOnly(const std::string& op_type, int opset,
                             const std::vector<InferInput>& inputs, const AttrMap& attrs,
                             int num_outputs) {
  InferResult result;
  Graph g;
  g.opset = opset;
  std::vector<Value*> ins, outs;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const InferInput& in = inputs[i];
    if (!in.tensor) {
      ins.push_back(nullptr);
      continue;
    }
    std::string name = "in" + std::to_string(i);
    Value* v = in.is_const ? g.AddConstant(name, *in.tensor) : g.AddValue(name);
    v->dtype = in.tensor->dtype();
    v->shape = in.tensor->shape();
    v->has_shape = true;
    ins.push_back(v);
  }
  for (int i = 0; i < num_outputs; ++i) outs.push_back(g.AddValue("out" + std::to_string(i)));
  Node* node = g.AddNode(op_type, ins, outs, "infer_node");
  node->opset = opset;
  node->attrs = attrs;
  const OpSchema* schema = OpRegistry::Get().Find(op_type);
  if (!schema) {
    result.status = Status(StatusCode::kUnsupportedOp, "op not registered: " + op_type);
    return result;
  }
  EXPECT_TRUE(schema->output_shape_from_values) << op_type;
  result.status = schema->infer(*node);
  for (Value* v : outs) {
    result.shapes.push_back(v->has_shape ? v->shape : Shape{});
    result.dtypes.push_back(v->dtype);
  }
  return result;
}

}  // namespace openacl::testing
