// Shape checks shared by the channel-wise normalizations (InstanceNormalization,
// BatchNormalization, GroupNormalization): X is (N, C, D1, ...), parameters are 1-D.
#pragma once

#include "ops/common/math_util.h"

namespace openacl {

// Checks X has rank >= 2 and inputs [1, n) have `expected` elements (any shape), same type.
Status CheckChannelParams(const Node& node, size_t n, int64_t expected, const char* what);

}  // namespace openacl
