// Clip: y = min(max(x, lo), hi). Before opset 11 the bounds are float attributes min/max; from
// opset 11 they are optional scalar inputs 1 and 2 (read at run time). Missing = unbounded.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

Status InferClip(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  RETURN_IF_ERROR(CheckSchemaType(node, 0));
  RETURN_IF_ERROR(CheckSameTypes(node, node.inputs.size()));
  for (size_t i = 1; i < node.inputs.size(); ++i) {
    const Value* b = node.inputs[i];
    if (b && b->has_shape && NumElements(b->shape) != 1)
      return Status(StatusCode::kShapeInvalid, node.Describe() + ": bound input " +
                                                   std::to_string(i) + " must be a scalar, got " +
                                                   ShapeToString(b->shape));
  }
  SetOutput(node, 0, node.inputs[0]->dtype, node.inputs[0]->shape);
  return Status::Ok();
}

class ClipKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    bounds_from_attrs_ = node.opset < 11;
    attr_min_ = node.attrs.get_float("min", -std::numeric_limits<float>::max());
    attr_max_ = node.attrs.get_float("max", std::numeric_limits<float>::max());
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &x = io.in(0), &y = io.out(0);
    bool ok = DispatchMath<true, true, false>(x.dtype, [&](auto tag) {
      using T = decltype(tag);
      T lo = std::numeric_limits<T>::lowest(), hi = std::numeric_limits<T>::max();
      if (bounds_from_attrs_) {
        lo = static_cast<T>(attr_min_);
        hi = static_cast<T>(attr_max_);
      } else {
        if (io.has_input(1)) lo = LoadAs<T>(io.in(1).data, io.in(1).dtype, 0);
        if (io.has_input(2)) hi = LoadAs<T>(io.in(2).data, io.in(2).dtype, 0);
      }
      for (int64_t i = 0; i < x.numel(); ++i) {
        T v = LoadAs<T>(x.data, x.dtype, i);
        v = v < lo ? lo : v;
        v = v > hi ? hi : v;
        StoreAs<T>(y.data, y.dtype, i, v);
      }
    });
    if (!ok) return Status(StatusCode::kUnsupportedDataType, "Clip: unsupported type");
    return Status::Ok();
  }

 private:
  bool bounds_from_attrs_ = false;
  float attr_min_ = 0, attr_max_ = 0;
};

}  // namespace

void RegisterOp_Clip(OpRegistry& registry) {
  OpSchema s;
  s.name = "Clip";
  s.min_opset = 6;
  s.min_inputs = 1;
  s.max_inputs = 3;
  s.infer = InferClip;
  s.reference = [] { return std::unique_ptr<Kernel>(new ClipKernel()); };
  s.types = NumericTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
