// DepthToSpace (opset 1+; mode DCR/CRD since 11): [N, C, H, W] -> [N, C/b^2, H*b, W*b].
#include "base/checked_math.h"
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Status InferDepthToSpace(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  const Value* x = node.input(0);
  RETURN_IF_ERROR(CheckFixedSize(node, x->dtype));
  int64_t b = node.attrs.get_int("blocksize", 0);
  std::string mode = node.attrs.get_string("mode", "DCR");
  if (mode != "DCR" && mode != "CRD")
    return Status(StatusCode::kOpAttrNotMatch, node.Describe() + ": unknown mode '" + mode + "'");
  const Shape& s = x->shape;
  if (s.size() != 4 || b <= 0 || (s[1] >= 0 && s[1] % SatMulDim(b, b) != 0))
    return Status(StatusCode::kShapeInvalid,
                  node.Describe() +
                      ": needs a 4-D input with channels divisible by blocksize^2 "
                      "(input " +
                      ShapeToString(s) + ", blocksize " + std::to_string(b) + ")");
  SetOutput(node, 0, x->dtype,
            {s[0], s[1] < 0 ? -1 : s[1] / SatMulDim(b, b), MulDims(s[2], b), MulDims(s[3], b)});
  return Status::Ok();
}

class DepthToSpaceKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    const Shape& s = node.input(0)->shape;
    int64_t b = node.attrs.get_int("blocksize", 0);
    int64_t n = s[0], c = s[1] / SatMulDim(b, b), h = s[2], w = s[3];
    // Output viewed as [n, c, h, b1, w, b2]; the input viewed per mode.
    if (node.attrs.get_string("mode", "DCR") == "DCR") {  // input [n, b1, b2, c, h, w]
      std::vector<int64_t> st = Strides({n, b, b, c, h, w});
      view_.strides = {st[0], st[3], st[4], st[1], st[5], st[2]};
    } else {  // CRD: input [n, c, b1, b2, h, w]
      std::vector<int64_t> st = Strides({n, c, b, b, h, w});
      view_.strides = {st[0], st[1], st[4], st[2], st[5], st[3]};
    }
    view_.shape = {n, c, h, b, w, b};
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

void RegisterOp_DepthToSpace(OpRegistry& registry) {
  OpSchema s;
  s.name = "DepthToSpace";
  s.min_opset = 1;
  s.infer = InferDepthToSpace;
  s.reference = [] { return std::unique_ptr<Kernel>(new DepthToSpaceKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
