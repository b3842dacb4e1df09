// Overflow-checked size arithmetic: the one helper for every product or sum of dims, element
// sizes, pitches and alignments (shape inference, tensor byte sizes, the planner, tensor-desc
// sizes, the memory API). A hostile shape or size becomes an error naming what overflowed,
// never a wrapped small number.
//
// Two forms:
//   * CheckedMul / CheckedAdd / CheckedRoundUp: false on overflow (the result is then unset).
//   * SatMulDim / SatAddDim: dim arithmetic of shape inference (int64, < 0 = unknown). An
//     overflow saturates to kDimOverflow, which no size check accepts, so the check that runs
//     after every op's inference (OpRegistry, CheckShapeBytes in ir/tensor.h) reports the
//     tensor by name instead of a kernel writing past a buffer sized from a wrapped dim.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace openacl {

template <typename T>
[[nodiscard]] inline bool CheckedMul(T a, T b, T* out) {
  static_assert(std::is_integral_v<T>, "integers only");
  return !__builtin_mul_overflow(a, b, out);
}

template <typename T>
[[nodiscard]] inline bool CheckedAdd(T a, T b, T* out) {
  static_assert(std::is_integral_v<T>, "integers only");
  return !__builtin_add_overflow(a, b, out);
}

// n rounded up to a multiple of `align` (align > 0).
template <typename T>
[[nodiscard]] inline bool CheckedRoundUp(T n, T align, T* out) {
  static_assert(std::is_unsigned_v<T>, "unsigned sizes only");
  if (align == 0) return false;
  T bumped;
  if (!CheckedAdd<T>(n, align - 1, &bumped)) return false;
  *out = bumped / align * align;
  return true;
}

// A dim that overflowed int64 during shape inference.
inline constexpr int64_t kDimOverflow = std::numeric_limits<int64_t>::max();

// a * b for dims: -1 when either is unknown, kDimOverflow on overflow.
inline int64_t SatMulDim(int64_t a, int64_t b) {
  if (a < 0 || b < 0) return -1;
  int64_t r;
  return CheckedMul<int64_t>(a, b, &r) ? r : kDimOverflow;
}

// a + b for dims and (possibly negative) pads: kDimOverflow when the sum overflows either way
// (a negative result is left to the caller, e.g. "pads crop more than the input").
inline int64_t SatAddDim(int64_t a, int64_t b) {
  int64_t r;
  return CheckedAdd<int64_t>(a, b, &r) ? r : kDimOverflow;
}

// A double (scaled dim, element count from float inputs) as a dim: kDimOverflow when it does not
// fit int64 (the cast would be undefined), -1 for NaN.
inline int64_t DimFromDouble(double v) {
  if (v != v) return -1;
  if (v >= 9.2e18) return kDimOverflow;
  if (v <= -9.2e18) return -kDimOverflow;
  return static_cast<int64_t>(v);
}

}  // namespace openacl
