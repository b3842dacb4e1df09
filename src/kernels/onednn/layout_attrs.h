// Blocked activation layouts (oneDNN nChw8c / nChw16c) kept between oneDNN kernels.
//
// Contract between passes/layout_blocked.cc and the layout-aware kernels in this folder:
//   "layout_block"    int   channel block B (8 or 16) of every blocked input/output of the node
//   "blocked_inputs"  ints  indices of inputs stored as nC[hw]Bc (4-D, N,C,H,W logical shape)
//   "blocked_outputs" ints  indices of outputs stored that way
// A blocked value keeps its logical NCHW shape in the IR; only its bytes are permuted. The pass
// blocks a value only when C % B == 0, so its byte size is unchanged (no channel padding), and
// only when its producer and every consumer are layout-aware kernels. Reference kernels never
// see such values; nodes carrying these attributes must run a layout-aware kernel.
#pragma once

#include <cstddef>
#include <vector>

#include "ir/graph.h"

namespace openacl::onednn {

struct LayoutAttrs {
  int block = 0;  // 0: everything plain
  std::vector<int64_t> inputs, outputs;

  bool input_blocked(size_t i) const;
  bool output_blocked(size_t i) const;
  bool any() const { return block != 0 && (!inputs.empty() || !outputs.empty()); }
};

LayoutAttrs ParseLayoutAttrs(const Node& node);
// True if the node carries blocked-layout attributes (then only a layout-aware kernel may run it).
bool HasBlockedLayout(const Node& node);

// The channel block oneDNN's fastest fp32 kernels use on this CPU: 16 with AVX-512, 8 with
// AVX2, 0 (do not block) below that. OPENACL_LAYOUT=plain forces 0, =8 / =16 force a block.
int PreferredChannelBlock();

}  // namespace openacl::onednn
