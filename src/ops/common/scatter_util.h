// Shared by ScatterND, ScatterElements and the deprecated Scatter: the reduction attribute and
// an element combine that works for every numeric dtype.
#pragma once

#include <string>

#include "ops/common/tensor_util.h"

namespace openacl {

enum class ScatterReduction { kNone, kAdd, kMul, kMax, kMin };

// Parses `reduction` (opset 16+: none/add/mul, 18+: max/min); error names the node.
Result<ScatterReduction> ParseScatterReduction(const Node& node);

// dst[dst_i .. dst_i+n) = reduce(dst[...], src[src_i .. src_i+n)), both buffers of `dtype`.
void ScatterCombine(void* dst, int64_t dst_i, const void* src, int64_t src_i, int64_t n,
                    DType dtype, ScatterReduction r);

// ScatterElements core: out = data, then out[idx with axis replaced] (op)= updates.
class ScatterElementsKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override;
  Status Run(const KernelIO& io) const override;

 private:
  std::string describe_;
  int64_t axis_ = 0;
  ScatterReduction reduction_ = ScatterReduction::kNone;
  std::vector<int64_t> data_strides_, idx_strides_;
};
// Shape inference shared by ScatterElements and Scatter.
Status InferScatterElements(Node& node);

}  // namespace openacl
