// Reduced precision for the oneDNN Conv, ConvTranspose, MatMul and Gemm kernels (precision.md).
// (docs/precision.md).
//
// The compiler (compiler/precision_mode.h, atc --precision_mode / --keep_dtype) records on each
// of those nodes the precision it asks for, in the node attribute "openacl_precision": "fp32",
// "bf16" or "fp16". The kernel decides at Prepare, i.e. when the model is LOADED, on the CPU it
// runs on: a "bf16" or "fp16" request runs with bf16 source and weights and fp32 accumulation and
// destination where the CPU has AVX512-BF16 (oneDNN's avx512_core_bf16 or better); otherwise,
// or with OPENACL_DISABLE_BF16=1 in the environment, it runs in fp32 and logs once (warning)
// that the request was not honoured. fp16 requests run as bf16: oneDNN 2.6 has no fp16
// convolution on x86 CPUs. Everything else (post-ops, residuals, other ops) stays fp32.
#pragma once

#include <string>

#include "ir/graph.h"

namespace openacl::onednn {

// The node attribute the compiler writes and the kernels read.
inline constexpr const char* kPrecisionAttr = "openacl_precision";

enum class ComputeType { kF32, kBF16 };

// Whether this CPU runs oneDNN's bf16 kernels natively (AVX512-BF16 / AMX-BF16), not counting
// OPENACL_DISABLE_BF16.
bool CpuHasBf16();
// False when OPENACL_DISABLE_BF16 is set to anything but "" or "0" (read on every call, so a
// test can switch it between loads).
bool Bf16AllowedByEnvironment();

// What `node` computes in on this machine (see above); logs once per process when a reduced
// request falls back to fp32.
ComputeType ChooseComputeType(const Node& node);

// "fp32" / "bf16".
const char* ComputeTypeName(ComputeType t);

}  // namespace openacl::onednn
