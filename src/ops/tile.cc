// Tile (opset 6+): out dim i = in dim i * repeats[i] (repeats: constant int64 input).
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Status InferTile(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  const Value* x = node.input(0);
  RETURN_IF_ERROR(CheckFixedSize(node, x->dtype));
  ASSIGN_OR_RETURN(std::vector<int64_t> repeats, ConstantInts(node, 1));
  if (repeats.size() != x->shape.size())
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": repeats " +
                                                 ShapeToString(repeats) +
                                                 " must have one entry per "
                                                 "input dim " +
                                                 ShapeToString(x->shape));
  Shape out;
  for (size_t i = 0; i < repeats.size(); ++i) {
    if (repeats[i] < 0)
      return Status(StatusCode::kShapeInvalid,
                    node.Describe() + ": negative repeat in " + ShapeToString(repeats));
    out.push_back(MulDims(x->shape[i], repeats[i]));
  }
  SetOutput(node, 0, x->dtype, out);
  return Status::Ok();
}

// Output dim i of size r*d is viewed as [r, d]: stride 0 over the repeats, the input stride
// over d; that view read row-major is exactly the tiled output.
class TileKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    const Shape& in = node.input(0)->shape;
    const Shape& out = node.output(0)->shape;
    std::vector<int64_t> strides = Strides(in);
    for (size_t i = 0; i < in.size(); ++i) {
      view_.shape.push_back(in[i] == 0 ? 0 : out[i] / in[i]);
      view_.strides.push_back(0);
      view_.shape.push_back(in[i]);
      view_.strides.push_back(strides[i]);
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

void RegisterOp_Tile(OpRegistry& registry) {
  OpSchema s;
  s.name = "Tile";
  s.min_opset = 6;
  s.min_inputs = s.max_inputs = 2;
  s.infer = InferTile;
  s.reference = [] { return std::unique_ptr<Kernel>(new TileKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
