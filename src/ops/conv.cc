// Conv (opset 1/11): N-D convolution with group, dilation, pads / auto_pad and optional bias,
// plus the fusion attributes of ops/common/fusion_attrs.h (residual sum, activation).
// The reference works on a 3-D view: 1-D and 2-D convs get leading spatial dims of size 1.
#include "ops/common/conv_reference.h"

namespace openacl {
namespace {

class ConvReference : public ConvLikeReference<ConvReference, ComputeConvGeometry> {
 public:
  template <typename T>
  void Compute(const KernelIO& io) const {
    const T* x = io.in(0).as<const T>();
    const T* w = io.in(1).as<const T>();
    const T* b = has_bias_ && io.has_input(2) ? io.in(2).as<const T>() : nullptr;
    const T* r = f_.sum ? io.in(f_.sum_input).as<const T>() : nullptr;
    T* y = io.out(0).as<T>();
    const SpatialGeometry& sp = g_.sp;
    const Dims3 in = SpatialGeometry::To3(sp.in, 1), out = SpatialGeometry::To3(sp.out, 1),
                k = SpatialGeometry::To3(sp.kernel, 1), s = SpatialGeometry::To3(sp.stride, 1),
                d = SpatialGeometry::To3(sp.dilation, 1), p = SpatialGeometry::To3(sp.pad_begin, 0);
    const int64_t N = g_.batch, C = g_.in_channels, M = g_.out_channels;
    const int64_t Cg = C / g_.group, Mg = M / g_.group;
    const int64_t in_plane = in[0] * in[1] * in[2], out_plane = out[0] * out[1] * out[2];
    const int64_t k_size = k[0] * k[1] * k[2];
#pragma omp parallel for collapse(2)
    for (int64_t n = 0; n < N; ++n) {
      for (int64_t m = 0; m < M; ++m) {
        const int64_t c0 = (m / Mg) * Cg;
        const T* wm = w + m * Cg * k_size;
        int64_t o = 0;
        for (int64_t od = 0; od < out[0]; ++od)
          for (int64_t oh = 0; oh < out[1]; ++oh)
            for (int64_t ow = 0; ow < out[2]; ++ow, ++o) {
              double acc = b ? static_cast<double>(b[m]) : 0.0;
              for (int64_t c = 0; c < Cg; ++c) {
                const T* xc = x + (n * C + c0 + c) * in_plane;
                const T* wc = wm + c * k_size;
                for (int64_t kd = 0; kd < k[0]; ++kd) {
                  int64_t id = od * s[0] - p[0] + kd * d[0];
                  if (id < 0 || id >= in[0]) continue;
                  for (int64_t kh = 0; kh < k[1]; ++kh) {
                    int64_t ih = oh * s[1] - p[1] + kh * d[1];
                    if (ih < 0 || ih >= in[1]) continue;
                    for (int64_t kw = 0; kw < k[2]; ++kw) {
                      int64_t iw = ow * s[2] - p[2] + kw * d[2];
                      if (iw < 0 || iw >= in[2]) continue;
                      acc += static_cast<double>(xc[(id * in[1] + ih) * in[2] + iw]) *
                             static_cast<double>(wc[(kd * k[1] + kh) * k[2] + kw]);
                    }
                  }
                }
              }
              int64_t yi = (n * M + m) * out_plane + o;
              if (r) acc += static_cast<double>(r[yi]);
              y[yi] = static_cast<T>(f_.act.Apply(acc));
            }
      }
    }
  }
};

}  // namespace

void RegisterOp_Conv(OpRegistry& registry) {
  RegisterConvLikeOp<ConvReference, ComputeConvGeometry>(registry, "Conv");
}

}  // namespace openacl
