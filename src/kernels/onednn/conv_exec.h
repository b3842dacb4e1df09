// The run-time half shared by the oneDNN Conv and ConvTranspose kernels: a prepared primitive
// whose callers hand over plain (row-major NC[D]HW) src/dst. If the primitive chose blocked
// activations (e.g. nChw16c), src/dst/residual are reordered through the kernel's scratch.
// Weights are pre-packed once into the primitive's preferred layout; bias is copied if constant.
//
// Layout hook: a later layout pass may set node attribute "layout" = "nChw8c"/"nChw16c" on a
// conv chain; ConvExec would then build src/dst descs with that tag as the *user* layout and
// the reorders disappear. Not implemented yet: such nodes are rejected by Supports().
#pragma once

#include <vector>

#include "kernels/onednn/onednn_util.h"

namespace openacl::onednn {

struct ConvExecConfig {
  dnnl::memory::desc src_user, dst_user;  // plain
  dnnl::memory::desc weights_user;        // plain ONNX weights viewed in oneDNN dims
  const void* weights_data = nullptr;     // the constant weights
  const Value* bias = nullptr;            // optional bias value (constant or runtime)
  int sum_input = -1;                     // residual input index or -1
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
  dnnl::memory::desc src_user_, dst_user_, src_int_, dst_int_, bias_md_;
  bool reorder_src_ = false, reorder_dst_ = false;
  dnnl::reorder src_in_, dst_out_, dst_in_;
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
