// NonMaxSuppression: per batch and class, greedily keeps the highest-scoring boxes, dropping each
// box whose IoU with an already kept box is > iou_threshold; boxes with score <= score_threshold
// (when given) are never kept; at most max_output_boxes_per_class per class (0 or omitted: none).
// Output: int64 [num_selected, 3] rows (batch, class, box), batch-major, then class, then in
// selection order. Equal scores keep the lower box index first (as onnxruntime does).
// Boxes: [y1, x1, y2, x2] any diagonal corners (center_point_box=0) or [xc, yc, w, h] (=1).
// The row count depends on the values: exact when every input is constant, else -1.
#include <algorithm>
#include <cmath>
#include <vector>

#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

struct NmsParams {
  int64_t max_per_class = 0;
  float iou_threshold = 0.0f;
  bool has_score_threshold = false;
  float score_threshold = 0.0f;
  bool center_point_box = false;
};

struct NmsDims {
  int64_t batches = 0, classes = 0, boxes = 0;
};

// A scalar-like input (shape [] or [1]); data == nullptr when the input is omitted.
struct ScalarIn {
  const void* data = nullptr;
  DType dtype = DType::kUndefined;
};

Result<NmsParams> ReadParams(const std::string& desc, bool center, ScalarIn max_out, ScalarIn iou,
                             ScalarIn score) {
  NmsParams p;
  p.center_point_box = center;
  if (max_out.data)
    p.max_per_class = std::max<int64_t>(0, ReadAsInt64(max_out.data, max_out.dtype, 0));
  if (iou.data) p.iou_threshold = static_cast<float>(ReadAsDouble(iou.data, iou.dtype, 0));
  if (score.data) {
    p.has_score_threshold = true;
    p.score_threshold = static_cast<float>(ReadAsDouble(score.data, score.dtype, 0));
  }
  if (!(p.iou_threshold >= 0.0f && p.iou_threshold <= 1.0f))
    return Status(
        StatusCode::kInvalidParam,
        desc + ": iou_threshold " + std::to_string(p.iou_threshold) + " is outside [0, 1]");
  return p;
}

// Box as (ymin, xmin, ymax, xmax).
struct Corners {
  float y1, x1, y2, x2;
};

Corners ToCorners(const float* b, bool center) {
  if (center) {
    return {b[1] - b[3] / 2, b[0] - b[2] / 2, b[1] + b[3] / 2, b[0] + b[2] / 2};
  }
  return {std::min(b[0], b[2]), std::min(b[1], b[3]), std::max(b[0], b[2]), std::max(b[1], b[3])};
}

bool Suppresses(const float* a, const float* b, const NmsParams& p) {
  Corners ca = ToCorners(a, p.center_point_box), cb = ToCorners(b, p.center_point_box);
  float ih = std::min(ca.y2, cb.y2) - std::max(ca.y1, cb.y1);
  float iw = std::min(ca.x2, cb.x2) - std::max(ca.x1, cb.x1);
  if (ih <= 0 || iw <= 0) return false;
  float inter = ih * iw;
  float area_a = (ca.y2 - ca.y1) * (ca.x2 - ca.x1), area_b = (cb.y2 - cb.y1) * (cb.x2 - cb.x1);
  float uni = area_a + area_b - inter;
  if (area_a <= 0 || area_b <= 0 || uni <= 0) return false;
  return inter / uni > p.iou_threshold;
}

// Calls emit(batch, class, box) for every kept box in output order. `work` holds 2 * dims.boxes
// int64 (candidate order and kept boxes of the current class).
template <typename Emit>
void RunNms(const float* boxes, const float* scores, const NmsDims& d, const NmsParams& p,
            int64_t* work, Emit&& emit) {
  if (p.max_per_class == 0) return;
  int64_t *cand = work, *kept = work + d.boxes;
  for (int64_t b = 0; b < d.batches; ++b) {
    const float* batch_boxes = boxes + b * d.boxes * 4;
    for (int64_t c = 0; c < d.classes; ++c) {
      const float* s = scores + (b * d.classes + c) * d.boxes;
      int64_t n = 0;
      for (int64_t i = 0; i < d.boxes; ++i)
        if (!p.has_score_threshold || s[i] > p.score_threshold) cand[n++] = i;
      std::sort(cand, cand + n,
                [&](int64_t x, int64_t y) { return s[x] != s[y] ? s[x] > s[y] : x < y; });
      int64_t num_kept = 0;
      for (int64_t k = 0; k < n && num_kept < p.max_per_class; ++k) {
        const float* box = batch_boxes + cand[k] * 4;
        bool suppressed = false;
        for (int64_t j = 0; j < num_kept && !suppressed; ++j)
          suppressed = Suppresses(batch_boxes + kept[j] * 4, box, p);
        if (suppressed) continue;
        kept[num_kept++] = cand[k];
        emit(b, c, cand[k]);
      }
    }
  }
}

