// The shared half of the oneDNN pooling kernels (MaxPool, AveragePool, GlobalAveragePool,
// GlobalMaxPool): one pooling_v2 primitive with a user scratchpad. src/dst are plain NC[D]HW or
// channel-blocked (layout_attrs.h); a blocked src with a plain dst pools in the blocked layout
// and reorders the (small) result through scratch unless both layouts coincide in memory.
#pragma once

#include <vector>

#include "kernels/onednn/onednn_util.h"

namespace openacl::onednn {

struct PoolSpec {
  Shape src, dst;
  std::vector<int64_t> kernel, stride, dilation, pad_l, pad_r;  // dilation as in ONNX (>= 1)
  dnnl::algorithm alg = dnnl::algorithm::pooling_max;
  int src_block = 0, dst_block = 0;  // 0 = plain, else the channel block of that tensor
};

class PoolExec {
 public:
  Status Init(const PoolSpec& spec, const std::string& what);
  size_t ScratchBytes() const { return layout_.total(); }
  Status Execute(const KernelIO& io, const std::string& what) const;

 private:
  dnnl::pooling_v2_forward prim_;
  dnnl::memory::desc src_, dst_user_, dst_int_;
  bool reorder_dst_ = false;
  dnnl::reorder dst_out_;
  size_t pad_bytes_ = 0, pad_off_ = 0, dst_off_ = 0;
  ScratchLayout layout_;
};

// Float32, static shapes, a single (Y) output.
bool PoolNodeBasics(const Node& node);
// Fills spec.src_block / spec.dst_block from the node's blocked-layout attributes.
void SetPoolLayout(const Node& node, PoolSpec& spec);

// GlobalAveragePool / GlobalMaxPool: a pooling whose window is the whole spatial extent.
class GlobalPoolKernel : public Kernel {
 public:
  explicit GlobalPoolKernel(dnnl::algorithm alg) : alg_(alg) {}
  Status Prepare(const Node& node) override;
  size_t ScratchBytes() const override { return exec_.ScratchBytes(); }
  Status Run(const KernelIO& io) const override { return exec_.Execute(io, what_); }

 private:
  dnnl::algorithm alg_;
  PoolExec exec_;
  std::string what_;
};

}  // namespace openacl::onednn
