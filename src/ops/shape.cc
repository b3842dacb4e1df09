// Shape (opset 1+; start/end since 15): the input's dims [start, end) as a 1-D int64 tensor.
#include <algorithm>

#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

void Range(const Node& node, int64_t rank, int64_t* start, int64_t* end) {
  int64_t s = node.opset >= 15 ? node.attrs.get_int("start", 0) : 0;
  int64_t e = node.opset >= 15 ? node.attrs.get_int("end", rank) : rank;
  if (s < 0) s += rank;
  if (e < 0) e += rank;
  *start = std::clamp<int64_t>(s, 0, rank);
  *end = std::clamp<int64_t>(e, 0, rank);
}

Status InferShape(Node& node) {
  if (!node.input(0) || !node.input(0)->has_shape)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": input rank is unknown");
  int64_t s, e;
  Range(node, static_cast<int64_t>(node.input(0)->shape.size()), &s, &e);
  SetOutput(node, 0, DType::kInt64, {std::max<int64_t>(0, e - s)});
  return Status::Ok();
}

class ShapeKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    Range(node, static_cast<int64_t>(node.input(0)->shape.size()), &start_, &end_);
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    int64_t* out = io.out(0).as<int64_t>();
    for (int64_t i = start_; i < end_; ++i) *out++ = io.in(0).dim(static_cast<size_t>(i));
    return Status::Ok();
  }

 private:
  int64_t start_ = 0, end_ = 0;
};

}  // namespace

void RegisterOp_Shape(OpRegistry& registry) {
  OpSchema s;
  s.name = "Shape";
  s.min_opset = 1;
  s.infer = InferShape;
  s.reference = [] { return std::unique_ptr<Kernel>(new ShapeKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
