#include "tensor_compare.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>

namespace openacl {
namespace backend_test {
namespace {

std::string IndexToString(int64_t flat, const Shape& shape) {
  if (shape.empty()) return "[]";
  std::vector<int64_t> idx(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    int64_t dim = shape[d] > 0 ? shape[d] : 1;
    idx[d] = flat % dim;
    flat /= dim;
  }
  std::ostringstream ss;
  ss << "[";
  for (size_t d = 0; d < idx.size(); ++d) ss << (d ? "," : "") << idx[d];
  ss << "]";
  return ss.str();
}

std::string FormatValue(const void* data, DType dtype, int64_t i) {
  std::ostringstream ss;
  ss.precision(9);
  if (IsInteger(dtype)) {
    if (dtype == DType::kUInt64)
      ss << static_cast<const uint64_t*>(data)[i];
    else
      ss << ReadAsInt64(data, dtype, i);
  } else if (dtype == DType::kBool) {
    ss << (static_cast<const uint8_t*>(data)[i] ? "true" : "false");
  } else {
    ss << ReadAsDouble(data, dtype, i);
  }
  return ss.str();
}

// How far element i is outside the tolerance (<= 0 = within).
double Excess(double g, double e, double rtol, double atol) {
  if (std::isnan(e) || std::isnan(g)) return std::isnan(e) && std::isnan(g) ? 0.0 : INFINITY;
  if (std::isinf(e) || std::isinf(g)) return g == e ? 0.0 : INFINITY;
  return std::fabs(g - e) - (atol + rtol * std::fabs(e));
}

}  // namespace

CompareResult CompareOutput(const std::string& what, DType got_dtype, const Shape& got_shape,
                            const void* got, const Tensor& expected, double rtol, double atol) {
  CompareResult r;
  if (got_dtype != expected.dtype()) {
    r.ok = false;
    r.message =
        what + ": dtype " + DTypeName(got_dtype) + ", expected " + DTypeName(expected.dtype());
    return r;
  }
  if (got_shape != expected.shape()) {
    r.ok = false;
    r.message = what + ": shape " + ShapeToString(got_shape) + ", expected " +
                ShapeToString(expected.shape());
    return r;
  }
  const int64_t n = expected.num_elements();
  const size_t elem = DTypeSize(got_dtype);
  const bool exact = IsInteger(got_dtype) || got_dtype == DType::kBool;
  int64_t mismatches = 0, worst = -1;
  double worst_excess = -INFINITY;
  for (int64_t i = 0; i < n; ++i) {
    double excess;
    if (got_dtype == DType::kBool) {
      bool g = static_cast<const uint8_t*>(got)[i] != 0;
      bool e = expected.data_as<uint8_t>()[i] != 0;
      excess = g == e ? 0.0 : 1.0;
    } else if (exact) {
      excess = std::memcmp(static_cast<const uint8_t*>(got) + i * elem,
                           static_cast<const uint8_t*>(expected.data()) + i * elem, elem) == 0
                   ? 0.0
                   : std::fabs(ReadAsDouble(got, got_dtype, i) -
                               ReadAsDouble(expected.data(), got_dtype, i)) +
                         1.0;
    } else {
      excess = Excess(ReadAsDouble(got, got_dtype, i), ReadAsDouble(expected.data(), got_dtype, i),
                      rtol, atol);
    }
    if (excess > 0) {
      ++mismatches;
      if (excess > worst_excess) {
        worst_excess = excess;
        worst = i;
      }
    }
  }
  if (mismatches == 0) return r;
  r.ok = false;
  std::ostringstream ss;
  ss << what << ": " << mismatches << " of " << n << " elements differ; worst at "
     << IndexToString(worst, got_shape) << " (flat " << worst << "): got "
     << FormatValue(got, got_dtype, worst) << ", expected "
     << FormatValue(expected.data(), got_dtype, worst);
  r.message = ss.str();
  return r;
}

}  // namespace backend_test
}  // namespace openacl
