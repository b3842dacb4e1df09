// HammingWindow (opset 17); see common/window_util.h.
#include "ops/common/window_util.h"

namespace openacl {
void RegisterOp_HammingWindow(OpRegistry& registry) {
  RegisterCosineWindow(registry, "HammingWindow");
}
}  // namespace openacl
