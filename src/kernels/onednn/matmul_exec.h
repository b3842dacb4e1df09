// The shared half of the oneDNN Gemm and MatMul kernels: one matmul primitive with an optional
// output scale (Gemm alpha), bias, binary-add post-ops (Gemm's C, the fused residual) and the
// fused activation. Constant weights are pre-packed once in Init (format_tag::any).
// bf16 (compute_precision.h; constant weights only): weights packed as bf16, the f32 source
// converted into the kernel's scratch before the product, accumulation and output in f32.
#pragma once

#include <vector>

#include "kernels/onednn/onednn_util.h"

namespace openacl::onednn {

// An operand added by a binary_add post-op: a runtime input, or constant data owned here.
struct AddendSpec {
  dnnl::memory::desc md;
  int input = -1;  // KernelIO input index, or -1 when `constant` is used
  std::vector<float> constant;
};

struct MatMulExecConfig {
  dnnl::memory::desc src, weights_user, dst;
  const void* weights_const = nullptr;  // non-null: constant weights, pre-packed
  bool has_bias = false;
  dnnl::memory::desc bias_md;
  int bias_input = -1;  // runtime bias input, or -1 with bias_const
  std::vector<float> bias_const;
  std::vector<AddendSpec> adds;  // applied in order, after scale and bias
  FusedActivation act;
  float alpha = 1.0f;
  bool bf16 = false;  // asked for bf16 (used when the weights are constant and oneDNN has it)
};

class MatMulExec {
 public:
  Status Init(MatMulExecConfig cfg, const std::string& what);
  size_t ScratchBytes() const { return src_off_ + (bf16_ ? src_int_.get_size() : 0); }
  bool bf16() const { return bf16_; }
  Status Execute(const KernelIO& io, const std::string& what) const;

 private:
  MatMulExecConfig cfg_;
  dnnl::matmul prim_;
  dnnl::memory::desc weights_md_;
  dnnl::memory weights_;  // pre-packed (constant weights only)
  size_t pad_bytes_ = 0;
  bool bf16_ = false;
  dnnl::memory::desc src_int_;  // bf16 copy of the source in scratch (bf16_ only)
  dnnl::reorder src_in_;
  bool convert_src_ = false;  // src_int_ is cfg_.src as bf16: ConvertF32ToBf16
  size_t src_off_ = 0;
};

}  // namespace openacl::onednn
