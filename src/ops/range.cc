// Range (opset 11+): start, start+delta, ... below limit (scalars; the count must be known at
// compile time, so they are constant inputs). out[i] = start + i * delta.
#include "base/checked_math.h"
#include <cmath>

#include "ops/common/elementwise.h"
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Status InferRange(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 3));
  DType dt = node.input(0)->dtype;
  if (dt != DType::kFloat32 && dt != DType::kFloat64 && dt != DType::kInt16 &&
      dt != DType::kInt32 && dt != DType::kInt64)
    return Status(StatusCode::kUnsupportedDataType,
                  node.Describe() + ": unsupported type " + DTypeName(dt));
  for (size_t i = 0; i < 3; ++i) {
    if (node.input(i)->dtype != dt || NumElements(node.input(i)->shape) != 1)
      return Status(StatusCode::kShapeInvalid, node.Describe() + ": input " + std::to_string(i) +
                                                   " must be a scalar of type " + DTypeName(dt));
  }
  ASSIGN_OR_RETURN(std::vector<double> start, ConstantDoubles(node, 0));
  ASSIGN_OR_RETURN(std::vector<double> limit, ConstantDoubles(node, 1));
  ASSIGN_OR_RETURN(std::vector<double> delta, ConstantDoubles(node, 2));
  if (delta[0] == 0) return Status(StatusCode::kShapeInvalid, node.Describe() + ": delta is 0");
  int64_t n;
  if (IsInteger(dt)) {
    std::vector<int64_t> s = node.input(0)->constant->ToInt64Vector();
    std::vector<int64_t> l = node.input(1)->constant->ToInt64Vector();
    std::vector<int64_t> d = node.input(2)->constant->ToInt64Vector();
    int64_t span = 0;
    if (__builtin_sub_overflow(l[0], s[0], &span) || (span == INT64_MIN && d[0] == -1))
      n = kDimOverflow;
    else
      n = span / d[0] + ((span % d[0]) != 0 && ((span > 0) == (d[0] > 0)) ? 1 : 0);
  } else if (dt == DType::kFloat32) {  // in float, as the op computes it
    float span = static_cast<float>(limit[0]) - static_cast<float>(start[0]);
    n = DimFromDouble(std::ceil(span / static_cast<float>(delta[0])));
  } else {
    n = DimFromDouble(std::ceil((limit[0] - start[0]) / delta[0]));
  }
  SetOutput(node, 0, dt, {std::max<int64_t>(0, n)});
  return Status::Ok();
}

class RangeKernel : public Kernel {
 public:
  Status Run(const KernelIO& io) const override {
    const TensorRef& out = io.out(0);
    int64_t n = out.numel();
    OPENACL_DISPATCH_NUMERIC(out.dtype, T, {
      T start = *io.in(0).as<const T>(), delta = *io.in(2).as<const T>();
      T* p = out.as<T>();
      for (int64_t i = 0; i < n; ++i) p[i] = static_cast<T>(start + static_cast<T>(i) * delta);
    });
    return Status::Ok();
  }
};

}  // namespace

void RegisterOp_Range(OpRegistry& registry) {
  OpSchema s;
  s.name = "Range";
  s.min_opset = 11;
  s.min_inputs = s.max_inputs = 3;
  s.infer = InferRange;
  s.reference = [] { return std::unique_ptr<Kernel>(new RangeKernel()); };
  s.types = {DType::kFloat32, DType::kFloat64, DType::kInt16, DType::kInt32, DType::kInt64};
  registry.Register(std::move(s));
}

}  // namespace openacl
