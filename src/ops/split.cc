// Split (opset 2+): splits along `axis` into the node's outputs. Sizes come from the `split`
// attribute (before 13) or constant input 1 (13+); otherwise equal parts. Opset 18 adds
// num_outputs, where the last part may be smaller.
#include <limits>

#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Status InferSplit(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  const Value* x = node.input(0);
  RETURN_IF_ERROR(CheckFixedSize(node, x->dtype));
  int64_t rank = static_cast<int64_t>(x->shape.size());
  ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(node.attrs.get_int("axis", 0), rank, node));
  if (rank == 0)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": cannot split a scalar");
  int64_t dim = x->shape[axis];
  int64_t n = static_cast<int64_t>(node.outputs.size());
  ASSIGN_OR_RETURN(auto split, IntsAttrOrInput(node, "split", 1, 13));
  std::vector<int64_t> sizes;
  if (split && split->empty() && node.opset >= 13) split.reset();  // empty input = omitted
  if (split) {
    sizes = *split;
    if (static_cast<int64_t>(sizes.size()) != n)
      return Status(StatusCode::kShapeInvalid, node.Describe() + ": split " + ShapeToString(sizes) +
                                                   " has " + std::to_string(sizes.size()) +
                                                   " parts but the node has " + std::to_string(n) +
                                                   " outputs");
    int64_t total = 0;
    for (int64_t s : sizes) {
      if (s < 0)
        return Status(StatusCode::kShapeInvalid,
                      node.Describe() + ": negative size in split " + ShapeToString(sizes));
      total += s;
    }
    if (dim >= 0 && total != dim)
      return Status(StatusCode::kShapeInvalid, node.Describe() + ": split " + ShapeToString(sizes) +
                                                   " sums to " + std::to_string(total) +
                                                   " but axis " + std::to_string(axis) +
                                                   " has size " + std::to_string(dim));
  } else {
    if (node.opset >= 18) {
      int64_t num = node.attrs.get_int("num_outputs", 0);
      if (num <= 0 || num != n)
        return Status(StatusCode::kShapeInvalid,
                      node.Describe() +
                          ": needs 'split' or num_outputs equal to the output count " +
                          std::to_string(n) + " (num_outputs " + std::to_string(num) + ")");
    }
    if (n <= 0) return Status(StatusCode::kParseModel, node.Describe() + ": no outputs");
    if (dim < 0) {
      sizes.assign(n, -1);
    } else if (node.opset >= 18) {
      int64_t chunk = (dim + n - 1) / n;
      for (int64_t i = 0; i < n; ++i)
        sizes.push_back(std::max<int64_t>(0, std::min(chunk, dim - i * chunk)));
    } else if (dim % n != 0) {
      return Status(StatusCode::kShapeInvalid, node.Describe() + ": axis size " +
                                                   std::to_string(dim) + " is not divisible into " +
                                                   std::to_string(n) + " equal parts");
    } else {
      sizes.assign(n, dim / n);
    }
  }
  for (int64_t i = 0; i < n; ++i) {
    Shape s = x->shape;
    s[axis] = sizes[i];
    SetOutput(node, i, x->dtype, s);
  }
  return Status::Ok();
}

class SplitKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(axis_, NormalizeAxis(node.attrs.get_int("axis", 0),
                                          static_cast<int64_t>(node.input(0)->shape.size()), node));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef& in = io.in(0);
    size_t es = DTypeSize(in.dtype);
    size_t a = static_cast<size_t>(axis_);
    int64_t outer = DimProduct(*in.shape, 0, a);
    int64_t inner = DimProduct(*in.shape, a + 1, in.rank());
    size_t in_row = static_cast<size_t>(in.dim(a) * inner) * es;
    const uint8_t* src = static_cast<const uint8_t*>(in.data);
    size_t col = 0;
    for (size_t i = 0; i < io.num_outputs; ++i) {
      const TensorRef& out = io.out(i);
      if (!out.present()) continue;  // sizes are on the output shapes; omitted ones skip
      size_t row = static_cast<size_t>(out.dim(a) * inner) * es;
      uint8_t* dst = static_cast<uint8_t*>(out.data);
      for (int64_t o = 0; o < outer && row > 0; ++o)
        std::memcpy(dst + o * row, src + o * in_row + col, row);
      col += row;
    }
    return Status::Ok();
  }

 private:
  int64_t axis_ = 0;
};

}  // namespace

void RegisterOp_Split(OpRegistry& registry) {
  OpSchema s;
  s.name = "Split";
  s.min_opset = 2;
  s.max_inputs = 2;
  s.max_outputs = std::numeric_limits<int>::max();
  s.infer = InferSplit;
  s.reference = [] { return std::unique_ptr<Kernel>(new SplitKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
