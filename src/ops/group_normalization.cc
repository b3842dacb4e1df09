// GroupNormalization (opset 18): channels are split into num_groups groups; each (n, group) is
// normalized over its channels and spatial dims, then y = scale * norm + bias. Opset 18 gives
// scale/bias one value per group; per-channel parameters (C values, as in opset 21) are also
// accepted.
#include "ops/common/channel_norm_util.h"

namespace openacl {
namespace {

Status InferGroupNorm(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 3));
  RETURN_IF_ERROR(CheckSchemaType(node, 0));
  RETURN_IF_ERROR(CheckSameTypes(node, 3));
  const Shape& x = node.inputs[0]->shape;
  int64_t groups = node.attrs.get_int("num_groups", 0);
  if (x.size() < 2)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": input must have rank >= 2");
  if (groups <= 0 || (x[1] >= 0 && x[1] % groups != 0))
    return Status(StatusCode::kOpAttrNotMatch,
                  node.Describe() + ": num_groups=" + std::to_string(groups) +
                      " must be positive and divide the channel count " + std::to_string(x[1]));
  for (size_t i = 1; i < 3; ++i) {
    int64_t got = NumElements(node.inputs[i]->shape);
    if (got != groups && got != x[1])
      return Status(StatusCode::kShapeInvalid, node.Describe() + ": input " + std::to_string(i) +
                                                   " has " + std::to_string(got) +
                                                   " elements, expected num_groups or C");
  }
  SetOutput(node, 0, node.inputs[0]->dtype, x);
  return Status::Ok();
}

class GroupNormKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    epsilon_ = node.attrs.get_float("epsilon", 1e-5f);
    groups_ = node.attrs.get_int("num_groups", 0);
    if (groups_ <= 0)
      return Status(StatusCode::kOpAttrNotMatch, node.Describe() + ": num_groups must be > 0");
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &x = io.in(0), &scale = io.in(1), &bias = io.in(2), &y = io.out(0);
    int64_t n = x.dim(0), c = x.dim(1), spatial = n * c == 0 ? 0 : x.numel() / (n * c);
    int64_t per_group = c / groups_, len = per_group * spatial;
    bool per_channel = scale.numel() == c && c != groups_;
#pragma omp parallel for if (n * groups_ > 8)
    for (int64_t ng = 0; ng < n * groups_; ++ng) {
      int64_t g = ng % groups_, base = ng * len;
      double mean = 0, var = 0;
      for (int64_t i = 0; i < len; ++i) mean += ReadAsDouble(x.data, x.dtype, base + i);
      mean /= static_cast<double>(len);
      for (int64_t i = 0; i < len; ++i) {
        double d = ReadAsDouble(x.data, x.dtype, base + i) - mean;
        var += d * d;
      }
      double inv = 1.0 / std::sqrt(var / static_cast<double>(len) + epsilon_);
      for (int64_t i = 0; i < len; ++i) {
        int64_t p = per_channel ? g * per_group + i / spatial : g;
        double v = (ReadAsDouble(x.data, x.dtype, base + i) - mean) * inv;
        v = v * ReadAsDouble(scale.data, scale.dtype, p) + ReadAsDouble(bias.data, bias.dtype, p);
        WriteFromDouble(y.data, y.dtype, base + i, v);
      }
    }
    return Status::Ok();
  }

 private:
  float epsilon_ = 1e-5f;
  int64_t groups_ = 0;
};

}  // namespace

void RegisterOp_GroupNormalization(OpRegistry& registry) {
  OpSchema s;
  s.name = "GroupNormalization";
  s.min_opset = 18;
  s.min_inputs = s.max_inputs = 3;
  s.infer = InferGroupNorm;
  s.reference = [] { return std::unique_ptr<Kernel>(new GroupNormKernel()); };
  s.types = FloatTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
