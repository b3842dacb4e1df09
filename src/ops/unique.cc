// Unique: the distinct elements of the flattened input, or the distinct slices along `axis`,
// sorted ascending (sorted=1, slices compared lexicographically) or in order of first occurrence
// (sorted=0). Outputs: Y, indices (first occurrence of each unique in X), inverse_indices (for
// each element/slice of X, its position in Y) and counts, all optional but Y.
// The unique count depends on the values: exact when the input is constant, else -1.
// NaNs compare equal to each other and greater than every number.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "ops/common/math_util.h"
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

template <typename T>
int Compare(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    bool na = std::isnan(a), nb = std::isnan(b);
    if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
  }
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Working arrays, 4 * len int64 in all: order (slices sorted by value, ties by index), group_of
// (slice -> group in sorted order), first (group -> first slice), rank (group -> position in Y).
struct UniqueWork {
  int64_t *order, *group_of, *first, *rank;
  explicit UniqueWork(int64_t* base, int64_t len)
      : order(base), group_of(base + len), first(base + 2 * len), rank(base + 3 * len) {}
};

// Groups equal slices; returns the number of unique slices, or -1 for an unsupported dtype.
int64_t GroupSlices(const void* data, DType dtype, const AxisGeometry& g, bool sorted,
                    const UniqueWork& w) {
  int64_t groups = -1;
  DispatchMath<true, true, true>(dtype, [&](auto tag) {
    using T = decltype(tag);
    auto compare = [&](int64_t a, int64_t b) {
      for (int64_t o = 0; o < g.outer; ++o) {
        for (int64_t i = 0; i < g.inner; ++i) {
          int c = Compare<T>(LoadAs<T>(data, dtype, (o * g.len + a) * g.inner + i),
                             LoadAs<T>(data, dtype, (o * g.len + b) * g.inner + i));
          if (c != 0) return c;
        }
      }
      return 0;
    };
    for (int64_t j = 0; j < g.len; ++j) w.order[j] = j;
    std::sort(w.order, w.order + g.len, [&](int64_t a, int64_t b) {
      int c = compare(a, b);
      return c != 0 ? c < 0 : a < b;
    });
    groups = 0;
    for (int64_t p = 0; p < g.len; ++p) {
      if (p == 0 || compare(w.order[p - 1], w.order[p]) != 0) w.first[groups++] = w.order[p];
      w.group_of[w.order[p]] = groups - 1;
    }
  });
  if (groups < 0) return -1;
  if (sorted) {
    for (int64_t k = 0; k < groups; ++k) w.rank[k] = k;
  } else {
    int64_t next = 0;
    for (int64_t j = 0; j < g.len; ++j)
      if (w.first[w.group_of[j]] == j) w.rank[w.group_of[j]] = next++;
  }
  return groups;
}

Status InferUnique(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  const Value* x = node.inputs[0];
  RETURN_IF_ERROR(CheckFixedSize(node, x->dtype));
  bool sorted = node.attrs.get_int("sorted", 1) != 0;
  ASSIGN_OR_RETURN(int64_t axis, OptionalAxis(node, x->shape.size()));
  AxisGeometry g = GeometryAroundAxis(x->shape, axis);
  int64_t count = -1;
  if (x->is_constant()) {
    std::vector<int64_t> work(4 * static_cast<size_t>(g.len));
    count = GroupSlices(x->constant->data(), x->dtype, g, sorted, UniqueWork(work.data(), g.len));
    if (count < 0) return UnsupportedType(node, x->dtype);
  }
  Shape y_shape = {count};
  if (axis >= 0) {
    y_shape = x->shape;
    y_shape[axis] = count;
  }
  SetOutput(node, 0, x->dtype, y_shape);
  SetOutput(node, 1, DType::kInt64, {count});
  SetOutput(node, 2, DType::kInt64, {g.len});
  SetOutput(node, 3, DType::kInt64, {count});
  return Status::Ok();
}

class UniqueKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    desc_ = node.Describe();
    sorted_ = node.attrs.get_int("sorted", 1) != 0;
    ASSIGN_OR_RETURN(axis_, OptionalAxis(node, node.inputs[0]->shape.size()));
    scratch_len_ = std::max<int64_t>(GeometryAroundAxis(node.inputs[0]->shape, axis_).len, 0);
    return Status::Ok();
  }
  size_t ScratchBytes() const override {
    return 4 * static_cast<size_t>(scratch_len_) * sizeof(int64_t);
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef& x = io.in(0);
    AxisGeometry g = GeometryAroundAxis(*x.shape, axis_);
    // Normally the scratch holds the work arrays; a larger input than Prepare saw falls back to a
    // heap buffer (a small allocation tolerated in this value-dependent reference kernel).
    std::vector<int64_t> heap;
    int64_t* base = static_cast<int64_t*>(io.scratch);
    if (g.len > scratch_len_ || !base) {
      heap.resize(4 * static_cast<size_t>(g.len) + 1);
      base = heap.data();
    }
    UniqueWork w(base, g.len);
    int64_t count = GroupSlices(x.data, x.dtype, g, sorted_, w);
    if (count < 0)
      return Status(StatusCode::kUnsupportedDataType,
                    desc_ + ": element type " + DTypeName(x.dtype) + " is not supported");
    return WriteOutputs(io, g, w, count);
  }

 private:
  Status CheckCount(const TensorRef& t, int64_t expected, const char* what) const {
    if (t.numel() == expected) return Status::Ok();
    return Status(StatusCode::kShapeInvalid, desc_ + ": output " + what + " has shape " +
                                                 ShapeToString(*t.shape) + " but the input gives " +
                                                 std::to_string(expected) + " elements");
  }
  Status WriteOutputs(const KernelIO& io, const AxisGeometry& g, const UniqueWork& w,
                      int64_t count) const {
    const TensorRef& x = io.in(0);
    if (io.has_output(0)) {
      const TensorRef& y = io.out(0);
      RETURN_IF_ERROR(CheckCount(y, g.outer * count * g.inner, "Y"));
      size_t slice = static_cast<size_t>(g.inner) * DTypeSize(x.dtype);
      const uint8_t* src = x.as<const uint8_t>();
      uint8_t* dst = y.as<uint8_t>();
      for (int64_t k = 0; k < count; ++k)
        for (int64_t o = 0; o < g.outer; ++o)
          std::memcpy(dst + (o * count + w.rank[k]) * slice, src + (o * g.len + w.first[k]) * slice,
                      slice);
    }
    if (io.has_output(1)) {
      RETURN_IF_ERROR(CheckCount(io.out(1), count, "indices"));
      int64_t* indices = io.out(1).as<int64_t>();
      for (int64_t k = 0; k < count; ++k) indices[w.rank[k]] = w.first[k];
    }
    if (io.has_output(2)) {
      RETURN_IF_ERROR(CheckCount(io.out(2), g.len, "inverse_indices"));
      int64_t* inverse = io.out(2).as<int64_t>();
      for (int64_t j = 0; j < g.len; ++j) inverse[j] = w.rank[w.group_of[j]];
    }
    if (io.has_output(3)) {
      RETURN_IF_ERROR(CheckCount(io.out(3), count, "counts"));
      int64_t* counts = io.out(3).as<int64_t>();
      std::fill(counts, counts + count, 0);
      for (int64_t j = 0; j < g.len; ++j) ++counts[w.rank[w.group_of[j]]];
    }
    return Status::Ok();
  }

  std::string desc_ = "Unique";
  bool sorted_ = true;
  int64_t axis_ = -1, scratch_len_ = 0;  // axis -1: flattened
};

}  // namespace

void RegisterOp_Unique(OpRegistry& registry) {
  OpSchema s;
  s.name = "Unique";
  s.min_opset = 11;
  s.min_inputs = s.max_inputs = 1;
  s.min_outputs = 1;
  s.max_outputs = 4;
  s.infer = InferUnique;
  s.reference = [] { return std::unique_ptr<Kernel>(new UniqueKernel()); };
  s.types = AllFixedSizeTypes();
  s.output_shape_from_values = true;
  registry.Register(std::move(s));
}

}  // namespace openacl
