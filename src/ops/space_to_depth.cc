// SpaceToDepth (opset 1+): [N, C, H, W] -> [N, C*b^2, H/b, W/b] (channel order b1, b2, c).
#include "base/checked_math.h"
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Status InferSpaceToDepth(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  const Value* x = node.input(0);
  RETURN_IF_ERROR(CheckFixedSize(node, x->dtype));
  int64_t b = node.attrs.get_int("blocksize", 0);
  const Shape& s = x->shape;
  if (s.size() != 4 || b <= 0 || (s[2] >= 0 && s[2] % b != 0) || (s[3] >= 0 && s[3] % b != 0))
    return Status(StatusCode::kShapeInvalid,
                  node.Describe() +
                      ": needs a 4-D input with H and W divisible by blocksize "
                      "(input " +
                      ShapeToString(s) + ", blocksize " + std::to_string(b) + ")");
  SetOutput(node, 0, x->dtype,
            {s[0], MulDims(s[1], SatMulDim(b, b)), s[2] < 0 ? -1 : s[2] / b, s[3] < 0 ? -1 : s[3] / b});
  return Status::Ok();
}

class SpaceToDepthKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    const Shape& s = node.input(0)->shape;
    int64_t b = node.attrs.get_int("blocksize", 0);
    int64_t n = s[0], c = s[1], h = s[2] / b, w = s[3] / b;
    // Input viewed as [n, c, h, b1, w, b2]; output order [n, b1, b2, c, h, w].
    std::vector<int64_t> st = Strides({n, c, h, b, w, b});
    view_.shape = {n, b, b, c, h, w};
    view_.strides = {st[0], st[3], st[5], st[1], st[2], st[4]};
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

void RegisterOp_SpaceToDepth(OpRegistry& registry) {
  OpSchema s;
  s.name = "SpaceToDepth";
  s.min_opset = 1;
  s.infer = InferSpaceToDepth;
  s.reference = [] { return std::unique_ptr<Kernel>(new SpaceToDepthKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
