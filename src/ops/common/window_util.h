// HannWindow, HammingWindow, BlackmanWindow (opset 17): generalized cosine windows of a
// constant length `size`; periodic (default) or symmetric; output_datatype picks the type.
#pragma once

#include "ops/op_registry.h"

namespace openacl {

// w[n] = a0 - a1 cos(2 pi n / N) + a2 cos(4 pi n / N), N = size (periodic) or size - 1.
void RegisterCosineWindow(OpRegistry& registry, const char* name);

}  // namespace openacl
