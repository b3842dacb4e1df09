// Where: out = condition ? X : Y, three-way numpy broadcasting; X and Y share any type.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

Status InferWhere(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 3));
  const Value *c = node.inputs[0], *x = node.inputs[1], *y = node.inputs[2];
  if (c->dtype != DType::kBool)
    return Status(StatusCode::kUnsupportedDataType,
                  node.Describe() + ": condition must be bool, got " + DTypeName(c->dtype));
  if (x->dtype != y->dtype)
    return Status(StatusCode::kUnsupportedDataType, node.Describe() + ": X and Y types differ (" +
                                                        DTypeName(x->dtype) + " vs " +
                                                        DTypeName(y->dtype) + ")");
  auto xy = BroadcastShapes(x->shape, y->shape);
  if (!xy.ok()) return xy.status().WithContext(node.Describe());
  auto out = BroadcastShapes(c->shape, xy.value());
  if (!out.ok()) return out.status().WithContext(node.Describe());
  SetOutput(node, 0, x->dtype, out.value());
  return Status::Ok();
}

class WhereKernel : public Kernel {
 public:
  Status Run(const KernelIO& io) const override {
    const TensorRef &c = io.in(0), &x = io.in(1), &y = io.in(2), &out = io.out(0);
    size_t es = DTypeSize(out.dtype);
    const bool* cond = c.as<const bool>();
    const char* px = x.as<const char>();
    const char* py = y.as<const char>();
    char* po = out.as<char>();
    ForEachBroadcast3(*c.shape, *x.shape, *y.shape, *out.shape,
                      [&](int64_t i, int64_t ic, int64_t ix, int64_t iy) {
                        std::memcpy(po + i * es, cond[ic] ? px + ix * es : py + iy * es, es);
                      });
    return Status::Ok();
  }
};

}  // namespace

void RegisterOp_Where(OpRegistry& registry) {
  OpSchema s;
  s.name = "Where";
  s.min_opset = 9;
  s.min_inputs = s.max_inputs = 3;
  s.infer = InferWhere;
  s.reference = [] { return std::unique_ptr<Kernel>(new WhereKernel()); };
  s.types = Concat(NumericTypes(), {DType::kBool});
  registry.Register(std::move(s));
}

}  // namespace openacl
