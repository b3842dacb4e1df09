// Shape helpers shared by op schemas and kernels.
#pragma once

#include <string>

#include "base/status.h"
#include "ir/graph.h"

namespace openacl {

// Numpy-style multidirectional broadcast of two shapes.
Result<Shape> BroadcastShapes(const Shape& a, const Shape& b);
// Normalizes a possibly negative axis against rank; error names the node.
Result<int64_t> NormalizeAxis(int64_t axis, int64_t rank, const Node& node);
// Checks input count and that required inputs are present with known dtype/shape.
Status CheckInputsKnown(const Node& node, size_t required);
// Reads a constant int64 tensor input (e.g. Reshape's shape); error if not constant.
Result<std::vector<int64_t>> ConstantInts(const Node& node, size_t input_index);

}  // namespace openacl
