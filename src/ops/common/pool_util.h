// A 3-D view of pooling geometry shared by the pooling reference kernels (MaxPool, AveragePool,
// LpPool). 1-D and 2-D pools get leading spatial dims of size 1.
#pragma once

#include <cstdint>

#include "ops/common/conv_util.h"

namespace openacl {

struct PoolView {
  Dims3 in, out, k, s, d, p, pend;
  int64_t planes = 0;  // N * C
  int64_t in_plane = 0, out_plane = 0;

  explicit PoolView(const PoolGeometry& g)
      : in(SpatialGeometry::To3(g.sp.in, 1)),
        out(SpatialGeometry::To3(g.sp.out, 1)),
        k(SpatialGeometry::To3(g.sp.kernel, 1)),
        s(SpatialGeometry::To3(g.sp.stride, 1)),
        d(SpatialGeometry::To3(g.sp.dilation, 1)),
        p(SpatialGeometry::To3(g.sp.pad_begin, 0)),
        pend(SpatialGeometry::To3(g.sp.pad_end, 0)),
        planes(g.batch * g.channels),
        in_plane(in[0] * in[1] * in[2]),
        out_plane(out[0] * out[1] * out[2]) {}

  // Calls tap(id, ih, iw) for every window tap of output (od, oh, ow) inside the input. Returns
  // the number of taps inside the explicitly padded input (the count_include_pad divisor);
  // taps in the extra ceil_mode region count for neither.
  template <typename Tap>
  int64_t ForEachTap(int64_t od, int64_t oh, int64_t ow, Tap&& tap) const {
    int64_t padded[3] = {0, 0, 0};
    const int64_t o[3] = {od, oh, ow};
    for (int a = 0; a < 3; ++a)
      for (int64_t kk = 0; kk < k[a]; ++kk)
        if (o[a] * s[a] - p[a] + kk * d[a] < in[a] + pend[a]) ++padded[a];
    for (int64_t kd = 0; kd < k[0]; ++kd) {
      int64_t id = od * s[0] - p[0] + kd * d[0];
      if (id < 0 || id >= in[0]) continue;
      for (int64_t kh = 0; kh < k[1]; ++kh) {
        int64_t ih = oh * s[1] - p[1] + kh * d[1];
        if (ih < 0 || ih >= in[1]) continue;
        for (int64_t kw = 0; kw < k[2]; ++kw) {
          int64_t iw = ow * s[2] - p[2] + kw * d[2];
          if (iw < 0 || iw >= in[2]) continue;
          tap(id, ih, iw);
        }
      }
    }
    return padded[0] * padded[1] * padded[2];
  }
};

}  // namespace openacl
