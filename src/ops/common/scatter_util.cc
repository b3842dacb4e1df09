#include "ops/common/scatter_util.h"

#include <algorithm>

#include "ops/common/elementwise.h"

namespace openacl {

Result<ScatterReduction> ParseScatterReduction(const Node& node) {
  std::string r = node.attrs.get_string("reduction", "none");
  if (r == "none") return ScatterReduction::kNone;
  if (node.opset >= 16 && r == "add") return ScatterReduction::kAdd;
  if (node.opset >= 16 && r == "mul") return ScatterReduction::kMul;
  if (node.opset >= 18 && r == "max") return ScatterReduction::kMax;
  if (node.opset >= 18 && r == "min") return ScatterReduction::kMin;
  return Status(StatusCode::kOpAttrNotMatch, node.Describe() + ": reduction '" + r +
                                                 "' is not valid at opset " +
                                                 std::to_string(node.opset));
}

namespace {

template <typename T>
T Combine(T a, T b, ScatterReduction r) {
  switch (r) {
    case ScatterReduction::kAdd:
      return static_cast<T>(a + b);
    case ScatterReduction::kMul:
      return static_cast<T>(a * b);
    case ScatterReduction::kMax:
      return std::max(a, b);
    case ScatterReduction::kMin:
      return std::min(a, b);
    default:
      return b;
  }
}

}  // namespace

void ScatterCombine(void* dst, int64_t dst_i, const void* src, int64_t src_i, int64_t n,
                    DType dtype, ScatterReduction r) {
  size_t es = DTypeSize(dtype);
  if (r == ScatterReduction::kNone) {
    std::memcpy(static_cast<uint8_t*>(dst) + dst_i * es,
                static_cast<const uint8_t*>(src) + src_i * es, static_cast<size_t>(n) * es);
    return;
  }
  if (IsHalfType(dtype)) {
    for (int64_t i = 0; i < n; ++i) {
      double a = ReadAsDouble(dst, dtype, dst_i + i), b = ReadAsDouble(src, dtype, src_i + i);
      WriteFromDouble(dst, dtype, dst_i + i, Combine(a, b, r));
    }
    return;
  }
  OPENACL_DISPATCH_NUMERIC(dtype, T, {
    T* d = static_cast<T*>(dst) + dst_i;
    const T* s = static_cast<const T*>(src) + src_i;
    for (int64_t i = 0; i < n; ++i) d[i] = Combine(d[i], s[i], r);
  });
}

Status InferScatterElements(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 3));
  const Value *data = node.input(0), *idx = node.input(1), *upd = node.input(2);
  RETURN_IF_ERROR(CheckFixedSize(node, data->dtype));
  if (idx->dtype != DType::kInt32 && idx->dtype != DType::kInt64)
    return Status(
        StatusCode::kUnsupportedDataType,
        node.Describe() + ": indices must be int32 or int64, got " + DTypeName(idx->dtype));
  int64_t rank = static_cast<int64_t>(data->shape.size());
  if (rank == 0 || idx->shape.size() != data->shape.size() || idx->shape != upd->shape ||
      upd->dtype != data->dtype)
    return Status(StatusCode::kShapeInvalid,
                  node.Describe() + ": data " + ShapeToString(data->shape) + ", indices " +
                      ShapeToString(idx->shape) + " and updates " + ShapeToString(upd->shape) +
                      " must have the same rank, indices and updates the same shape");
  ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(node.attrs.get_int("axis", 0), rank, node));
  (void)axis;
  ASSIGN_OR_RETURN(ScatterReduction r, ParseScatterReduction(node));
  (void)r;
  SetOutput(node, 0, data->dtype, data->shape);
  return Status::Ok();
}

Status ScatterElementsKernel::Prepare(const Node& node) {
  describe_ = node.Describe();
  const Shape& data = node.input(0)->shape;
  ASSIGN_OR_RETURN(
      axis_, NormalizeAxis(node.attrs.get_int("axis", 0), static_cast<int64_t>(data.size()), node));
  ASSIGN_OR_RETURN(reduction_, ParseScatterReduction(node));
  const Shape& idx = node.input(1)->shape;
  for (size_t d = 0; d < data.size(); ++d)
    if (d != static_cast<size_t>(axis_) && idx[d] > data[d])
      return Status(StatusCode::kShapeInvalid, describe_ + ": indices " + ShapeToString(idx) +
                                                   " exceed data " + ShapeToString(data));
  data_strides_ = Strides(data);
  idx_strides_ = Strides(idx);
  return Status::Ok();
}

Status ScatterElementsKernel::Run(const KernelIO& io) const {
  const TensorRef &data = io.in(0), &idx = io.in(1), &upd = io.in(2), &out = io.out(0);
  CopyUnlessAliased(data, out);
  int64_t dim = data.dim(static_cast<size_t>(axis_));
  int64_t n = idx.numel();
  for (int64_t i = 0; i < n; ++i) {
    int64_t k = ReadAsInt64(idx.data, idx.dtype, i);
    if (k < -dim || k >= dim)
      return Status(StatusCode::kInvalidParam, describe_ + ": index " + std::to_string(k) +
                                                   " out of range for axis size " +
                                                   std::to_string(dim));
    if (k < 0) k += dim;
    int64_t rem = i, off = 0;
    for (size_t d = 0; d < idx_strides_.size(); ++d) {
      int64_t c = rem / idx_strides_[d];
      rem -= c * idx_strides_[d];
      off += (d == static_cast<size_t>(axis_) ? k : c) * data_strides_[d];
    }
    ScatterCombine(out.data, off, upd.data, i, 1, data.dtype, reduction_);
  }
  return Status::Ok();
}

}  // namespace openacl
