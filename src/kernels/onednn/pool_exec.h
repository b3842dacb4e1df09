// The shared half of the oneDNN pooling kernels (MaxPool, AveragePool, GlobalAveragePool,
// GlobalMaxPool): one pooling_v2 primitive on plain NC[D]HW src/dst with a user scratchpad.
#pragma once

#include <vector>

#include "kernels/onednn/onednn_util.h"

namespace openacl::onednn {

struct PoolSpec {
  Shape src, dst;
  std::vector<int64_t> kernel, stride, dilation, pad_l, pad_r;  // dilation as in ONNX (>= 1)
  dnnl::algorithm alg = dnnl::algorithm::pooling_max;
};

class PoolExec {
 public:
  Status Init(const PoolSpec& spec, const std::string& what);
  size_t ScratchBytes() const { return pad_bytes_; }
  Status Execute(const KernelIO& io, const std::string& what) const;

 private:
  dnnl::pooling_v2_forward prim_;
  dnnl::memory::desc src_, dst_;
  size_t pad_bytes_ = 0;
};

// Float32, static shapes, a single (Y) output.
bool PoolNodeBasics(const Node& node);

}  // namespace openacl::onednn
