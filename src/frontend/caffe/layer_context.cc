#include "frontend/caffe/layer_context.h"

#include <algorithm>

#include "ops/op_registry.h"

namespace openacl {
namespace caffe_frontend {

Status LayerContext::Fail(const std::string& message, StatusCode code) const {
  return Status(code, "layer '" + layer_.name() + "' (type " + layer_.type() + ", " + where_ +
                          "): " + message);
}

Status LayerContext::Expect(size_t min_bottoms, size_t max_bottoms, size_t min_tops,
                            size_t max_tops) const {
  auto range = [](size_t lo, size_t hi) {
    return lo == hi ? std::to_string(lo) : std::to_string(lo) + " to " + std::to_string(hi);
  };
  if (bottoms_.size() < min_bottoms || bottoms_.size() > max_bottoms)
    return Fail("has " + std::to_string(bottoms_.size()) + " bottoms, expected " +
                range(min_bottoms, max_bottoms));
  size_t tops = static_cast<size_t>(layer_.top_size());
  if (tops < min_tops || tops > max_tops)
    return Fail("has " + std::to_string(tops) + " tops, expected " + range(min_tops, max_tops));
  return Status::Ok();
}

Result<Tensor> LayerContext::Blob(size_t i, const Shape& shape, const char* role) const {
  if (i >= blobs_.size())
    return Fail("needs weight blob " + std::to_string(i) + " (" + role + ", shape " +
                    ShapeToString(shape) + ") but the weight file gives it " +
                    std::to_string(blobs_.size()) + " blob(s)",
                StatusCode::kParseModel);
  const Tensor& t = blobs_[i];
  if (t.num_elements() != NumElements(shape))
    return Fail("weight blob " + std::to_string(i) + " (" + role + ") has shape " +
                ShapeToString(t.shape()) + " (" + std::to_string(t.num_elements()) +
                " values), expected " + ShapeToString(shape) + " for this layer's parameters "
                "and input shape");
  return t.Reshaped(shape);
}

Value* LayerContext::Top(size_t i) {
  if (tops_[i]) return tops_[i];
  const std::string& name = layer_.top(static_cast<int>(i));
  // A top that names an existing blob (an in-place layer) becomes a new SSA value.
  std::string value_name = graph_.FindValue(name) ? graph_.UniqueName(name + "/" + layer_.name())
                                                  : name;
  tops_[i] = graph_.AddValue(value_name);
  return tops_[i];
}

Value* LayerContext::Const(const std::string& suffix, Tensor t) {
  return graph_.AddConstant(graph_.UniqueName(layer_.name() + "/" + suffix), std::move(t));
}

Value* LayerContext::ConstInts(const std::string& suffix, const std::vector<int64_t>& v) {
  return Const(suffix, Tensor::FromInt64(v, {static_cast<int64_t>(v.size())}));
}

Value* LayerContext::ConstFloat(const std::string& suffix, float v) {
  return Const(suffix, Tensor::FromFloat({v}, {}));
}

Result<Value*> LayerContext::Op(const std::string& op_type, const std::vector<Value*>& inputs,
                                NamedAttrs attrs, Value* out) {
  if (!out) out = graph_.AddValue(graph_.UniqueName(layer_.name() + "/" + op_type));
  RETURN_IF_ERROR(OpN(op_type, inputs, {out}, attrs));
  return out;
}

Status LayerContext::OpN(const std::string& op_type, const std::vector<Value*>& inputs,
                         const std::vector<Value*>& outputs, NamedAttrs attrs) {
  bool writes_top = std::any_of(outputs.begin(), outputs.end(), [&](Value* v) {
    return std::find(tops_.begin(), tops_.end(), v) != tops_.end();
  });
  std::string name = writes_top ? layer_.name() : graph_.UniqueName(layer_.name() + "/" + op_type);
  Node* node = graph_.AddNode(op_type, inputs, outputs, name);
  node->opset = kLoweringOpset;
  for (const auto& a : attrs) node->attrs.set(a.first, a.second);
  const OpSchema* schema = OpRegistry::Get().Find(op_type);
  if (!schema || !schema->infer)
    return Fail("lowers to op " + op_type + ", which openacl does not implement",
                StatusCode::kUnsupportedOp);
  Status st = schema->infer(*node);
  if (!st.ok()) return Fail(op_type + ": " + st.message());
  for (Value* v : outputs)
    if (v && (!v->has_shape || !IsStatic(v->shape)))
      return Fail(op_type + " output has no static shape");
  return Status::Ok();
}

Result<int64_t> LayerContext::Axis(int64_t axis, int64_t r, const char* what) const {
  int64_t a = axis < 0 ? axis + r : axis;
  if (a < 0 || a >= r)
    return Fail(std::string(what) + " " + std::to_string(axis) + " is out of range for a " +
                std::to_string(r) + "-D input");
  return a;
}

}  // namespace caffe_frontend
}  // namespace openacl
