// ArgMax / ArgMin: index (int64) of the extreme element along `axis`; keepdims; from opset 12
// select_last_index picks the last of equal extremes (default: the first).
#pragma once

#include "ops/common/math_util.h"

namespace openacl {

Status InferArgReduce(Node& node);

template <bool kMax>
class ArgReduceKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    const Shape& shape = node.inputs[0]->shape;
    ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(node.attrs.get_int("axis", 0),
                                                 static_cast<int64_t>(shape.size()), node));
    axis_ = axis;
    last_ = node.attrs.get_int("select_last_index", 0) != 0;
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef& x = io.in(0);
    int64_t* out = io.out(0).as<int64_t>();
    int64_t outer = 1, len = x.dim(axis_), inner = 1;
    for (size_t d = 0; d < x.rank(); ++d) {
      if (static_cast<int64_t>(d) < axis_) outer *= x.dim(d);
      if (static_cast<int64_t>(d) > axis_) inner *= x.dim(d);
    }
    bool ok = DispatchMath<true, true, false>(x.dtype, [&](auto tag) {
      using T = decltype(tag);
      for (int64_t o = 0; o < outer; ++o) {
        for (int64_t i = 0; i < inner; ++i) {
          int64_t base = o * len * inner + i, best = 0;
          T best_v = LoadAs<T>(x.data, x.dtype, base);
          for (int64_t k = 1; k < len; ++k) {
            T v = LoadAs<T>(x.data, x.dtype, base + k * inner);
            bool better = kMax ? (v > best_v || (last_ && v == best_v))
                               : (v < best_v || (last_ && v == best_v));
            if (better) {
              best = k;
              best_v = v;
            }
          }
          out[o * inner + i] = best;
        }
      }
    });
    if (!ok) return Status(StatusCode::kUnsupportedDataType, "arg reduce: unsupported type");
    return Status::Ok();
  }

 private:
  int64_t axis_ = 0;
  bool last_ = false;
};

template <bool kMax>
void RegisterArgReduce(OpRegistry& registry, const char* name) {
  OpSchema s;
  s.name = name;
  s.min_opset = 1;
  s.infer = InferArgReduce;
  s.reference = [] { return std::unique_ptr<Kernel>(new ArgReduceKernel<kMax>()); };
  s.types = NumericTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
