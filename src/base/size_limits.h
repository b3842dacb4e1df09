// Limits that make loads and compiles of hostile models fail fast: a ~200-byte model must not
// make openacl allocate gigabytes or run for minutes (a Pad of 2^40, a Tile by huge repeats,
// a ConstantOfShape of [2^40]). Checked after every op's shape inference (OpRegistry), so the
// error names the node and tensor before anything is folded, planned or allocated.
//
// max_tensor_bytes: the largest tensor (graph input or computed value) a model may declare.
//   Default: half of physical RAM (the default device heap: a larger tensor can never run).
//   Set by the environment variable OPENACL_MAX_TENSOR_MB (atc, msame, any process), or by
//   {"openacl": {"max_tensor_mb": N}} in the acl.json given to aclInit (docs/error-policy.md).
#pragma once

#include <cstdint>

namespace openacl {

uint64_t MaxTensorBytes();
// 0 restores the default (the environment variable, else half of physical RAM).
void SetMaxTensorBytes(uint64_t bytes);
// Where the current limit comes from, for error messages ("OPENACL_MAX_TENSOR_MB", ...).
const char* MaxTensorBytesOrigin();

}  // namespace openacl
