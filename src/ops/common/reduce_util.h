// Shared pieces of the Reduce* ops: reading axes (attribute, or constant input 1 from opset 13
// for ReduceSum and 18 for the others), keepdims / noop_with_empty_axes, output shape, and a
// generic reference kernel driven by a small accumulator functor.
#pragma once

#include <cstring>
#include <limits>
#include <vector>

#include "ops/common/math_util.h"

namespace openacl {

struct ReduceParams {
  std::vector<bool> reduced;  // per input dim
  bool keepdims = true;
  bool identity = false;  // empty axes with noop_with_empty_axes=1: output = input
};

// Parses the reduction attributes against the rank of input 0.
Result<ReduceParams> ParseReduce(const Node& node);
Shape ReducedShape(const Shape& in, const ReduceParams& p);
// Infer function shared by all Reduce* ops.
Status InferReduce(Node& node);

// Kept dims (output order) and reduced dims, with their input strides.
struct ReduceLayout {
  std::vector<int64_t> kept_sizes, kept_strides, red_sizes, red_strides;
  int64_t n_out = 1, n_red = 1;
};
ReduceLayout MakeReduceLayout(const Shape& in, const std::vector<bool>& reduced);
// Input offset of the idx-th element of the row-major box `sizes` with strides `strides`.
inline int64_t BoxOffset(const std::vector<int64_t>& sizes, const std::vector<int64_t>& strides,
                         int64_t idx) {
  int64_t off = 0;
  for (size_t d = sizes.size(); d-- > 0;) {
    off += (idx % sizes[d]) * strides[d];
    idx /= sizes[d];
  }
  return off;
}

// Accumulator type: double for floats (or when Fn::kDoubleAcc), int64/uint64 for integers.
template <typename T, bool kDouble>
using ReduceAcc = std::conditional_t<std::is_floating_point_v<T> || kDouble, double,
                                     std::conditional_t<std::is_signed_v<T>, int64_t, uint64_t>>;

struct ReduceFn : MathFn {
  static constexpr bool kInts = true;
  static constexpr bool kDoubleAcc = false;
};

// Fn provides: template <class A> A Init() const; template <class A> A Step(A acc, A x) const;
// template <class A> A Finish(A acc, int64_t count) const.
template <typename Fn>
class ReduceKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(params_, ParseReduce(node));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &x = io.in(0), &y = io.out(0);
    if (params_.identity) {
      std::memcpy(y.data, x.data, x.nbytes());
      return Status::Ok();
    }
    ReduceLayout L = MakeReduceLayout(*x.shape, params_.reduced);
    bool ok = DispatchMath<true, true, false>(x.dtype, [&](auto tag) {
      using T = decltype(tag);
      using A = ReduceAcc<T, Fn::kDoubleAcc>;
#pragma omp parallel for if (L.n_out * L.n_red > 65536)
      for (int64_t o = 0; o < L.n_out; ++o) {
        int64_t base = BoxOffset(L.kept_sizes, L.kept_strides, o);
        A acc = fn_.template Init<A>();
        for (int64_t r = 0; r < L.n_red; ++r) {
          A v = static_cast<A>(
              LoadAs<T>(x.data, x.dtype, base + BoxOffset(L.red_sizes, L.red_strides, r)));
          acc = fn_.Step(acc, v);
        }
        StoreAs<T>(y.data, y.dtype, o, static_cast<T>(fn_.Finish(acc, L.n_red)));
      }
    });
    if (!ok) return Status(StatusCode::kUnsupportedDataType, "reduce: unsupported type");
    return Status::Ok();
  }

 private:
  Fn fn_{};
  ReduceParams params_;
};

template <typename Fn>
void RegisterReduce(OpRegistry& registry, const char* name, std::vector<DType> types) {
  OpSchema s;
  s.name = name;
  s.min_opset = 1;
  s.min_inputs = 1;
  s.max_inputs = 2;
  s.infer = InferReduce;
  s.reference = [] { return std::unique_ptr<Kernel>(new ReduceKernel<Fn>()); };
  s.types = std::move(types);
  registry.Register(std::move(s));
}

}  // namespace openacl
