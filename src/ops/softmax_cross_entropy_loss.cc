// SoftmaxCrossEntropyLoss (opset 12/13): log_prob = LogSoftmax(scores, axis=1), then the
// NegativeLogLikelihoodLoss of log_prob (optional second output: log_prob).
#include <cmath>

#include "ops/common/loss_util.h"
#include "ops/common/shape_util.h"

namespace openacl {
namespace {

Status InferSce(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  ASSIGN_OR_RETURN(NllAttrs attrs, ReadNllAttrs(node));
  RETURN_IF_ERROR(InferNllOutput(node, attrs, node.input(0), node.input(1)));
  SetOutput(node, 1, node.input(0)->dtype, node.input(0)->shape);
  return Status::Ok();
}

class SceKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(attrs_, ReadNllAttrs(node));
    who_ = node.Describe();
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef& x = io.in(0);
    const Shape& shape = *x.shape;
    const int64_t n = shape[0], c = shape[1];
    int64_t d = 1;
    for (size_t k = 2; k < shape.size(); ++k) d *= shape[k];
    std::vector<double> logp(static_cast<size_t>(x.numel()));
    for (int64_t i = 0; i < n; ++i) {
      for (int64_t j = 0; j < d; ++j) {
        double mx = -INFINITY;
        for (int64_t k = 0; k < c; ++k)
          mx = std::max(mx, ReadAsDouble(x.data, x.dtype, (i * c + k) * d + j));
        double sum = 0;
        for (int64_t k = 0; k < c; ++k)
          sum += std::exp(ReadAsDouble(x.data, x.dtype, (i * c + k) * d + j) - mx);
        double lse = mx + std::log(sum);
        for (int64_t k = 0; k < c; ++k) {
          int64_t at = (i * c + k) * d + j;
          logp[at] = ReadAsDouble(x.data, x.dtype, at) - lse;
        }
      }
    }
    if (io.has_output(1))
      for (size_t i = 0; i < logp.size(); ++i)
        WriteFromDouble(io.out(1).data, io.out(1).dtype, static_cast<int64_t>(i), logp[i]);
    return ComputeNll(logp, shape, io.in(1), io.has_input(2) ? &io.in(2) : nullptr, attrs_,
                      io.out(0), who_);
  }

 private:
  NllAttrs attrs_;
  std::string who_;
};

}  // namespace

void RegisterOp_SoftmaxCrossEntropyLoss(OpRegistry& registry) {
  OpSchema s;
  s.name = "SoftmaxCrossEntropyLoss";
  s.min_opset = 12;
  s.min_inputs = 2;
  s.max_inputs = 3;
  s.max_outputs = 2;
  s.infer = InferSce;
  s.reference = [] { return std::unique_ptr<Kernel>(new SceKernel()); };
  s.types = {DType::kFloat32, DType::kFloat64, DType::kFloat16, DType::kBFloat16};
  registry.Register(std::move(s));
}

}  // namespace openacl
