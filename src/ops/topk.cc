// TopK: the k largest (or smallest, largest=0) elements along `axis` and their int64 indices.
// k is attribute `k` before opset 10 and constant input 1 after; `largest`/`sorted` from opset
// 11. Equal values keep the lower index first; sorted=0 still returns sorted output.
#include <algorithm>
#include <numeric>

#include "ops/common/math_util.h"

namespace openacl {
namespace {

Result<int64_t> TopKCount(const Node& node) {
  if (node.opset > 0 && node.opset < 10) return node.attrs.get_int("k", 0);
  ASSIGN_OR_RETURN(std::vector<int64_t> k, ConstantInts(node, 1));
  if (k.size() != 1)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": k must have one element");
  return k[0];
}

Status InferTopK(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  RETURN_IF_ERROR(CheckSchemaType(node, 0));
  Shape shape = node.inputs[0]->shape;
  ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(node.attrs.get_int("axis", -1),
                                               static_cast<int64_t>(shape.size()), node));
  ASSIGN_OR_RETURN(int64_t k, TopKCount(node));
  if (k < 0 || (shape[axis] >= 0 && k > shape[axis]))
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": k=" + std::to_string(k) +
                                                 " is out of range for axis size " +
                                                 std::to_string(shape[axis]));
  shape[axis] = k;
  SetOutput(node, 0, node.inputs[0]->dtype, shape);
  SetOutput(node, 1, DType::kInt64, shape);
  return Status::Ok();
}

class TopKKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(axis_,
                     NormalizeAxis(node.attrs.get_int("axis", -1),
                                   static_cast<int64_t>(node.inputs[0]->shape.size()), node));
    ASSIGN_OR_RETURN(k_, TopKCount(node));
    largest_ = node.attrs.get_int("largest", 1) != 0;
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &x = io.in(0), &values = io.out(0);
    int64_t* indices = io.has_output(1) ? io.out(1).as<int64_t>() : nullptr;
    int64_t outer = 1, len = x.dim(axis_), inner = 1;
    for (int64_t d = 0; d < static_cast<int64_t>(x.rank()); ++d) {
      if (d < axis_) outer *= x.dim(d);
      if (d > axis_) inner *= x.dim(d);
    }
    bool ok = DispatchMath<true, true, false>(x.dtype, [&](auto tag) {
      using T = decltype(tag);
      std::vector<int64_t> order(static_cast<size_t>(len));
      std::vector<T> row(static_cast<size_t>(len));
      for (int64_t o = 0; o < outer; ++o) {
        for (int64_t i = 0; i < inner; ++i) {
          for (int64_t j = 0; j < len; ++j)
            row[j] = LoadAs<T>(x.data, x.dtype, (o * len + j) * inner + i);
          std::iota(order.begin(), order.end(), 0);
          auto cmp = [&](int64_t a, int64_t b) {
            return largest_ ? row[a] > row[b] : row[a] < row[b];
          };
          std::stable_sort(order.begin(), order.end(), cmp);
          for (int64_t j = 0; j < k_; ++j) {
            int64_t at = (o * k_ + j) * inner + i;
            StoreAs<T>(values.data, values.dtype, at, row[order[j]]);
            if (indices) indices[at] = order[j];
          }
        }
      }
    });
    if (!ok) return Status(StatusCode::kUnsupportedDataType, "TopK: unsupported type");
    return Status::Ok();
  }

 private:
  int64_t axis_ = -1, k_ = 0;
  bool largest_ = true;
};

}  // namespace

void RegisterOp_TopK(OpRegistry& registry) {
  OpSchema s;
  s.name = "TopK";
  s.min_opset = 1;
  s.min_inputs = 1;
  s.max_inputs = 2;
  s.min_outputs = s.max_outputs = 2;
  s.infer = InferTopK;
  s.reference = [] { return std::unique_ptr<Kernel>(new TopKKernel()); };
  s.types = NumericTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
