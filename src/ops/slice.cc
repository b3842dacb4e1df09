// Slice (opset 1+): starts/ends/axes are attributes before opset 10, constant inputs 1..4
// (starts, ends, axes, steps) from 10. Negative indices count from the end, out-of-range ones
// are clamped, negative steps walk backwards.
#include <algorithm>
#include <limits>

#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

struct AxisSlice {
  int64_t start = 0, step = 1, len = -1;  // len -1: unknown (input dim unknown)
};

// One entry per input dim; dims not sliced keep start 0, step 1, full length.
Result<std::vector<AxisSlice>> ComputeSlices(const Node& node) {
  const Shape& in = node.input(0)->shape;
  int64_t rank = static_cast<int64_t>(in.size());
  std::vector<int64_t> starts, ends, axes, steps;
  if (node.opset < 10) {
    starts = node.attrs.get_ints("starts");
    ends = node.attrs.get_ints("ends");
    axes = node.attrs.get_ints("axes");
  } else {
    ASSIGN_OR_RETURN(starts, ConstantInts(node, 1));
    ASSIGN_OR_RETURN(ends, ConstantInts(node, 2));
    if (HasInput(node, 3)) {
      ASSIGN_OR_RETURN(axes, ConstantInts(node, 3));
    }
    if (HasInput(node, 4)) {
      ASSIGN_OR_RETURN(steps, ConstantInts(node, 4));
    }
  }
  if (axes.empty())
    for (size_t i = 0; i < starts.size(); ++i) axes.push_back(static_cast<int64_t>(i));
  if (steps.empty()) steps.assign(starts.size(), 1);
  if (ends.size() != starts.size() || axes.size() != starts.size() || steps.size() != starts.size())
    return Status(StatusCode::kShapeInvalid,
                  node.Describe() + ": starts/ends/axes/steps lengths differ (" +
                      std::to_string(starts.size()) + "/" + std::to_string(ends.size()) + "/" +
                      std::to_string(axes.size()) + "/" + std::to_string(steps.size()) + ")");
  std::vector<AxisSlice> out(static_cast<size_t>(rank));
  std::vector<bool> seen(static_cast<size_t>(rank), false);
  for (int64_t d = 0; d < rank; ++d) out[d].len = in[d];
  for (size_t i = 0; i < starts.size(); ++i) {
    ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(axes[i], rank, node));
    if (rank == 0)
      return Status(StatusCode::kShapeInvalid, node.Describe() + ": cannot slice a scalar");
    if (seen[axis])
      return Status(StatusCode::kShapeInvalid,
                    node.Describe() + ": axis " + std::to_string(axes[i]) + " repeated");
    seen[axis] = true;
    int64_t step = steps[i];
    if (step == 0) return Status(StatusCode::kShapeInvalid, node.Describe() + ": step is 0");
    int64_t dim = in[axis];
    AxisSlice& s = out[axis];
    s.step = step;
    if (dim < 0) {
      s.len = -1;
      continue;
    }
    int64_t b = starts[i], e = ends[i];
    if (b < 0) b = b < -dim ? -1 : b + dim;  // avoids overflow on INT64_MIN-like values
    if (e < 0) e = e < -dim ? -1 : e + dim;
    if (step > 0) {
      b = std::clamp<int64_t>(b, 0, dim);
      e = std::clamp<int64_t>(e, 0, dim);
      s.len = e > b ? (e - b - 1) / step + 1 : 0;
    } else {
      b = std::clamp<int64_t>(b, 0, dim - 1);
      e = std::clamp<int64_t>(e, -1, dim - 1);
      s.len = b > e ? (b - e - 1) / (-step) + 1 : 0;
    }
    s.start = b;
  }
  return out;
}

Status InferSlice(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  RETURN_IF_ERROR(CheckFixedSize(node, node.input(0)->dtype));
  ASSIGN_OR_RETURN(std::vector<AxisSlice> slices, ComputeSlices(node));
  Shape out;
  for (const AxisSlice& s : slices) out.push_back(s.len);
  SetOutput(node, 0, node.input(0)->dtype, out);
  return Status::Ok();
}

class SliceKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(std::vector<AxisSlice> slices, ComputeSlices(node));
    std::vector<int64_t> strides = Strides(node.input(0)->shape);
    for (size_t d = 0; d < slices.size(); ++d) {
      if (slices[d].len < 0)
        return Status(StatusCode::kShapeInvalid, node.Describe() + ": input shape " +
                                                     ShapeToString(node.input(0)->shape) +
                                                     " must be static");
      view_.shape.push_back(slices[d].len);
      view_.strides.push_back(strides[d] * slices[d].step);
      view_.offset += strides[d] * slices[d].start;
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

void RegisterOp_Slice(OpRegistry& registry) {
  OpSchema s;
  s.name = "Slice";
  s.min_opset = 1;
  s.max_inputs = 5;
  s.infer = InferSlice;
  s.reference = [] { return std::unique_ptr<Kernel>(new SliceKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
