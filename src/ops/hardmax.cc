// Hardmax: 1 at the first maximum along the axis, 0 elsewhere (see softmax_util.h for the
// opset 13 change of axis semantics).
#include <algorithm>

#include "ops/common/softmax_util.h"

namespace openacl {
namespace {

struct HardmaxRow {
  static void Row(std::vector<double>& row) {
    if (row.empty()) return;
    size_t best = 0;
    for (size_t k = 1; k < row.size(); ++k)
      if (row[k] > row[best]) best = k;
    for (size_t k = 0; k < row.size(); ++k) row[k] = k == best ? 1.0 : 0.0;
  }
};

}  // namespace

void RegisterOp_Hardmax(OpRegistry& registry) {
  RegisterSoftmaxLike<HardmaxRow>(registry, "Hardmax");
}

}  // namespace openacl
