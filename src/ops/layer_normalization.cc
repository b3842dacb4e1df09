// LayerNormalization (opset 17): normalizes over dims [axis, rank) of X, then Y = norm * Scale + B
// (Scale and B broadcast to X.shape[axis:]). Optional outputs Mean and InvStdDev have shape
// X.shape[:axis] + [1]*(rank-axis) and type float (stash_type=1) or X's type.
#include "ops/common/math_util.h"
#include "ops/common/reduce_util.h"

namespace openacl {
namespace {

Status InferLayerNorm(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  RETURN_IF_ERROR(CheckSchemaType(node, 0));
  RETURN_IF_ERROR(CheckSameTypes(node, node.inputs.size()));
  const Shape& x = node.inputs[0]->shape;
  int64_t rank = static_cast<int64_t>(x.size());
  ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(node.attrs.get_int("axis", -1), rank, node));
  Shape norm(x.begin() + axis, x.end());
  for (size_t i = 1; i < node.inputs.size(); ++i) {
    if (!node.inputs[i]) continue;
    auto b = BroadcastShapes(norm, node.inputs[i]->shape);
    if (!b.ok() || b.value() != norm)
      return Status(StatusCode::kShapeInvalid, node.Describe() + ": input " + std::to_string(i) +
                                                   " shape " +
                                                   ShapeToString(node.inputs[i]->shape) +
                                                   " does not broadcast to " + ShapeToString(norm));
  }
  SetOutput(node, 0, node.inputs[0]->dtype, x);
  Shape stat(x.begin(), x.begin() + axis);
  stat.resize(x.size(), 1);
  DType stat_type =
      node.attrs.get_int("stash_type", 1) == 1 ? DType::kFloat32 : node.inputs[0]->dtype;
  SetOutput(node, 1, stat_type, stat);
  SetOutput(node, 2, stat_type, stat);
  return Status::Ok();
}

class LayerNormKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(axis_,
                     NormalizeAxis(node.attrs.get_int("axis", -1),
                                   static_cast<int64_t>(node.inputs[0]->shape.size()), node));
    epsilon_ = node.attrs.get_float("epsilon", 1e-5f);
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef& x = io.in(0);
    Shape norm(x.shape->begin() + axis_, x.shape->end());
    int64_t d = NumElements(norm), rows = d == 0 ? 0 : x.numel() / d;
    std::vector<int64_t> sizes(norm.begin(), norm.end());
    std::vector<int64_t> s_strides = BroadcastStrides(*io.in(1).shape, norm);
    std::vector<int64_t> b_strides;
    if (io.has_input(2)) b_strides = BroadcastStrides(*io.in(2).shape, norm);
#pragma omp parallel for if (rows > 16)
    for (int64_t r = 0; r < rows; ++r) {
      double mean = 0, var = 0;
      for (int64_t j = 0; j < d; ++j) mean += ReadAsDouble(x.data, x.dtype, r * d + j);
      mean /= static_cast<double>(d);
      for (int64_t j = 0; j < d; ++j) {
        double c = ReadAsDouble(x.data, x.dtype, r * d + j) - mean;
        var += c * c;
      }
      var /= static_cast<double>(d);
      double inv = 1.0 / std::sqrt(var + static_cast<double>(epsilon_));
      for (int64_t j = 0; j < d; ++j) {
        double v = (ReadAsDouble(x.data, x.dtype, r * d + j) - mean) * inv;
        v *= ReadAsDouble(io.in(1).data, io.in(1).dtype, BoxOffset(sizes, s_strides, j));
        if (io.has_input(2))
          v += ReadAsDouble(io.in(2).data, io.in(2).dtype, BoxOffset(sizes, b_strides, j));
        WriteFromDouble(io.out(0).data, io.out(0).dtype, r * d + j, v);
      }
      if (io.has_output(1)) WriteFromDouble(io.out(1).data, io.out(1).dtype, r, mean);
      if (io.has_output(2)) WriteFromDouble(io.out(2).data, io.out(2).dtype, r, inv);
    }
    return Status::Ok();
  }

 private:
  int64_t axis_ = -1;
  float epsilon_ = 1e-5f;
};

}  // namespace

void RegisterOp_LayerNormalization(OpRegistry& registry) {
  OpSchema s;
  s.name = "LayerNormalization";
  s.min_opset = 17;
  s.min_inputs = 2;
  s.max_inputs = 3;
  s.min_outputs = 1;
  s.max_outputs = 3;
  s.infer = InferLayerNorm;
  s.reference = [] { return std::unique_ptr<Kernel>(new LayerNormKernel()); };
  s.types = FloatTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
