// Spatial geometry of Conv, ConvTranspose and the pooling ops: attribute defaults, auto_pad
// resolution, output sizes. Spatial vectors have one entry per spatial dim (1 for 1-D ... 3 for
// 3-D). Reference kernels work on a 3-D view (Dims3) where missing leading dims have size 1.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "base/status.h"
#include "ir/graph.h"

namespace openacl {

using Dims3 = std::array<int64_t, 3>;

struct SpatialGeometry {
  int rank = 0;  // number of spatial dims
  std::vector<int64_t> in, out, kernel, stride, dilation, pad_begin, pad_end;
  std::vector<int64_t> output_padding;  // ConvTranspose only
  // Extends a spatial vector to 3 dims (leading `fill`).
  static Dims3 To3(const std::vector<int64_t>& v, int64_t fill);
};

struct ConvGeometry {
  int64_t batch = 0, in_channels = 0, out_channels = 0, group = 1;
  SpatialGeometry sp;
  Shape out_shape;
};

// Conv: X [N, C, *in], W [M, C/group, *k]. Checks the shapes; errors name the node.
Result<ConvGeometry> ComputeConvGeometry(const Node& node);
// ConvTranspose: X [N, C, *in], W [C, M/group, *k]. output_shape / output_padding / auto_pad.
Result<ConvGeometry> ComputeConvTransposeGeometry(const Node& node);

struct PoolGeometry {
  int64_t batch = 0, channels = 0;
  SpatialGeometry sp;
  bool ceil_mode = false;
  // pad_end grown so the last (ceil_mode) window fits: pad_end_ceil >= pad_end.
  std::vector<int64_t> pad_end_ceil;
  Shape out_shape;
};

// MaxPool / AveragePool / LpPool: kernel_shape required; strides, pads, dilations, ceil_mode,
// auto_pad. `allow_dilation` false rejects dilations != 1.
Result<PoolGeometry> ComputePoolGeometry(const Node& node, bool allow_dilation);

}  // namespace openacl
