// InstanceNormalization: per (n, c), y = scale[c] * (x - mean) / sqrt(var + epsilon) + B[c],
// with mean and variance over the spatial dims.
#include "ops/common/channel_norm_util.h"

namespace openacl {
namespace {

Status InferInstanceNorm(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 3));
  RETURN_IF_ERROR(CheckSchemaType(node, 0));
  RETURN_IF_ERROR(CheckSameTypes(node, 3));
  RETURN_IF_ERROR(CheckChannelParams(
      node, 3, node.inputs[0]->shape.size() >= 2 ? node.inputs[0]->shape[1] : -1, "C"));
  SetOutput(node, 0, node.inputs[0]->dtype, node.inputs[0]->shape);
  return Status::Ok();
}

class InstanceNormKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    epsilon_ = node.attrs.get_float("epsilon", 1e-5f);
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &x = io.in(0), &scale = io.in(1), &bias = io.in(2), &y = io.out(0);
    int64_t n = x.dim(0), c = x.dim(1), spatial = n * c == 0 ? 0 : x.numel() / (n * c);
#pragma omp parallel for if (n * c > 8)
    for (int64_t nc = 0; nc < n * c; ++nc) {
      int64_t ch = nc % c, base = nc * spatial;
      double mean = 0, var = 0;
      for (int64_t i = 0; i < spatial; ++i) mean += ReadAsDouble(x.data, x.dtype, base + i);
      mean /= static_cast<double>(spatial);
      for (int64_t i = 0; i < spatial; ++i) {
        double d = ReadAsDouble(x.data, x.dtype, base + i) - mean;
        var += d * d;
      }
      var /= static_cast<double>(spatial);
      double k = ReadAsDouble(scale.data, scale.dtype, ch) / std::sqrt(var + epsilon_);
      double b = ReadAsDouble(bias.data, bias.dtype, ch);
      for (int64_t i = 0; i < spatial; ++i)
        WriteFromDouble(y.data, y.dtype, base + i,
                        (ReadAsDouble(x.data, x.dtype, base + i) - mean) * k + b);
    }
    return Status::Ok();
  }

 private:
  float epsilon_ = 1e-5f;
};

}  // namespace

void RegisterOp_InstanceNormalization(OpRegistry& registry) {
  OpSchema s;
  s.name = "InstanceNormalization";
  s.min_opset = 6;
  s.min_inputs = s.max_inputs = 3;
  s.infer = InferInstanceNorm;
  s.reference = [] { return std::unique_ptr<Kernel>(new InstanceNormKernel()); };
  s.types = FloatTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
