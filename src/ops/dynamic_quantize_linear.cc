// DynamicQuantizeLinear (opset 11): uint8 quantization of a float32 tensor with scale and zero
// point computed from its range (which always includes 0).
#include <algorithm>
#include <cmath>

#include "ops/common/quant_util.h"
#include "ops/common/shape_util.h"

namespace openacl {
namespace {

Status InferDynamicQuantize(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  if (node.input(0)->dtype != DType::kFloat32)
    return Status(StatusCode::kUnsupportedDataType,
                  node.Describe() + ": x must be float32, got " + DTypeName(node.input(0)->dtype));
  SetOutput(node, 0, DType::kUInt8, node.input(0)->shape);
  SetOutput(node, 1, DType::kFloat32, {});
  SetOutput(node, 2, DType::kUInt8, {});
  return Status::Ok();
}

class DynamicQuantizeKernel : public Kernel {
 public:
  Status Run(const KernelIO& io) const override {
    const TensorRef& x = io.in(0);
    const float* xd = x.as<float>();
    float lo = 0, hi = 0;
    for (int64_t i = 0; i < x.numel(); ++i) {
      lo = std::min(lo, xd[i]);
      hi = std::max(hi, xd[i]);
    }
    float scale = (hi - lo) / 255.0f;
    float zp =
        scale == 0 ? 0.0f : static_cast<float>(SaturateRound(0.0f - lo / scale, DType::kUInt8));
    uint8_t* y = io.out(0).as<uint8_t>();
    for (int64_t i = 0; i < x.numel(); ++i)
      y[i] = static_cast<uint8_t>(
          SaturateRound(scale == 0 ? zp : std::nearbyint(xd[i] / scale) + zp, DType::kUInt8));
    if (io.has_output(1)) *io.out(1).as<float>() = scale;
    if (io.has_output(2)) *io.out(2).as<uint8_t>() = static_cast<uint8_t>(zp);
    return Status::Ok();
  }
};

}  // namespace

void RegisterOp_DynamicQuantizeLinear(OpRegistry& registry) {
  OpSchema s;
  s.name = "DynamicQuantizeLinear";
  s.min_opset = 11;
  s.max_outputs = 3;
  s.min_outputs = 1;
  s.infer = InferDynamicQuantize;
  s.reference = [] { return std::unique_ptr<Kernel>(new DynamicQuantizeKernel()); };
  s.types = {DType::kFloat32};
  registry.Register(std::move(s));
}

}  // namespace openacl
