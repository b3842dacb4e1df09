// Transpose (opset 1+): out dim i = in dim perm[i]; perm defaults to reversing the dims.
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Result<std::vector<int64_t>> Perm(const Node& node, size_t rank) {
  std::vector<int64_t> perm = node.attrs.get_ints("perm");
  if (!node.attrs.has("perm")) {
    for (size_t i = 0; i < rank; ++i) perm.push_back(static_cast<int64_t>(rank - 1 - i));
  }
  std::vector<bool> seen(rank, false);
  bool ok = perm.size() == rank;
  for (int64_t p : perm) {
    if (!ok) break;
    ok = p >= 0 && p < static_cast<int64_t>(rank) && !seen[p];
    if (ok) seen[p] = true;
  }
  if (!ok)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": perm " + ShapeToString(perm) +
                                                 " is not a permutation of rank " +
                                                 std::to_string(rank));
  return perm;
}

Status InferTranspose(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  const Value* x = node.input(0);
  RETURN_IF_ERROR(CheckFixedSize(node, x->dtype));
  ASSIGN_OR_RETURN(std::vector<int64_t> perm, Perm(node, x->shape.size()));
  Shape out;
  for (int64_t p : perm) out.push_back(x->shape[p]);
  SetOutput(node, 0, x->dtype, out);
  return Status::Ok();
}

class TransposeKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    const Value* x = node.input(0);
    ASSIGN_OR_RETURN(std::vector<int64_t> perm, Perm(node, x->shape.size()));
    std::vector<int64_t> in_strides = Strides(x->shape);
    for (int64_t p : perm) {
      view_.shape.push_back(x->shape[p]);
      view_.strides.push_back(in_strides[p]);
    }
    view_.Simplify();
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    CopyStrided(io.out(0).data, io.in(0).data, view_, DTypeSize(io.in(0).dtype));
    return Status::Ok();
  }

 private:
  StridedView view_;
};

}  // namespace

void RegisterOp_Transpose(OpRegistry& registry) {
  OpSchema s;
  s.name = "Transpose";
  s.min_opset = 1;
  s.infer = InferTranspose;
  s.reference = [] { return std::unique_ptr<Kernel>(new TransposeKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
