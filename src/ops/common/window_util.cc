#include "ops/common/window_util.h"

#include <cmath>
#include <cstring>

#include "ops/common/shape_util.h"

namespace openacl {
namespace {

void Coefficients(const std::string& op, double c[3]) {
  if (op == "HannWindow") {
    c[0] = 0.5, c[1] = 0.5, c[2] = 0;
  } else if (op == "HammingWindow") {
    c[0] = 25.0 / 46.0, c[1] = 1 - 25.0 / 46.0, c[2] = 0;
  } else {
    c[0] = 0.42, c[1] = 0.5, c[2] = 0.08;
  }
}

Status InferWindow(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  ASSIGN_OR_RETURN(std::vector<int64_t> size, ConstantInts(node, 0));
  if (size.size() != 1 || size[0] < 0)
    return InvalidParam(node.Describe() + ": size must be one non-negative value");
  int64_t dt = node.attrs.get_int("output_datatype", 1);
  if (!IsKnownDType(static_cast<int32_t>(dt)) || dt == static_cast<int64_t>(DType::kString))
    return Status(StatusCode::kUnsupportedDataType,
                  node.Describe() + ": output_datatype " + std::to_string(dt));
  SetOutput(node, 0, static_cast<DType>(dt), {size[0]});
  return Status::Ok();
}

class WindowKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    Coefficients(node.op_type, c_);
    periodic_ = node.attrs.get_int("periodic", 1) != 0;
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef& y = io.out(0);
    const int64_t size = y.numel();
    const double n = static_cast<double>(periodic_ ? size : size - 1);
    for (int64_t i = 0; i < size; ++i) {
      double a = n > 0 ? 2 * M_PI * static_cast<double>(i) / n : 0.0;
      WriteFromDouble(y.data, y.dtype, i, c_[0] - c_[1] * std::cos(a) + c_[2] * std::cos(2 * a));
    }
    return Status::Ok();
  }

 private:
  double c_[3] = {0, 0, 0};
  bool periodic_ = true;
};

}  // namespace

void RegisterCosineWindow(OpRegistry& registry, const char* name) {
  OpSchema s;
  s.name = name;
  s.min_opset = 17;
  s.infer = InferWindow;
  s.reference = [] { return std::unique_ptr<Kernel>(new WindowKernel()); };
  s.types = {DType::kFloat32, DType::kFloat64, DType::kFloat16, DType::kBFloat16,
             DType::kInt32,   DType::kInt64,   DType::kUInt8};
  registry.Register(std::move(s));
}

}  // namespace openacl
