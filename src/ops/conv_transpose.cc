// ConvTranspose (opset 1/11): N-D transposed convolution with group, dilations, pads / auto_pad,
// output_padding, output_shape and optional bias; also honours the fusion attributes of
// ops/common/fusion_attrs.h. The reference gathers each output element from the inputs that
// map onto it (o = i*stride - pad + k*dilation), so output planes are independent (OpenMP).
#include "ops/common/conv_reference.h"

namespace openacl {
namespace {

class ConvTransposeReference : public ConvLikeReference<ConvTransposeReference, ComputeConvTransposeGeometry> {
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
    // Input index along one dim that output o takes from kernel tap kk, or -1.
    auto source = [](int64_t o, int64_t kk, int64_t stride, int64_t dil, int64_t pad,
                     int64_t size) -> int64_t {
      int64_t t = o + pad - kk * dil;
      if (t < 0 || t % stride != 0) return -1;
      t /= stride;
      return t < size ? t : -1;
    };
#pragma omp parallel for collapse(2)
    for (int64_t n = 0; n < N; ++n) {
      for (int64_t m = 0; m < M; ++m) {
        const int64_t c0 = (m / Mg) * Cg, mm = m % Mg;
        int64_t o = 0;
        for (int64_t od = 0; od < out[0]; ++od)
          for (int64_t oh = 0; oh < out[1]; ++oh)
            for (int64_t ow = 0; ow < out[2]; ++ow, ++o) {
              double acc = b ? static_cast<double>(b[m]) : 0.0;
              for (int64_t kd = 0; kd < k[0]; ++kd) {
                int64_t id = source(od, kd, s[0], d[0], p[0], in[0]);
                if (id < 0) continue;
                for (int64_t kh = 0; kh < k[1]; ++kh) {
                  int64_t ih = source(oh, kh, s[1], d[1], p[1], in[1]);
                  if (ih < 0) continue;
                  for (int64_t kw = 0; kw < k[2]; ++kw) {
                    int64_t iw = source(ow, kw, s[2], d[2], p[2], in[2]);
                    if (iw < 0) continue;
                    int64_t xoff = (id * in[1] + ih) * in[2] + iw;
                    int64_t koff = (kd * k[1] + kh) * k[2] + kw;
                    for (int64_t c = 0; c < Cg; ++c)
                      acc += static_cast<double>(x[(n * C + c0 + c) * in_plane + xoff]) *
                             static_cast<double>(w[((c0 + c) * Mg + mm) * k_size + koff]);
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

void RegisterOp_ConvTranspose(OpRegistry& registry) {
  RegisterConvLikeOp<ConvTransposeReference, ComputeConvTransposeGeometry>(registry,
                                                                         "ConvTranspose");
}

}  // namespace openacl
