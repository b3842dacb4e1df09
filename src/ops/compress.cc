// Compress: keeps the slices along `axis` (or the elements of the flattened input when `axis` is
// absent) whose entry in the bool condition is true. A condition shorter than the axis drops the
// slices past its end; entries past the axis length are ignored (as onnxruntime does).
// The kept count depends on the condition's values: exact when it is constant, else -1.
#include <algorithm>
#include <cstring>

#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

int64_t CountKept(const bool* cond, int64_t cond_len, int64_t axis_len) {
  int64_t valid = std::min(cond_len, axis_len), count = 0;
  for (int64_t i = 0; i < valid; ++i) count += cond[i] ? 1 : 0;
  return count;
}

Status InferCompress(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  const Value *x = node.inputs[0], *cond = node.inputs[1];
  RETURN_IF_ERROR(CheckFixedSize(node, x->dtype));
  if (cond->dtype != DType::kBool || cond->shape.size() != 1)
    return Status(StatusCode::kShapeInvalid,
                  node.Describe() + ": condition must be a 1-D bool tensor, got " +
                      DTypeName(cond->dtype) + " " + ShapeToString(cond->shape));
  ASSIGN_OR_RETURN(int64_t axis, OptionalAxis(node, x->shape.size()));
  int64_t count = -1;
  if (x->is_constant() && cond->is_constant()) {
    AxisGeometry g = GeometryAroundAxis(x->shape, axis);
    count = CountKept(cond->constant->data_as<bool>(), cond->shape[0], g.len);
  }
  Shape out = {count};
  if (axis >= 0) {
    out = x->shape;
    out[axis] = count;
  }
  SetOutput(node, 0, x->dtype, out);
  return Status::Ok();
}

class CompressKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    desc_ = node.Describe();
    ASSIGN_OR_RETURN(axis_, OptionalAxis(node, node.inputs[0]->shape.size()));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &x = io.in(0), &cond = io.in(1), &y = io.out(0);
    AxisGeometry g = GeometryAroundAxis(*x.shape, axis_);
    const bool* keep = cond.as<const bool>();
    int64_t valid = std::min(cond.numel(), g.len);
    int64_t count = CountKept(keep, cond.numel(), g.len);
    if (y.numel() != g.outer * count * g.inner)
      return Status(StatusCode::kShapeInvalid, desc_ + ": output shape " + ShapeToString(*y.shape) +
                                                   " does not match the " + std::to_string(count) +
                                                   " kept slices of the condition");
    size_t slice = static_cast<size_t>(g.inner) * DTypeSize(x.dtype);
    const uint8_t* src = x.as<const uint8_t>();
    uint8_t* dst = y.as<uint8_t>();
    for (int64_t o = 0; o < g.outer; ++o) {
      for (int64_t j = 0; j < valid; ++j) {
        if (!keep[j]) continue;
        std::memcpy(dst, src + (o * g.len + j) * slice, slice);
        dst += slice;
      }
    }
    return Status::Ok();
  }

 private:
  std::string desc_ = "Compress";
  int64_t axis_ = -1;  // -1: flattened
};

}  // namespace

void RegisterOp_Compress(OpRegistry& registry) {
  OpSchema s;
  s.name = "Compress";
  s.min_opset = 9;
  s.min_inputs = s.max_inputs = 2;
  s.infer = InferCompress;
  s.reference = [] { return std::unique_ptr<Kernel>(new CompressKernel()); };
  s.types = AllFixedSizeTypes();
  s.output_shape_from_values = true;
  registry.Register(std::move(s));
}

}  // namespace openacl
