#include "ops/common/quant_util.h"

#include <algorithm>
#include <cmath>

#include "ops/common/shape_util.h"

namespace openacl {
namespace {

std::pair<double, double> RangeOf(DType t) {
  switch (t) {
    case DType::kUInt8:
      return {0, 255};
    case DType::kInt8:
      return {-128, 127};
    case DType::kUInt16:
      return {0, 65535};
    case DType::kInt16:
      return {-32768, 32767};
    case DType::kInt32:
      return {-2147483648.0, 2147483647.0};
    default:
      return {-INFINITY, INFINITY};
  }
}

}  // namespace

double SaturateRound(double v, DType dtype) {
  auto r = RangeOf(dtype);
  double rounded = std::nearbyint(v);  // default rounding mode: to nearest, ties to even
  return std::min(std::max(rounded, r.first), r.second);
}

std::vector<int32_t> ReadInt32s(const KernelIO& io, size_t index, int32_t fallback) {
  if (!io.has_input(index)) return {fallback};
  const TensorRef& t = io.in(index);
  std::vector<int32_t> v(static_cast<size_t>(std::max<int64_t>(t.numel(), 1)), fallback);
  for (int64_t i = 0; i < t.numel(); ++i)
    v[i] = static_cast<int32_t>(ReadAsInt64(t.data, t.dtype, i));
  return v;
}

std::vector<double> ReadDoubles(const KernelIO& io, size_t index, double fallback) {
  if (!io.has_input(index)) return {fallback};
  const TensorRef& t = io.in(index);
  std::vector<double> v(static_cast<size_t>(std::max<int64_t>(t.numel(), 1)), fallback);
  for (int64_t i = 0; i < t.numel(); ++i) v[i] = ReadAsDouble(t.data, t.dtype, i);
  return v;
}

Result<AxisIndexer> MakeAxisIndexer(const Node& node, const Shape& x, int64_t param_numel) {
  AxisIndexer ix;
  if (param_numel <= 1) return ix;
  ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(node.attrs.get_int("axis", 1),
                                               static_cast<int64_t>(x.size()), node));
  if (x[axis] != param_numel)
    return InvalidParam(node.Describe() + ": per-axis scale has " + std::to_string(param_numel) +
                        " elements but axis " + std::to_string(axis) + " of " + ShapeToString(x) +
                        " has " + std::to_string(x[axis]));
  ix.per_axis = true;
  ix.dim = x[axis];
  for (size_t d = static_cast<size_t>(axis) + 1; d < x.size(); ++d) ix.inner *= x[d];
  return ix;
}

void IntegerMatMul(const MatMulShape& s, const TensorRef& a, const std::vector<int32_t>& azp,
                   const TensorRef& b, const std::vector<int32_t>& bzp, int32_t* out) {
  const size_t rank = s.out_full.size();
  const size_t nb = rank - 2;
  // Batch strides (in matrices) of A and B, 0 where broadcast.
  std::vector<int64_t> sa(nb, 0), sb(nb, 0);
  int64_t ka = 1, kb = 1;
  for (size_t d = nb; d-- > 0;) {
    sa[d] = s.a_full[d] == 1 ? 0 : ka;
    sb[d] = s.b_full[d] == 1 ? 0 : kb;
    ka *= s.a_full[d];
    kb *= s.b_full[d];
  }
  const int64_t M = s.M, N = s.N, K = s.K;
  for (int64_t bi = 0; bi < s.batch; ++bi) {
    int64_t rem = bi, oa = 0, ob = 0;
    for (size_t d = nb; d-- > 0;) {
      int64_t idx = rem % s.out_full[d];
      rem /= s.out_full[d];
      oa += idx * sa[d];
      ob += idx * sb[d];
    }
    for (int64_t m = 0; m < M; ++m)
      for (int64_t n = 0; n < N; ++n) {
        int32_t az = azp.size() > 1 ? azp[m] : azp[0];
        int32_t bz = bzp.size() > 1 ? bzp[n] : bzp[0];
        int64_t acc = 0;
        for (int64_t k = 0; k < K; ++k) {
          int64_t av = ReadAsInt64(a.data, a.dtype, oa * M * K + m * K + k) - az;
          int64_t bv = ReadAsInt64(b.data, b.dtype, ob * K * N + k * N + n) - bz;
          acc += av * bv;
        }
        out[(bi * M + m) * N + n] = static_cast<int32_t>(acc);
      }
  }
}

void IntegerConv(const ConvGeometry& g, const TensorRef& x, int32_t xzp, const TensorRef& w,
                 const std::vector<int32_t>& wzp, int32_t* out) {
  const Dims3 in = SpatialGeometry::To3(g.sp.in, 1), os = SpatialGeometry::To3(g.sp.out, 1);
  const Dims3 k = SpatialGeometry::To3(g.sp.kernel, 1), st = SpatialGeometry::To3(g.sp.stride, 1);
  const Dims3 dl = SpatialGeometry::To3(g.sp.dilation, 1);
  const Dims3 pb = SpatialGeometry::To3(g.sp.pad_begin, 0);
  const int64_t cg = g.in_channels / g.group, mg = g.out_channels / g.group;
  const int64_t in_plane = in[0] * in[1] * in[2], out_plane = os[0] * os[1] * os[2];
  const int64_t k_plane = k[0] * k[1] * k[2];
  for (int64_t n = 0; n < g.batch; ++n)
    for (int64_t m = 0; m < g.out_channels; ++m) {
      const int64_t grp = m / mg;
      const int32_t wz = wzp.size() > 1 ? wzp[m] : wzp[0];
      for (int64_t o0 = 0; o0 < os[0]; ++o0)
        for (int64_t o1 = 0; o1 < os[1]; ++o1)
          for (int64_t o2 = 0; o2 < os[2]; ++o2) {
            int64_t acc = 0;
            for (int64_t c = 0; c < cg; ++c) {
              const int64_t ci = grp * cg + c;
              for (int64_t k0 = 0; k0 < k[0]; ++k0) {
                int64_t i0 = o0 * st[0] - pb[0] + k0 * dl[0];
                if (i0 < 0 || i0 >= in[0]) continue;
                for (int64_t k1 = 0; k1 < k[1]; ++k1) {
                  int64_t i1 = o1 * st[1] - pb[1] + k1 * dl[1];
                  if (i1 < 0 || i1 >= in[1]) continue;
                  for (int64_t k2 = 0; k2 < k[2]; ++k2) {
                    int64_t i2 = o2 * st[2] - pb[2] + k2 * dl[2];
                    if (i2 < 0 || i2 >= in[2]) continue;
                    int64_t xi =
                        (n * g.in_channels + ci) * in_plane + (i0 * in[1] + i1) * in[2] + i2;
                    int64_t wi = (m * cg + c) * k_plane + (k0 * k[1] + k1) * k[2] + k2;
                    acc += (ReadAsInt64(x.data, x.dtype, xi) - xzp) *
                           (ReadAsInt64(w.data, w.dtype, wi) - wz);
                  }
                }
              }
            }
            out[(n * g.out_channels + m) * out_plane + (o0 * os[1] + o1) * os[2] + o2] =
                static_cast<int32_t>(acc);
          }
    }
}

Result<ConvGeometry> ConvGeometryOf(const Node& node, size_t x_index, size_t w_index) {
  Node view = node;
  view.inputs = {node.input(x_index), node.input(w_index)};
  return ComputeConvGeometry(view);
}

}  // namespace openacl
