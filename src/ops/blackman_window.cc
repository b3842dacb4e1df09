// BlackmanWindow (opset 17); see common/window_util.h.
#include "ops/common/window_util.h"

namespace openacl {
void RegisterOp_BlackmanWindow(OpRegistry& registry) {
  RegisterCosineWindow(registry, "BlackmanWindow");
}
}  // namespace openacl
