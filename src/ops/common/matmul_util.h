// MatMul shape rules (numpy matmul): 1-D operands are promoted ([K] -> [1,K] for A, [K,1] for
// B) and the promoted dim removed from the result; batch dims broadcast.
#pragma once

#include "base/status.h"
#include "ir/graph.h"

namespace openacl {

struct MatMulShape {
  int64_t M = 0, N = 0, K = 0;
  // Promoted operands and result, all of the same rank R >= 2: [batch..., M, K] etc.
  Shape a_full, b_full, out_full;
  Shape out_shape;    // the actual output shape (promoted dims removed)
  int64_t batch = 1;  // product of out_full's batch dims
};

Result<MatMulShape> ComputeMatMulShape(const Node& node, const Shape& a, const Shape& b);

}  // namespace openacl
