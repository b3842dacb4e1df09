// Building blocks for elementwise ops: broadcast iteration and typed dispatch.
// A binary op file is a functor plus a RegisterOp_ function built from these helpers.
#pragma once

#include <cmath>
#include <cstring>
#include <memory>
#include <type_traits>

#include "ir/dtype.h"
#include "ops/common/shape_util.h"
#include "ops/op_registry.h"

namespace openacl {

// Strides of `in` broadcast to `out` (0 where the input dim is 1 and the output dim is not).
std::vector<int64_t> BroadcastStrides(const Shape& in, const Shape& out);

// Calls f(out_index, a_index, b_index) for every output element.
template <typename F>
void ForEachBroadcast(const Shape& a, const Shape& b, const Shape& out, F&& f) {
  int64_t n = NumElements(out);
  if (a == out && b == out) {
    for (int64_t i = 0; i < n; ++i) f(i, i, i);
    return;
  }
  if (a == out && NumElements(b) == 1) {
    for (int64_t i = 0; i < n; ++i) f(i, i, 0);
    return;
  }
  if (b == out && NumElements(a) == 1) {
    for (int64_t i = 0; i < n; ++i) f(i, 0, i);
    return;
  }
  std::vector<int64_t> sa = BroadcastStrides(a, out), sb = BroadcastStrides(b, out);
  size_t rank = out.size();
  std::vector<int64_t> idx(rank, 0);
  int64_t ia = 0, ib = 0;
  for (int64_t i = 0; i < n; ++i) {
    f(i, ia, ib);
    for (size_t d = rank; d-- > 0;) {
      ++idx[d];
      ia += sa[d];
      ib += sb[d];
      if (idx[d] < out[d]) break;
      ia -= sa[d] * idx[d];
      ib -= sb[d] * idx[d];
      idx[d] = 0;
    }
  }
}

// Typed dispatch over the numeric dtypes; half types are handled by the caller via float.
#define OPENACL_DISPATCH_NUMERIC(dtype, T, ...)          \
  switch (dtype) {                                        \
    case DType::kFloat32: { using T = float; __VA_ARGS__; break; }    \
    case DType::kFloat64: { using T = double; __VA_ARGS__; break; }   \
    case DType::kInt8: { using T = int8_t; __VA_ARGS__; break; }      \
    case DType::kUInt8: { using T = uint8_t; __VA_ARGS__; break; }    \
    case DType::kInt16: { using T = int16_t; __VA_ARGS__; break; }    \
    case DType::kUInt16: { using T = uint16_t; __VA_ARGS__; break; }  \
    case DType::kInt32: { using T = int32_t; __VA_ARGS__; break; }    \
    case DType::kUInt32: { using T = uint32_t; __VA_ARGS__; break; }  \
    case DType::kInt64: { using T = int64_t; __VA_ARGS__; break; }    \
    case DType::kUInt64: { using T = uint64_t; __VA_ARGS__; break; }  \
    case DType::kBool: { using T = bool; __VA_ARGS__; break; }        \
    default: break;                                       \
  }

inline bool IsHalfType(DType t) { return t == DType::kFloat16 || t == DType::kBFloat16; }

// Binary elementwise op with broadcasting. Op is a functor with
// `template <class T> T operator()(T a, T b) const`. Half types compute in float.
template <typename Op>
class BinaryKernel : public Kernel {
 public:
  Status Run(const KernelIO& io) const override {
    const TensorRef &a = io.in(0), &b = io.in(1), &c = io.out(0);
    Op op;
    if (IsHalfType(a.dtype)) {
      ForEachBroadcast(*a.shape, *b.shape, *c.shape, [&](int64_t i, int64_t ia, int64_t ib) {
        float r = op(static_cast<float>(ReadAsDouble(a.data, a.dtype, ia)),
                     static_cast<float>(ReadAsDouble(b.data, b.dtype, ib)));
        WriteFromDouble(c.data, c.dtype, i, r);
      });
      return Status::Ok();
    }
    OPENACL_DISPATCH_NUMERIC(a.dtype, T, {
      const T* pa = a.as<const T>();
      const T* pb = b.as<const T>();
      T* pc = c.as<T>();
      ForEachBroadcast(*a.shape, *b.shape, *c.shape,
                       [&](int64_t i, int64_t ia, int64_t ib) { pc[i] = op(pa[ia], pb[ib]); });
    });
    return Status::Ok();
  }
};

// Unary elementwise op; Op has `template <class T> T operator()(T x) const`.
template <typename Op>
class UnaryKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    op_ = Op(node);
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &x = io.in(0), &y = io.out(0);
    int64_t n = x.numel();
    if (IsHalfType(x.dtype)) {
      for (int64_t i = 0; i < n; ++i)
        WriteFromDouble(y.data, y.dtype, i,
                        op_(static_cast<float>(ReadAsDouble(x.data, x.dtype, i))));
      return Status::Ok();
    }
    OPENACL_DISPATCH_NUMERIC(x.dtype, T, {
      const T* px = x.as<const T>();
      T* py = y.as<T>();
      for (int64_t i = 0; i < n; ++i) py[i] = op_(px[i]);
    });
    return Status::Ok();
  }

 private:
  Op op_{};
};

// Shape inference for broadcasting binary ops whose output type equals the input type.
Status InferBroadcastSameType(Node& node);
// Output type bool (comparison ops).
Status InferBroadcastBool(Node& node);
// Unary: output has the input's type and shape.
Status InferSameAsInput(Node& node);

}  // namespace openacl
