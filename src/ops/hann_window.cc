// HannWindow (opset 17); see common/window_util.h.
#include "ops/common/window_util.h"

namespace openacl {
void RegisterOp_HannWindow(OpRegistry& registry) { RegisterCosineWindow(registry, "HannWindow"); }
}  // namespace openacl