Status CheckShapes(const Node& node, const Shape& boxes, const Shape& scores, NmsDims* dims) {
  auto mismatch = [&] {
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": boxes " + ShapeToString(boxes) +
                                                 " and scores " + ShapeToString(scores) +
                                                 " must be [B, N, 4] and [B, C, N]");
  };
  if (boxes.size() != 3 || scores.size() != 3 || (boxes[2] >= 0 && boxes[2] != 4))
    return mismatch();
  if (boxes[0] >= 0 && scores[0] >= 0 && boxes[0] != scores[0]) return mismatch();
  if (boxes[1] >= 0 && scores[2] >= 0 && boxes[1] != scores[2]) return mismatch();
  *dims = {boxes[0], scores[1], boxes[1]};
  return Status::Ok();
}

ScalarIn ConstScalar(const Node& node, size_t i) {
  const Value* v = node.input(i);
  if (!v || !v->is_constant() || NumElements(v->shape) < 1) return {};
  return {v->constant->data(), v->dtype};
}

Status InferNonMaxSuppression(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  for (size_t i = 0; i < 2; ++i)
    if (node.inputs[i]->dtype != DType::kFloat32)
      return Status(StatusCode::kUnsupportedDataType,
                    node.Describe() + ": input " + std::to_string(i) + " must be float32, got " +
                        DTypeName(node.inputs[i]->dtype));
  NmsDims dims;
  RETURN_IF_ERROR(CheckShapes(node, node.inputs[0]->shape, node.inputs[1]->shape, &dims));
  bool all_const = true;
  for (const Value* v : node.inputs) all_const = all_const && (!v || v->is_constant());
  int64_t rows = -1;
  if (all_const) {
    ASSIGN_OR_RETURN(NmsParams p,
                     ReadParams(node.Describe(), node.attrs.get_int("center_point_box", 0) != 0,
                                ConstScalar(node, 2), ConstScalar(node, 3), ConstScalar(node, 4)));
    std::vector<int64_t> work(2 * static_cast<size_t>(dims.boxes));
    rows = 0;
    RunNms(node.inputs[0]->constant->data_as<float>(), node.inputs[1]->constant->data_as<float>(),
           dims, p, work.data(), [&](int64_t, int64_t, int64_t) { ++rows; });
  }
  SetOutput(node, 0, DType::kInt64, {rows, 3});
  return Status::Ok();
}

class NonMaxSuppressionKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    desc_ = node.Describe();
    center_ = node.attrs.get_int("center_point_box", 0) != 0;
    scratch_boxes_ =
        std::max<int64_t>(0, node.inputs[0]->shape.size() == 3 ? node.inputs[0]->shape[1] : 0);
    return Status::Ok();
  }
  size_t ScratchBytes() const override {
    return 2 * static_cast<size_t>(scratch_boxes_) * sizeof(int64_t);
  }
  Status Run(const KernelIO& io) const override {
    auto scalar = [&](size_t i) {
      return io.has_input(i) && io.in(i).numel() > 0 ? ScalarIn{io.in(i).data, io.in(i).dtype}
                                                     : ScalarIn{};
    };
    ASSIGN_OR_RETURN(NmsParams p, ReadParams(desc_, center_, scalar(2), scalar(3), scalar(4)));
    NmsDims d{io.in(0).dim(0), io.in(1).dim(1), io.in(0).dim(1)};
    // The scratch normally holds the work arrays; boxes beyond what Prepare saw fall back to a
    // heap buffer (a small allocation tolerated in this value-dependent reference kernel).
    std::vector<int64_t> heap;
    int64_t* work = static_cast<int64_t*>(io.scratch);
    if (d.boxes > scratch_boxes_ || !work) {
      heap.resize(2 * static_cast<size_t>(d.boxes) + 1);
      work = heap.data();
    }
    const TensorRef& y = io.out(0);
    int64_t capacity = y.rank() == 2 && y.dim(1) == 3 ? y.dim(0) : 0, rows = 0;
    int64_t* out = y.as<int64_t>();
    RunNms(io.in(0).as<const float>(), io.in(1).as<const float>(), d, p, work,
           [&](int64_t b, int64_t c, int64_t box) {
             if (rows < capacity) {
               out[rows * 3] = b;
               out[rows * 3 + 1] = c;
               out[rows * 3 + 2] = box;
             }
             ++rows;
           });
    if (rows != capacity || y.rank() != 2 || y.dim(1) != 3)
      return Status(StatusCode::kShapeInvalid, desc_ + ": output shape " + ShapeToString(*y.shape) +
                                                   " does not match the " + std::to_string(rows) +
                                                   " selected boxes");
    return Status::Ok();
  }

 private:
  std::string desc_ = "NonMaxSuppression";
  bool center_ = false;
  int64_t scratch_boxes_ = 0;
};

}  // namespace

void RegisterOp_NonMaxSuppression(OpRegistry& registry) {
  OpSchema s;
  s.name = "NonMaxSuppression";
  s.min_opset = 10;
  s.min_inputs = 2;
  s.max_inputs = 5;
  s.infer = InferNonMaxSuppression;
  s.reference = [] { return std::unique_ptr<Kernel>(new NonMaxSuppressionKernel()); };
  s.types = {DType::kFloat32};
  s.output_shape_from_values = true;
  registry.Register(std::move(s));
}

}  // namespace openacl
