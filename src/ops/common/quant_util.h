// Shared by the quantization ops (QuantizeLinear, DequantizeLinear, MatMulInteger, ConvInteger,
// QLinearMatMul, QLinearConv): saturating rounding and integer matmul / conv accumulation.
#pragma once

#include <vector>

#include "ops/common/conv_util.h"
#include "ops/common/matmul_util.h"
#include "ops/op_registry.h"

namespace openacl {

// Rounds half to even, then clamps to the range of `dtype` (uint8, int8, int32, ...).
double SaturateRound(double v, DType dtype);

// All elements of an optional input as int32 / double; absent -> {fallback}.
std::vector<int32_t> ReadInt32s(const KernelIO& io, size_t index, int32_t fallback = 0);
std::vector<double> ReadDoubles(const KernelIO& io, size_t index, double fallback = 1.0);

// Index into a per-axis parameter vector (size 1 = per-tensor) for flat element i.
struct AxisIndexer {
  int64_t inner = 1, dim = 1;
  bool per_axis = false;
  int64_t operator()(int64_t i) const { return per_axis ? (i / inner) % dim : 0; }
};
Result<AxisIndexer> MakeAxisIndexer(const Node& node, const Shape& x, int64_t param_numel);

// out[batch, m, n] = sum_k (a[m,k] - azp) * (b[k,n] - bzp); azp per row (size M) or scalar,
// bzp per column (size N) or scalar.
void IntegerMatMul(const MatMulShape& s, const TensorRef& a, const std::vector<int32_t>& azp,
                   const TensorRef& b, const std::vector<int32_t>& bzp, int32_t* out);

// Integer convolution; wzp per output channel (size M) or scalar.
void IntegerConv(const ConvGeometry& g, const TensorRef& x, int32_t xzp, const TensorRef& w,
                 const std::vector<int32_t>& wzp, int32_t* out);

// Conv geometry of a node whose X and W are inputs x_index and w_index (other inputs ignored).
Result<ConvGeometry> ConvGeometryOf(const Node& node, size_t x_index, size_t w_index);

}  // namespace openacl
