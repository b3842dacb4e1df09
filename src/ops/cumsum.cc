// CumSum: cumulative sum along the axis given by scalar input 1 (read at run time); `exclusive`
// leaves out the current element, `reverse` sums from the end.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

Status InferCumSum(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  RETURN_IF_ERROR(CheckSchemaType(node, 0));
  const Value* axis = node.inputs[1];
  if (axis->dtype != DType::kInt32 && axis->dtype != DType::kInt64)
    return Status(
        StatusCode::kUnsupportedDataType,
        node.Describe() + ": axis input must be int32 or int64, got " + DTypeName(axis->dtype));
  if (NumElements(axis->shape) != 1)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": axis input must be a scalar");
  if (axis->is_constant()) {
    int64_t rank = static_cast<int64_t>(node.inputs[0]->shape.size());
    auto a = NormalizeAxis(axis->constant->GetAsInt64(0), rank, node);
    if (!a.ok()) return a.status();
  }
  SetOutput(node, 0, node.inputs[0]->dtype, node.inputs[0]->shape);
  return Status::Ok();
}

class CumSumKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    exclusive_ = node.attrs.get_int("exclusive", 0) != 0;
    reverse_ = node.attrs.get_int("reverse", 0) != 0;
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &x = io.in(0), &y = io.out(0);
    int64_t rank = static_cast<int64_t>(x.rank());
    int64_t axis = ReadAsInt64(io.in(1).data, io.in(1).dtype, 0);
    if (axis < -rank || axis >= rank)
      return Status(StatusCode::kInvalidParam, "CumSum: axis " + std::to_string(axis) +
                                                   " out of range for rank " +
                                                   std::to_string(rank));
    if (axis < 0) axis += rank;
    int64_t outer = 1, len = x.dim(axis), inner = 1;
    for (int64_t d = 0; d < rank; ++d) {
      if (d < axis) outer *= x.dim(d);
      if (d > axis) inner *= x.dim(d);
    }
    bool ok = DispatchMath<true, true, false>(x.dtype, [&](auto tag) {
      using T = decltype(tag);
      for (int64_t o = 0; o < outer; ++o) {
        for (int64_t i = 0; i < inner; ++i) {
          T acc = T(0);
          for (int64_t step = 0; step < len; ++step) {
            int64_t k = reverse_ ? len - 1 - step : step;
            int64_t at = (o * len + k) * inner + i;
            T v = LoadAs<T>(x.data, x.dtype, at);
            if (!exclusive_) acc = static_cast<T>(acc + v);
            StoreAs<T>(y.data, y.dtype, at, acc);
            if (exclusive_) acc = static_cast<T>(acc + v);
          }
        }
      }
    });
    if (!ok) return Status(StatusCode::kUnsupportedDataType, "CumSum: unsupported type");
    return Status::Ok();
  }

 private:
  bool exclusive_ = false, reverse_ = false;
};

}  // namespace

void RegisterOp_CumSum(OpRegistry& registry) {
  OpSchema s;
  s.name = "CumSum";
  s.min_opset = 11;
  s.min_inputs = s.max_inputs = 2;
  s.infer = InferCumSum;
  s.reference = [] { return std::unique_ptr<Kernel>(new CumSumKernel()); };
  s.types = Concat(FloatTypes(), {DType::kInt32, DType::kInt64, DType::kUInt32, DType::kUInt64});
  registry.Register(std::move(s));
}

}  // namespace openacl
