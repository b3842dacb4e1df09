// NegativeLogLikelihoodLoss (opset 12/13): loss[n, d] = -input[n, target[n, d], d] * weight[t],
// with ignore_index and none/sum/mean (weighted mean) reduction.
#include "ops/common/loss_util.h"
#include "ops/common/shape_util.h"

namespace openacl {
namespace {

Status InferNll(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  ASSIGN_OR_RETURN(NllAttrs attrs, ReadNllAttrs(node));
  return InferNllOutput(node, attrs, node.input(0), node.input(1));
}

class NllKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(attrs_, ReadNllAttrs(node));
    who_ = node.Describe();
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef& x = io.in(0);
    std::vector<double> logp(static_cast<size_t>(x.numel()));
    for (size_t i = 0; i < logp.size(); ++i) logp[i] = ReadAsDouble(x.data, x.dtype, i);
    return ComputeNll(logp, *x.shape, io.in(1), io.has_input(2) ? &io.in(2) : nullptr, attrs_,
                      io.out(0), who_);
  }

 private:
  NllAttrs attrs_;
  std::string who_;
};

}  // namespace

void RegisterOp_NegativeLogLikelihoodLoss(OpRegistry& registry) {
  OpSchema s;
  s.name = "NegativeLogLikelihoodLoss";
  s.min_opset = 12;
  s.min_inputs = 2;
  s.max_inputs = 3;
  s.infer = InferNll;
  s.reference = [] { return std::unique_ptr<Kernel>(new NllKernel()); };
  s.types = {DType::kFloat32, DType::kFloat64, DType::kFloat16, DType::kBFloat16};
  registry.Register(std::move(s));
}

}  // namespace openacl
