// Dropout (opset 7+) in inference: output = input, optional mask all true (type T before opset
// 10, bool from 10). From opset 12 ratio and training_mode are inputs; training with a non-zero
// ratio is random and not supported.
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

DType MaskType(const Node& node, DType data) { return node.opset < 10 ? data : DType::kBool; }

Status InferDropout(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  const Value* x = node.input(0);
  RETURN_IF_ERROR(CheckFixedSize(node, x->dtype));
  if (node.opset >= 12 && HasInput(node, 2) && node.input(2)->is_constant() &&
      node.input(2)->constant->GetAsInt64(0) != 0) {
    double ratio = 0.5;
    if (HasInput(node, 1)) {
      ASSIGN_OR_RETURN(std::vector<double> r, ConstantDoubles(node, 1));
      if (!r.empty()) ratio = r[0];
    }
    if (ratio != 0.0)
      return Status(StatusCode::kFeatureUnsupported,
                    node.Describe() +
                        ": training_mode=true with a non-zero ratio is random; "
                        "only inference is supported");
  }
  SetOutput(node, 0, x->dtype, x->shape);
  SetOutput(node, 1, MaskType(node, x->dtype), x->shape);
  return Status::Ok();
}

class DropoutKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    describe_ = node.Describe();
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    if (io.has_input(2) && ReadAsDouble(io.in(2).data, io.in(2).dtype, 0) != 0.0) {
      double ratio = io.has_input(1) ? ReadAsDouble(io.in(1).data, io.in(1).dtype, 0) : 0.5;
      if (ratio != 0.0)
        return Status(StatusCode::kFeatureUnsupported,
                      describe_ + ": training_mode=true at run time is not supported");
    }
    CopyUnlessAliased(io.in(0), io.out(0));
    if (io.has_output(1)) {
      const TensorRef& mask = io.out(1);
      for (int64_t i = 0; i < mask.numel(); ++i) WriteFromDouble(mask.data, mask.dtype, i, 1.0);
    }
    return Status::Ok();
  }

 private:
  std::string describe_;
};

}  // namespace

void RegisterOp_Dropout(OpRegistry& registry) {
  OpSchema s;
  s.name = "Dropout";
  s.min_opset = 7;
  s.max_inputs = 3;
  s.max_outputs = 2;
  s.infer = InferDropout;
  s.reference = [] { return std::unique_ptr<Kernel>(new DropoutKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
