// BatchNormalization, inference mode only: y = scale * (x - mean) / sqrt(var + epsilon) + B per
// channel. training_mode=1 (opset 14+) or requesting the training outputs (running mean/var,
// saved stats) is rejected. Opset 7's spatial=0 (per-element parameters of shape C x D1 x ...)
// is supported.
#include "ops/common/channel_norm_util.h"

namespace openacl {
namespace {

Status CheckInferenceMode(const Node& node) {
  if (node.attrs.get_int("training_mode", 0) != 0)
    return Status(StatusCode::kFeatureUnsupported,
                  node.Describe() + ": training_mode=1 is not supported (inference only)");
  for (size_t i = 1; i < node.outputs.size(); ++i)
    if (node.outputs[i] && !node.outputs[i]->name.empty())
      return Status(StatusCode::kFeatureUnsupported,
                    node.Describe() + ": training outputs (output " + std::to_string(i) +
                        ") are not supported (inference only)");
  return Status::Ok();
}

Status InferBatchNorm(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 5));
  RETURN_IF_ERROR(CheckSchemaType(node, 0));
  RETURN_IF_ERROR(CheckInferenceMode(node));
  const Shape& x = node.inputs[0]->shape;
  bool per_element = node.opset < 9 && node.attrs.get_int("spatial", 1) == 0;
  int64_t expected = x.size() >= 2 ? x[1] : -1;
  if (per_element && x.size() >= 2) expected = NumElements(Shape(x.begin() + 1, x.end()));
  RETURN_IF_ERROR(CheckChannelParams(node, 5, expected, per_element ? "C x D1 x ..." : "C"));
  SetOutput(node, 0, node.inputs[0]->dtype, x);
  return Status::Ok();
}

class BatchNormKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    RETURN_IF_ERROR(CheckInferenceMode(node));
    epsilon_ = node.attrs.get_float("epsilon", 1e-5f);
    per_element_ = node.opset < 9 && node.attrs.get_int("spatial", 1) == 0;
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef& x = io.in(0);
    int64_t n = x.dim(0), c = x.dim(1), spatial = n * c == 0 ? 0 : x.numel() / (n * c);
    auto param = [&](int i, int64_t at) { return ReadAsDouble(io.in(i).data, io.in(i).dtype, at); };
#pragma omp parallel for if (n * c > 8)
    for (int64_t nc = 0; nc < n * c; ++nc) {
      int64_t ch = nc % c, base = nc * spatial;
      for (int64_t i = 0; i < spatial; ++i) {
        int64_t p = per_element_ ? ch * spatial + i : ch;
        double k = param(1, p) / std::sqrt(param(4, p) + epsilon_);
        double v = (ReadAsDouble(x.data, x.dtype, base + i) - param(3, p)) * k + param(2, p);
        WriteFromDouble(io.out(0).data, io.out(0).dtype, base + i, v);
      }
    }
    return Status::Ok();
  }

 private:
  float epsilon_ = 1e-5f;
  bool per_element_ = false;
};

}  // namespace

void RegisterOp_BatchNormalization(OpRegistry& registry) {
  OpSchema s;
  s.name = "BatchNormalization";
  s.min_opset = 7;
  s.min_inputs = s.max_inputs = 5;
  s.min_outputs = 1;
  s.max_outputs = 5;
  s.infer = InferBatchNorm;
  s.reference = [] { return std::unique_ptr<Kernel>(new BatchNormKernel()); };
  s.types = FloatTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
