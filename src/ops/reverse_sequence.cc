// ReverseSequence (opset 10+): for each batch b, reverses the first sequence_lens[b] steps along
// time_axis; batch_axis and time_axis are 0 and 1 in either order.
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Status InferReverseSequence(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  const Value *x = node.input(0), *lens = node.input(1);
  RETURN_IF_ERROR(CheckFixedSize(node, x->dtype));
  int64_t batch_axis = node.attrs.get_int("batch_axis", 1);
  int64_t time_axis = node.attrs.get_int("time_axis", 0);
  if (x->shape.size() < 2 ||
      !((batch_axis == 0 && time_axis == 1) || (batch_axis == 1 && time_axis == 0)))
    return Status(StatusCode::kShapeInvalid,
                  node.Describe() + ": needs rank >= 2 and batch_axis/time_axis 0 and 1 (input " +
                      ShapeToString(x->shape) + ")");
  if (lens->shape.size() != 1 ||
      (lens->shape[0] >= 0 && x->shape[batch_axis] >= 0 && lens->shape[0] != x->shape[batch_axis]))
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": sequence_lens " +
                                                 ShapeToString(lens->shape) +
                                                 " must have one entry per batch");
  SetOutput(node, 0, x->dtype, x->shape);
  return Status::Ok();
}

class ReverseSequenceKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    describe_ = node.Describe();
    batch_axis_ = node.attrs.get_int("batch_axis", 1);
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &x = io.in(0), &lens = io.in(1);
    size_t es = DTypeSize(x.dtype);
    int64_t time_axis = 1 - batch_axis_;
    int64_t batch = x.dim(batch_axis_), steps = x.dim(time_axis);
    size_t inner = static_cast<size_t>(DimProduct(*x.shape, 2, x.rank())) * es;
    // Byte offset of (t, b): dim 0 has stride dim1 * inner, dim 1 has stride inner.
    size_t s0 = static_cast<size_t>(x.dim(1)) * inner;
    size_t tstride = time_axis == 0 ? s0 : inner, bstride = time_axis == 0 ? inner : s0;
    const uint8_t* src = static_cast<const uint8_t*>(x.data);
    uint8_t* dst = static_cast<uint8_t*>(io.out(0).data);
    for (int64_t b = 0; b < batch; ++b) {
      int64_t len = ReadAsInt64(lens.data, lens.dtype, b);
      if (len < 0 || len > steps)
        return Status(StatusCode::kInvalidParam, describe_ + ": sequence length " +
                                                     std::to_string(len) + " outside [0, " +
                                                     std::to_string(steps) + "]");
      for (int64_t t = 0; t < steps; ++t) {
        int64_t from = t < len ? len - 1 - t : t;
        std::memcpy(dst + t * tstride + b * bstride, src + from * tstride + b * bstride, inner);
      }
    }
    return Status::Ok();
  }

 private:
  std::string describe_;
  int64_t batch_axis_ = 1;
};

}  // namespace

void RegisterOp_ReverseSequence(OpRegistry& registry) {
  OpSchema s;
  s.name = "ReverseSequence";
  s.min_opset = 10;
  s.min_inputs = s.max_inputs = 2;
  s.infer = InferReverseSequence;
  s.reference = [] { return std::unique_ptr<Kernel>(new ReverseSequenceKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
