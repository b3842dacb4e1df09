// LogSoftmax: y = x - max - log(sum(exp(x - max))) along the axis (see softmax_util.h
// for the opset 13 change of axis semantics).
#include <algorithm>

#include "ops/common/softmax_util.h"

namespace openacl {
namespace {

struct LogSoftmaxRow {
  static void Row(std::vector<double>& row) {
    if (row.empty()) return;
    double m = -INFINITY, sum = 0;
    for (double v : row) m = std::max(m, v);
    for (double v : row) sum += std::exp(v - m);
    double lse = m + std::log(sum);
    for (double& v : row) v -= lse;
  }
};

}  // namespace

void RegisterOp_LogSoftmax(OpRegistry& registry) {
  RegisterSoftmaxLike<LogSoftmaxRow>(registry, "LogSoftmax");
}

}  // namespace openacl
