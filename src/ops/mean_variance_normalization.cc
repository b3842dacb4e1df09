// MeanVarianceNormalization: y = (x - mean) / (sqrt(var) + 1e-9), with mean and variance
// (E[x^2] - E[x]^2, as the ONNX function body) over `axes` (default [0, 2, 3]).
#include "ops/common/reduce_util.h"

namespace openacl {
namespace {

Result<std::vector<bool>> MvnAxes(const Node& node) {
  int64_t rank = static_cast<int64_t>(node.inputs[0]->shape.size());
  std::vector<bool> reduced(rank, false);
  for (int64_t a : node.attrs.get_ints("axes", {0, 2, 3})) {
    ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(a, rank, node));
    reduced[axis] = true;
  }
  return reduced;
}

Status InferMvn(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  RETURN_IF_ERROR(CheckSchemaType(node, 0));
  auto axes = MvnAxes(node);
  if (!axes.ok()) return axes.status();
  SetOutput(node, 0, node.inputs[0]->dtype, node.inputs[0]->shape);
  return Status::Ok();
}

class MvnKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(reduced_, MvnAxes(node));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &x = io.in(0), &y = io.out(0);
    ReduceLayout L = MakeReduceLayout(*x.shape, reduced_);
#pragma omp parallel for if (L.n_out > 8)
    for (int64_t o = 0; o < L.n_out; ++o) {
      int64_t base = BoxOffset(L.kept_sizes, L.kept_strides, o);
      double sum = 0, sum_sq = 0;
      for (int64_t r = 0; r < L.n_red; ++r) {
        double v = ReadAsDouble(x.data, x.dtype, base + BoxOffset(L.red_sizes, L.red_strides, r));
        sum += v;
        sum_sq += v * v;
      }
      double mean = sum / static_cast<double>(L.n_red);
      double var = std::max(0.0, sum_sq / static_cast<double>(L.n_red) - mean * mean);
      double denom = std::sqrt(var) + 1e-9;
      for (int64_t r = 0; r < L.n_red; ++r) {
        int64_t at = base + BoxOffset(L.red_sizes, L.red_strides, r);
        WriteFromDouble(y.data, y.dtype, at, (ReadAsDouble(x.data, x.dtype, at) - mean) / denom);
      }
    }
    return Status::Ok();
  }

 private:
  std::vector<bool> reduced_;
};

}  // namespace

void RegisterOp_MeanVarianceNormalization(OpRegistry& registry) {
  OpSchema s;
  s.name = "MeanVarianceNormalization";
  s.min_opset = 9;
  s.infer = InferMvn;
  s.reference = [] { return std::unique_ptr<Kernel>(new MvnKernel()); };
  s.types = FloatTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
