// Shapes and host tensors (constant data of the graph: initializers, folded constants, weights).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "ir/dtype.h"

namespace openacl {

using Shape = std::vector<int64_t>;  // a dim < 0 is unknown

// -1 if any dim is unknown; kDimOverflow (base/checked_math.h) when the count overflows int64.
int64_t NumElements(const Shape& shape);
// Bytes of `count` elements of `dtype`; SIZE_MAX when that overflows (an allocation of it fails
// instead of a wrapped small buffer), 0 for a negative (unknown) count.
size_t SaturatedBytes(int64_t count, DType dtype);
// Bytes of a static `shape` of `dtype`, checked: kShapeInvalid naming `what` (e.g. "output 'y' of
// node 'pad' (Pad)") when the element count or byte size overflows, or when it exceeds
// MaxTensorBytes() (base/size_limits.h) and `apply_limit` is set. Unknown dims count as 0.
Result<uint64_t> CheckShapeBytes(const Shape& shape, DType dtype, const std::string& what,
                                 bool apply_limit = true);
bool IsStatic(const Shape& shape);
std::string ShapeToString(const Shape& shape);
// Row-major strides in elements.
std::vector<int64_t> Strides(const Shape& shape);

// A dense, row-major host tensor. The bytes are shared and immutable once built, so copies are
// cheap; storage may be owned or point into an mmapped .om (kept alive by the shared_ptr).
class Tensor {
 public:
  Tensor() = default;
  Tensor(DType dtype, Shape shape);  // owned, zero-filled
  // Owned, contents unspecified (for outputs a kernel writes in full).
  static Tensor Uninitialized(DType dtype, Shape shape);
  Tensor(DType dtype, Shape shape, std::shared_ptr<const uint8_t> bytes);  // borrowed

  DType dtype() const { return dtype_; }
  const Shape& shape() const { return shape_; }
  int64_t num_elements() const { return NumElements(shape_); }
  size_t nbytes() const { return SaturatedBytes(num_elements(), dtype_); }
  const void* data() const { return bytes_.get(); }
  // Only valid on a tensor built with the owning constructor before it is shared.
  void* mutable_data() { return const_cast<uint8_t*>(bytes_.get()); }
  template <typename T>
  const T* data_as() const { return reinterpret_cast<const T*>(bytes_.get()); }
  bool empty() const { return bytes_ == nullptr && num_elements() != 0; }
  // The same bytes under another shape of equal element count (shared, no copy).
  Tensor Reshaped(Shape shape) const { return Tensor(dtype_, std::move(shape), bytes_); }

  // Reads element i converted to double / int64 (any numeric dtype).
  double GetAsDouble(int64_t i) const;
  int64_t GetAsInt64(int64_t i) const;
  std::vector<int64_t> ToInt64Vector() const;

  static Tensor FromInt64(const std::vector<int64_t>& values, Shape shape);
  static Tensor FromFloat(const std::vector<float>& values, Shape shape);

 private:
  DType dtype_ = DType::kUndefined;
  Shape shape_;
  std::shared_ptr<const uint8_t> bytes_;
};

// Element i of a raw buffer of `dtype` as double / int64; writes a double into element i.
double ReadAsDouble(const void* data, DType dtype, int64_t i);
int64_t ReadAsInt64(const void* data, DType dtype, int64_t i);
void WriteFromDouble(void* data, DType dtype, int64_t i, double v);

}  // namespace openacl
