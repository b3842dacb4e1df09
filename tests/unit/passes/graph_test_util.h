// Helpers for pass tests: building small graphs by hand and running them with the reference
// kernels (a tiny interpreter), so a pass can be checked numerically before and after.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "ir/graph.h"

namespace openacl {
namespace testing_util {

// A float32 graph input of static shape.
Value* AddInput(Graph& g, const std::string& name, const Shape& shape,
                DType dtype = DType::kFloat32);
// Deterministic pseudo-random floats in [lo, hi).
std::vector<float> RandomFloats(size_t n, uint32_t seed, float lo = -1.0f, float hi = 1.0f);
Tensor RandomTensor(const Shape& shape, uint32_t seed, float lo = -1.0f, float hi = 1.0f);
Value* AddRandomConstant(Graph& g, const std::string& name, const Shape& shape, uint32_t seed,
                         float lo = -1.0f, float hi = 1.0f);
// Subgraph attribute (If branches).
Attribute GraphAttr(std::shared_ptr<Graph> g);

// Runs `graph` (shapes inferred, nodes in execution order) with reference kernels. `feeds` maps
// graph input names to tensors; returns the graph outputs in order.
Result<std::vector<Tensor>> RunReference(const Graph& graph,
                                         const std::map<std::string, Tensor>& feeds);

// Number of nodes of `op_type`.
int CountOps(const Graph& graph, const std::string& op_type);
// The only node of `op_type` (nullptr if none or several).
Node* OnlyNode(const Graph& graph, const std::string& op_type);

// Max |a - b| over float32 tensors of equal size (infinity on a size mismatch).
double MaxAbsDiff(const Tensor& a, const Tensor& b);

// A float32 constant holding `v`, of `shape` (default: a rank-0 scalar); all elements = v.
Value* AddFilledConstant(Graph& g, const std::string& name, float v, const Shape& shape = {});

// Infers `g`, runs it with the reference kernels, applies `pass`, runs it again and returns the
// max |before - after| over all outputs (an error if anything fails or the output count changes).
Result<double> PassMaxDiff(Graph& g, const std::map<std::string, Tensor>& feeds,
                           Status (*pass)(Graph&));

// Adds node `name`_node computing a new value `name` = op(in...).
Value* Op(Graph& g, const std::string& op, std::vector<Value*> in, const std::string& name);

}  // namespace testing_util
}  // namespace openacl
