// The run-time half shared by the oneDNN Conv and ConvTranspose kernels: a prepared primitive
// whose callers hand over src/dst in their *user* layout: plain NC[D]HW, or channel-blocked
// (nChw8c/nChw16c) where passes/layout_blocked.cc kept a conv chain blocked (layout_attrs.h).
// If the primitive's layout differs from the user's, src/dst/residual go through the kernel's
// scratch with reorders. Weights are pre-packed once into the primitive's preferred layout; bias
// is copied if constant.
//
// Residual (fused_sum): either a oneDNN binary-add post-op that reads the residual in place
// (residual_binary; needs the residual in the primitive's dst layout), or a sum post-op, which
// first copies/reorders the residual into the destination.
#pragma once

#include <vector>

#include "kernels/onednn/onednn_util.h"

namespace openacl::onednn {

struct ConvExecConfig {
  dnnl::memory::desc src_user, dst_user;  // the caller's layouts (plain or blocked)
  dnnl::memory::desc res_user;            // residual's layout (sum_input >= 0)
  dnnl::memory::desc weights_user;        // plain ONNX weights viewed in oneDNN dims
  const void* weights_data = nullptr;     // the constant weights
  const Value* bias = nullptr;            // optional bias value (constant or runtime)
  int sum_input = -1;                     // residual input index or -1
  bool residual_binary = false;           // residual is post-op 0 = binary_add (else sum)
};

class ConvExec {
 public:
  // `pd` is the primitive's descriptor (any-format weights, maybe any-format src/dst).
  Status Init(const dnnl::primitive_desc& pd, const dnnl::primitive& prim,
              const ConvExecConfig& cfg);
  size_t ScratchBytes() const { return layout_.total(); }
  Status Execute(const KernelIO& io, const std::string& what) const;

 private:
  dnnl::primitive prim_;
  dnnl::memory::desc src_user_, dst_user_, res_user_, src_int_, dst_int_, bias_md_;
  bool reorder_src_ = false, reorder_dst_ = false;
  bool convert_src_ = false;  // src_int_ is src_user_ as bf16: ConvertF32ToBf16, no reorder
  bool residual_binary_ = false, residual_copy_ = false;
  dnnl::reorder src_in_, dst_out_, res_in_;
  size_t pad_off_ = 0, src_off_ = 0, dst_off_ = 0;
  size_t pad_bytes_ = 0;
  dnnl::memory weights_;
  std::vector<float> bias_const_;
  bool has_bias_ = false;
  int bias_input_ = 2;
  int sum_input_ = -1;
  ScratchLayout layout_;
};

}  // namespace openacl::onednn
