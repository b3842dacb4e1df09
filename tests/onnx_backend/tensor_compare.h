// Output comparison with the suite's rules: numeric types within |got - expected| <=
// atol + rtol * |expected| (NaN equals NaN, infinities must match), integers and bool exactly.
#pragma once

#include <string>

#include "ir/tensor.h"

namespace openacl {
namespace backend_test {

struct CompareResult {
  bool ok = true;
  std::string message;  // names the output, the number of mismatches and the worst element
};

// `got` holds `expected.num_elements()` elements of `got_dtype` laid out as `got_shape`.
CompareResult CompareOutput(const std::string& what, DType got_dtype, const Shape& got_shape,
                            const void* got, const Tensor& expected, double rtol, double atol);

}  // namespace backend_test
}  // namespace openacl
