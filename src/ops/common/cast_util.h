// Element conversion shared by Cast and CastLike: every numeric type, bool, float16, bfloat16.
// Integer-to-integer goes through 64-bit integers (exact, wrapping like C); anything involving a
// float goes through double and truncates toward zero (numpy astype). To bool: x != 0.
#pragma once

#include "ir/dtype.h"
#include "ops/kernel.h"

namespace openacl {

bool IsCastableType(DType t);
void CastElements(const void* src, DType src_type, void* dst, DType dst_type, int64_t n);

}  // namespace openacl
