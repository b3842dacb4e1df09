// Single-node op test harness: builds a one-node graph, runs shape inference, runs the reference
// kernel and every fast kernel registered for the op that supports the node, and compares each
// fast kernel's output with the reference.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "kernels/kernel_registry.h"
#include "ops/op_registry.h"

namespace openacl::testing {

struct OpRun {
  std::vector<Tensor> outputs;
  Status status;
};

class OpTest {
 public:
  explicit OpTest(const std::string& op_type, int opset = 17) {
    graph_.opset = opset;
    op_type_ = op_type;
  }
  // A runtime input (not constant).
  OpTest& Input(Tensor t) { return AddInput(std::move(t), false); }
  // A constant input (initializer), visible to Prepare and shape inference.
  OpTest& ConstInput(Tensor t) { return AddInput(std::move(t), true); }
  // An omitted optional input.
  OpTest& NoInput() {
    inputs_.push_back(nullptr);
    input_data_.emplace_back();  // keeps input_data_ aligned with inputs_
    return *this;
  }
  OpTest& Attr(const std::string& name, Attribute a) {
    attrs_.set(name, std::move(a));
    return *this;
  }
  OpTest& Outputs(int n) {
    num_outputs_ = n;
    return *this;
  }

  // Infers shapes and runs the reference kernel.
  OpRun RunReference();
  // Runs reference, then every registered fast kernel supporting the node; EXPECTs each matches
  // within tolerance. Returns the reference result.
  OpRun RunAndCompareAll(double atol = 1e-5, double rtol = 1e-4);
  Node* node() { return node_; }

 private:
  OpTest& AddInput(Tensor t, bool is_const);
  Status Build();
  OpRun RunKernel(Kernel& kernel);

  Graph graph_;
  std::string op_type_;
  std::vector<Value*> inputs_;
  std::vector<Tensor> input_data_;
  AttrMap attrs_;
  int num_outputs_ = 1;
  Node* node_ = nullptr;
};

// Builders.
Tensor MakeFloat(Shape shape, std::vector<float> values);
Tensor MakeInt64(Shape shape, std::vector<int64_t> values);
Tensor MakeInt32(Shape shape, std::vector<int32_t> values);
Tensor MakeTyped(DType dtype, Shape shape, const std::vector<double>& values);
Tensor RandomFloat(Shape shape, uint32_t seed = 1, float lo = -1.0f, float hi = 1.0f);
// EXPECTs same dtype, shape and values within tolerance.
void ExpectTensorNear(const Tensor& actual, const Tensor& expected, double atol = 1e-5,
                      double rtol = 1e-4, const std::string& what = "");

}  // namespace openacl::testing
