// MatMul shape rules (numpy matmul): 1-D operands are promoted ([K] -> [1,K] for A, [K,1] for
// B) and the promoted dim removed from the result; batch dims broadcast.
#pragma once

#include <string>

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

// Calls f(T{}, Acc{}) for the element types the MatMul / Gemm references take (floats
// accumulate in double, integers in 64 bits); any other type is an error naming `op`.
template <typename F>
Status DispatchProductTypes(DType t, const char* op, F&& f) {
  switch (t) {
    case DType::kFloat32: f(float{}, double{}); break;
    case DType::kFloat64: f(double{}, double{}); break;
    case DType::kInt32: f(int32_t{}, int64_t{}); break;
    case DType::kInt64: f(int64_t{}, int64_t{}); break;
    case DType::kUInt32: f(uint32_t{}, uint64_t{}); break;
    case DType::kUInt64: f(uint64_t{}, uint64_t{}); break;
    default:
      return Status(StatusCode::kUnsupportedDataType, std::string(op) + ": unsupported dtype");
  }
  return Status::Ok();
}

}  // namespace openacl
