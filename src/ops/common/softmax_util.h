// Row layout shared by Softmax, LogSoftmax and Hardmax. Before opset 13 the input is coerced to
// 2D at `axis` (default 1): rows are dims[:axis], each row is all of dims[axis:]. From opset 13 the
// op runs along the single dim `axis` (default -1).
#pragma once

#include "ops/common/math_util.h"

namespace openacl {

struct SoftmaxLayout {
  int64_t outer = 1, len = 1, inner = 1;  // element (o, k, i) is at (o * len + k) * inner + i
};

Result<SoftmaxLayout> MakeSoftmaxLayout(const Node& node, const Shape& shape);
// Infer: same type and shape; validates the axis.
Status InferSoftmaxLike(Node& node);

// Reference kernel: Fn::Row<T>(const T* in, T* out, len, stride) processes one row.
template <typename Fn>
class SoftmaxLikeKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(layout_, MakeSoftmaxLayout(node, node.inputs[0]->shape));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &x = io.in(0), &y = io.out(0);
    const SoftmaxLayout L = layout_;
    bool ok = DispatchMath<true, false, false>(x.dtype, [&](auto tag) {
      using T = decltype(tag);
#pragma omp parallel for if (L.outer * L.inner > 64)
      for (int64_t r = 0; r < L.outer * L.inner; ++r) {
        int64_t o = r / L.inner, i = r % L.inner;
        int64_t base = o * L.len * L.inner + i;
        std::vector<double> row(static_cast<size_t>(L.len));
        for (int64_t k = 0; k < L.len; ++k) row[k] = LoadAs<T>(x.data, x.dtype, base + k * L.inner);
        Fn::Row(row);
        for (int64_t k = 0; k < L.len; ++k)
          StoreAs<T>(y.data, y.dtype, base + k * L.inner, static_cast<T>(row[k]));
      }
    });
    if (!ok) return Status(StatusCode::kUnsupportedDataType, "softmax: unsupported type");
    return Status::Ok();
  }

 private:
  SoftmaxLayout layout_;
};

template <typename Fn>
void RegisterSoftmaxLike(OpRegistry& registry, const char* name) {
  OpSchema s;
  s.name = name;
  s.min_opset = 1;
  s.infer = InferSoftmaxLike;
  s.reference = [] { return std::unique_ptr<Kernel>(new SoftmaxLikeKernel<Fn>()); };
  s.types = FloatTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
