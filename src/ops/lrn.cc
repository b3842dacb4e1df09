// LRN: local response normalization across channels:
// y = x / (bias + alpha / size * sum_{c' in window} x[c']^2) ^ beta, window
// [c - floor((size-1)/2), c + ceil((size-1)/2)] clipped to [0, C).
#include "ops/common/math_util.h"

namespace openacl {
namespace {

Status InferLrn(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  RETURN_IF_ERROR(CheckSchemaType(node, 0));
  if (node.inputs[0]->shape.size() < 2)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": input must have rank >= 2");
  if (node.attrs.get_int("size", 0) <= 0)
    return Status(StatusCode::kOpAttrNotMatch,
                  node.Describe() + ": attribute 'size' must be a positive integer");
  SetOutput(node, 0, node.inputs[0]->dtype, node.inputs[0]->shape);
  return Status::Ok();
}

class LrnKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    size_ = node.attrs.get_int("size", 0);
    if (size_ <= 0)
      return Status(StatusCode::kOpAttrNotMatch, node.Describe() + ": 'size' must be positive");
    alpha_ = node.attrs.get_float("alpha", 1e-4f);
    beta_ = node.attrs.get_float("beta", 0.75f);
    bias_ = node.attrs.get_float("bias", 1.0f);
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &x = io.in(0), &y = io.out(0);
    int64_t n = x.dim(0), c = x.dim(1), spatial = n * c == 0 ? 0 : x.numel() / (n * c);
    int64_t lo = (size_ - 1) / 2, hi = size_ - 1 - lo;
#pragma omp parallel for if (n * c > 8)
    for (int64_t nc = 0; nc < n * c; ++nc) {
      int64_t b = nc / c, ch = nc % c;
      for (int64_t i = 0; i < spatial; ++i) {
        double sq = 0;
        for (int64_t k = std::max<int64_t>(0, ch - lo); k <= std::min(c - 1, ch + hi); ++k) {
          double v = ReadAsDouble(x.data, x.dtype, (b * c + k) * spatial + i);
          sq += v * v;
        }
        int64_t at = nc * spatial + i;
        double denom = std::pow(bias_ + alpha_ / static_cast<double>(size_) * sq, beta_);
        WriteFromDouble(y.data, y.dtype, at, ReadAsDouble(x.data, x.dtype, at) / denom);
      }
    }
    return Status::Ok();
  }

 private:
  int64_t size_ = 0;
  double alpha_ = 1e-4, beta_ = 0.75, bias_ = 1.0;
};

}  // namespace

void RegisterOp_LRN(OpRegistry& registry) {
  OpSchema s;
  s.name = "LRN";
  s.min_opset = 1;
  s.infer = InferLrn;
  s.reference = [] { return std::unique_ptr<Kernel>(new LrnKernel()); };
  s.types = FloatTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
