// Softmax: y = exp(x - max) / sum(exp(x - max)) along the axis (see softmax_util.h for the
// opset 13 change of axis semantics).
#include <algorithm>

#include "ops/common/softmax_util.h"

namespace openacl {
namespace {

struct SoftmaxRow {
  static void Row(std::vector<double>& row) {
    if (row.empty()) return;
    double m = -INFINITY, sum = 0;
    for (double v : row) m = std::max(m, v);
    for (double& v : row) sum += (v = std::exp(v - m));
    for (double& v : row) v /= sum;
  }
};

}  // namespace

void RegisterOp_Softmax(OpRegistry& registry) {
  RegisterSoftmaxLike<SoftmaxRow>(registry, "Softmax");
}

}  // namespace openacl
